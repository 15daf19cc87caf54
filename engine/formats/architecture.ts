/**
 * The architecture a rendered stack declares, read from resource types and inputs (never from this
 * program's resource names): network tiers, load balancers and their listeners, web ACLs, clusters and
 * node groups, namespaces, the service mesh, Services and Helm releases that expose workloads.
 * Everything is optional: an on-prem stack has no AWS resource, a component test may have one type.
 */
import {
    isPrivateCidr, isWorld, kindOf, kubernetesRef, list, Props, record, ResourceView, StackView, text, unique,
} from "./stack-view";

export type Exposure = "public" | "private" | "isolated";

export interface Tier {
    /** The subnets' `Tier` tag, else their exposure. */
    readonly name: string;
    readonly exposure: Exposure;
    readonly subnets: readonly ResourceView[];
    readonly zones: readonly string[];
    readonly cidrs: readonly string[];
    readonly vpc?: ResourceView;
}

export interface Network {
    readonly vpc: ResourceView;
    readonly cidr?: string;
    readonly tiers: readonly Tier[];
    readonly natGateways: readonly ResourceView[];
    readonly endpoints: readonly ResourceView[];
    readonly flowLogs: readonly ResourceView[];
    readonly networkAcls: readonly ResourceView[];
}

export interface SecurityGroupRule {
    readonly rule: ResourceView;
    readonly group: ResourceView;
    readonly direction: "ingress" | "egress";
    readonly protocol: string;
    readonly fromPort?: number;
    readonly toPort?: number;
    /** A CIDR, or the peer security group. */
    readonly peer: { readonly cidr: string } | { readonly group: ResourceView } | { readonly prefixList: string };
    readonly description?: string;
}

export interface Listener {
    readonly view: ResourceView;
    readonly port?: number;
    readonly protocol: string;
    /** forward, redirect, fixed-response, authenticate-oidc, authenticate-cognito. */
    readonly actions: readonly string[];
    readonly targetGroups: readonly ResourceView[];
    readonly tlsPolicy?: string;
}

export interface LoadBalancer {
    readonly view: ResourceView;
    readonly kind: string;
    readonly internetFacing: boolean;
    readonly securityGroups: readonly ResourceView[];
    readonly tiers: readonly Tier[];
    readonly listeners: readonly Listener[];
    readonly webAcls: readonly ResourceView[];
    readonly accessLogBucket?: string;
}

export interface NodeGroup {
    readonly view: ResourceView;
    readonly cluster?: ResourceView;
    /** The node labels, e.g. `{"secure-platform/node-group": "app"}`. */
    readonly labels: Readonly<Record<string, string>>;
    readonly role: string;
    readonly tiers: readonly Tier[];
    readonly launchTemplate?: ResourceView;
    readonly securityGroups: readonly ResourceView[];
    readonly instanceTypes: readonly string[];
    readonly minSize?: number;
    readonly maxSize?: number;
    readonly tainted: boolean;
}

export interface Cluster {
    readonly view: ResourceView;
    readonly name: string;
    readonly version?: string;
    readonly publicEndpoint: boolean;
    readonly publicCidrs: readonly string[];
    readonly privateEndpoint: boolean;
    readonly securityGroups: readonly ResourceView[];
    readonly secretsKey?: ResourceView;
    readonly logTypes: readonly string[];
    readonly authenticationMode?: string;
    readonly nodeGroups: readonly NodeGroup[];
    readonly accessEntries: readonly ResourceView[];
    readonly addons: readonly ResourceView[];
}

export interface Namespace {
    readonly view?: ResourceView;
    readonly name: string;
    readonly tenant?: string;
    readonly podSecurity?: string;
    readonly meshInjected: boolean;
    readonly defaultDenyIngress: boolean;
    readonly defaultDenyEgress: boolean;
    readonly quota: boolean;
}

