/**
 * Where traffic enters a stack and how it moves inside: entry points with the trust level the inputs
 * give them, data flows from security-group rules, listeners, NetworkPolicies, mesh authorization and
 * backups, and the trust boundaries those flows cross.
 */
import type { Architecture, ExposedService, LoadBalancer, SecurityGroupRule } from "./architecture";
import { coversPort, displayName, loadBalancerGroups, usersOfGroup } from "./architecture";
import { DATABASE_TYPES } from "./assets";
import {
    isPrivateCidr, isWorld, kindOf, kubernetesRef, list, Props, record, ResourceView, strings, text, unique,
} from "./stack-view";

/**
 * Who can open a connection to an entry point: anyone on the internet without credentials, only
 * callers with credentials, or only callers already inside the network or cluster.
 */
export type TrustLevel = "anonymous" | "authenticated" | "internal";

export interface EntryPoint {
    readonly kind: "load balancer listener" | "cluster API endpoint" | "Service" | "mesh gateway server" | "security group opening";
    readonly name: string;
    readonly trust: TrustLevel;
    /** The resources that open it. */
    readonly resources: readonly ResourceView[];
    /** Why it has this trust level, from the inputs. */
    readonly evidence: readonly string[];
    /** Where accepted traffic goes. */
    readonly leadsTo: string;
}

export interface Flow {
    readonly kind: "internet" | "network" | "kubernetes" | "mesh" | "backup" | "logging" | "egress";
    readonly from: string;
    readonly to: string;
    readonly what: string;
    readonly controls: readonly string[];
}

export interface Boundary {
    readonly name: string;
    readonly inside: string;
    readonly enforcedBy: readonly string[];
}

const RANK: Record<TrustLevel, number> = { anonymous: 0, authenticated: 1, internal: 2 };

function portText(rule: SecurityGroupRule): string {
    if (rule.protocol === "-1" || rule.protocol === "all") {
        return "all traffic";
    }
    const range = rule.fromPort === rule.toPort ? `${rule.fromPort}` : `${rule.fromPort ?? 0}-${rule.toPort ?? 65535}`;
    return `${rule.protocol.toUpperCase()} ${range}`;
}

function peerText(arch: Architecture, rule: SecurityGroupRule): string {
    if ("cidr" in rule.peer) {
        return rule.peer.cidr;
    }
    if ("prefixList" in rule.peer) {
        return `prefix list ${rule.peer.prefixList}`;
    }
    return groupUsers(arch, rule.peer.group);
}

/** A security group named by what uses it: "load balancer edge", "node group app, data". */
export function groupUsers(arch: Architecture, group: ResourceView): string {
    const users = usersOfGroup(arch, group);
    const named = users.map((u) => {
        const nodeGroups = u.type === "aws:ec2/launchTemplate:LaunchTemplate" ? arch.view.referrers(u, "aws:eks/nodeGroup:NodeGroup") : [];
        if (nodeGroups.length > 0) {
            return `node group ${nodeGroups.map((g) => g.name).join(", ")}`;
        }
        return u.type === "aws:eks/cluster:Cluster" ? `control plane of cluster ${u.props.name ?? u.name}` : `${kindOf(u.type)} ${displayName(u)}`;
    });
    return named.length > 0 ? `${unique(named).join(", ")} (security group ${group.name})` : `security group ${group.name}`;
}

/** Ingress rules of `groups` that admit `port`. */
function admitting(arch: Architecture, groups: readonly ResourceView[], port: number | undefined): SecurityGroupRule[] {
    return arch.securityGroupRules.filter((r) => r.direction === "ingress" && groups.includes(r.group) && coversPort(r, port));
}

