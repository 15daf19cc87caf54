/**
 * The Istio egress gateway: the one way out of the cluster for the mesh's calls to external hosts. Installs the
 * pinned `gateway` chart as a ClusterIP Service in its own PSS-restricted namespace and, for every host the stack
 * allows (`egress.hosts`), the Istio "Egress Gateways" pattern with the hop inside the mesh under mutual TLS:
 *
 *   application ──TLS (its own, to the host)──▶ sidecar ──Istio mTLS, SNI = host──▶ egress gateway ──TLS──▶ host
 *
 * The application's TLS is never terminated: the sidecar wraps it in the mesh's mTLS (DestinationRule subset,
 * ISTIO_MUTUAL with the host as SNI), the gateway's server for that SNI terminates only that outer layer
 * (ISTIO_MUTUAL), learns the caller's identity, and forwards the inner bytes to the host (a VirtualService `tcp` route:
 * istiod builds a terminating TLS server's filter chain from TCP routes, one chain per server and its SNI hosts,
 * istio 1.29 pilot/pkg/networking/core/gateway.go createGatewayTCPFilterChainOpts, so each host has a server of its
 * own). With the caller's identity known, an AuthorizationPolicy on the gateway names which namespaces may
 * reach which host (`source.namespaces`, and `connection.sni`, the condition Istio documents for the SNI of TCP
 * and TLS traffic: istio.io, "Authorization Policy Conditions"). A plain TLS PASSTHROUGH server, the task's
 * simplest variant, would leave the gateway blind to who calls.
 *
 * Sidecars learn a host only from a ServiceEntry exported to their namespace (the mesh is REGISTRY_ONLY), so a
 * namespace not listed for a host cannot even address it; NetworkPolicies let the listed namespaces reach the
 * gateway's listener, and only the gateway's pods leave the cluster, to addresses outside every private range, on
 * the hosts' ports. Every connection through the gateway is in its access log: istiod sets
 * `meshConfig.accessLogFile: /dev/stdout` for every proxy, gateways included (istio-mesh.ts istiodValues).
 */
import * as crypto from "node:crypto";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { RFC1918_RANGES } from "../../lib/cidr";
import type { EgressHost } from "../../settings/mesh";
import { ISTIO } from "../../versions";
import { allow, AllowRule, inNamespace, tcp } from "../network-policies";
import { RESTRICTED_CONTAINER_SECURITY_CONTEXT, RESTRICTED_POD_SECURITY_CONTEXT } from "../pod-security";
import { quotaFor, resourceValues, withRollingSurge } from "../resources";
import { ImagePullSecret, NamespaceQuota, SecureNamespace } from "../secure-namespace";
import { chartFrom, pullSecrets, SourceSettings } from "../sources";
import { GATEWAY_RESOURCES, gatewayMaxReplicas } from "./istio-mesh";

export const EGRESS_NAMESPACE = "istio-egress";
/** The release name: the gateway's Deployment, Service and service account are all called this. */
export const EGRESS_GATEWAY_NAME = "istio-egress";
/** The label the Gateway and the AuthorizationPolicy select the egress gateway's pods by (the chart's `labels.istio`). */
export const EGRESS_SELECTOR = { istio: "egressgateway" } as const;
/** The gateway's Service, the destination sidecars send external calls to. */
export const EGRESS_SERVICE_HOST = `${EGRESS_GATEWAY_NAME}.${EGRESS_NAMESPACE}.svc.cluster.local`;
/** The Istio Gateway (in the egress namespace) the VirtualServices bind as `istio-egress/egress`. */
export const EGRESS_GATEWAY_RESOURCE = "egress";
/** The Service port sidecars connect to, and the unprivileged port the gateway's proxy listens on (non-root). */
export const EGRESS_SERVICE_PORT = 443;
export const EGRESS_LISTENER_PORT = 8443;
const STATUS_PORT = 15021;
/** The proxy's user: the gateway runs as it, with no capabilities, on unprivileged ports. */
const PROXY_UID = 1337;

/**
 * Addresses that are not the internet, excepted from the gateway's egress: RFC 1918 (the VPC, whose range the
 * network settings keep inside it, the pods of the VPC CNI, EKS's service range 10.100.0.0/16 or 172.20.0.0/16 when the
 * cluster names none (@pulumi/aws ClusterKubernetesNetworkConfig.serviceIpv4Cidr), and the usual on-prem cluster ranges), RFC 6598 shared space (pod ranges of EKS custom networking and of some CNIs) and
 * link-local (the instance metadata service 169.254.169.254 and the EKS Pod Identity agent 169.254.170.23).
 */
export const NON_INTERNET_RANGES: readonly string[] = [...RFC1918_RANGES, "100.64.0.0/10", "169.254.0.0/16"];