/** A Service (or a Helm release's `service` values) that opens workloads beyond the cluster network. */
export interface ExposedService {
    readonly view: ResourceView;
    readonly name: string;
    readonly namespace?: string;
    readonly type: "LoadBalancer" | "NodePort" | "ExternalIPs";
    readonly ports: readonly { readonly name?: string; readonly port?: number; readonly nodePort?: number; readonly targetPort?: number | string }[];
    readonly sourceRanges: readonly string[];
    readonly internalAnnotation?: string;
    readonly nodeSelector: Readonly<Record<string, string>>;
}

export interface MeshGateway {
    readonly view: ResourceView;
    readonly name: string;
    readonly namespace?: string;
    readonly servers: readonly { readonly port?: number; readonly protocol?: string; readonly hosts: readonly string[]; readonly tlsMode?: string; readonly minTls?: string }[];
}

export interface Mesh {
    readonly controlPlane: readonly ResourceView[];
    readonly rootNamespace: string;
    readonly strictMeshWide: boolean;
    readonly peerAuthentications: readonly ResourceView[];
    readonly authorizationPolicies: readonly ResourceView[];
    readonly allowNothingMeshWide: boolean;
    readonly minTls?: string;
    readonly outboundPolicy?: string;
    readonly gateways: readonly MeshGateway[];
    readonly serviceEntries: readonly ResourceView[];
    /**
     * Releases of Istio's `gateway` chart that serve the mesh's way out: labelled as an egress gateway, or a
     * ClusterIP Service nothing outside the cluster reaches (infra/k8s/mesh/egress-gateway.ts).
     */
    readonly egressGateways: readonly ResourceView[];
}

export interface WebAcl {
    readonly view: ResourceView;
    readonly rules: readonly string[];
    readonly rateLimited: boolean;
    readonly logging: boolean;
    readonly protects: readonly ResourceView[];
}

export interface Architecture {
    readonly view: StackView;
    readonly networks: readonly Network[];
    readonly tiers: readonly Tier[];
    readonly securityGroupRules: readonly SecurityGroupRule[];
    readonly loadBalancers: readonly LoadBalancer[];
    readonly webAcls: readonly WebAcl[];
    readonly clusters: readonly Cluster[];
    readonly namespaces: readonly Namespace[];
    readonly exposedServices: readonly ExposedService[];
    readonly mesh?: Mesh;
    readonly helmReleases: readonly ResourceView[];
}

const SUBNET = "aws:ec2/subnet:Subnet";
const LOAD_BALANCERS = ["aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer"];
const LISTENERS = ["aws:lb/listener:Listener", "aws:alb/listener:Listener"];
const LISTENER_RULES = ["aws:lb/listenerRule:ListenerRule", "aws:alb/listenerRule:ListenerRule"];
const TARGET_GROUPS = ["aws:lb/targetGroup:TargetGroup", "aws:alb/targetGroup:TargetGroup"];
const SECURITY_GROUP = "aws:ec2/securityGroup:SecurityGroup";
export const HELM_TYPES = ["kubernetes:helm.sh/v3:Release", "kubernetes:helm.sh/v4:Chart"];
const INTERNAL_LB_ANNOTATIONS: Readonly<Record<string, (value: string) => boolean>> = {
    "service.beta.kubernetes.io/aws-load-balancer-scheme": (v) => v === "internal",
    "service.beta.kubernetes.io/aws-load-balancer-internal": (v) => v === "true" || isPrivateCidr(v),
    "service.beta.kubernetes.io/azure-load-balancer-internal": (v) => v === "true",
    "networking.gke.io/load-balancer-type": (v) => v.toLowerCase() === "internal",
    "cloud.google.com/load-balancer-type": (v) => v.toLowerCase() === "internal",
    "service.beta.kubernetes.io/openstack-internal-load-balancer": (v) => v === "true",
};

function num(value: unknown): number | undefined {
    const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
    return typeof n === "number" && Number.isFinite(n) ? n : undefined;
}

function tagsOf(view: ResourceView): Props {
    return record(view.props.tags);
}