function listenerEntries(arch: Architecture, lb: LoadBalancer): EntryPoint[] {
    return lb.listeners.map((listener) => {
        const evidence: string[] = [];
        let trust: TrustLevel;
        const rules = admitting(arch, lb.securityGroups, listener.port);
        const open = rules.filter((r) => "cidr" in r.peer && (isWorld(r.peer.cidr) || !isPrivateCidr(r.peer.cidr)));
        const authenticates = listener.actions.some((a) => a.startsWith("authenticate"));
        if (!lb.internetFacing) {
            trust = "internal";
            evidence.push(`load balancer \`${lb.view.name}\` is internal`);
        } else if (lb.securityGroups.length > 0 && open.length === 0) {
            trust = "internal";
            evidence.push(`internet-facing, but its security groups admit port ${listener.port} only from ${rules.length > 0 ? unique(rules.map((r) => peerText(arch, r))).join(", ") : "nowhere"}`);
        } else {
            trust = authenticates ? "authenticated" : "anonymous";
            evidence.push(`load balancer \`${lb.view.name}\` is internet-facing${lb.tiers.length > 0 ? ` in the ${lb.tiers.map((t) => t.name).join(", ")} subnets` : ""}`);
            evidence.push(...(lb.securityGroups.length === 0
                ? ["no security group in front of it"]
                : open.map((r) => `rule \`${r.rule.name}\` admits ${"cidr" in r.peer ? r.peer.cidr : ""} on ${portText(r)}`)));
            if (authenticates) {
                evidence.push(`the listener authenticates callers (${listener.actions.filter((a) => a.startsWith("authenticate")).join(", ")})`);
            }
        }
        if (lb.webAcls.length > 0) {
            evidence.push(`filtered by web ACL ${lb.webAcls.map((w) => `\`${w.name}\``).join(", ")}`);
        }
        const targets = listener.targetGroups.map((g) => `target group \`${g.name}\` (${g.props.protocol ?? "?"} ${g.props.port ?? "?"}, ${g.props.targetType ?? "instance"} targets)`);
        const leadsTo = listener.actions.includes("redirect")
            ? `redirect${strings(listener.view.props.defaultActions).includes("HTTPS") ? " to HTTPS" : ""}`
            : targets.length > 0 ? targets.join(", ") : listener.actions.join(", ");
        return {
            kind: "load balancer listener" as const,
            name: `${listener.protocol} ${listener.port ?? "?"} on load balancer \`${lb.view.name}\`${listener.tlsPolicy ? ` (${listener.tlsPolicy})` : ""}`,
            trust,
            resources: [listener.view, lb.view, ...rules.map((r) => r.rule)],
            evidence,
            leadsTo,
        };
    });
}

function clusterEntries(arch: Architecture): EntryPoint[] {
    return arch.clusters.map((cluster) => {
        const rules = admitting(arch, cluster.securityGroups, 443);
        const auth = `IAM authentication${cluster.authenticationMode ? ` (${cluster.authenticationMode} mode, ${cluster.accessEntries.length} access entries)` : ""}`;
        return cluster.publicEndpoint
            ? {
                kind: "cluster API endpoint" as const,
                name: `Kubernetes API of cluster ${cluster.name} (public endpoint)`,
                trust: "authenticated" as const,
                resources: [cluster.view],
                evidence: [`endpointPublicAccess is on, from ${cluster.publicCidrs.join(", ")}`, auth],
                leadsTo: "the Kubernetes API server",
            }
            : {
                kind: "cluster API endpoint" as const,
                name: `Kubernetes API of cluster ${cluster.name} (private endpoint)`,
                trust: "internal" as const,
                resources: [cluster.view, ...rules.map((r) => r.rule)],
                evidence: [
                    "endpointPublicAccess is off",
                    rules.length > 0 ? `reachable on 443 from ${unique(rules.map((r) => peerText(arch, r))).join(", ")}` : "no security group rule of the stack admits 443",
                    auth,
                ],
                leadsTo: "the Kubernetes API server",
            };
    });
}

function nodeGroupsOf(arch: Architecture): ResourceView[] {
    return unique(arch.clusters.flatMap((c) => c.nodeGroups.flatMap((g) => g.securityGroups)));
}