export interface EgressGatewayArgs {
    readonly kubernetesVersion: string;
    /** Where the chart and images come from. @default upstream */
    readonly sources?: SourceSettings;
    /** Pull Secret created in the gateway's namespace, with `sources.pullSecretName` as its name. */
    readonly imagePullSecret?: ImagePullSecret;
    /** Minimum replicas (2+ keeps egress up through a node drain, with a PodDisruptionBudget). */
    readonly replicas: number;
    /**
     * The external hosts the mesh may call, each with the namespaces that may call it; a host given twice (the stack's
     * list and a component's, e.g. the backup store) is one entry for the namespaces of both. @default []
     */
    readonly hosts?: readonly EgressHost[];
    /** Private ranges outside the cluster the gateway may reach besides the internet (`egress.privateDestinations`). @default [] */
    readonly privateDestinations?: readonly string[];
    /** Nodes the gateway runs on: on AWS those whose subnets route to the NAT gateway. @default any node */
    readonly nodeSelector?: Readonly<Record<string, string>>;
    /** The mesh's control plane and mesh-wide policies, which must exist first. */
    readonly meshReady: readonly pulumi.Resource[];
    /** The namespaces that may call external hosts: their egress allows are created once they exist. */
    readonly clientNamespaces: readonly pulumi.Resource[];
}

/**
 * One entry per host: the namespaces of every entry naming it, in the order first given. Two entries that disagree
 * on the port or protocol are refused: one ServiceEntry and one route serve a host.
 */
export function mergeEgressHosts(hosts: readonly EgressHost[]): EgressHost[] {
    const merged = new Map<string, EgressHost>();
    for (const entry of hosts) {
        const first = merged.get(entry.host);
        if (first && (first.port !== entry.port || first.protocol !== entry.protocol)) {
            throw new Error(`EgressGateway: ${entry.host} is given as ${first.protocol} on ${first.port} and as ${entry.protocol} on ${entry.port}; list each host once, with one port and protocol (egress.hosts)`);
        }
        merged.set(entry.host, first ? { ...first, namespaces: [...new Set([...first.namespaces, ...entry.namespaces])] } : entry);
    }
    return [...merged.values()];
}

/** The namespaces that call at least one host, in a stable order. */
export function egressClients(hosts: readonly EgressHost[]): string[] {
    return [...new Set(hosts.flatMap((entry) => entry.namespaces))].sort();
}

/** The ports external hosts listen on, for the gateway's egress NetworkPolicy. */
export function egressPorts(hosts: readonly EgressHost[]): number[] {
    return [...new Set(hosts.map((entry) => entry.port))].sort((a, b) => a - b);
}

/**
 * A DNS-1123 label naming a host's DestinationRule subset (istiod refuses any other subset name: istio
 * pkg/config/validation validateSubsetName) and its Gateway server's port: the host with
 * dots as dashes, or, past 63 characters, its start and a hash of the whole name so two long hosts never collide.
 */
export function hostLabel(host: string): string {
    const label = host.replace(/\./g, "-");
    if (label.length <= 63) {
        return label;
    }
    const hash = crypto.createHash("sha256").update(host).digest("hex").slice(0, 8);
    return `${label.slice(0, 54).replace(/-+$/, "")}-${hash}`;
}

/** The egress namespace's quota: the gateway at its autoscaling maximum plus a rollout's surge, like the ingress gateway's. */
export function egressQuota(replicas: number): NamespaceQuota {
    return quotaFor([{ pods: withRollingSurge(gatewayMaxReplicas(replicas)), containers: [GATEWAY_RESOURCES] }], { storage: "0" });
}

/** The gateway chart's values: a ClusterIP Service, non-root on unprivileged ports, no Secret access, PSS-restricted. */
export function egressGatewayValues(args: Pick<EgressGatewayArgs, "replicas" | "sources" | "nodeSelector">): Record<string, unknown> {
    const secrets = pullSecrets(args.sources ?? {});
    return {
        // The chart's selector label (gateway 1.29.0, templates/_helpers.tpl `gateway.selectorLabels`); `app` stays the release name.
        labels: { ...EGRESS_SELECTOR },
        autoscaling: { enabled: true, minReplicas: args.replicas, maxReplicas: gatewayMaxReplicas(args.replicas) },
        resources: resourceValues(GATEWAY_RESOURCES),
        // The chart renders no budget below two replicas (templates/poddisruptionbudget.yaml); the values say so too.
        podDisruptionBudget: args.replicas > 1 ? { minAvailable: 1 } : {},
        // The Role lets a gateway read its TLS Secrets (templates/role.yaml); this one holds no credential of its own.
        rbac: { enabled: false },
        service: {
            // Only sidecars of the mesh call it: nothing outside the cluster reaches it.
            type: "ClusterIP",
            ports: [
                { name: "status-port", port: STATUS_PORT, targetPort: STATUS_PORT, protocol: "TCP" },
                { name: "tls", port: EGRESS_SERVICE_PORT, targetPort: EGRESS_LISTENER_PORT, protocol: "TCP" },
            ],
        },
        securityContext: { ...RESTRICTED_POD_SECURITY_CONTEXT, runAsUser: PROXY_UID, runAsGroup: PROXY_UID, fsGroup: PROXY_UID },
        containerSecurityContext: { ...RESTRICTED_CONTAINER_SECURITY_CONTEXT, runAsUser: PROXY_UID, runAsGroup: PROXY_UID },
        ...(args.nodeSelector ? { nodeSelector: { ...args.nodeSelector } } : {}),
        ...(secrets.length > 0 ? { imagePullSecrets: secrets } : {}),
    };
}

