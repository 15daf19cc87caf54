/**
 * A tenant (Enterprise edition): its own namespace with the full baseline, a Role for the tenant's
 * group bound in that namespace only (no wildcards; Secrets unreadable unless configured), and mesh
 * authorization that admits only the ingress gateway and the tenant's own workloads. No tenant can
 * reach another: the NetworkPolicies admit no other tenant's pods and the mesh refuses their identity.
 * Each tenant also gets its own key (infra/secrets/tenant-keys.ts), stored sealed where the platform reads it.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { createTenantKey, TenantKey, TenantKeySealer } from "../secrets/tenant-keys";
import type { TenantSettings } from "../settings/tenants";
import { allowFromNamespaces, GATEWAY_NAMESPACE } from "./mesh/istio-mesh";
import { inNamespace } from "./network-policies";
import { ImagePullSecret, SecureNamespace } from "./secure-namespace";

export function tenantNamespace(name: string): string {
    return `tenant-${name}`;
}

const WORKLOAD_VERBS = ["get", "list", "watch", "create", "update", "patch", "delete"];
const READ_VERBS = ["get", "list", "watch"];

/**
 * What a tenant's developers may do in their namespace: run and inspect workloads, services and
 * configuration. Not: exec/attach/port-forward into pods, change RBAC, NetworkPolicies, quotas or mesh
 * security, or (unless `readSecrets`) read Secrets back.
 */
export function tenantRoleRules(readSecrets: boolean): k8s.types.input.rbac.v1.PolicyRule[] {
    return [
        { apiGroups: [""], resources: ["pods"], verbs: [...READ_VERBS, "delete"] },
        { apiGroups: [""], resources: ["pods/log"], verbs: ["get"] },
        { apiGroups: [""], resources: ["configmaps", "services", "persistentvolumeclaims", "serviceaccounts"], verbs: WORKLOAD_VERBS },
        // Without readSecrets only create and delete: an update or patch returns the whole Secret.
        { apiGroups: [""], resources: ["secrets"], verbs: readSecrets ? WORKLOAD_VERBS : ["create", "delete"] },
        { apiGroups: [""], resources: ["events", "resourcequotas", "limitranges"], verbs: READ_VERBS },
        { apiGroups: ["apps"], resources: ["deployments", "statefulsets", "replicasets"], verbs: WORKLOAD_VERBS },
        { apiGroups: ["batch"], resources: ["jobs", "cronjobs"], verbs: WORKLOAD_VERBS },
        { apiGroups: ["autoscaling"], resources: ["horizontalpodautoscalers"], verbs: WORKLOAD_VERBS },
        { apiGroups: ["policy"], resources: ["poddisruptionbudgets"], verbs: WORKLOAD_VERBS },
        { apiGroups: ["networking.istio.io"], resources: ["virtualservices", "destinationrules"], verbs: WORKLOAD_VERBS },
    ];
}

/** Where and how the tenants' keys are kept. */
export interface TenantKeyStore {
    /** Namespace of the key Secrets: the platform's, whose services encrypt tenant data (only they reach MongoDB). */
    readonly namespace: string;
    readonly sealer: TenantKeySealer;
    /** What must exist before the Secrets (their namespace). */
    readonly dependsOn: readonly pulumi.Resource[];
    /** Keep the keys from `pulumi destroy` (prod): data encrypted under a lost key is lost. @default false */
    readonly protect?: boolean;
}

export interface TenantArgs {
    readonly tenant: TenantSettings;
    readonly kubernetesVersion: string;
    /** Mesh-wide policies that must exist first. */
    readonly meshReady: readonly pulumi.Resource[];
    /** Pull Secret for a private registry (the injected sidecars pull from it). @default none */
    readonly imagePullSecret?: ImagePullSecret;
    readonly keyStore: TenantKeyStore;
}

export class Tenant extends pulumi.ComponentResource {
    readonly namespace: SecureNamespace;
    readonly key: TenantKey;

    constructor(name: string, args: TenantArgs, opts: pulumi.ComponentResourceOptions = {}) {
        super("secure-platform:k8s:Tenant", name, {}, opts);
        const ns = tenantNamespace(args.tenant.name);
        this.namespace = new SecureNamespace(ns, {
            name: ns,
            kubernetesVersion: args.kubernetesVersion,
            quota: args.tenant.quota,
            labels: { "secure-platform.io/tenant": args.tenant.name },
            // A tenant's pods run only signed or digest-pinned images (infra/k8s/admission/image-verification.ts).
            verifyImages: true,
            allows: [{ name: "gateway", direction: "Ingress", peers: [inNamespace(GATEWAY_NAMESPACE)] }],
            ...(args.imagePullSecret ? { imagePullSecret: args.imagePullSecret } : {}),
        }, { parent: this });
        const child = { parent: this, dependsOn: [this.namespace] };

        const role = new k8s.rbac.v1.Role(`${ns}-developers`, {
            metadata: { name: "tenant-developers", namespace: ns },
            rules: tenantRoleRules(args.tenant.readSecrets),
        }, child);
        new k8s.rbac.v1.RoleBinding(`${ns}-developers`, {
            metadata: { name: "tenant-developers", namespace: ns },
            roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "tenant-developers" },
            subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: args.tenant.group }],
        }, { parent: this, dependsOn: [role] });

        allowFromNamespaces(`${ns}-allow-gateway-and-tenant`, ns, "allow-gateway-and-tenant", [GATEWAY_NAMESPACE, ns],
            { parent: this, dependsOn: [this.namespace, ...args.meshReady] });

        this.key = createTenantKey(`${ns}-key`, {
            tenant: args.tenant.name,
            generation: args.tenant.keyGeneration,
            sealer: args.keyStore.sealer,
            namespace: args.keyStore.namespace,
            dependsOn: args.keyStore.dependsOn,
            protect: args.keyStore.protect ?? false,
        }, { parent: this });

        this.registerOutputs({ namespace: ns });
    }
}