function serviceEntry(arch: Architecture, service: ExposedService): EntryPoint {
    const ports = service.ports.map((p) => (service.type === "NodePort" ? p.nodePort ?? p.port : p.port)).filter((p): p is number => p !== undefined);
    const where = `${service.namespace ?? "default"}/${service.name}`;
    const base = { kind: "Service" as const, resources: [service.view], leadsTo: `pods of ${where}${service.ports.length > 0 ? ` (target ports ${service.ports.map((p) => p.targetPort ?? p.port).join(", ")})` : ""}` };
    const name = `${service.type} Service ${where} (${service.type === "NodePort" ? "node ports" : "ports"} ${ports.join(", ") || "?"})`;
    if (service.type === "LoadBalancer") {
        if (service.internalAnnotation) {
            return { ...base, name, trust: "internal", evidence: [`annotation ${service.internalAnnotation} asks for an internal load balancer`] };
        }
        if (service.sourceRanges.length > 0 && service.sourceRanges.every(isPrivateCidr)) {
            return { ...base, name, trust: "internal", evidence: [`loadBalancerSourceRanges ${service.sourceRanges.join(", ")} are private ranges`] };
        }
        return {
            ...base, name, trust: "anonymous",
            evidence: ["a LoadBalancer Service gets a public address unless annotated internal",
                service.sourceRanges.length > 0 ? `loadBalancerSourceRanges ${service.sourceRanges.join(", ")}` : "no loadBalancerSourceRanges"],
        };
    }
    if (service.type === "ExternalIPs") {
        return { ...base, name, trust: "anonymous", evidence: ["externalIPs route outside traffic to the Service"] };
    }
    const nodeGroups = nodeGroupsOf(arch);
    if (nodeGroups.length === 0) {
        return {
            ...base, name, trust: "anonymous",
            evidence: ["a NodePort opens the port on every node", "the stack declares no network control in front of the nodes"],
        };
    }
    const rules = ports.flatMap((port) => admitting(arch, nodeGroups, port));
    const open = rules.filter((r) => "cidr" in r.peer && !isPrivateCidr(r.peer.cidr));
    if (open.length > 0) {
        return { ...base, name, trust: "anonymous", resources: [service.view, ...open.map((r) => r.rule)], evidence: open.map((r) => `node security group rule \`${r.rule.name}\` admits ${peerText(arch, r)} on ${portText(r)}`) };
    }
    const sources = rules.filter((r) => !("group" in r.peer && r.peer.group === r.group));
    return {
        ...base, name, trust: "internal",
        resources: [service.view, ...sources.map((r) => r.rule)],
        evidence: [sources.length > 0
            ? `the nodes' security groups admit the node ports only from ${unique(sources.map((r) => peerText(arch, r))).join(", ")}`
            : "no rule of the nodes' security groups admits the node ports from outside the nodes"],
    };
}

function gatewayEntries(arch: Architecture, services: readonly EntryPoint[], exposed: readonly ExposedService[]): EntryPoint[] {
    // An egress gateway's servers are the mesh's way out, not a way in.
    const egress = new Set((arch.mesh?.egressGateways ?? []).map((g) => kubernetesRef(g).namespace));
    return (arch.mesh?.gateways ?? []).filter((gateway) => !egress.has(gateway.namespace)).flatMap((gateway) => {
        const fronts = exposed.map((s, i) => ({ s, entry: services[i] })).filter(({ s }) => s.namespace === gateway.namespace);
        const best = fronts.map((f) => f.entry).sort((a, b) => RANK[a.trust] - RANK[b.trust])[0];
        return gateway.servers.map((server) => ({
            kind: "mesh gateway server" as const,
            name: `${server.protocol ?? "?"} ${server.port ?? "?"} of Gateway ${gateway.namespace ?? "default"}/${gateway.name} (hosts ${server.hosts.join(", ")})`,
            trust: best?.trust ?? "internal",
            resources: [gateway.view],
            evidence: [
                best ? `served through ${best.name} (${best.trust})` : "no Service of the stack exposes the gateway outside the cluster",
                ...(server.tlsMode ? [`TLS ${server.tlsMode}${server.minTls ? `, minimum ${server.minTls}` : ""}`] : ["no TLS on this server"]),
            ],
            leadsTo: "mesh routes (VirtualServices) bound to the gateway",
        }));
    });
}