function subnetExposure(view: StackView, subnet: ResourceView): Exposure {
    const tables = view.referencedOfType(subnet, "aws:ec2/routeTable:RouteTable");
    for (const association of view.referrers(subnet, "aws:ec2/routeTableAssociation:RouteTableAssociation")) {
        tables.push(...view.referencedOfType(association, "aws:ec2/routeTable:RouteTable"));
    }
    const routes: Props[] = [];
    for (const table of tables) {
        routes.push(...list<Props>(table.props.routes).map(record));
        routes.push(...view.referrers(table, "aws:ec2/route:Route").map((r) => r.props));
    }
    const resolvedType = (value: unknown) => view.resolve(value)?.type;
    const isDefault = (r: Props) => isWorld(r.destinationCidrBlock ?? r.cidrBlock) || isWorld(r.destinationIpv6CidrBlock ?? r.ipv6CidrBlock);
    if (routes.some((r) => isDefault(r) && (resolvedType(r.gatewayId) === "aws:ec2/internetGateway:InternetGateway" || /^igw-/.test(String(r.gatewayId ?? ""))))) {
        return "public";
    }
    if (routes.some((r) => isDefault(r) && (r.natGatewayId || r.transitGatewayId || r.networkInterfaceId || r.egressOnlyGatewayId))) {
        return "private";
    }
    return "isolated";
}

function readTiers(view: StackView): Tier[] {
    const groups = new Map<string, { exposure: Exposure; subnets: ResourceView[] }>();
    const rank: Record<Exposure, number> = { public: 0, private: 1, isolated: 2 };
    for (const subnet of view.ofType(SUBNET)) {
        const exposure = subnetExposure(view, subnet);
        const tags = tagsOf(subnet);
        const name = text(tags.Tier) ?? text(tags.tier) ?? exposure;
        const group = groups.get(name) ?? { exposure, subnets: [] };
        group.subnets.push(subnet);
        if (rank[exposure] < rank[group.exposure]) {
            group.exposure = exposure;
        }
        groups.set(name, group);
    }
    return [...groups].map(([name, g]) => ({
        name,
        exposure: g.exposure,
        subnets: g.subnets,
        zones: unique(g.subnets.map((s) => text(s.props.availabilityZone)).filter((z): z is string => !!z)),
        cidrs: g.subnets.map((s) => text(s.props.cidrBlock)).filter((c): c is string => !!c),
        ...(view.referencedOfType(g.subnets[0], "aws:ec2/vpc:Vpc")[0] ? { vpc: view.referencedOfType(g.subnets[0], "aws:ec2/vpc:Vpc")[0] } : {}),
    }));
}

function tiersOfSubnets(tiers: readonly Tier[], subnetIds: unknown, view: StackView): Tier[] {
    const subnets = list(subnetIds).map((id) => view.resolve(id)).filter((s): s is ResourceView => !!s);
    return tiers.filter((t) => t.subnets.some((s) => subnets.includes(s)));
}

