/**
 * Everything the platform runs inside a cluster, identical on EKS and on-prem: the Istio mesh, the
 * platform and data namespaces, and one isolated namespace per tenant. The variant passes the
 * Kubernetes provider and how the gateway is exposed.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { PlatformConfig } from "../config";
import { InternalCa } from "../secrets/internal-ca";
import { allowFromNamespaces, GATEWAY_NAME, GATEWAY_NAMESPACE, GatewayServiceSettings, IstioMesh } from "./mesh/istio-mesh";
import { inNamespace, tcp } from "./network-policies";
import { NamespaceQuota, SecureNamespace } from "./secure-namespace";
import { Tenant } from "./tenant";

export const PLATFORM_NAMESPACE = "platform";
export const DATA_NAMESPACE = "data";
/** MongoDB's port: the only way into the data namespace. */
export const MONGODB_PORT = 27017;

/** Quotas of the namespaces the platform itself runs in. */
export const SYSTEM_QUOTA: NamespaceQuota = { cpu: "8", memory: "16Gi", pods: 200, storage: "10Gi" };
export const PLATFORM_QUOTA: NamespaceQuota = { cpu: "32", memory: "64Gi", pods: 300, storage: "100Gi" };
export const DATA_QUOTA: NamespaceQuota = { cpu: "16", memory: "64Gi", pods: 50, storage: "4Ti" };

export interface KubernetesPlatformArgs {
    readonly config: PlatformConfig;
    readonly provider: k8s.Provider;
    readonly gateway: GatewayServiceSettings;
}

export class KubernetesPlatform extends pulumi.ComponentResource {
    readonly mesh: IstioMesh;
    readonly ca: InternalCa;
    readonly tenants: Tenant[];

    constructor(name: string, args: KubernetesPlatformArgs, opts: pulumi.ComponentResourceOptions = {}) {
        super("secure-platform:k8s:KubernetesPlatform", name, {}, { ...opts, providers: { kubernetes: args.provider } });
        const { config } = args;
        const kubernetesVersion = config.cluster.kubernetesVersion;
        const replicas = config.environment === "dev" ? 1 : 2;

        this.ca = new InternalCa("internal-ca", { organization: `${config.project}-${config.stack}` }, { parent: this });
        const gatewayCert = this.ca.issue("gateway", {
            commonName: `${GATEWAY_NAME}.${GATEWAY_NAMESPACE}.svc`,
            dnsNames: [
                `${GATEWAY_NAME}.${GATEWAY_NAMESPACE}.svc`,
                `${GATEWAY_NAME}.${GATEWAY_NAMESPACE}.svc.cluster.local`,
                ...(config.edge.domainName ? [config.edge.domainName] : []),
            ],
        });

        this.mesh = new IstioMesh("mesh", {
            kubernetesVersion,
            chartRepository: config.mesh.chartRepository,
            replicas,
            gateway: args.gateway,
            gatewayTls: gatewayCert,
            systemQuota: SYSTEM_QUOTA,
        }, { parent: this });
        const meshReady = { parent: this, dependsOn: this.mesh.ready };

        const fromGateway = { name: "gateway", direction: "Ingress" as const, peers: [inNamespace(GATEWAY_NAMESPACE)] };
        const platform = new SecureNamespace(PLATFORM_NAMESPACE, {
            name: PLATFORM_NAMESPACE,
            kubernetesVersion,
            quota: PLATFORM_QUOTA,
            allows: [fromGateway, { name: "mongodb", direction: "Egress", peers: [inNamespace(DATA_NAMESPACE)], ports: tcp(MONGODB_PORT) }],
        }, meshReady);
        allowFromNamespaces(`${PLATFORM_NAMESPACE}-allow-mesh-peers`, PLATFORM_NAMESPACE, "allow-mesh-peers", [GATEWAY_NAMESPACE, PLATFORM_NAMESPACE], { parent: this, dependsOn: [platform, ...this.mesh.ready] });

        const data = new SecureNamespace(DATA_NAMESPACE, {
            name: DATA_NAMESPACE,
            kubernetesVersion,
            quota: DATA_QUOTA,
            allows: [{ name: "platform", direction: "Ingress", peers: [inNamespace(PLATFORM_NAMESPACE)], ports: tcp(MONGODB_PORT) }],
        }, meshReady);
        allowFromNamespaces(`${DATA_NAMESPACE}-allow-mesh-peers`, DATA_NAMESPACE, "allow-mesh-peers", [PLATFORM_NAMESPACE, DATA_NAMESPACE], { parent: this, dependsOn: [data, ...this.mesh.ready] });

        this.tenants = config.tenants.map((tenant) => new Tenant(`tenant-${tenant.name}`, {
            tenant,
            kubernetesVersion,
            meshReady: this.mesh.ready,
        }, { parent: this }));

        this.registerOutputs({});
    }
}