function securityGroupOpenings(arch: Architecture): EntryPoint[] {
    const lbGroups = loadBalancerGroups(arch);
    return arch.securityGroupRules
        .filter((r) => r.direction === "ingress" && !lbGroups.has(r.group) && "cidr" in r.peer && !isPrivateCidr(r.peer.cidr))
        .map((r) => ({
            kind: "security group opening" as const,
            name: `${portText(r)} from ${peerText(arch, r)} into ${groupUsers(arch, r.group)}`,
            trust: "anonymous" as const,
            resources: [r.rule, r.group],
            evidence: [`rule \`${r.rule.name}\` admits ${peerText(arch, r)}${isWorld("cidr" in r.peer ? r.peer.cidr : "") ? " (the whole internet)" : " (a public range)"}`],
            leadsTo: usersOfGroup(arch, r.group).map((u) => `${kindOf(u.type)} \`${displayName(u)}\``).join(", ") || "nothing in the stack uses the group yet",
        }));
}

export function readEntryPoints(arch: Architecture): EntryPoint[] {
    const services = arch.exposedServices.map((s) => serviceEntry(arch, s));
    return [
        ...arch.loadBalancers.flatMap((lb) => listenerEntries(arch, lb)),
        ...clusterEntries(arch),
        ...services,
        ...gatewayEntries(arch, services, arch.exposedServices),
        ...securityGroupOpenings(arch),
    ].sort((a, b) => RANK[a.trust] - RANK[b.trust]);
}

function peerNamespaces(peers: unknown, own: string | undefined): string[] {
    const found = list<Props>(peers).map(record).map((peer) => {
        if (peer.ipBlock) {
            return `${record(peer.ipBlock).cidr}`;
        }
        const selector = record(peer.namespaceSelector);
        const name = text(record(selector.matchLabels)["kubernetes.io/metadata.name"]);
        const pods = Object.entries(record(record(peer.podSelector).matchLabels)).map(([k, v]) => `${k}=${v}`).join(",");
        const namespace = peer.namespaceSelector === undefined ? own ?? "default" : name ?? "every namespace";
        return pods ? `${namespace} (${pods})` : namespace;
    });
    return found.length > 0 ? found : ["every namespace and address"];
}

function portsOf(rule: Props): string {
    const ports = list<Props>(rule.ports).map(record).map((p) => `${p.protocol ?? "TCP"} ${p.port ?? "any"}`);
    return ports.length > 0 ? unique(ports).join(", ") : "all ports";
}

function kubernetesFlows(arch: Architecture): Flow[] {
    // Rows that differ only by their source are merged ("istio-system, platform → kube-system DNS"), and
    // the rules letting each namespace talk to itself become one row.
    const merged = new Map<string, { self: boolean; from: Set<string>; to: string; what: string; controls: Set<string> }>();
    const add = (from: string, to: string, what: string, policy: string, namespace: string | undefined) => {
        const self = from === to;
        const key = `${self ? "self" : to}|${what}|${policy}`;
        const row = merged.get(key) ?? { self, from: new Set<string>(), to, what, controls: new Set<string>() };
        row.from.add(from);
        row.controls.add(self ? policy : `${policy} in ${namespace ?? "default"}`);
        merged.set(key, row);
    };
    for (const policy of arch.view.ofType("kubernetes:networking.k8s.io/v1:NetworkPolicy")) {
        const ref = kubernetesRef(policy);
        const spec = record(policy.props.spec);
        const selected = Object.entries(record(record(spec.podSelector).matchLabels)).map(([k, v]) => `${k}=${v}`).join(",");
        const own = `${ref.namespace ?? "default"}${selected ? ` (${selected})` : ""}`;
        for (const rule of list<Props>(spec.ingress).map(record)) {
            for (const from of peerNamespaces(rule.from, ref.namespace)) {
                add(from, own, portsOf(rule), `NetworkPolicy ${ref.name} (ingress)`, ref.namespace);
            }
        }
        for (const rule of list<Props>(spec.egress).map(record)) {
            for (const to of peerNamespaces(rule.to, ref.namespace)) {
                add(own, to, portsOf(rule), `NetworkPolicy ${ref.name} (egress)`, ref.namespace);
            }
        }
    }
    return [...merged.values()].map((row) => ({
        kind: "kubernetes" as const,
        from: row.self ? `pods of each of ${[...row.from].join(", ")}` : [...row.from].join(", "),
        to: row.self ? "pods of the same namespace" : row.to,
        what: row.what,
        controls: [...row.controls],
    }));
}

