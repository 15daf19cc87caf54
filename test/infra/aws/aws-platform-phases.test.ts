/**
 * The AWS variant as a whole, through the check command (the real program under the engine's mocks and the real
 * policy pack): the foundation phase of an environment's first deployment creates every AWS resource and nothing
 * that needs the cluster's API, and refuses a stack whose last deployment included the Kubernetes resources; the
 * platform phase reaches the API through the deploy runner and gives the preview role a read-only access entry.
 * The stack's last deployment is told to the engine's mocks with PREVIOUS_OUTPUTS_VARIABLE (none: a fresh stack).
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { PREVIOUS_OUTPUTS_VARIABLE } from "../../../engine/mocks";
import { CliResult, derivedStackFile, runCheckCli } from "../../harness/cli";

interface JsonResource {
    urn: string;
    type: string;
    name: string;
    dependencies: string[];
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    inputs: Record<string, any>;
}

interface JsonReport {
    resources: JsonResource[];
    outputs: Record<string, unknown>;
    violations: { policy: string; message: string }[];
}

const reports = new Map<string, { code: number | null; report: JsonReport }>();
const refusals = new Map<string, CliResult>();

/** The outputs of the stack's last deployment, for the mocks; undefined: the stack was never deployed. */
function previous(outputs?: Record<string, string>): Record<string, string> {
    return { [PREVIOUS_OUTPUTS_VARIABLE]: outputs ? JSON.stringify(outputs) : "" };
}

async function check(name: string, args: string[], last?: Record<string, string>): Promise<void> {
    const result = await runCheckCli([...args, "--format", "json"], { env: previous(last) });
    try {
        reports.set(name, { code: result.code, report: JSON.parse(result.stdout) as JsonReport });
    } catch {
        throw new Error(`${name}: no JSON on stdout (exit ${result.code}):\n${result.stderr}`);
    }
}

async function refused(name: string, args: string[], last: Record<string, string>): Promise<void> {
    refusals.set(name, await runCheckCli([...args, "--format", "json"], { env: previous(last) }));
}

before(async () => {
    const foundation = ["--stack", "prod", "--config-file", derivedStackFile("prod", (text) => text.replace("  secure-platform:environment: prod\n", "  secure-platform:environment: prod\n  secure-platform:deployPhase: foundation\n"))];
    const platform = ["--stack", "prod"];
    await Promise.all([
        check("foundation", foundation),
        check("platform", platform),
        check("foundation after foundation", foundation, { environment: "prod", deployPhase: "foundation" }),
        check("platform after foundation", platform, { environment: "prod", deployPhase: "foundation" }),
        refused("foundation after platform", foundation, { environment: "prod", deployPhase: "platform" }),
        refused("foundation before phases", foundation, { environment: "prod", clusterName: "secure-platform-prod" }),
    ]);
});

const ofType = (report: JsonReport, type: string) => report.resources.filter((r) => r.type === type);

describe("the foundation phase", () => {
    it("checks clean: no violation", () => {
        const { code, report } = reports.get("foundation")!;
        assert.deepEqual(report.violations, []);
        assert.equal(code, 0);
    });

    it("declares no Kubernetes provider and no Kubernetes resource, so it runs from anywhere with AWS credentials", () => {
        const { report } = reports.get("foundation")!;
        const kubernetes = report.resources.filter((r) => r.type.startsWith("kubernetes:") || r.type === "pulumi:providers:kubernetes" || r.type.startsWith("secure-platform:k8s:"));
        assert.deepEqual(kubernetes.map((r) => r.urn), []);
    });

    it("creates every AWS resource of the platform phase, the deploy runner included", () => {
        // A tenant key's KMS ciphertext is no AWS resource (a kms:Encrypt call whose result lives in the state): it is
        // sealed beside the tenant's Kubernetes Secret, in the platform phase.
        const aws = (name: string) => new Set(reports.get(name)!.report.resources
            .filter((r) => r.type.startsWith("aws:") && r.type !== "aws:kms/ciphertext:Ciphertext").map((r) => r.urn));
        assert.deepEqual([...aws("platform")].filter((urn) => !aws("foundation").has(urn)), []);
        const { report } = reports.get("foundation")!;
        for (const type of ["aws:eks/cluster:Cluster", "aws:eks/nodeGroup:NodeGroup", "aws:eks/addon:Addon", "aws:codebuild/project:Project", "aws:codebuild/webhook:Webhook", "aws:backup/vault:Vault"]) {
            assert.ok(ofType(report, type).length > 0, `no ${type}`);
        }
    });

    it("says which phase it deployed and names the runner's project", () => {
        assert.equal(reports.get("foundation")!.report.outputs.deployPhase, "foundation");
        assert.equal(reports.get("platform")!.report.outputs.deployPhase, "platform");
        assert.equal(reports.get("foundation")!.report.outputs.deployRunnerProject, "secure-platform-prod-deploy");
    });
});

