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
import { Peer, tcp } from "../network-policies";
import { RESTRICTED_CONTAINER_SECURITY_CONTEXT, RESTRICTED_POD_SECURITY_CONTEXT } from "../pod-security";
import { ImagePullSecret, ISTIOD_XDS_PORT, NamespaceQuota, SecureNamespace } from "../secure-namespace";
import { ContainerResources, quotaFor, resourceValues, withRollingSurge } from "../resources";
import { chartFrom, hubFrom, pullSecrets, SourceSettings } from "../sources";

export const MESH_NAMESPACE = "istio-system";
export const CNI_NAMESPACE = "istio-cni";
export const GATEWAY_NAMESPACE = "istio-ingress";
/** The gateway's release name; its pods carry `istio: ingress` and run as service account `istio-ingress`. */
export const GATEWAY_NAME = "istio-ingress";
export const GATEWAY_SELECTOR = { istio: "ingress" } as const;
/** The Kubernetes Secret (in the gateway namespace) holding the gateway's server certificate. */
export const GATEWAY_TLS_SECRET = "gateway-tls";
/** The shared Istio Gateway (in the gateway namespace) VirtualServices bind as `istio-ingress/platform`. */
export const GATEWAY_RESOURCE_NAME = "platform";

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

/**
 * Resources of every container Istio runs, all set so no LimitRange default applies and each namespace's
 * quota can be sized to hold its pods at their largest. istiod keeps the chart's requests (istio-discovery
 * values.yaml, "a small pilot install": 500m, 2048Mi) and gets limits above them; without a limit it would
 * take its namespace's default limit (512Mi), below its own request, and the API server would refuse it.
 */
export const ISTIOD_RESOURCES: ContainerResources = { requests: { cpu: "500m", memory: "2Gi" }, limits: { cpu: "2", memory: "4Gi" } };
/** The ingress gateway's proxy: the gateway chart's defaults (gateway values.yaml), set explicitly. */
export const GATEWAY_RESOURCES: ContainerResources = { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "2", memory: "1Gi" } };
/** The CNI node agent on every node (the cni chart requests 100m and 100Mi and sets no limit). */
export const CNI_RESOURCES: ContainerResources = { requests: { cpu: "100m", memory: "100Mi" }, limits: { cpu: "500m", memory: "512Mi" } };
/**
 * Every injected sidecar (and its istio-validation init container). Istio's default limit is 2 CPU, which
 * would make each meshed pod count 2 CPU against its namespace's quota; 500m serves a few thousand requests
 * a second (istio.io, performance and scalability). A pod that needs more sets `sidecar.istio.io/proxyCPULimit`.
 */
export const PROXY_RESOURCES: ContainerResources = { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "500m", memory: "512Mi" } };

/** istiod's autoscaling maximum: twice its replicas. */
export function istiodMaxReplicas(replicas: number): number {
    return replicas * 2;
}

/** The gateway's autoscaling maximum: five, or its replicas when more. */
export function gatewayMaxReplicas(replicas: number): number {
    return Math.max(5, replicas);
}

/**
 * The quotas of the mesh's namespaces, holding each one's pods at their largest: istiod at its autoscaling
 * maximum plus the one extra pod of a rollout (`rollingMaxSurge: 1`), the gateway at its maximum plus the
 * default 25% surge, and the CNI node agent on every node. No volumes in any of them.
 */
export function meshQuotas(replicas: number, maxNodes: number, gateway: GatewayServiceSettings["type"]): Readonly<Record<"system" | "cni" | "gateway", NamespaceQuota>> {
    const none = { storage: "0" };
    return {
        system: quotaFor([{ pods: istiodMaxReplicas(replicas) + 1, containers: [ISTIOD_RESOURCES] }], none),
        cni: quotaFor([{ pods: maxNodes, containers: [CNI_RESOURCES] }], none),
        gateway: quotaFor([{ pods: withRollingSurge(gatewayMaxReplicas(replicas)), containers: [GATEWAY_RESOURCES] }], {
            ...none,
            // A NodePort Service takes one node port per port (HTTPS and status). A LoadBalancer takes none:
            // it is created with allocateLoadBalancerNodePorts false (see gatewayValues).
            nodePorts: gateway === "NodePort" ? 2 : 0,
            loadBalancers: gateway === "LoadBalancer" ? 1 : 0,
        }),
    };
}

