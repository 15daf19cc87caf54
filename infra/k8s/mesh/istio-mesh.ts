/**
 * The Istio service mesh in sidecar mode with istio-cni, so application pods keep the `restricted`
 * Pod Security Standard (no NET_ADMIN init container). Installs the `base`, `cni`, `istiod` and ingress
 * `gateway` charts pinned by version, then the mesh-wide policies: PeerAuthentication `default` STRICT
 * and an `allow-nothing` AuthorizationPolicy in the root namespace, so every workload refuses plaintext
 * and every request that no explicit ALLOW policy admits. Runs on any cluster.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { GATEWAY_PORTS } from "../../lib/ports";
import { ISTIO } from "../../versions";
import { tcp } from "../network-policies";
import { RESTRICTED_CONTAINER_SECURITY_CONTEXT, RESTRICTED_POD_SECURITY_CONTEXT } from "../pod-security";
import { ImagePullSecret, ISTIOD_XDS_PORT, NamespaceQuota, SecureNamespace } from "../secure-namespace";
import { chartFrom, hubFrom, pullSecrets, SourceSettings } from "../sources";

export const MESH_NAMESPACE = "istio-system";
export const CNI_NAMESPACE = "istio-cni";
export const GATEWAY_NAMESPACE = "istio-ingress";
/** The gateway's release name; its pods carry `istio: ingress` and run as service account `istio-ingress`. */
export const GATEWAY_NAME = "istio-ingress";
export const GATEWAY_SELECTOR = { istio: "ingress" } as const;
/** The Kubernetes Secret (in the gateway namespace) holding the gateway's server certificate. */
export const GATEWAY_TLS_SECRET = "gateway-tls";

/** The proxy's user: the gateway runs as it, with no capabilities, on unprivileged ports. */
const PROXY_UID = 1337;

/**
 * TLS 1.2 cipher suites the gateway accepts (TLS 1.3 suites are not configurable and all strong):
 * ECDHE key exchange (forward secrecy) with AEAD ciphers only.
 */
export const GATEWAY_CIPHER_SUITES = [
    "ECDHE-ECDSA-AES256-GCM-SHA384",
    "ECDHE-RSA-AES256-GCM-SHA384",
    "ECDHE-ECDSA-AES128-GCM-SHA256",
    "ECDHE-RSA-AES128-GCM-SHA256",
    "ECDHE-ECDSA-CHACHA20-POLY1305",
    "ECDHE-RSA-CHACHA20-POLY1305",
] as const;

export interface GatewayServiceSettings {
    /** NodePort behind a cloud load balancer's target group (AWS), or LoadBalancer (on-prem). */
    readonly type: "NodePort" | "LoadBalancer";
    /** Nodes the gateway pods run on. @default any node */
    readonly nodeSelector?: Readonly<Record<string, string>>;
    /** Client CIDRs a LoadBalancer admits. @default every address */
    readonly loadBalancerSourceRanges?: readonly string[];
}

export interface IstioMeshArgs {
    readonly kubernetesVersion: string;
    /** Where the charts and images come from. @default upstream */
    readonly sources?: SourceSettings;
    /** Pull Secret created in the mesh's namespaces, with `sources.pullSecretName` as its name. */
    readonly imagePullSecret?: ImagePullSecret;
    /** Replicas of istiod and the gateway (2+ keeps the mesh up through a node drain). */
    readonly replicas: number;
    readonly gateway: GatewayServiceSettings;
    /** The gateway's server certificate and key (PEM). */
    readonly gatewayTls: { readonly certPem: pulumi.Input<string>; readonly privateKeyPem: pulumi.Input<string> };
    readonly systemQuota: NamespaceQuota;
}

export class IstioMesh extends pulumi.ComponentResource {
    /** Resources that must exist before workloads join the mesh (CRDs, webhook, mesh-wide policies). */
    readonly ready: pulumi.Resource[];