/** The host in the mesh's registry, seen only by the namespaces that may call it and by the gateway. */
export function serviceEntrySpec(entry: EgressHost): Record<string, unknown> {
    return {
        hosts: [entry.host],
        exportTo: [".", ...entry.namespaces],
        location: "MESH_EXTERNAL",
        resolution: "DNS",
        ports: [{ number: entry.port, name: `${entry.protocol.toLowerCase()}-${entry.port}`, protocol: entry.protocol }],
    };
}

/**
 * Sidecars send the host's TLS to the gateway (its subset for the host, matched on the application's SNI), and the
 * gateway's server for the host, having terminated the mesh's mTLS, sends the bytes on to the host over TCP.
 */
export function virtualServiceSpec(entry: EgressHost): Record<string, unknown> {
    const gateway = `${EGRESS_NAMESPACE}/${EGRESS_GATEWAY_RESOURCE}`;
    return {
        hosts: [entry.host],
        gateways: ["mesh", gateway],
        exportTo: [".", ...entry.namespaces],
        tls: [
            {
                match: [{ gateways: ["mesh"], port: entry.port, sniHosts: [entry.host] }],
                route: [{ destination: { host: EGRESS_SERVICE_HOST, subset: hostLabel(entry.host), port: { number: EGRESS_SERVICE_PORT } } }],
            },
        ],
        tcp: [{
            match: [{ gateways: [gateway], port: EGRESS_LISTENER_PORT }],
            route: [{ destination: { host: entry.host, port: { number: entry.port } } }],
        }],
    };
}

/** The hop to the gateway: Istio mTLS, with the external host as SNI so the gateway can route and authorize by it. */
export function destinationRuleSpec(hosts: readonly EgressHost[]): Record<string, unknown> {
    return {
        host: EGRESS_SERVICE_HOST,
        exportTo: [".", ...egressClients(hosts)],
        subsets: hosts.map((entry) => ({
            name: hostLabel(entry.host),
            trafficPolicy: { portLevelSettings: [{ port: { number: EGRESS_SERVICE_PORT }, tls: { mode: "ISTIO_MUTUAL", sni: entry.host } }] },
        })),
    };
}

/**
 * The gateway's listener: a server per host on the one port, told apart by the SNI the sidecar sets, each terminating
 * the mesh's mTLS (ISTIO_MUTUAL) and forwarding the application's TLS inside untouched. One server for all hosts would
 * be one filter chain with one TCP route: every host's traffic would go to the first host's address.
 */
export function gatewaySpec(hosts: readonly EgressHost[]): Record<string, unknown> {
    return {
        selector: { ...EGRESS_SELECTOR },
        servers: hosts.map((entry) => ({
            port: { number: EGRESS_LISTENER_PORT, name: `tls-${hostLabel(entry.host)}`, protocol: "TLS" },
            // Bound only by VirtualServices of the gateway's own namespace, where tenants cannot write.
            hosts: [`${EGRESS_NAMESPACE}/${entry.host}`],
            tls: { mode: "ISTIO_MUTUAL" },
        })),
    };
}

/** Which namespaces may reach which host: one rule per host, matched on the caller's mTLS identity and the SNI. */
export function authorizationPolicySpec(hosts: readonly EgressHost[]): Record<string, unknown> {
    return {
        selector: { matchLabels: { ...EGRESS_SELECTOR } },
        action: "ALLOW",
        rules: hosts.map((entry) => ({
            from: [{ source: { namespaces: [...entry.namespaces] } }],
            to: [{ operation: { ports: [String(EGRESS_LISTENER_PORT)] } }],
            when: [{ key: "connection.sni", values: [entry.host] }],
        })),
    };
}

/**
 * The NetworkPolicy rules of the gateway's namespace: its callers in; out, the internet (and the private destinations
 * the stack lists) on the hosts' ports.
 */
