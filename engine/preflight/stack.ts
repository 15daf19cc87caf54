/**
 * The rendered stack as preflight reads it: every resource's inputs as plain values (secrets unwrapped,
 * for judging only: findings name paths, never secret values), Kubernetes objects by kind, namespace and
 * name, Helm releases with their values, and the validated stack configuration.
 */
import type { PlatformConfig } from "../../infra/config";
import type { RecordedResource } from "../program";
import { isSecretValue, KEEP, replaceShared, UNKNOWN } from "../wire";

/** A property bag read from a resource's inputs. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Plain = Record<string, any>;

/**
 * Inputs with secrets unwrapped (resource references are already ids). Unknowns stay `UNKNOWN`. Copy on
 * write: a value without a secret is returned itself, and every part without one is shared, so judging a
 * large stack does not copy its inputs. Checks read what this returns and never write it.
 */
export function plainInputs(value: unknown): unknown {
    return replaceShared(value, (v) => (isSecretValue(v) ? plainInputs(v.value) : KEEP));
}

/** True for a value a preview would not know yet: preflight skips what it cannot see. */
export function isUnknown(value: unknown): boolean {
    return value === UNKNOWN;
}

/** A Kubernetes object the program creates (a custom resource, a built-in kind or a patch). */
export interface KubernetesObject {
    readonly resource: RecordedResource;
    /** From the Pulumi type token: `kubernetes:<group>/<version>:<Kind>`, without a `Patch` suffix. */
    readonly apiVersion: string;
    readonly kind: string;
    /** A `...Patch` resource: a partial object applied with server-side apply. */
    readonly patch: boolean;
    readonly name?: string;
    readonly namespace?: string;
    /** The object as the provider sends it (plain inputs plus apiVersion and kind). */
    readonly object: Plain;
}

/** A `kubernetes:helm.sh/v3:Release` with its chart, version, namespace and values. */
export interface HelmRelease {
    readonly resource: RecordedResource;
    /** The chart's name without a repository (`istiod`, `psmdb-operator`), also for OCI references. */
    readonly chart: string;
    readonly version?: string;
    readonly repository?: string;
    readonly namespace: string;
    readonly releaseName: string;
    readonly values: Plain;
}

export class PreflightStack {
    readonly resources: readonly RecordedResource[];
    private readonly inputsCache = new Map<string, Plain>();
    private readonly byUrn = new Map<string, RecordedResource>();
    private objectsCache?: KubernetesObject[];
    private releasesCache?: HelmRelease[];

    constructor(
        resources: readonly RecordedResource[],
        /** The stack's validated settings (absent for a hand-written fixture program that has none). */
        readonly config?: PlatformConfig,
    ) {
        this.resources = resources;
        for (const resource of resources) {
            this.byUrn.set(resource.urn, resource);
        }
    }

    get(urn: string | undefined): RecordedResource | undefined {
        return urn === undefined ? undefined : this.byUrn.get(urn);
    }

    ofType(...types: string[]): RecordedResource[] {
        return this.resources.filter((r) => types.includes(r.type));
    }

    /** A resource's inputs as plain values, converted once. */
    inputs(resource: RecordedResource): Plain {
        let cached = this.inputsCache.get(resource.urn);
        if (!cached) {
            cached = (plainInputs(resource.inputs) ?? {}) as Plain;
            this.inputsCache.set(resource.urn, cached);
        }
        return cached;
    }

    /** Every Kubernetes object the program declares, Helm releases excluded. */
    get kubernetesObjects(): readonly KubernetesObject[] {
        if (!this.objectsCache) {
            this.objectsCache = this.resources.flatMap((resource) => {
                const match = /^kubernetes:([^:]+):([^:]+)$/.exec(resource.type);
                if (!resource.custom || !match || match[1] === "helm.sh/v3" || match[1] === "helm.sh/v4" || resource.type.startsWith("kubernetes:yaml")) {
                    return [];
                }
                const [group, version] = match[1].split("/");
                const patch = match[2].endsWith("Patch");
                const kind = patch ? match[2].slice(0, -"Patch".length) : match[2];
                const apiVersion = group === "core" ? version : `${group}/${version}`;
                const inputs = this.inputs(resource);
                const metadata = (inputs.metadata ?? {}) as Plain;
                return [{
                    resource,
                    apiVersion,
                    kind,
                    patch,
                    ...(typeof metadata.name === "string" ? { name: metadata.name } : {}),
                    ...(typeof metadata.namespace === "string" ? { namespace: metadata.namespace } : {}),
                    object: { ...inputs, apiVersion, kind },
                }];
            });
        }
        return this.objectsCache;
    }

    /** Objects of one kind (`Deployment`, `PerconaServerMongoDB`), optionally in one namespace. */
    objectsOfKind(kind: string, namespace?: string): KubernetesObject[] {
        return this.kubernetesObjects.filter((o) => o.kind === kind && (namespace === undefined || o.namespace === namespace));
    }

    /** Every Helm release (helm.sh/v3 Release) the program installs. */
    get helmReleases(): readonly HelmRelease[] {
        if (!this.releasesCache) {
            this.releasesCache = this.ofType("kubernetes:helm.sh/v3:Release").map((resource) => {
                const inputs = this.inputs(resource);
                const chartRef = String(inputs.chart ?? "");
                return {
                    resource,
                    chart: chartRef.split("/").pop() ?? chartRef,
                    ...(typeof inputs.version === "string" ? { version: inputs.version } : {}),
                    ...(typeof inputs.repositoryOpts?.repo === "string" ? { repository: inputs.repositoryOpts.repo } : chartRef.includes("/") ? { repository: chartRef.slice(0, chartRef.lastIndexOf("/")) } : {}),
                    namespace: String(inputs.namespace ?? "default"),
                    releaseName: String(inputs.name ?? resource.name),
                    values: (inputs.values ?? {}) as Plain,
                };
            });
        }
        return this.releasesCache;
    }
}