function readSecurityGroupRules(view: StackView): SecurityGroupRule[] {
    const rules: SecurityGroupRule[] = [];
    const peersOf = (p: Props, self: ResourceView): SecurityGroupRule["peer"][] => {
        const peers: SecurityGroupRule["peer"][] = [];
        for (const cidr of [...list<string>(p.cidrBlocks), ...list<string>(p.ipv6CidrBlocks), ...list<string>(p.cidrIpv4), ...list<string>(p.cidrIpv6)]) {
            peers.push({ cidr });
        }
        for (const id of [...list(p.securityGroups), ...list(p.sourceSecurityGroupId), ...list(p.referencedSecurityGroupId)]) {
            const group = view.resolve(id);
            if (group) {
                peers.push({ group });
            }
        }
        for (const id of [...list<string>(p.prefixListIds), ...list<string>(p.prefixListId)]) {
            peers.push({ prefixList: id });
        }
        if (p.self === true) {
            peers.push({ group: self });
        }
        return peers;
    };
    const push = (rule: ResourceView, group: ResourceView | undefined, direction: "ingress" | "egress", p: Props) => {
        if (!group) {
            return;
        }
        for (const peer of peersOf(p, group)) {
            rules.push({
                rule,
                group,
                direction,
                protocol: String(p.ipProtocol ?? p.protocol ?? "-1"),
                ...(num(p.fromPort) !== undefined ? { fromPort: num(p.fromPort) } : {}),
                ...(num(p.toPort) !== undefined ? { toPort: num(p.toPort) } : {}),
                peer,
                ...(text(p.description) ? { description: text(p.description) } : {}),
            });
        }
    };
    for (const group of view.ofType(SECURITY_GROUP, "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup")) {
        list<Props>(group.props.ingress).forEach((p) => push(group, group, "ingress", record(p)));
        list<Props>(group.props.egress).forEach((p) => push(group, group, "egress", record(p)));
    }
    for (const rule of view.ofType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")) {
        push(rule, view.resolve(rule.props.securityGroupId), "ingress", rule.props);
    }
    for (const rule of view.ofType("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule")) {
        push(rule, view.resolve(rule.props.securityGroupId), "egress", rule.props);
    }
    for (const rule of view.ofType("aws:ec2/securityGroupRule:SecurityGroupRule")) {
        push(rule, view.resolve(rule.props.securityGroupId), rule.props.type === "egress" ? "egress" : "ingress", rule.props);
    }
    return rules;
}

/** Whether a rule admits traffic to `port` (all ports when the protocol is "-1"/"all"). */
export function coversPort(rule: SecurityGroupRule, port: number | undefined): boolean {
    if (rule.protocol === "-1" || rule.protocol === "all") {
        return true;
    }
    if (port === undefined) {
        return false;
    }
    const from = rule.fromPort ?? 0;
    const to = rule.toPort ?? 65535;
    return port >= from && port <= to;
}

function actionsOf(value: unknown, view: StackView): { actions: string[]; targetGroups: ResourceView[] } {
    const actions: string[] = [];
    const targetGroups: ResourceView[] = [];
    for (const action of list<Props>(value).map(record)) {
        actions.push(String(action.type ?? "forward"));
        const arns = [action.targetGroupArn, ...list<Props>(record(action.forward).targetGroups).map((t) => record(t).arn)];
        for (const arn of arns) {
            const group = view.resolve(arn);
            if (group && TARGET_GROUPS.includes(group.type)) {
                targetGroups.push(group);
            }
        }
    }
    return { actions, targetGroups };
}

function readLoadBalancers(view: StackView, tiers: readonly Tier[]): LoadBalancer[] {
    const listeners = view.ofType(...LISTENERS);
    const listenerRules = view.ofType(...LISTENER_RULES);
    const associations = view.ofType("aws:wafv2/webAclAssociation:WebAclAssociation");
    return view.ofType(...LOAD_BALANCERS).map((lb) => {
        const own = listeners.filter((l) => view.resolve(l.props.loadBalancerArn) === lb);
        return {
            view: lb,
            kind: String(lb.props.loadBalancerType ?? "application"),
            // AWS creates an internet-facing load balancer unless `internal` is set.
            internetFacing: lb.props.internal !== true,
            securityGroups: list(lb.props.securityGroups).map((id) => view.resolve(id)).filter((g): g is ResourceView => !!g),
            tiers: tiersOfSubnets(tiers, [...list(lb.props.subnets), ...list<Props>(lb.props.subnetMappings).map((m) => record(m).subnetId)], view),
            listeners: own.map((listener) => {
                const defaults = actionsOf(listener.props.defaultActions, view);
                const extra = listenerRules.filter((r) => view.resolve(r.props.listenerArn) === listener).map((r) => actionsOf(r.props.actions, view));
                return {
                    view: listener,
                    ...(num(listener.props.port) !== undefined ? { port: num(listener.props.port) } : {}),
                    protocol: String(listener.props.protocol ?? (listener.props.certificateArn ? "HTTPS" : "HTTP")),
                    actions: unique([...defaults.actions, ...extra.flatMap((e) => e.actions)]),
                    targetGroups: unique([...defaults.targetGroups, ...extra.flatMap((e) => e.targetGroups)]),
                    ...(text(listener.props.sslPolicy) ? { tlsPolicy: text(listener.props.sslPolicy) } : {}),
                };
            }),
            webAcls: associations.filter((a) => view.resolve(a.props.resourceArn) === lb)
                .map((a) => view.resolve(a.props.webAclArn)).filter((w): w is ResourceView => !!w),
            ...(record(lb.props.accessLogs).enabled === true && text(record(lb.props.accessLogs).bucket)
                ? { accessLogBucket: text(record(lb.props.accessLogs).bucket) } : {}),
        };
    });
}