function meshFlows(arch: Architecture): Flow[] {
    const mesh = arch.mesh;
    if (!mesh) {
        return [];
    }
    const mtls = mesh.strictMeshWide ? "mutual TLS required mesh-wide (PeerAuthentication STRICT)" : "mutual TLS not enforced mesh-wide";
    return mesh.authorizationPolicies.flatMap((policy) => {
        const ref = kubernetesRef(policy);
        const spec = record(policy.props.spec);
        if (Object.keys(spec).length === 0) {
            return [{
                kind: "mesh" as const,
                from: "any workload",
                to: ref.namespace === mesh.rootNamespace ? "every namespace in the mesh" : ref.namespace ?? "default",
                what: "denied unless another policy allows it",
                controls: [`AuthorizationPolicy ${ref.name} (allow-nothing)`, mtls],
            }];
        }
        return list<Props>(spec.rules).map(record).map((rule) => {
            const sources = list<Props>(rule.from).map((f) => record(record(f).source));
            const from = unique(sources.flatMap((s) => [...list<string>(s.namespaces), ...list<string>(s.principals)]));
            const ports = list<Props>(rule.to).flatMap((t) => list<string>(record(record(t).operation).ports));
            return {
                kind: "mesh" as const,
                from: from.length > 0 ? from.join(", ") : "any caller",
                to: `${ref.namespace ?? "default"}${spec.selector ? ` (${Object.entries(record(record(spec.selector).matchLabels)).map(([k, v]) => `${k}=${v}`).join(",")})` : ""}`,
                what: `${String(spec.action ?? "ALLOW")}${ports.length > 0 ? ` ports ${ports.join(", ")}` : ""}`,
                controls: [`AuthorizationPolicy ${ref.name}`, mtls],
            };
        });
    });
}