    constructor(name: string, args: IstioMeshArgs, opts: pulumi.ComponentResourceOptions = {}) {
        super("secure-platform:k8s:IstioMesh", name, {}, opts);
        const quota = args.systemQuota;
        const sources = args.sources ?? {};
        const common = { kubernetesVersion: args.kubernetesVersion, quota, ...(args.imagePullSecret ? { imagePullSecret: args.imagePullSecret } : {}) };

        const systemNs = new SecureNamespace(MESH_NAMESPACE, {
            ...common,
            name: MESH_NAMESPACE,
            mesh: false,
            allows: [
                // Sidecars and gateways fetch configuration and certificates from istiod over mTLS.
                { name: "xds", direction: "Ingress", podLabels: { app: "istiod" }, ports: tcp(ISTIOD_XDS_PORT) },
                // The API server calls istiod's injection and validation webhooks; its address is the
                // cluster's, not a pod's, so only the port is restricted.
                { name: "webhooks", direction: "Ingress", podLabels: { app: "istiod" }, ports: tcp(15017) },
                { name: "kube-api", direction: "Egress", podLabels: { app: "istiod" }, ports: tcp(443, 6443) },
            ],
        }, { parent: this });
        const cniNs = new SecureNamespace(CNI_NAMESPACE, {
            ...common,
            name: CNI_NAMESPACE,
            mesh: false,
            allows: [{ name: "kube-api", direction: "Egress", ports: tcp(443, 6443) }],
        }, { parent: this });
        const gatewayNs = new SecureNamespace(GATEWAY_NAMESPACE, {
            ...common,
            name: GATEWAY_NAMESPACE,
            quota: { ...quota, nodePorts: args.gateway.type === "NodePort" ? 2 : 0, loadBalancers: args.gateway.type === "LoadBalancer" ? 1 : 0 },
            allows: [
                // Clients (the load balancer, or anyone on-prem) reach only the HTTPS and status ports.
                { name: "clients", direction: "Ingress", podLabels: { ...GATEWAY_SELECTOR }, ports: tcp(GATEWAY_PORTS.https, GATEWAY_PORTS.status) },
                // The gateway forwards to services in any namespace; each namespace's own ingress policy
                // and mesh authorization decide whether it accepts.
                { name: "backends", direction: "Egress", podLabels: { ...GATEWAY_SELECTOR }, peers: [{ namespaceSelector: {} }] },
            ],
        }, { parent: this });

        const chart = (release: string, chartName: string, namespace: SecureNamespace, values: Record<string, unknown>, dependsOn: pulumi.Resource[]) =>
            new k8s.helm.v3.Release(release, {
                name: release,
                ...chartFrom(chartName, ISTIO.repository, sources),
                version: ISTIO.version,
                namespace: namespace.name,
                values,
                // A failed install or upgrade rolls back instead of leaving a half-applied mesh.
                atomic: true,
                cleanupOnFail: true,
                maxHistory: 10,
                timeout: 600,
            }, { parent: this, dependsOn: [namespace, ...dependsOn] });

        const base = chart("istio-base", "base", systemNs, {}, []);
        const cni = chart("istio-cni", "cni", cniNs, {
            global: { istioNamespace: MESH_NAMESPACE, ...imageValues(sources) },
        }, [base]);
        const istiod = chart("istiod", "istiod", systemNs, istiodValues(args), [base, cni]);

        const meshPolicy = { parent: this, dependsOn: [istiod] };
        const peerAuthentication = new k8s.apiextensions.CustomResource("mesh-strict-mtls", {
            apiVersion: "security.istio.io/v1",
            kind: "PeerAuthentication",
            metadata: { name: "default", namespace: MESH_NAMESPACE },
            spec: { mtls: { mode: "STRICT" } },
        }, meshPolicy);
        // An empty spec matches every workload and allows nothing: requests need an explicit ALLOW.
        const allowNothing = new k8s.apiextensions.CustomResource("mesh-allow-nothing", {
            apiVersion: "security.istio.io/v1",
            kind: "AuthorizationPolicy",
            metadata: { name: "allow-nothing", namespace: MESH_NAMESPACE },
            spec: {},
        }, meshPolicy);

        const tlsSecret = new k8s.core.v1.Secret("gateway-tls", {
            metadata: { name: GATEWAY_TLS_SECRET, namespace: GATEWAY_NAMESPACE },
            type: "kubernetes.io/tls",
            stringData: { "tls.crt": args.gatewayTls.certPem, "tls.key": args.gatewayTls.privateKeyPem },
        }, { parent: this, dependsOn: [gatewayNs], additionalSecretOutputs: ["data", "stringData"] });
        const gateway = chart(GATEWAY_NAME, "gateway", gatewayNs, gatewayValues(args), [istiod, peerAuthentication, allowNothing]);
        new k8s.apiextensions.CustomResource("gateway", {
            apiVersion: "networking.istio.io/v1",
            kind: "Gateway",
            metadata: { name: "platform", namespace: GATEWAY_NAMESPACE },
            spec: {
                selector: { ...GATEWAY_SELECTOR },
                servers: [{
                    port: { number: GATEWAY_PORTS.https, name: "https", protocol: "HTTPS" },
                    hosts: ["*"],
                    tls: {
                        mode: "SIMPLE",
                        credentialName: GATEWAY_TLS_SECRET,
                        minProtocolVersion: "TLSV1_2",
                        cipherSuites: [...GATEWAY_CIPHER_SUITES],
                    },
                }],
            },
        }, { parent: this, dependsOn: [gateway, tlsSecret] });
        new k8s.apiextensions.CustomResource("gateway-allow-clients", {
            apiVersion: "security.istio.io/v1",
            kind: "AuthorizationPolicy",
            metadata: { name: "allow-clients", namespace: GATEWAY_NAMESPACE },
            spec: {
                selector: { matchLabels: { ...GATEWAY_SELECTOR } },
                action: "ALLOW",
                rules: [{ to: [{ operation: { ports: [String(GATEWAY_PORTS.https)] } }] }],
            },
        }, meshPolicy);

        this.ready = [istiod, peerAuthentication, allowNothing];
        this.registerOutputs({});
    }
}