function readWebAcls(view: StackView): WebAcl[] {
    const associations = view.ofType("aws:wafv2/webAclAssociation:WebAclAssociation");
    const logging = view.ofType("aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration");
    return view.ofType("aws:wafv2/webAcl:WebAcl").map((acl) => {
        const rules = list<Props>(acl.props.rules).map(record);
        return {
            view: acl,
            rules: rules.map((r) => {
                const managed = record(record(r.statement).managedRuleGroupStatement);
                return text(managed.name) ?? text(r.name) ?? "rule";
            }),
            rateLimited: rules.some((r) => Object.keys(record(r.statement)).includes("rateBasedStatement")),
            logging: logging.some((l) => view.resolve(l.props.resourceArn) === acl),
            protects: associations.filter((a) => view.resolve(a.props.webAclArn) === acl)
                .map((a) => view.resolve(a.props.resourceArn)).filter((r): r is ResourceView => !!r),
        };
    });
}

function readClusters(view: StackView, tiers: readonly Tier[]): Cluster[] {
    const nodeGroups = view.ofType("aws:eks/nodeGroup:NodeGroup");
    return view.ofType("aws:eks/cluster:Cluster").map((cluster) => {
        const vpc = record(cluster.props.vpcConfig);
        const name = text(cluster.props.name) ?? cluster.name;
        const belongs = (r: ResourceView) => r.props.clusterName === name || view.resolve(r.props.clusterName) === cluster;
        // EKS turns the public endpoint on, open to 0.0.0.0/0, unless told otherwise.
        const publicEndpoint = vpc.endpointPublicAccess !== false;
        const access = record(cluster.props.accessConfig);
        const encryption = list<Props>(cluster.props.encryptionConfig).map(record);
        return {
            view: cluster,
            name,
            ...(text(cluster.props.version) ? { version: text(cluster.props.version) } : {}),
            publicEndpoint,
            publicCidrs: publicEndpoint ? (list<string>(vpc.publicAccessCidrs).length > 0 ? list<string>(vpc.publicAccessCidrs) : ["0.0.0.0/0"]) : [],
            privateEndpoint: vpc.endpointPrivateAccess === true,
            securityGroups: list(vpc.securityGroupIds).map((id) => view.resolve(id)).filter((g): g is ResourceView => !!g),
            ...(encryption.length > 0 && view.resolve(record(encryption[0].provider).keyArn) ? { secretsKey: view.resolve(record(encryption[0].provider).keyArn) } : {}),
            logTypes: list<string>(cluster.props.enabledClusterLogTypes),
            ...(text(access.authenticationMode) ? { authenticationMode: text(access.authenticationMode) } : {}),
            nodeGroups: nodeGroups.filter(belongs).map((group) => readNodeGroup(view, group, cluster, tiers)),
            accessEntries: view.ofType("aws:eks/accessEntry:AccessEntry").filter(belongs),
            addons: view.ofType("aws:eks/addon:Addon").filter(belongs),
        };
    });
}