function networkFlows(arch: Architecture): Flow[] {
    const flows: Flow[] = [];
    for (const lb of arch.loadBalancers) {
        for (const listener of lb.listeners) {
            const rules = admitting(arch, lb.securityGroups, listener.port);
            if (lb.internetFacing) {
                flows.push({
                    kind: "internet",
                    from: "internet",
                    to: `load balancer \`${lb.view.name}\``,
                    what: `${listener.protocol} ${listener.port ?? "?"}`,
                    controls: [...rules.map((r) => `rule \`${r.rule.name}\``), ...lb.webAcls.map((w) => `web ACL \`${w.name}\``), ...(listener.tlsPolicy ? [`TLS policy ${listener.tlsPolicy}`] : [])],
                });
            }
            for (const group of listener.targetGroups) {
                const port = Number(group.props.port);
                const egress = arch.securityGroupRules.filter((r) => r.direction === "egress" && lb.securityGroups.includes(r.group) && coversPort(r, port));
                const ingress = egress.flatMap((e) => ("group" in e.peer ? admitting(arch, [e.peer.group], port).filter((i) => "group" in i.peer && lb.securityGroups.includes(i.peer.group)) : []));
                flows.push({
                    kind: "network",
                    from: `load balancer \`${lb.view.name}\``,
                    to: `${egress.map((e) => ("group" in e.peer ? groupUsers(arch, e.peer.group) : peerText(arch, e)))[0] ?? "targets"} via target group \`${group.name}\``,
                    what: `${group.props.protocol ?? "?"} ${group.props.port ?? "?"}`,
                    controls: [...egress, ...ingress].map((r) => `rule \`${r.rule.name}\``),
                });
            }
        }
    }
    const lbGroups = new Set(arch.loadBalancers.flatMap((lb) => lb.securityGroups));
    for (const rule of arch.securityGroupRules.filter((r) => r.direction === "ingress" && !("cidr" in r.peer && !isPrivateCidr(r.peer.cidr)))) {
        if ("group" in rule.peer && lbGroups.has(rule.peer.group)) {
            continue;
        }
        flows.push({
            kind: "network",
            from: "group" in rule.peer && rule.peer.group === rule.group ? "members of the same group" : peerText(arch, rule),
            to: groupUsers(arch, rule.group),
            what: portText(rule),
            controls: [`rule \`${rule.rule.name}\`${rule.description ? ` (${rule.description})` : ""}`],
        });
    }
    for (const rule of arch.securityGroupRules.filter((r) => r.direction === "egress" && "cidr" in r.peer && !isPrivateCidr(r.peer.cidr))) {
        flows.push({ kind: "egress", from: groupUsers(arch, rule.group), to: `internet (${peerText(arch, rule)})`, what: portText(rule), controls: [`rule \`${rule.rule.name}\``, ...arch.networks.flatMap((n) => n.natGateways.length > 0 ? [`${n.natGateways.length} NAT gateway(s)`] : [])] });
    }
    const egressNamespaces = new Set((arch.mesh?.egressGateways ?? []).map((g) => kubernetesRef(g).namespace));
    for (const entry of arch.mesh?.serviceEntries ?? []) {
        const spec = record(entry.props.spec);
        const namespace = kubernetesRef(entry).namespace ?? "default";
        // An entry of the egress gateway's namespace is exported to the namespaces that may call its host.
        const viaGateway = egressNamespaces.has(namespace);
        const callers = list<string>(spec.exportTo).filter((e) => e !== ".");
        flows.push({
            kind: "egress",
            from: viaGateway ? callers.join(", ") || "nothing" : `${namespace}${list(spec.exportTo).length > 0 ? "" : " (and every namespace)"}`,
            to: `${list<string>(spec.hosts).join(", ")}${viaGateway ? ` through the egress gateway in ${namespace}` : ""}`,
            what: list<Props>(spec.ports).map((p) => `${record(p).protocol ?? "?"} ${record(p).number ?? "?"}`).join(", "),
            controls: [
                `ServiceEntry ${kubernetesRef(entry).name}`,
                ...(viaGateway ? ["egress gateway: mTLS from the callers, authorization by namespace and SNI, access log"] : []),
                ...(arch.mesh?.outboundPolicy ? [`mesh outbound policy ${arch.mesh.outboundPolicy}`] : []),
            ],
        });
    }
    return flows;
}