/**
 * An ALLOW AuthorizationPolicy admitting requests only from workloads of the listed namespaces (their
 * mTLS identities); with the mesh-wide allow-nothing, everything else is refused.
 */
export function allowFromNamespaces(logicalName: string, namespace: string, policyName: string, from: readonly string[], opts: pulumi.CustomResourceOptions): k8s.apiextensions.CustomResource {
    return new k8s.apiextensions.CustomResource(logicalName, {
        apiVersion: "security.istio.io/v1",
        kind: "AuthorizationPolicy",
        metadata: { name: policyName, namespace },
        spec: { action: "ALLOW", rules: [{ from: [{ source: { namespaces: [...from] } }] }] },
    }, opts);
}

/** istiod's values: CNI on, mesh mTLS TLS 1.3 only, registry-only egress, normalised paths, RuntimeDefault seccomp. */
export function istiodValues(args: Pick<IstioMeshArgs, "replicas" | "sources">): Record<string, unknown> {
    return {
        pilot: {
            cni: { enabled: true },
            seccompProfile: { type: "RuntimeDefault" },
            replicaCount: args.replicas,
            autoscaleMin: args.replicas,
        },
        global: {
            istioNamespace: MESH_NAMESPACE,
            logAsJson: true,
            proxy: { privileged: false },
            // Also the registry of every injected sidecar and of the gateway's proxy.
            ...imageValues(args.sources ?? {}),
        },
        // Gateways istiod templates itself (Gateway API) get the same seccomp profile.
        gateways: { seccompProfile: { type: "RuntimeDefault" } },
        meshConfig: {
            rootNamespace: MESH_NAMESPACE,
            meshMTLS: { minProtocolVersion: "TLSV1_3" },
            outboundTrafficPolicy: { mode: "REGISTRY_ONLY" },
            pathNormalization: { normalization: "MERGE_SLASHES" },
            // A namespace's routing rules apply to its own workloads only, unless it exports them on purpose:
            // one tenant's VirtualService or DestinationRule cannot reroute another's traffic.
            defaultVirtualServiceExportTo: ["."],
            defaultDestinationRuleExportTo: ["."],
            accessLogFile: "/dev/stdout",
            defaultConfig: { holdApplicationUntilProxyStarts: true },
        },
    };
}

/** The gateway chart's values: non-root on unprivileged ports, fixed NodePorts, PSS-restricted contexts. */
export function gatewayValues(args: Pick<IstioMeshArgs, "replicas" | "gateway" | "sources">): Record<string, unknown> {
    const nodePort = (port: number) => (args.gateway.type === "NodePort" ? { nodePort: port } : {});
    const sourceRanges = args.gateway.type === "LoadBalancer" ? args.gateway.loadBalancerSourceRanges ?? [] : [];
    const secrets = pullSecrets(args.sources ?? {});
    return {
        replicaCount: args.replicas,
        autoscaling: { enabled: true, minReplicas: args.replicas, maxReplicas: Math.max(5, args.replicas) },
        podDisruptionBudget: { minAvailable: 1 },
        service: {
            type: args.gateway.type,
            externalTrafficPolicy: args.gateway.type === "LoadBalancer" ? "Local" : "Cluster",
            ...(sourceRanges.length > 0 ? { loadBalancerSourceRanges: [...sourceRanges] } : {}),
            ports: [
                { name: "status-port", port: GATEWAY_PORTS.status, targetPort: GATEWAY_PORTS.status, protocol: "TCP", ...nodePort(GATEWAY_PORTS.statusNodePort) },
                { name: "https", port: 443, targetPort: GATEWAY_PORTS.https, protocol: "TCP", ...nodePort(GATEWAY_PORTS.httpsNodePort) },
            ],
        },
        securityContext: { ...RESTRICTED_POD_SECURITY_CONTEXT, runAsUser: PROXY_UID, runAsGroup: PROXY_UID, fsGroup: PROXY_UID },
        containerSecurityContext: { ...RESTRICTED_CONTAINER_SECURITY_CONTEXT, runAsUser: PROXY_UID, runAsGroup: PROXY_UID },
        ...(args.gateway.nodeSelector ? { nodeSelector: { ...args.gateway.nodeSelector } } : {}),
        ...(secrets.length > 0 ? { imagePullSecrets: secrets } : {}),
    };
}

/** Istio's `global` image values: the hub (upstream or the mirror), the pinned tag, the pull Secrets. */
export function imageValues(sources: SourceSettings): Record<string, unknown> {
    const secrets = pullSecrets(sources).map((s) => s.name);
    return { hub: hubFrom(ISTIO.hub, sources), tag: ISTIO.version, ...(secrets.length > 0 ? { imagePullSecrets: secrets } : {}) };
}