export interface GatewayServiceSettings {
    /** NodePort behind a cloud load balancer's target group (AWS), or LoadBalancer (on-prem). */
    readonly type: "NodePort" | "LoadBalancer";
    /** Nodes the gateway pods run on. @default any node */
    readonly nodeSelector?: Readonly<Record<string, string>>;
    /** Client CIDRs a LoadBalancer admits. @default every address */
    readonly loadBalancerSourceRanges?: readonly string[];
    /**
     * The addresses connections reach the gateway's pods from (its ingress NetworkPolicy's ipBlocks, on the HTTPS
     * and status ports): the load balancer's subnets behind a proxying load balancer, the clients' ranges where
     * the source address is kept. @default every address (weakens: corporate-network-only exposure)
     */
    readonly sourceRanges?: readonly string[];
}

/** Hosts the shared gateway routes to one namespace: only that namespace's VirtualServices can bind them. */
export interface GatewayRoute {
    readonly namespace: string;
    /** DNS names or `*.` wildcard subdomains. */
    readonly hosts: readonly string[];
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
    /** The gateway's server certificate and key (PEM); it must cover every host of `routes`. */
    readonly gatewayTls: { readonly certPem: pulumi.Input<string>; readonly privateKeyPem: pulumi.Input<string> };
    /** The hosts the gateway serves, each granted to one namespace. @default none: the gateway routes nothing */
    readonly routes?: readonly GatewayRoute[];
    /** Nodes the cluster may grow to: the CNI node agent runs on each, and its namespace's quota holds them all. */
    readonly maxNodes: number;
    /** How the CNI node agent fits the nodes' distribution and SELinux policy. @default the chart's paths, no SELinux label */
    readonly cniNode?: CniNodeSettings;
}

/** What the CNI node agent needs to know about the nodes (values of the pinned cni chart). */
export interface CniNodeSettings {
    /**
     * Istio's platform profile (`global.platform`): `k3s` moves the CNI configuration and plugin directories to
     * k3s's (cni@1.29.0 files/profile-platform-k3s.yaml, merged by templates/zzz_profile.yaml). @default none
     */
    readonly platform?: "k3s";
    /**
     * The SELinux type of the agent's container (`seLinuxOptions.type`, templates/daemonset.yaml). On an SELinux
     * node an unprivileged container (container_t) may not write the host's CNI directories; Istio's values
     * name `spc_t` for such platforms (values.yaml `seLinuxOptions`, files/profile-platform-openshift.yaml).
     * @default none
     */
    readonly seLinuxType?: "spc_t";
}

export class IstioMesh extends pulumi.ComponentResource {
    /** Resources that must exist before workloads join the mesh (CRDs, webhook, mesh-wide policies). */
    readonly ready: pulumi.Resource[];