function dataFlows(arch: Architecture): Flow[] {
    const view = arch.view;
    const flows: Flow[] = [];
    for (const selection of view.ofType("aws:backup/selection:Selection")) {
        const plan = view.resolve(selection.props.planId);
        for (const rule of list<Props>(plan?.props.rules).map(record)) {
            const tags = list<Props>(selection.props.selectionTags).map((t) => `${record(t).key}=${record(t).value}`);
            flows.push({ kind: "backup", from: `resources tagged ${tags.join(", ") || "(listed resources)"}`, to: `backup vault ${rule.targetVaultName}`, what: `snapshots ${rule.schedule ?? ""}`.trim(), controls: [`selection \`${selection.name}\``, `plan \`${plan?.name}\``] });
            for (const copy of list<Props>(rule.copyActions).map(record)) {
                const target = view.resolve(copy.destinationVaultArn);
                flows.push({ kind: "backup", from: `backup vault ${rule.targetVaultName}`, to: `backup vault ${target?.props.name ?? copy.destinationVaultArn}${target?.props.region ? ` in ${target.props.region}` : ""}`, what: "copies of recovery points", controls: [`plan \`${plan?.name}\` rule ${rule.ruleName}`] });
            }
        }
    }
    for (const database of view.ofType(...DATABASE_TYPES)) {
        const backup = record(record(database.props.spec).backup);
        const pitr = record(backup.pitr).enabled === true ? " and PITR oplog slices" : "";
        for (const [name, storage] of Object.entries(record(backup.storages))) {
            const s3 = record(record(storage).s3);
            if (s3.bucket) {
                flows.push({ kind: "backup", from: `MongoDB ${displayName(database)}`, to: `bucket ${s3.bucket}`, what: `logical backups${pitr} (storage ${name}) over HTTPS`, controls: [record(s3.serverSideEncryption).sseAlgorithm ? `SSE ${record(s3.serverSideEncryption).sseAlgorithm}` : "no server-side encryption requested"] });
            }
            // An S3-compatible store outside the cluster (on-prem: backup-store.ts): TLS as the MinIO client is told.
            const minio = record(record(storage).minio);
            if (minio.bucket) {
                const verified = minio.secure === true && minio.insecureSkipTLSVerify !== true;
                const ca = record(minio.caBundle).name;
                flows.push({
                    kind: "backup",
                    from: `MongoDB ${displayName(database)}`,
                    to: `off-site store ${minio.endpointUrl ?? "?"} bucket ${minio.bucket}`,
                    what: `logical backups${pitr} (storage ${name}) over ${minio.secure === true ? "HTTPS" : "plain HTTP"}`,
                    controls: [verified ? `certificate verified${ca ? ` against the CA in Secret ${ca}` : " against the image's CA bundle"}` : "certificate not verified", "encryption at rest by the store's bucket default (no SSE requested)"],
                });
            }
        }
    }
    for (const schedule of view.matching(/^kubernetes:snapscheduler\.backube\/.*:SnapshotSchedule$/)) {
        flows.push({ kind: "backup", from: `claims in ${kubernetesRef(schedule).namespace ?? "default"}`, to: "volume snapshots", what: `snapshots ${record(schedule.props.spec).schedule ?? ""}`.trim(), controls: [`SnapshotSchedule ${kubernetesRef(schedule).name}`] });
    }
    for (const lb of arch.loadBalancers.filter((l) => l.accessLogBucket)) {
        flows.push({ kind: "logging", from: `load balancer \`${lb.view.name}\``, to: `bucket ${lb.accessLogBucket}`, what: "access logs", controls: ["bucket policy"] });
    }
    for (const log of view.ofType("aws:ec2/flowLog:FlowLog")) {
        flows.push({ kind: "logging", from: `VPC ${view.resolve(log.props.vpcId)?.name ?? log.props.vpcId}`, to: String(log.props.logDestination ?? "?").split(":log-group:").pop() ?? "?", what: `flow logs (${log.props.trafficType ?? "?"})`, controls: [`flow log \`${log.name}\``] });
    }
    for (const acl of arch.webAcls.filter((w) => w.logging)) {
        flows.push({ kind: "logging", from: `web ACL \`${acl.view.name}\``, to: "its log destination", what: "request logs", controls: ["web ACL logging configuration"] });
    }
    for (const cluster of arch.clusters.filter((c) => c.logTypes.length > 0)) {
        flows.push({ kind: "logging", from: `cluster ${cluster.name} control plane`, to: `/aws/eks/${cluster.name}/cluster`, what: cluster.logTypes.join(", "), controls: ["enabledClusterLogTypes"] });
    }
    return flows;
}

export function readFlows(arch: Architecture): Flow[] {
    return [...networkFlows(arch), ...kubernetesFlows(arch), ...meshFlows(arch), ...dataFlows(arch)];
}

