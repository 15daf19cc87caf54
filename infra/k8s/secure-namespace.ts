/**
 * A namespace with the platform's baseline: Pod Security Admission `restricted` (enforce, audit, warn;
 * version pinned), deny-all NetworkPolicy for ingress and egress plus only the allows the namespace
 * needs, a ResourceQuota and a LimitRange, and a default service account that mounts no API token.
 * Runs on any cluster (EKS or on-prem); takes its provider from the options.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { allow, allowBaseline, AllowRule, defaultDeny, DNS_EGRESS, inNamespace, sameNamespace, tcp } from "./network-policies";
import { podSecurityLabels, PRIVILEGED_NAMESPACES } from "./pod-security";

/** The label that opts a namespace into policy-controller's verification (its chart's `webhook.namespaceSelector`). */
export const VERIFICATION_OPT_IN_LABEL = "policy.sigstore.dev/include";

/** The istiod ports sidecars and gateways use: xDS and certificate signing over mTLS. */
export const ISTIOD_XDS_PORT = 15012;

export interface NamespaceQuota {
    readonly cpu: string;
    readonly memory: string;
    readonly pods: number;
    readonly storage: string;
    /** Services of type NodePort / LoadBalancer the namespace may create. @default 0 */
    readonly nodePorts?: number;
    readonly loadBalancers?: number;
}

export interface SecureNamespaceArgs {
    /** The namespace's name (a DNS-1123 label); also the prefix of every child's logical name. */
    readonly name: string;
    /** Cluster minor version the PSA labels are pinned to, e.g. "1.35". */
    readonly kubernetesVersion: string;
    readonly quota: NamespaceQuota;
    /** Label the namespace for Istio sidecar injection and let its pods reach istiod. @default true */
    readonly mesh?: boolean;
    /** The namespace istiod runs in. @default "istio-system" */
    readonly meshNamespace?: string;
    /** Allows beyond DNS, istiod and the namespace's own pods. @default [] */
    readonly allows?: readonly AllowRule[];
    /**
     * Opt the namespace into image verification (the policy-controller label `policy.sigstore.dev/include`,
     * infra/k8s/admission/image-verification.ts): its pods' images must be signed or pinned by digest. @default false
     */
    readonly verifyImages?: boolean;
    /** Extra namespace labels (not PSA labels, which are always set). */
    readonly labels?: Readonly<Record<string, string>>;
    /** Credentials for a private registry, created as a pull Secret in the namespace. @default none */
    readonly imagePullSecret?: ImagePullSecret;
    /** Keep the namespace (and so everything in it) from `pulumi destroy` and replacement. @default false */
    readonly protect?: boolean;
    /** Leave the namespace in the cluster on `pulumi destroy` (its Pulumi children are still deleted). @default false */
    readonly retainOnDelete?: boolean;
}

/** A `kubernetes.io/dockerconfigjson` Secret pods of the namespace pull images with. */
export interface ImagePullSecret {
    readonly name: string;
    /** The `.dockerconfigjson` document (a secret). */
    readonly dockerConfigJson: pulumi.Input<string>;
}

export class SecureNamespace extends pulumi.ComponentResource {
    readonly namespace: k8s.core.v1.Namespace;
    readonly name: string;

    constructor(name: string, args: SecureNamespaceArgs, opts: pulumi.ComponentResourceOptions = {}) {
        super("secure-platform:k8s:SecureNamespace", name, {}, opts);
        this.name = args.name;
        const ns = args.name;
        const mesh = args.mesh ?? true;
        const meshNamespace = args.meshNamespace ?? "istio-system";
        const level = Object.hasOwn(PRIVILEGED_NAMESPACES, ns) ? "privileged" : "restricted";

        this.namespace = new k8s.core.v1.Namespace(ns, {
            metadata: {
                name: ns,
                labels: {
                    ...args.labels,
                    ...podSecurityLabels(level, args.kubernetesVersion),
                    ...(mesh ? { "istio-injection": "enabled" } : {}),
                    ...(args.verifyImages ? { [VERIFICATION_OPT_IN_LABEL]: "true" } : {}),
                },
            },
        }, { parent: this, protect: args.protect ?? false, retainOnDelete: args.retainOnDelete ?? false });
        const child: pulumi.CustomResourceOptions = { parent: this, dependsOn: [this.namespace] };

        defaultDeny(ns, child);
        allowBaseline(ns, [
            DNS_EGRESS,
            ...sameNamespace(ns),
            ...(mesh ? [{ name: "istiod", direction: "Egress", peers: [inNamespace(meshNamespace, { app: "istiod" })], ports: tcp(ISTIOD_XDS_PORT) } as AllowRule] : []),
        ], child);
        for (const rule of args.allows ?? []) {
            allow(ns, rule, child);
        }

        new k8s.core.v1.ResourceQuota(`${ns}-quota`, {
            metadata: { name: "quota", namespace: ns },
            spec: {
                hard: {
                    "requests.cpu": args.quota.cpu,
                    "limits.cpu": args.quota.cpu,
                    "requests.memory": args.quota.memory,
                    "limits.memory": args.quota.memory,
                    "requests.storage": args.quota.storage,
                    pods: String(args.quota.pods),
                    "services.loadbalancers": String(args.quota.loadBalancers ?? 0),
                    "services.nodeports": String(args.quota.nodePorts ?? 0),
                },
            },
        }, child);
        new k8s.core.v1.LimitRange(`${ns}-limits`, {
            metadata: { name: "limits", namespace: ns },
            spec: {
                limits: [{
                    type: "Container",
                    default: { cpu: "500m", memory: "512Mi" },
                    defaultRequest: { cpu: "100m", memory: "128Mi" },
                    max: { cpu: args.quota.cpu, memory: args.quota.memory },
                }],
            },
        }, child);
        if (args.imagePullSecret) {
            new k8s.core.v1.Secret(`${ns}-pull-secret`, {
                metadata: { name: args.imagePullSecret.name, namespace: ns },
                type: "kubernetes.io/dockerconfigjson",
                stringData: { ".dockerconfigjson": pulumi.secret(args.imagePullSecret.dockerConfigJson) },
            }, child);
        }
        // The default service account exists already; patch it so pods that name no account get no token
        // (and, with a private registry, pull with its Secret).
        new k8s.core.v1.ServiceAccountPatch(`${ns}-default-sa`, {
            metadata: { name: "default", namespace: ns },
            automountServiceAccountToken: false,
            ...(args.imagePullSecret ? { imagePullSecrets: [{ name: args.imagePullSecret.name }] } : {}),
        }, child);

        this.registerOutputs({ namespace: this.namespace.metadata.name });
    }
}
