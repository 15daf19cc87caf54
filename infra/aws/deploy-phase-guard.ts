/**
 * The deploy-phase guard. `secure-platform:deployPhase: foundation` declares no Kubernetes resource, so on a stack
 * whose last deployment included them a `pulumi up` would delete every one, MongoDB and its data among them. In the
 * foundation phase the program first reads its own stack's last outputs, through a stack reference to itself, and
 * refuses to go on when they show that the Kubernetes resources may exist. The platform phase reads nothing.
 *
 * Pulumi facts this relies on (pulumi/pulumi, pkg/ at 1b59498, and the issues named):
 * - A stack may reference itself: a later update reads the outputs of the earlier ones
 *   (https://github.com/pulumi/pulumi/issues/3722).
 * - A stack reference is a read of `pulumi:pulumi:StackReference` (https://github.com/pulumi/pulumi/pull/2332), and
 *   reads run in previews too (resource/deploy/step.go, `ReadStep.Apply`): `pulumi preview` refuses as `pulumi up` does.
 * - It returns the outputs of the stack's root resource in its latest snapshot, and none when that snapshot has no
 *   root resource: a stack that was created but never deployed (backend/diy/state.go `getSnapshotStackOutputs`,
 *   backend/httpstate/state.go, resource/stack/deployment.go `DeserializeStackOutputs`).
 * - The stack outputs an update registers are applied at its end (https://github.com/pulumi/pulumi/pull/15754), so
 *   during this update the reference still sees the previous deployment's.
 * - A program that fails stops the update before any delete: deletes only follow a program that ran to its end
 *   (resource/deploy/deployment_executor.go, `Execute`). The guard fails before any other resource is registered.
 */
import * as pulumi from "@pulumi/pulumi";
import { ConfigError } from "../lib/errors";
import type { DeployPhase } from "../settings/deploy";

/**
 * The organization a self-managed (DIY) backend reports for every stack; it has no other
 * (backend/diy/store.go, `ParseReference`; https://www.pulumi.com/docs/reference/pkg/nodejs/pulumi/pulumi/functions/automation.fullyQualifiedStackName.html).
 */
export const SELF_MANAGED_ORGANIZATION = "organization";

export interface StackIdentity {
    readonly organization: string;
    readonly project: string;
    readonly stack: string;
}

/**
 * The name a stack reference to the stack itself takes. Pulumi Cloud (hosted or self-hosted) requires
 * `<organization>/<project>/<stack>` (backend/httpstate/backend.go, `httpstateBackendClient.GetStackOutputs`). A
 * self-managed backend takes the bare stack name in either of its layouts and resolves the project from Pulumi.yaml;
 * its legacy layout (state written before CLI 3.61 and never `pulumi state upgrade`d) refuses a qualified name.
 */
export function selfReferenceName(self: StackIdentity): string {
    return self.organization === SELF_MANAGED_ORGANIZATION ? self.stack : `${self.organization}/${self.project}/${self.stack}`;
}

/**
 * What the stack's last deployment left, judged from two of its outputs:
 * - `none`: no outputs; the stack was never deployed (or its first update stopped before exporting them);
 * - `foundation`: `deployPhase: foundation`, AWS resources only;
 * - `platform`: `deployPhase` is `platform` (or any other value: the guard fails closed);
 * - `before-phases`: outputs without `deployPhase`, from a version of this program before the phases, which always
 *   deployed the Kubernetes resources (every version has exported `environment`).
 */
export type LastDeployment = "none" | "foundation" | "platform" | "before-phases";

export function lastDeployment(outputs: { readonly deployPhase?: unknown; readonly environment?: unknown }): LastDeployment {
    if (outputs.deployPhase === undefined) {
        return outputs.environment === undefined ? "none" : "before-phases";
    }
    return outputs.deployPhase === "foundation" ? "foundation" : "platform";
}

/**
 * Why `phase` must not deploy over `last`, naming the setting and the fix, or undefined when it may. Only the
 * foundation phase can delete: it declares a subset of what the platform phase does.
 */
export function deployPhaseProblem(phase: DeployPhase, last: LastDeployment, stackName: string, project: string): string | undefined {
    if (phase !== "foundation" || last === "none" || last === "foundation") {
        return undefined;
    }
    const key = `${project}:deployPhase`;
    const found = last === "platform"
        ? `the last deployment of stack ${stackName} was in the platform phase (its deployPhase output)`
        : `stack ${stackName} was last deployed by a version of this program without phases (no deployPhase output), which always deployed the Kubernetes resources`;
    return `${key}: foundation, but ${found}. A foundation update declares no Kubernetes resource, so it would delete every `
        + `one the stack holds, MongoDB and its data included. Remove the setting (\`pulumi config rm ${key}\`) and deploy in `
        + "the platform phase from a network that reaches the cluster's API: the Deploy workflow on the environment's deploy "
        + "runner, or a machine in privateAccessCidrs (README, \"First deployment\")";
}

/**
 * In the foundation phase, reads the stack's own last outputs and throws a `ConfigError` when the deployment would
 * delete Kubernetes resources; await it before registering anything else. The platform phase returns at once,
 * without a stack reference.
 */
export async function guardDeployPhase(config: { readonly project: string; readonly deploy: { readonly phase: DeployPhase } }): Promise<void> {
    if (config.deploy.phase !== "foundation") {
        return;
    }
    const self = { organization: pulumi.getOrganization(), project: pulumi.getProject(), stack: pulumi.getStack() };
    const reference = new pulumi.StackReference("deploy-phase-guard", { name: selfReferenceName(self) });
    const read = async (name: string) => {
        const details = await reference.getOutputDetails(name);
        return details.value ?? details.secretValue;
    };
    const [deployPhase, environment] = await Promise.all([read("deployPhase"), read("environment")]);
    const problem = deployPhaseProblem(config.deploy.phase, lastDeployment({ deployPhase, environment }), `${self.organization}/${self.project}/${self.stack}`, config.project);
    if (problem) {
        throw new ConfigError([problem]);
    }
}