export function readBoundaries(arch: Architecture, entryPoints: readonly EntryPoint[]): Boundary[] {
    const boundaries: Boundary[] = [];
    const outside = entryPoints.filter((e) => e.trust !== "internal");
    if (outside.length > 0 || arch.tiers.some((t) => t.exposure === "public")) {
        boundaries.push({
            name: "internet ↔ platform",
            inside: outside.map((e) => `${e.name} (${e.trust})`).join(", ") || "public subnets without an entry point",
            enforcedBy: [
                ...arch.loadBalancers.flatMap((lb) => lb.securityGroups.map((g) => `security group \`${g.name}\``)),
                ...arch.webAcls.map((w) => `web ACL \`${w.view.name}\``),
                ...(arch.clusters.length === 0 && arch.exposedServices.length > 0 ? ["the cluster's own network (not declared by the stack)"] : []),
            ],
        });
    }
    for (const network of arch.networks) {
        boundaries.push({
            name: `VPC \`${network.vpc.name}\` (${network.cidr ?? "?"})`,
            inside: network.tiers.map((t) => t.name).join(", ") || "no subnets",
            enforcedBy: [`${network.endpoints.length} VPC endpoint(s)`, network.flowLogs.length > 0 ? "flow logs" : "no flow logs", ...(network.networkAcls.length > 0 ? [`${network.networkAcls.length} network ACL(s)`] : [])],
        });
        for (const tier of network.tiers) {
            const occupants = [
                ...arch.loadBalancers.filter((lb) => lb.tiers.includes(tier)).map((lb) => `load balancer \`${lb.view.name}\``),
                ...network.natGateways.filter((n) => tier.subnets.includes(arch.view.resolve(n.props.subnetId)!)).map((n) => `NAT \`${n.name}\``),
                ...arch.clusters.flatMap((c) => c.nodeGroups.filter((g) => g.tiers.includes(tier)).map((g) => `node group \`${g.view.name}\``)),
            ];
            const acl = network.networkAcls.filter((a) => list(a.props.subnetIds).some((id) => tier.subnets.includes(arch.view.resolve(id)!)));
            boundaries.push({
                name: `${tier.name} tier (${tier.exposure}: ${tier.exposure === "public" ? "routes to the internet gateway" : tier.exposure === "private" ? "egress through NAT only" : "no route to the internet"})`,
                inside: `${tier.subnets.length} subnet(s) in ${tier.zones.join(", ") || "?"} (${tier.cidrs.join(", ")})${occupants.length > 0 ? `: ${occupants.join(", ")}` : ""}`,
                enforcedBy: [...acl.map((a) => `network ACL \`${a.name}\``), "route tables"],
            });
        }
    }
    for (const cluster of arch.clusters) {
        boundaries.push({
            name: `cluster ${cluster.name}`,
            inside: `${cluster.nodeGroups.length} node group(s): ${cluster.nodeGroups.map((g) => g.role).join(", ")}`,
            enforcedBy: [cluster.publicEndpoint ? `public API endpoint (${cluster.publicCidrs.join(", ")})` : "private API endpoint", `${cluster.accessEntries.length} access entries`, ...(cluster.secretsKey ? [`Secrets encrypted with \`${cluster.secretsKey.name}\``] : [])],
        });
    }
    if (arch.clusters.length === 0 && arch.namespaces.length > 0) {
        boundaries.push({ name: "cluster", inside: `${arch.namespaces.length} namespace(s)`, enforcedBy: ["the cluster's own access control (not declared by the stack)"] });
    }
    for (const ns of arch.namespaces) {
        boundaries.push({
            name: `${ns.tenant ? `tenant ${ns.tenant}: ` : ""}namespace ${ns.name}`,
            inside: ns.tenant ? `tenant ${ns.tenant}'s workloads` : "platform workloads",
            enforcedBy: [
                `Pod Security ${ns.podSecurity ?? "not enforced"}`,
                ns.defaultDenyIngress && ns.defaultDenyEgress ? "default-deny NetworkPolicy" : `no default deny for ${[ns.defaultDenyIngress ? "" : "ingress", ns.defaultDenyEgress ? "" : "egress"].filter(Boolean).join(" and ")}`,
                ...(ns.meshInjected ? ["in the mesh"] : []),
                ...(ns.quota ? ["ResourceQuota"] : []),
            ],
        });
    }
    if (arch.mesh) {
        boundaries.push({
            name: "service mesh",
            inside: `namespaces with sidecars: ${arch.namespaces.filter((n) => n.meshInjected).map((n) => n.name).join(", ") || "none declared"}`,
            enforcedBy: [arch.mesh.strictMeshWide ? "mesh-wide STRICT mutual TLS" : "mutual TLS not enforced mesh-wide", arch.mesh.allowNothingMeshWide ? "mesh-wide allow-nothing" : "no mesh-wide deny", ...(arch.mesh.minTls ? [`minimum ${arch.mesh.minTls}`] : [])],
        });
    }
    const regions = unique(arch.view.customResources.map((r) => text(r.props.region)).filter((r): r is string => !!r));
    if (regions.length > 0) {
        boundaries.push({ name: "other regions", inside: regions.join(", "), enforcedBy: arch.view.customResources.filter((r) => r.props.region).map((r) => `${kindOf(r.type)} \`${r.name}\``) });
    }
    return boundaries;
}