function readNodeGroup(view: StackView, group: ResourceView, cluster: ResourceView, tiers: readonly Tier[]): NodeGroup {
    const labels = Object.fromEntries(Object.entries(record(group.props.labels)).map(([k, v]) => [k, String(v)]));
    const template = view.resolve(record(group.props.launchTemplate).id) ?? view.resolve(record(group.props.launchTemplate).name);
    const scaling = record(group.props.scalingConfig);
    const role = Object.values(labels)[0] ?? text(group.props.nodeGroupName) ?? group.name;
    return {
        view: group,
        cluster,
        labels,
        role,
        tiers: tiersOfSubnets(tiers, group.props.subnetIds, view),
        ...(template ? { launchTemplate: template } : {}),
        securityGroups: template ? list(template.props.vpcSecurityGroupIds).map((id) => view.resolve(id)).filter((g): g is ResourceView => !!g) : [],
        instanceTypes: list<string>(group.props.instanceTypes),
        ...(num(scaling.minSize) !== undefined ? { minSize: num(scaling.minSize) } : {}),
        ...(num(scaling.maxSize) !== undefined ? { maxSize: num(scaling.maxSize) } : {}),
        tainted: list(group.props.taints).length > 0,
    };
}

function isDenyAll(spec: Props, direction: "Ingress" | "Egress"): boolean {
    const types = list<string>(spec.policyTypes).map(String);
    const applies = types.length > 0 ? types.includes(direction) : direction === "Ingress" || spec.egress !== undefined;
    const selectsAll = Object.keys(record(record(spec.podSelector).matchLabels)).length === 0 && list(record(spec.podSelector).matchExpressions).length === 0;
    return applies && selectsAll && list(direction === "Ingress" ? spec.ingress : spec.egress).length === 0;
}

function readNamespaces(view: StackView): Namespace[] {
    const policies = view.ofType("kubernetes:networking.k8s.io/v1:NetworkPolicy");
    const quotas = view.ofType("kubernetes:core/v1:ResourceQuota");
    const names = new Map<string, ResourceView | undefined>();
    for (const ns of view.ofType("kubernetes:core/v1:Namespace")) {
        names.set(kubernetesRef(ns).name, ns);
    }
    return [...names].map(([name, ns]) => {
        const labels = record(record(ns?.props.metadata).labels);
        const tenantKey = Object.keys(labels).find((k) => /(^|[./])tenant$/.test(k));
        const inNamespace = (r: ResourceView) => kubernetesRef(r).namespace === name;
        const own = policies.filter(inNamespace).map((p) => record(p.props.spec));
        return {
            ...(ns ? { view: ns } : {}),
            name,
            ...(tenantKey ? { tenant: String(labels[tenantKey]) } : {}),
            ...(text(labels["pod-security.kubernetes.io/enforce"]) ? { podSecurity: text(labels["pod-security.kubernetes.io/enforce"]) } : {}),
            meshInjected: labels["istio-injection"] === "enabled" || text(labels["istio.io/rev"]) !== undefined,
            defaultDenyIngress: own.some((s) => isDenyAll(s, "Ingress")),
            defaultDenyEgress: own.some((s) => isDenyAll(s, "Egress")),
            quota: quotas.some(inNamespace),
        };
    });
}

function servicePorts(value: unknown): ExposedService["ports"] {
    return list<Props>(value).map(record).map((p) => ({
        ...(text(p.name) ? { name: text(p.name) } : {}),
        ...(num(p.port) !== undefined ? { port: num(p.port) } : {}),
        ...(num(p.nodePort) !== undefined ? { nodePort: num(p.nodePort) } : {}),
        ...(p.targetPort !== undefined ? { targetPort: p.targetPort as number | string } : {}),
    }));
}

function internalAnnotation(annotations: Props): string | undefined {
    return Object.entries(annotations).find(([k, v]) => INTERNAL_LB_ANNOTATIONS[k]?.(String(v)))?.[0];
}