describe("the deploy-phase guard", () => {
    it("lets the foundation phase deploy a stack that has never been deployed, the first deployment", () => {
        const { code, report } = reports.get("foundation")!;
        assert.equal(code, 0);
        assert.ok(report.resources.some((r) => r.type === "aws:eks/cluster:Cluster"), "the foundation phase of a fresh stack declared no cluster");
    });

    it("lets the foundation phase run again over a foundation deployment", () => {
        const again = reports.get("foundation after foundation")!;
        assert.equal(again.code, 0);
        assert.deepEqual(again.report.resources.map((r) => r.urn), reports.get("foundation")!.report.resources.map((r) => r.urn));
    });

    it("refuses the foundation phase after a platform deployment, naming secure-platform:deployPhase and the fix, before the program renders", () => {
        const { code, stdout, stderr } = refusals.get("foundation after platform")!;
        assert.equal(code, 2, stderr);
        assert.equal(stdout.trim(), "", "a report was written: the program rendered");
        assert.match(stderr, /secure-platform:deployPhase: foundation, but the last deployment of stack organization\/secure-platform\/prod was in the platform phase/);
        assert.match(stderr, /would delete every one the stack holds, MongoDB and its data included/);
        assert.match(stderr, /pulumi config rm secure-platform:deployPhase/);
        assert.match(stderr, /a network that reaches the cluster's API/);
    });

    it("refuses the foundation phase on a stack deployed before the phases existed, which holds the Kubernetes resources", () => {
        const { code, stderr } = refusals.get("foundation before phases")!;
        assert.equal(code, 2, stderr);
        assert.match(stderr, /secure-platform:deployPhase: foundation, but stack organization\/secure-platform\/prod was last deployed by a version of this program without phases/);
    });

    it("lets the platform phase follow the foundation phase, with the same resources as any platform deployment", () => {
        const after = reports.get("platform after foundation")!;
        assert.equal(after.code, 0);
        assert.deepEqual(after.report.violations, []);
        assert.deepEqual(after.report.resources.map((r) => r.urn), reports.get("platform")!.report.resources.map((r) => r.urn));
        assert.ok(after.report.resources.some((r) => r.type.startsWith("kubernetes:")), "the platform phase declared no Kubernetes resource");
    });
});

describe("the platform phase", () => {
    it("deploys through a Kubernetes provider that depends on the runner's access to the API", () => {
        const { report } = reports.get("platform")!;
        const [provider] = ofType(report, "pulumi:providers:kubernetes");
        const runnerRule = report.resources.find((r) => r.name === "deploy-runner-api-from-runner")!;
        assert.ok(runnerRule, "no API rule for the runner");
        assert.ok(provider.dependencies.includes(runnerRule.urn), "pulumi destroy could remove the runner's access before the Kubernetes resources");
    });

    it("gives the preview role a read-only access entry with the view policy, which reads no Secrets", () => {
        const { report } = reports.get("platform")!;
        const preview = "arn:aws:iam::777788889999:role/platform-preview";
        const [entry] = ofType(report, "aws:eks/accessEntry:AccessEntry").filter((r) => r.inputs.principalArn === preview);
        assert.ok(entry, "no access entry for the preview role");
        assert.equal(entry.inputs.kubernetesGroups, undefined);
        const associations = ofType(report, "aws:eks/accessPolicyAssociation:AccessPolicyAssociation").filter((r) => r.inputs.principalArn === preview);
        assert.deepEqual(associations.map((a) => [a.inputs.policyArn, a.inputs.accessScope]), [["arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy", { type: "cluster" }]]);
    });

    it("admits the API's private ranges outside the VPC through the app tier's ACL only", () => {
        // prod's privateAccessCidrs is the VPC itself: the tier rules admit it, and no ACL names another range.
        const { report } = reports.get("platform")!;
        for (const acl of ofType(report, "aws:ec2/networkAcl:NetworkAcl")) {
            for (const rule of [...acl.inputs.ingress, ...acl.inputs.egress] as { cidrBlock: string }[]) {
                assert.ok(rule.cidrBlock === "0.0.0.0/0" || rule.cidrBlock.startsWith("10.30."), `${acl.name}: ${rule.cidrBlock}`);
            }
        }
    });
});