    constructor(name: string, args: IstioMeshArgs, opts: pulumi.ComponentResourceOptions = {}) {
        super("secure-platform:k8s:IstioMesh", name, {}, opts);
        if (!Number.isInteger(args.maxNodes) || args.maxNodes < 1) {
            throw new Error(`IstioMesh: maxNodes must be a positive whole number, got ${args.maxNodes}`);
        }
        const quotas = meshQuotas(args.replicas, args.maxNodes, args.gateway.type);
        const sources = args.sources ?? {};
        const common = { kubernetesVersion: args.kubernetesVersion, ...(args.imagePullSecret ? { imagePullSecret: args.imagePullSecret } : {}) };

        const systemNs = new SecureNamespace(MESH_NAMESPACE, {
            ...common,
            name: MESH_NAMESPACE,
            quota: quotas.system,
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
            quota: quotas.cni,
            mesh: false,
            // Only the node agent's pods (cni@1.29.0 templates/daemonset.yaml, label `k8s-app: istio-cni-node`).
            allows: [{ name: "kube-api", direction: "Egress", podLabels: { "k8s-app": "istio-cni-node" }, ports: tcp(443, 6443) }],
        }, { parent: this });
        const gatewayNs = new SecureNamespace(GATEWAY_NAMESPACE, {
            ...common,
            name: GATEWAY_NAMESPACE,
            quota: quotas.gateway,
            allows: [
                // Clients reach only the HTTPS and status ports (the load balancer's health checks come from the
                // same addresses as its traffic), and only from the gateway's source ranges (see gatewayClients).
                { name: "clients", direction: "Ingress", podLabels: { ...GATEWAY_SELECTOR }, ...gatewayClients(args.gateway), ports: tcp(GATEWAY_PORTS.https, GATEWAY_PORTS.status) },
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
        // No `global.istioNamespace`: no template of the cni chart reads it (istio 1.29.0,
        // manifests/charts/istio-cni/templates). No `seLinuxOptions` on AWS, Bottlerocket included: its
        // SELinux policy lets an unprivileged container (container_t) do what the agent does in sidecar
        // mode. /opt/cni is mounted as cni_exec_t, a "shared" type unconfined subjects may write; /etc/cni
        // and /run (the agent's socket) are tmpfs, labelled any_t, which every subject may write; and every
        // subject may read other processes' /proc entries (pod repair). Sources: bottlerocket-core-kit
        // a10182f, packages/release/opt-cni.mount and etc-cni.mount, packages/selinux-policy object.cil,
        // fs.cil, rules.cil. The chart's option would run it as spc_t, which Bottlerocket aliases to the
        // privileged control_t (subject.cil): a label it does not need. On-prem SELinux nodes (RHEL's
        // container-selinux, RKE2's rke2-selinux) do not let container_t write the host's CNI directories
        // (rancher/rke2#3561: container_t denied write on /opt/cni/bin; istio/istio#41363 on /var/run/istio-cni),
        // so there the variant asks for spc_t (`cniNode.seLinuxType`, istio/istio#59057 for RKE2).
        const cni = chart("istio-cni", "cni", cniNs, cniValues(sources, args.cniNode), [base]);
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
            metadata: { name: GATEWAY_RESOURCE_NAME, namespace: GATEWAY_NAMESPACE },
            spec: {
                selector: { ...GATEWAY_SELECTOR },
                servers: [{
                    port: { number: GATEWAY_PORTS.https, name: "https", protocol: "HTTPS" },
                    hosts: gatewayServerHosts(args.routes ?? []),
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
            // The autoscaler sets the replicas (the chart reads replicaCount only without it).
            autoscaleMin: args.replicas,
            autoscaleMax: istiodMaxReplicas(args.replicas),
            rollingMaxSurge: 1,
            resources: resourceValues(ISTIOD_RESOURCES),
        },
        global: {
            istioNamespace: MESH_NAMESPACE,
            logAsJson: true,
            // Every sidecar: unprivileged, RuntimeDefault seccomp on the container itself (PSS restricted
            // whatever the pod sets), and resources that fit a tenant's quota.
            proxy: { privileged: false, seccompProfile: { type: "RuntimeDefault" }, resources: resourceValues(PROXY_RESOURCES) },
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

/**
 * The shared Gateway's server hosts: each route's hosts as `<namespace>/<host>`, so only VirtualServices in
 * that namespace can bind them (istio/api networking/v1alpha3/gateway.proto, Server.hosts; istiod 1.29.0 keeps
 * for a VirtualService only the server hosts of its own namespace, pkg/config/host/names.go NamesForNamespace).
 * First `istio-ingress/*`: a `*` among the hosts keeps the TLS filter chain free of SNI matching
 * (pilot/pkg/networking/core/listener.go), which a load balancer that re-encrypts needs, as the ALB sends no
 * SNI to its targets (istio/istio#31421); it binds VirtualServices of the gateway's own namespace only, where
 * no tenant can write.
 */
export function gatewayServerHosts(routes: readonly GatewayRoute[]): string[] {
    return [`${GATEWAY_NAMESPACE}/*`, ...routes.flatMap((route) => route.hosts.map((host) => `${route.namespace}/${host}`))];
}

/** The peers of the gateway's client ingress rule: its source ranges as ipBlocks, or every address without any. */
export function gatewayClients(gateway: GatewayServiceSettings): { peers?: Peer[] } {
    const ranges = gateway.sourceRanges ?? [];
    return ranges.length > 0 ? { peers: ranges.map((cidr) => ({ ipBlock: { cidr } })) } : {};
}

/** The gateway chart's values: non-root on unprivileged ports, fixed NodePorts, PSS-restricted contexts. */
export function gatewayValues(args: Pick<IstioMeshArgs, "replicas" | "gateway" | "sources">): Record<string, unknown> {
    const nodePort = (port: number) => (args.gateway.type === "NodePort" ? { nodePort: port } : {});
    const sourceRanges = args.gateway.type === "LoadBalancer" ? args.gateway.loadBalancerSourceRanges ?? [] : [];
    const secrets = pullSecrets(args.sources ?? {});
    return {
        // The autoscaler sets the replicas (the chart reads replicaCount only without it).
        autoscaling: { enabled: true, minReplicas: args.replicas, maxReplicas: gatewayMaxReplicas(args.replicas) },
        resources: resourceValues(GATEWAY_RESOURCES),
        // A lone replica cannot stay available through a node drain, so a budget would only block the drain.
        // The chart renders none below two replicas anyway (gateway 1.29.0, templates/poddisruptionbudget.yaml,
        // a workaround for kubernetes/kubernetes#93476); the values say so rather than rely on it.
        podDisruptionBudget: args.replicas > 1 ? { minAvailable: 1 } : {},
        service: {
            type: args.gateway.type,
            // Local on every type: with Cluster a node masquerades the source address to its own (Kubernetes
            // 1.35 OpenAPI, ServiceSpec.externalTrafficPolicy), so the gateway's ingress NetworkPolicy would see
            // node addresses instead of the load balancer's or the clients', and traffic from the pod's own node
            // is always admitted (NetworkPolicySpec.ingress; the VPC CNI's agent admits node IPs too,
            // aws/aws-network-policy-agent#65). A node without a gateway pod drops the traffic, so the load
            // balancer's health check on the status node port sends it only to nodes running one.
            externalTrafficPolicy: "Local",
            // A LoadBalancer takes no node ports: nothing reaches the gateway past the load balancer's source
            // ranges through a port open on every node, and the namespace's quota allows none.
            ...(args.gateway.type === "LoadBalancer" ? { allocateLoadBalancerNodePorts: false } : {}),
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

/** The cni chart's values: the images, the agent's resources, and the nodes' platform and SELinux type when given. */
export function cniValues(sources: SourceSettings, node: CniNodeSettings = {}): Record<string, unknown> {
    return {
        global: { ...imageValues(sources), ...(node.platform ? { platform: node.platform } : {}) },
        resources: resourceValues(CNI_RESOURCES),
        ...(node.seLinuxType ? { seLinuxOptions: { type: node.seLinuxType } } : {}),
    };
}

/**
 * The images Istio runs on every node of the mesh, as nodes pull them: the CNI node agent (a DaemonSet on
 * every node) and the proxy (each meshed pod's sidecar). The charts name them `<hub>/<image>:<tag>`.
 */
export function meshNodeImages(sources: SourceSettings): string[] {
    const hub = hubFrom(ISTIO.hub, sources);
    return [`${hub}/install-cni:${ISTIO.version}`, `${hub}/proxyv2:${ISTIO.version}`];
}

/** Istio's `global` image values: the hub (upstream or the mirror), the pinned tag, the pull Secrets. */
export function imageValues(sources: SourceSettings): Record<string, unknown> {
    const secrets = pullSecrets(sources).map((s) => s.name);
    return { hub: hubFrom(ISTIO.hub, sources), tag: ISTIO.version, ...(secrets.length > 0 ? { imagePullSecrets: secrets } : {}) };
}