function exposure(view: ResourceView, name: string, namespace: string | undefined, spec: Props, annotations: Props, nodeSelector: Props): ExposedService | undefined {
    const type = text(spec.type);
    const externalIPs = list<string>(spec.externalIPs);
    if (type !== "LoadBalancer" && type !== "NodePort" && externalIPs.length === 0) {
        return undefined;
    }
    const annotation = internalAnnotation(annotations);
    return {
        view,
        name,
        ...(namespace ? { namespace } : {}),
        type: type === "LoadBalancer" || type === "NodePort" ? type : "ExternalIPs",
        ports: servicePorts(spec.ports),
        sourceRanges: list<string>(spec.loadBalancerSourceRanges),
        ...(annotation ? { internalAnnotation: annotation } : {}),
        nodeSelector: Object.fromEntries(Object.entries(nodeSelector).map(([k, v]) => [k, String(v)])),
    };
}

function readExposedServices(view: StackView): ExposedService[] {
    const found: ExposedService[] = [];
    for (const service of view.ofType("kubernetes:core/v1:Service")) {
        const ref = kubernetesRef(service);
        const exposed = exposure(service, ref.name, ref.namespace, record(service.props.spec), record(record(service.props.metadata).annotations), {});
        if (exposed) {
            found.push(exposed);
        }
    }
    // Charts conventionally take their Service under `service` (type, ports, annotations).
    for (const release of view.ofType(...HELM_TYPES)) {
        const values = record(release.props.values);
        const service = record(values.service);
        const ref = kubernetesRef(release);
        const exposed = exposure(release, ref.name, ref.namespace, service, record(service.annotations), record(values.nodeSelector));
        if (exposed) {
            found.push(exposed);
        }
    }
    return found;
}

function readMesh(view: StackView, releases: readonly ResourceView[]): Mesh | undefined {
    const peer = view.matching(/^kubernetes:security\.istio\.io\/v1(beta1)?:PeerAuthentication$/);
    const authz = view.matching(/^kubernetes:security\.istio\.io\/v1(beta1)?:AuthorizationPolicy$/);
    const gateways = view.matching(/^kubernetes:networking\.istio\.io\/v1(beta1|alpha3)?:Gateway$/);
    const entries = view.matching(/^kubernetes:networking\.istio\.io\/v1(beta1|alpha3)?:ServiceEntry$/);
    const controlPlane = releases.filter((r) => /(^|\/)istiod$/.test(String(r.props.chart ?? "")));
    if (peer.length + authz.length + gateways.length + controlPlane.length === 0) {
        return undefined;
    }
    const meshConfig = record(record(controlPlane[0]?.props.values).meshConfig);
    const rootNamespace = text(meshConfig.rootNamespace) ?? "istio-system";
    const meshWide = (r: ResourceView) => kubernetesRef(r).namespace === rootNamespace && !record(r.props.spec).selector;
    return {
        controlPlane,
        rootNamespace,
        strictMeshWide: peer.some((p) => meshWide(p) && record(record(p.props.spec).mtls).mode === "STRICT"),
        peerAuthentications: peer,
        authorizationPolicies: authz,
        allowNothingMeshWide: authz.some((a) => meshWide(a) && Object.keys(record(a.props.spec)).length === 0),
        ...(text(record(meshConfig.meshMTLS).minProtocolVersion) ? { minTls: text(record(meshConfig.meshMTLS).minProtocolVersion) } : {}),
        ...(text(record(meshConfig.outboundTrafficPolicy).mode) ? { outboundPolicy: text(record(meshConfig.outboundTrafficPolicy).mode) } : {}),
        gateways: gateways.map((g) => ({
            view: g,
            name: kubernetesRef(g).name,
            ...(kubernetesRef(g).namespace ? { namespace: kubernetesRef(g).namespace } : {}),
            servers: list<Props>(record(g.props.spec).servers).map(record).map((s) => ({
                ...(num(record(s.port).number) !== undefined ? { port: num(record(s.port).number) } : {}),
                ...(text(record(s.port).protocol) ? { protocol: text(record(s.port).protocol) } : {}),
                hosts: list<string>(s.hosts),
                ...(text(record(s.tls).mode) ? { tlsMode: text(record(s.tls).mode) } : {}),
                ...(text(record(s.tls).minProtocolVersion) ? { minTls: text(record(s.tls).minProtocolVersion) } : {}),
            })),
        })),
        serviceEntries: entries,
        egressGateways: releases.filter((r) => String(r.props.chart ?? "").split("/").pop() === "gateway"
            && (/egress/.test(String(record(record(r.props.values).labels).istio ?? "")) || record(record(r.props.values).service).type === "ClusterIP")),
    };
}

