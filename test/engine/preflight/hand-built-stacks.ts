/**
 * Test helper for preflight checks: hand-built resources and pods (the shapes a render records), the
 * committed stacks' validated settings, and copies of rendered stacks with one thing changed.
 */
import type { PlatformConfig } from "../../../infra/config";
import { parseConfig } from "../../../infra/config";
import type { PodModel, WorkloadKind } from "../../../engine/preflight/pods";
import { Plain, PreflightStack } from "../../../engine/preflight/stack";
import type { RecordedResource } from "../../../engine/program";
import { loadProject, loadStackSettings, stackFilePath } from "../../../engine/stack-file";
import { ROOT } from "../../harness/cli";

const STACK_URN = "urn:pulumi:test::secure-platform::pulumi:pulumi:Stack::secure-platform-test";

export function urnOf(type: string, name: string): string {
    return `urn:pulumi:test::secure-platform::${type}::${name}`;
}

export interface ResourceOptions {
    readonly id?: string;
    readonly parent?: string;
    readonly dependencies?: readonly string[];
    readonly provider?: string;
    readonly custom?: boolean;
    readonly outputs?: Record<string, unknown>;
}

/** A recorded resource as a render would record it; `id` defaults to `<name>-id`. */
export function resource(type: string, name: string, inputs: Plain = {}, options: ResourceOptions = {}): RecordedResource {
    const id = options.id ?? `${name}-id`;
    return {
        urn: urnOf(type, name),
        type,
        name,
        parent: options.parent ?? STACK_URN,
        custom: options.custom ?? true,
        id,
        ...(options.provider ? { provider: options.provider } : {}),
        protect: false,
        retainOnDelete: false,
        ignoreChanges: [],
        additionalSecretOutputs: [],
        aliases: [],
        dependencies: [...(options.dependencies ?? [])],
        propertyDependencies: {},
        inputs: inputs as RecordedResource["inputs"],
        outputs: { id, ...options.outputs } as RecordedResource["outputs"],
    };
}

/** A stack of hand-built resources, with settings when a check reads them. */
export function handBuilt(resources: readonly RecordedResource[], config?: Partial<PlatformConfig> | Plain): PreflightStack {
    return new PreflightStack(resources, config as PlatformConfig | undefined);
}

/** A Kubernetes namespace with Pod Security labels, a LimitRange and a ResourceQuota like SecureNamespace's. */
export function namespaceWithPolicies(name: string, options: { level?: string; version?: string; limits?: Plain[]; hard?: Plain } = {}): RecordedResource[] {
    const resources = [resource("kubernetes:core/v1:Namespace", name, {
        metadata: {
            name,
            labels: {
                "pod-security.kubernetes.io/enforce": options.level ?? "restricted",
                "pod-security.kubernetes.io/enforce-version": options.version ?? "v1.35",
            },
        },
    })];
    if (options.limits) {
        resources.push(resource("kubernetes:core/v1:LimitRange", `${name}-limits`, { metadata: { name: "limits", namespace: name }, spec: { limits: options.limits } }));
    }
    if (options.hard) {
        resources.push(resource("kubernetes:core/v1:ResourceQuota", `${name}-quota`, { metadata: { name: "quota", namespace: name }, spec: { hard: options.hard } }));
    }
    return resources;
}

/** The platform's LimitRange item (infra/k8s/secure-namespace.ts) with `max` as given. */
export function platformLimits(max: Plain = { cpu: "8", memory: "16Gi" }): Plain[] {
    return [{ type: "Container", default: { cpu: "500m", memory: "512Mi" }, defaultRequest: { cpu: "100m", memory: "128Mi" }, max }];
}

/** A pod security context the restricted standard admits. */
export const RESTRICTED_POD = { runAsNonRoot: true, runAsUser: 65532, seccompProfile: { type: "RuntimeDefault" } };
export const RESTRICTED_CONTAINER = { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] }, readOnlyRootFilesystem: true };

export interface PodOptions {
    readonly kind?: WorkloadKind;
    readonly replicas?: number;
    readonly spec?: Plain;
    readonly labels?: Plain;
    readonly annotations?: Plain;
    readonly injected?: boolean;
    readonly urn?: string;
}

/** A pod model as allPods gives it: one restricted container unless `spec` says otherwise. */
export function pod(namespace: string, name: string, containers: Plain[] = [{ name: "app", image: "registry.example/app:1" }], options: PodOptions = {}): PodModel {
    const kind = options.kind ?? "Deployment";
    return {
        origin: { urn: options.urn ?? urnOf(`kubernetes:apps/v1:${kind}`, name), path: "spec.template", description: `${kind} ${namespace}/${name}` },
        kind,
        name,
        namespace,
        replicas: options.replicas ?? 1,
        template: {
            metadata: { labels: { app: name, ...options.labels }, ...(options.annotations ? { annotations: options.annotations } : {}) },
            spec: { securityContext: RESTRICTED_POD, containers: containers.map((c) => ({ securityContext: RESTRICTED_CONTAINER, ...c })), ...options.spec },
        },
        ...(options.injected ? { injected: true } : {}),
    };
}

/** A committed stack's validated settings, as the engine parses them. */
export function stackConfig(stack: string): PlatformConfig {
    const project = loadProject(ROOT);
    const settings = loadStackSettings(stackFilePath(project, stack), project.name);
    return parseConfig(settings.config, { stack, project: project.name, secretKeys: settings.secretKeys });
}

/** A deep copy of rendered resources with `edit` applied to the plain inputs of those `select` picks. */
export function editInputs(resources: readonly RecordedResource[], select: (r: RecordedResource) => boolean, edit: (inputs: Plain, r: RecordedResource) => void): RecordedResource[] {
    let edited = 0;
    const copy = resources.map((r) => {
        if (!select(r)) {
            return r;
        }
        const inputs = structuredClone(r.inputs) as Plain;
        edit(inputs, r);
        edited++;
        return { ...r, inputs: inputs as RecordedResource["inputs"] };
    });
    if (edited === 0) {
        throw new Error("editInputs selected no resource");
    }
    return copy;
}