export function egressNamespaceAllows(hosts: readonly EgressHost[], privateDestinations: readonly string[] = []): AllowRule[] {
    const clients = egressClients(hosts);
    if (clients.length === 0) {
        // No caller: no rule at all (an ingress rule without peers would admit every source).
        return [];
    }
    return [
        { name: "callers", direction: "Ingress", podLabels: { ...EGRESS_SELECTOR }, peers: clients.map((ns) => inNamespace(ns)), ports: tcp(EGRESS_LISTENER_PORT) },
        {
            name: "internet",
            direction: "Egress",
            podLabels: { ...EGRESS_SELECTOR },
            peers: [{ ipBlock: { cidr: "0.0.0.0/0", except: [...NON_INTERNET_RANGES] } }, ...privateDestinations.map((cidr) => ({ ipBlock: { cidr } }))],
            ports: tcp(...egressPorts(hosts)),
        },
    ];
}

/** What a namespace that calls external hosts may send: to the egress gateway's listener, nowhere else outside. */
export const TO_EGRESS_GATEWAY: AllowRule = {
    name: "egress-gateway",
    direction: "Egress",
    peers: [inNamespace(EGRESS_NAMESPACE, { ...EGRESS_SELECTOR })],
    ports: tcp(EGRESS_LISTENER_PORT),
};

export class EgressGateway extends pulumi.ComponentResource {
    constructor(name: string, args: EgressGatewayArgs, opts: pulumi.ComponentResourceOptions = {}) {
        super("secure-platform:k8s:EgressGateway", name, {}, opts);
        if (!Number.isInteger(args.replicas) || args.replicas < 1) {
            throw new Error(`EgressGateway: replicas must be a positive whole number, got ${args.replicas}`);
        }
        const hosts = mergeEgressHosts(args.hosts ?? []);
        const sources = args.sources ?? {};

        const namespace = new SecureNamespace(EGRESS_NAMESPACE, {
            name: EGRESS_NAMESPACE,
            kubernetesVersion: args.kubernetesVersion,
            quota: egressQuota(args.replicas),
            allows: egressNamespaceAllows(hosts, args.privateDestinations ?? []),
            ...(args.imagePullSecret ? { imagePullSecret: args.imagePullSecret } : {}),
        }, { parent: this });

        const release = new k8s.helm.v3.Release(EGRESS_GATEWAY_NAME, {
            name: EGRESS_GATEWAY_NAME,
            ...chartFrom("gateway", ISTIO.repository, sources),
            version: ISTIO.version,
            namespace: EGRESS_NAMESPACE,
            values: egressGatewayValues({ replicas: args.replicas, sources, ...(args.nodeSelector ? { nodeSelector: args.nodeSelector } : {}) }),
            atomic: true,
            cleanupOnFail: true,
            maxHistory: 10,
            timeout: 600,
        }, { parent: this, dependsOn: [namespace, ...args.meshReady] });

        const clientOpts = { parent: this, dependsOn: [...args.clientNamespaces] };
        for (const client of egressClients(hosts)) {
            allow(client, TO_EGRESS_GATEWAY, clientOpts);
        }
        if (hosts.length === 0) {
            // Nothing may leave: the gateway runs, with no route, and the mesh-wide allow-nothing refuses every call.
            this.registerOutputs({});
            return;
        }

        const routing = { parent: this, dependsOn: [namespace, ...args.meshReady] };
        const custom = (logicalName: string, apiVersion: string, kind: string, resourceName: string, spec: Record<string, unknown>, options: pulumi.CustomResourceOptions) =>
            new k8s.apiextensions.CustomResource(logicalName, { apiVersion, kind, metadata: { name: resourceName, namespace: EGRESS_NAMESPACE }, spec }, options);
        const gateway = custom("egress-gateway", "networking.istio.io/v1", "Gateway", EGRESS_GATEWAY_RESOURCE, gatewaySpec(hosts), { parent: this, dependsOn: [release] });
        custom("egress-gateway-mtls", "networking.istio.io/v1", "DestinationRule", "egress-gateway-mtls", destinationRuleSpec(hosts), routing);
        custom("egress-allow-callers", "security.istio.io/v1", "AuthorizationPolicy", "allow-listed-callers", authorizationPolicySpec(hosts), routing);
        for (const entry of hosts) {
            // Keyed by the host, so adding or removing one host never renames another's resources.
            custom(`egress-${entry.host}`, "networking.istio.io/v1", "ServiceEntry", hostLabel(entry.host), serviceEntrySpec(entry), routing);
            custom(`egress-route-${entry.host}`, "networking.istio.io/v1", "VirtualService", hostLabel(entry.host), virtualServiceSpec(entry), { parent: this, dependsOn: [gateway] });
        }
        this.registerOutputs({});
    }
}