function readNetworks(view: StackView, tiers: readonly Tier[]): Network[] {
    return view.ofType("aws:ec2/vpc:Vpc").map((vpc) => {
        const inVpc = (r: ResourceView) => view.resolve(r.props.vpcId) === vpc;
        return {
            vpc,
            ...(text(vpc.props.cidrBlock) ? { cidr: text(vpc.props.cidrBlock) } : {}),
            tiers: tiers.filter((t) => t.vpc === vpc),
            natGateways: view.ofType("aws:ec2/natGateway:NatGateway").filter((n) => tiers.some((t) => t.vpc === vpc && t.subnets.includes(view.resolve(n.props.subnetId)!))),
            endpoints: view.ofType("aws:ec2/vpcEndpoint:VpcEndpoint").filter(inVpc),
            flowLogs: view.ofType("aws:ec2/flowLog:FlowLog").filter(inVpc),
            networkAcls: view.ofType("aws:ec2/networkAcl:NetworkAcl").filter(inVpc),
        };
    });
}

export function readArchitecture(view: StackView): Architecture {
    const tiers = readTiers(view);
    const helmReleases = view.ofType(...HELM_TYPES);
    const mesh = readMesh(view, helmReleases);
    return {
        view,
        networks: readNetworks(view, tiers),
        tiers,
        securityGroupRules: readSecurityGroupRules(view),
        loadBalancers: readLoadBalancers(view, tiers),
        webAcls: readWebAcls(view),
        clusters: readClusters(view, tiers),
        namespaces: readNamespaces(view),
        exposedServices: readExposedServices(view),
        ...(mesh ? { mesh } : {}),
        helmReleases,
    };
}

/** A short human name for a resource: its Kubernetes namespace/name, else its Pulumi name. */
export function displayName(view: ResourceView): string {
    if (view.type.startsWith("kubernetes:")) {
        const ref = kubernetesRef(view);
        return ref.namespace ? `${ref.namespace}/${ref.name}` : ref.name;
    }
    return view.name;
}

/** `Listener edge-https` style label. */
export function labelOf(view: ResourceView): string {
    return `${kindOf(view.type)} ${displayName(view)}`;
}

/** The security groups whose only users are load balancers (their internet rules belong to listeners). */
export function loadBalancerGroups(arch: Architecture): Set<ResourceView> {
    const groups = new Set<ResourceView>();
    const lbGroups = new Set(arch.loadBalancers.flatMap((lb) => lb.securityGroups));
    for (const group of lbGroups) {
        const users = arch.view.referrers(group).filter((r) => !r.type.startsWith("aws:vpc/securityGroup") && r.type !== "aws:ec2/securityGroupRule:SecurityGroupRule" && !r.type.startsWith("pulumi:") && r.resource.custom);
        if (users.every((u) => LOAD_BALANCERS.includes(u.type))) {
            groups.add(group);
        }
    }
    return groups;
}

/** Resources that use a security group (instances, launch templates, clusters, load balancers, endpoints). */
export function usersOfGroup(arch: Architecture, group: ResourceView): ResourceView[] {
    return arch.view.referrers(group).filter((r) => r.resource.custom
        && !r.type.startsWith("aws:vpc/securityGroup")
        && r.type !== "aws:ec2/securityGroupRule:SecurityGroupRule"
        && !r.type.startsWith("pulumi:"));
}
