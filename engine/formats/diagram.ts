/**
 * `--format diagram`: the stack's architecture as a Mermaid flowchart inside a Markdown document (a
 * fenced `mermaid` block, which GitHub renders and `mmdc` accepts). Read from the resource graph:
 * internet → web ACL → load balancers in their tier → the ingress gateway → namespaces → databases, with
 * node groups in their tiers, and keys, backups and logs beside them. Repeated things are aggregated
 * (NAT gateways ×3, one node for every KMS key, tenants in one subgraph or one node past eight) so a
 * production stack stays readable.
 */
import type { CheckResult } from "../engine";
import { Architecture, readArchitecture } from "./architecture";
import { DATABASE_TYPES, databaseMemberSets, KEY_TYPES } from "./assets";
import { readEntryPoints } from "./exposure";
import { Flowchart, Group } from "./mermaid";
import { kubernetesRef, list, Props, record, ResourceView, StackView, strings, text, unique } from "./stack-view";

/** Past this many tenants, one node stands for all of them. */
const TENANT_NODES_MAX = 8;

function keyShortName(view: StackView, key: ResourceView): string {
    const alias = view.referrers(key, "aws:kms/alias:Alias").map((a) => text(a.props.name)).find((n): n is string => !!n);
    return alias?.split("/").pop() ?? key.name;
}

function matches(selector: Readonly<Record<string, unknown>>, labels: Readonly<Record<string, string>>): boolean {
    const entries = Object.entries(selector);
    return entries.length > 0 && entries.every(([k, v]) => labels[k] === String(v));
}

/**
 * A database's backup storages that are object stores outside the stack (an on-prem S3-compatible store, a bucket
 * made elsewhere): keyed `store:<endpoint>/<bucket>`, so databases writing to one store share its node. Buckets the
 * stack creates are drawn as buckets.
 */
function offSiteStores(database: ResourceView, stackBuckets: readonly ResourceView[]): Array<{ key: string; label: string; pitr: boolean }> {
    const backup = record(record(database.props.spec).backup);
    if (backup.enabled !== true) {
        return [];
    }
    const pitr = record(backup.pitr).enabled === true;
    return Object.values(record(backup.storages)).map(record).flatMap((storage) => {
        const type = String(storage.type);
        const target = record(storage[type]);
        const bucket = text(target.bucket) ?? text(target.container);
        if (!["s3", "minio", "gcs", "azure"].includes(type) || !bucket || stackBuckets.some((b) => (b.resource.id ?? b.name) === bucket)) {
            return [];
        }
        const endpoint = text(target.endpointUrl) ?? (type === "s3" ? "AWS S3" : type);
        const tls = type === "minio" ? target.secure === true && target.insecureSkipTLSVerify !== true : target.insecureSkipTLSVerify !== true;
        return [{ key: `store:${endpoint}/${bucket}`, label: `off-site ${type} store ${endpoint}\nbucket ${bucket}${text(target.prefix) ? `/${text(target.prefix)}` : ""} · ${tls ? "TLS verified" : "TLS not verified"}`, pitr }];
    });
}

interface Placed {
    readonly chart: Flowchart;
    /** Diagram ids by resource URN (or a derived key such as `ns:<name>`). */
    readonly ids: Map<string, string>;
}

function placeNetwork(arch: Architecture, placed: Placed): void {
    const { chart, ids } = placed;
    for (const network of arch.networks) {
        const vpc = chart.group(undefined, `vpc ${network.vpc.name}`, `VPC ${network.vpc.name} · ${network.cidr ?? ""}`);
        ids.set(network.vpc.urn, vpc.id);
        for (const tier of network.tiers) {
            const group = chart.group(vpc, `tier ${tier.name}`, `${tier.name} tier · ${tier.exposure} · subnets ×${tier.subnets.length}${tier.zones.length > 0 ? ` in ${tier.zones.length} zones` : ""}`);
            for (const lb of arch.loadBalancers.filter((l) => l.tiers.includes(tier))) {
                const listeners = lb.listeners.map((l) => `${l.protocol} ${l.port ?? "?"}${l.actions.includes("redirect") ? " → redirect" : ""}`);
                ids.set(lb.view.urn, chart.node(group, `lb ${lb.view.name}`, `${lb.kind === "application" ? "ALB" : lb.kind === "network" ? "NLB" : "load balancer"} ${lb.view.name}\n${lb.internetFacing ? "internet-facing" : "internal"} · ${listeners.join(", ")}`));
            }
            const nats = network.natGateways.filter((n) => tier.subnets.includes(arch.view.resolve(n.props.subnetId)!));
            if (nats.length > 0) {
                chart.node(group, `nat ${tier.name}`, `NAT gateways ×${nats.length}`);
            }
            const endpoints = network.endpoints.filter((e) => list(e.props.subnetIds).some((id) => tier.subnets.includes(arch.view.resolve(id)!)));
            if (endpoints.length > 0) {
                chart.node(group, `endpoints ${tier.name}`, `VPC endpoints ×${endpoints.length}\n${endpoints.map((e) => String(e.props.serviceName ?? e.name).split(".").pop()).join(", ")}`);
            }
            for (const cluster of arch.clusters) {
                for (const nodeGroup of cluster.nodeGroups.filter((g) => g.tiers[0] === tier)) {
                    const size = nodeGroup.minSize === nodeGroup.maxSize ? `${nodeGroup.minSize ?? "?"} nodes` : `${nodeGroup.minSize ?? "?"}–${nodeGroup.maxSize ?? "?"} nodes`;
                    ids.set(nodeGroup.view.urn, chart.node(group, `nodes ${nodeGroup.view.name}`, `node group ${nodeGroup.role}\n${nodeGroup.instanceTypes.join(", ")} · ${size}${nodeGroup.tainted ? " · tainted" : ""}`));
                }
            }
            if (group.nodes.length === 0) {
                chart.node(group, `subnets ${tier.name}`, `subnets ×${tier.subnets.length}\n${tier.cidrs.join(", ")}`);
            }
        }
    }
}

function placeCluster(arch: Architecture, placed: Placed): Group | undefined {
    const { chart, ids } = placed;
    const view = arch.view;
    if (arch.clusters.length === 0 && arch.namespaces.length === 0 && arch.exposedServices.length === 0) {
        return undefined;
    }
    const eks = arch.clusters[0];
    const cluster = chart.group(undefined, `cluster ${eks?.name ?? "kubernetes"}`, eks
        ? `EKS cluster ${eks.name} · Kubernetes ${eks.version ?? "?"} · API ${eks.publicEndpoint ? `public (${eks.publicCidrs.join(", ")})` : "private"}`
        : "Kubernetes cluster");
    for (const c of arch.clusters) {
        ids.set(c.view.urn, cluster.id);
    }
    const tenants = arch.namespaces.filter((n) => n.tenant);
    const tenantGroup = tenants.length > 0 ? chart.group(cluster, "tenants", `tenant namespaces ×${tenants.length}`) : undefined;
    if (tenantGroup) {
        ids.set("tenants", tenantGroup.id);
    }
    if (tenantGroup && tenants.length > TENANT_NODES_MAX) {
        const id = chart.node(tenantGroup, "tenant namespaces", `${tenants.length} tenants: ${tenants.slice(0, 3).map((t) => t.tenant).join(", ")}, …`);
        tenants.forEach((t) => ids.set(`ns:${t.name}`, id));
    }
    const namespaceGroups = new Map<string, Group>();
    const namespaceGroup = (name: string | undefined): Group => {
        const key = name ?? "default";
        const existing = namespaceGroups.get(key);
        if (existing) {
            return existing;
        }
        const ns = arch.namespaces.find((n) => n.name === key);
        const group = chart.group(ns?.tenant ? tenantGroup : cluster, `ns ${key}`, `namespace ${key}${ns?.podSecurity ? ` · PSS ${ns.podSecurity}` : ""}`);
        namespaceGroups.set(key, group);
        ids.set(`ns:${key}`, group.id);
        return group;
    };
    // Workloads the stack declares, in their namespaces.
    if (arch.mesh) {
        for (const release of arch.mesh.controlPlane) {
            ids.set(release.urn, chart.node(namespaceGroup(kubernetesRef(release).namespace), `istiod ${release.name}`, `istiod · mesh control plane\nmTLS ${arch.mesh.strictMeshWide ? "STRICT" : "permissive"}${arch.mesh.minTls ? ` · ${arch.mesh.minTls}` : ""}${arch.mesh.outboundPolicy ? ` · egress ${arch.mesh.outboundPolicy}` : ""}`));
        }
        for (const release of arch.mesh.egressGateways) {
            const ref = kubernetesRef(release);
            const hosts = arch.mesh.serviceEntries.filter((e) => kubernetesRef(e).namespace === ref.namespace).flatMap((e) => list<string>(record(e.props.spec).hosts));
            ids.set(release.urn, chart.node(namespaceGroup(ref.namespace), `egress ${release.name}`, `egress gateway ${ref.name}\nthe only way out · ${hosts.length} allowed host(s)`));
        }
    }
    // The image-verification admission controller (infra/k8s/admission/image-verification.ts) and what it enforces.
    for (const release of arch.helmReleases.filter((r) => String(r.props.chart ?? "").split("/").pop() === "policy-controller")) {
        const webhook = record(record(release.props.values).webhook);
        const policies = view.ofType("kubernetes:policy.sigstore.dev/v1beta1:ClusterImagePolicy").length;
        const bindings = view.ofType("kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicyBinding").map((b) => list(record(b.props.spec).validationActions).join("+"));
        ids.set(release.urn, chart.node(namespaceGroup(kubernetesRef(release).namespace), `admission ${release.name}`, `policy-controller · image admission\nfailure ${webhook.failurePolicy ?? "Fail"} · ×${webhook.replicaCount ?? 1} · ${policies} ClusterImagePolicy(s)${bindings.length > 0 ? ` · digest policy ${bindings.join(", ")}` : ""}`));
    }
    for (const service of arch.exposedServices) {
        const gateways = arch.mesh?.gateways.filter((g) => g.namespace === service.namespace) ?? [];
        const servers = gateways.flatMap((g) => g.servers.map((s) => `${s.protocol ?? "?"} ${s.port ?? "?"}`));
        const ports = service.ports.map((p) => (service.type === "NodePort" ? p.nodePort ?? p.port : p.port)).join(", ");
        ids.set(service.view.urn, chart.node(namespaceGroup(service.namespace), `svc ${service.name}`, `${gateways.length > 0 ? "ingress gateway" : "Service"} ${service.name}\n${service.type} ${ports}${servers.length > 0 ? ` · Gateway ${servers.join(", ")}` : ""}`));
    }
    for (const database of view.ofType(...DATABASE_TYPES)) {
        const ref = kubernetesRef(database);
        const sets = databaseMemberSets(database).map((s) => {
            const claim = record(s.volumeSpec.persistentVolumeClaim);
            return `${s.label} ×${s.size} · ${record(record(claim.resources).requests).storage ?? "?"} each`;
        });
        const spec = record(database.props.spec);
        const traits = [record(spec.tls).mode, strings(spec.replsets).some((s) => /enableEncryption:\s*true/.test(s)) ? "encrypted at rest" : undefined].filter(Boolean);
        ids.set(database.urn, chart.node(namespaceGroup(ref.namespace), `db ${ref.name}`, `MongoDB ${ref.name}\n${sets.join("; ")}${traits.length > 0 ? `\n${traits.join(" · ")}` : ""}`, "cylinder"));
    }
    // Namespaces without a declared workload are single nodes.
    for (const ns of arch.namespaces) {
        if (ids.has(`ns:${ns.name}`)) {
            continue;
        }
        ids.set(`ns:${ns.name}`, chart.node(ns.tenant ? tenantGroup : cluster, `ns ${ns.name}`, `namespace ${ns.name}${ns.tenant ? `\ntenant ${ns.tenant}` : ""}${ns.podSecurity ? ` · PSS ${ns.podSecurity}` : ""}`));
    }
    for (const storageClass of view.ofType("kubernetes:storage.k8s.io/v1:StorageClass")) {
        const encrypted = Object.entries(record(storageClass.props.parameters)).some(([k, v]) => /encrypt/i.test(k) && String(v) === "true");
        ids.set(storageClass.urn, chart.node(cluster, `sc ${storageClass.name}`, `StorageClass ${kubernetesRef(storageClass).name}\n${encrypted ? "encrypted" : "no encryption parameter"} · ${storageClass.props.reclaimPolicy ?? "Delete"}`));
    }
    return cluster;
}

function placeDataServices(arch: Architecture, placed: Placed): void {
    const { chart, ids } = placed;
    const view = arch.view;
    const keys = view.ofType(...KEY_TYPES);
    if (keys.length > 0) {
        const id = chart.node(undefined, "kms keys", `KMS keys ×${keys.length}: ${keys.map((k) => keyShortName(view, k)).join(", ")}`, "hexagon");
        keys.forEach((k) => ids.set(k.urn, id));
    }
    const secrets = view.ofType("aws:secretsmanager/secret:Secret");
    if (secrets.length > 0) {
        const id = chart.node(undefined, "secrets manager", `Secrets Manager ×${secrets.length}: ${secrets.map((s) => text(s.props.name)?.split("/").pop() ?? s.name).join(", ")}`);
        secrets.forEach((s) => ids.set(s.urn, id));
    }
    const vaults = view.ofType("aws:backup/vault:Vault", "aws:backup/logicallyAirGappedVault:LogicallyAirGappedVault");
    const schedules = view.matching(/^kubernetes:snapscheduler\.backube\/.*:SnapshotSchedule$/);
    const buckets = view.ofType("aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2");
    const backupBuckets = buckets.filter((b) => view.ofType(...DATABASE_TYPES).some((db) => strings(record(record(db.props.spec).backup).storages).includes(b.resource.id ?? b.name)));
    const offSite = view.ofType(...DATABASE_TYPES).flatMap((db) => offSiteStores(db, buckets));
    if (vaults.length + schedules.length + backupBuckets.length + offSite.length > 0) {
        const backups = chart.group(undefined, "backups", "backups");
        for (const vault of vaults) {
            const name = text(vault.props.name) ?? vault.name;
            const lock = view.ofType("aws:backup/vaultLockConfiguration:VaultLockConfiguration").find((l) => l.props.backupVaultName === name);
            ids.set(vault.urn, chart.node(backups, `vault ${vault.name}`, `backup vault ${name}${vault.props.region ? ` · ${vault.props.region}` : ""}\n${lock ? `locked (${lock.props.changeableForDays !== undefined ? "compliance" : "governance"}), min ${lock.props.minRetentionDays ?? "?"} days` : "not locked"}`, "cylinder"));
        }
        for (const bucket of backupBuckets) {
            ids.set(bucket.urn, chart.node(backups, `bucket ${bucket.name}`, `logical backups bucket ${bucket.name}`, "cylinder"));
        }
        for (const store of unique(offSite.map((s) => s.key))) {
            const { label } = offSite.find((s) => s.key === store)!;
            ids.set(store, chart.node(backups, store, label, "cylinder"));
        }
        if (schedules.length > 0) {
            const id = chart.node(backups, "snapshot schedules", `SnapshotSchedules ×${schedules.length}: ${unique(schedules.map((s) => String(record(s.props.spec).schedule ?? "?"))).join(", ")}`);
            schedules.forEach((s) => ids.set(s.urn, id));
        }
    }
    for (const trail of view.ofType("aws:cloudtrail/trail:Trail")) {
        const p = trail.props;
        ids.set(trail.urn, chart.node(undefined, `trail ${trail.name}`, `CloudTrail trail ${text(p.name) ?? trail.name}\n${p.isMultiRegionTrail === true ? "all Regions" : "one Region"} · ${p.enableLogFileValidation === true ? "validated" : "not validated"}`));
    }
    // The account's detectors (infra/aws/threat-detection.ts): one node, what each service watches.
    const detection = view.matching(/^aws:(guardduty|securityhub|cfg)\//);
    if (detection.length > 0) {
        const features = view.ofType("aws:guardduty/detectorFeature:DetectorFeature").filter((f) => f.props.status === "ENABLED").map((f) => String(f.props.name).toLowerCase().replace(/_/g, " "));
        const standards = view.ofType("aws:securityhub/standardsSubscription:StandardsSubscription").map((s) => String(s.props.standardsArn).split(":standards/").pop());
        const lines = [
            view.ofType("aws:guardduty/detector:Detector").length > 0 ? `GuardDuty: ${features.join(", ") || "no features"}` : "",
            view.ofType("aws:securityhub/account:Account").length > 0 ? `Security Hub: ${standards.join(", ") || "default standards"}` : "",
            view.ofType("aws:cfg/recorder:Recorder").length > 0 ? "AWS Config recorder" : "",
        ].filter(Boolean);
        const id = chart.node(undefined, "threat detection", `threat detection\n${lines.join("\n")}`, "hexagon");
        detection.forEach((r) => ids.set(r.urn, id));
    }
    const logGroups = view.ofType("aws:cloudwatch/logGroup:LogGroup");
    const logBuckets = buckets.filter((b) => !backupBuckets.includes(b));
    if (logGroups.length + logBuckets.length > 0) {
        const id = chart.node(undefined, "audit logs", `audit logs: ${[logGroups.length > 0 ? `log groups ×${logGroups.length}` : "", ...logBuckets.map((b) => `bucket ${b.name}`)].filter(Boolean).join(", ")}`, "cylinder");
        [...logGroups, ...logBuckets].forEach((r) => ids.set(r.urn, id));
    }
}

function connect(arch: Architecture, placed: Placed, internet: string | undefined): void {
    const { chart, ids } = placed;
    const view = arch.view;
    const id = (urn: string | undefined) => (urn ? ids.get(urn) : undefined);
    // Internet → web ACL → load balancer → gateway.
    for (const lb of arch.loadBalancers) {
        const lbId = id(lb.view.urn);
        if (!lbId) {
            continue;
        }
        const ports = lb.listeners.map((l) => `${l.protocol} ${l.port ?? "?"}`).join(", ");
        const acls = lb.webAcls.map((w) => id(w.urn)).filter((w): w is string => !!w);
        if (internet && lb.internetFacing) {
            if (acls.length > 0) {
                acls.forEach((acl) => {
                    chart.edge(internet, acl, ports);
                    chart.edge(acl, lbId, "filtered requests");
                });
            } else {
                chart.edge(internet, lbId, ports);
            }
        }
        for (const group of lb.listeners.flatMap((l) => l.targetGroups)) {
            const port = Number(group.props.port);
            const service = arch.exposedServices.find((s) => s.ports.some((p) => p.nodePort === port || p.port === port));
            const target = id(service?.view.urn) ?? id(arch.clusters[0]?.nodeGroups[0]?.view.urn);
            if (target) {
                chart.edge(lbId, target, `${group.props.protocol ?? ""} ${group.props.port ?? ""}`.trim());
            }
        }
    }
    const entries = readEntryPoints(arch);
    for (const service of arch.exposedServices) {
        const entry = entries.find((e) => e.resources[0] === service.view);
        if (internet && entry && entry.trust !== "internal") {
            chart.edge(internet, id(service.view.urn)!, service.ports.map((p) => p.port ?? p.nodePort).join(", "));
        }
        // Which namespaces the gateway reaches: NetworkPolicies admitting its namespace.
        for (const policy of view.ofType("kubernetes:networking.k8s.io/v1:NetworkPolicy")) {
            const admits = list<Props>(record(policy.props.spec).ingress).some((rule) => list<Props>(record(rule).from).some((peer) =>
                record(record(record(peer).namespaceSelector).matchLabels)["kubernetes.io/metadata.name"] === service.namespace));
            const target = kubernetesRef(policy).namespace;
            if (admits && target !== service.namespace) {
                // Tenants are reached alike: one edge to their group.
                const tenant = arch.namespaces.some((n) => n.name === target && n.tenant);
                const to = tenant ? ids.get("tenants") : ids.get(`ns:${target}`);
                if (to) {
                    chart.edge(id(service.view.urn)!, to, "routes");
                }
            }
        }
    }
    // Namespaces → the egress gateway → the external hosts it may reach, from the NetworkPolicies that let them call it.
    for (const release of arch.mesh?.egressGateways ?? []) {
        const ref = kubernetesRef(release);
        const gatewayId = id(release.urn)!;
        const callers = new Set<string>();
        for (const policy of view.ofType("kubernetes:networking.k8s.io/v1:NetworkPolicy").filter((p) => kubernetesRef(p).namespace !== ref.namespace)) {
            const calls = list<Props>(record(policy.props.spec).egress).some((rule) => list<Props>(record(rule).to).some((peer) =>
                record(record(record(peer).namespaceSelector).matchLabels)["kubernetes.io/metadata.name"] === ref.namespace));
            const source = kubernetesRef(policy).namespace;
            const from = arch.namespaces.some((n) => n.name === source && n.tenant) ? ids.get("tenants") : ids.get(`ns:${source}`);
            if (calls && from && !callers.has(from)) {
                callers.add(from);
                chart.edge(from, gatewayId, "external calls (mTLS)");
            }
        }
        const hosts = (arch.mesh?.serviceEntries ?? []).filter((e) => kubernetesRef(e).namespace === ref.namespace).flatMap((e) => list<string>(record(e.props.spec).hosts));
        if (hosts.length > 0) {
            chart.edge(gatewayId, chart.node(undefined, `external ${release.name}`, `external hosts\n${hosts.slice(0, 4).join(", ")}${hosts.length > 4 ? ", …" : ""}`, "circle"), "TLS passed through, logged");
        }
    }
    // Namespaces → databases, from the NetworkPolicies admitting them to the database's namespace.
    for (const database of view.ofType(...DATABASE_TYPES)) {
        const dbId = id(database.urn)!;
        const ns = kubernetesRef(database).namespace;
        for (const policy of view.ofType("kubernetes:networking.k8s.io/v1:NetworkPolicy").filter((p) => kubernetesRef(p).namespace === ns)) {
            for (const rule of list<Props>(record(policy.props.spec).ingress).map(record)) {
                const ports = list<Props>(rule.ports).map((p) => record(p).port).join(", ");
                for (const peer of list<Props>(rule.from).map(record)) {
                    const source = text(record(record(peer.namespaceSelector).matchLabels)["kubernetes.io/metadata.name"]);
                    if (source && source !== ns && ids.has(`ns:${source}`)) {
                        chart.edge(ids.get(`ns:${source}`)!, dbId, ports || "all ports");
                    }
                }
            }
        }
        // Node groups host workloads whose node selector matches their labels.
        const selectors = list<Props>(record(database.props.spec).replsets).map((r) => record(record(r).nodeSelector));
        for (const group of arch.clusters.flatMap((c) => c.nodeGroups)) {
            if (selectors.some((s) => matches(s, group.labels))) {
                chart.edge(id(group.view.urn)!, dbId, "hosts", true);
            }
        }
        const claimClasses = databaseMemberSets(database).map((s) => record(s.volumeSpec.persistentVolumeClaim).storageClassName);
        for (const storageClass of view.ofType("kubernetes:storage.k8s.io/v1:StorageClass").filter((c) => claimClasses.includes(kubernetesRef(c).name))) {
            chart.edge(dbId, id(storageClass.urn)!, "volumes", true);
            const tags = Object.entries(record(storageClass.props.parameters)).filter(([k]) => k.startsWith("tagSpecification_")).map(([, v]) => String(v));
            for (const selection of view.ofType("aws:backup/selection:Selection")) {
                if (list<Props>(selection.props.selectionTags).some((t) => tags.includes(`${record(t).key}=${record(t).value}`))) {
                    const plan = view.resolve(selection.props.planId);
                    for (const rule of list<Props>(plan?.props.rules).map(record)) {
                        const vault = view.ofType("aws:backup/vault:Vault").find((v) => v.props.name === rule.targetVaultName);
                        if (vault && id(vault.urn)) {
                            chart.edge(dbId, id(vault.urn)!, "backs up (volume snapshots)");
                        }
                    }
                }
            }
        }
        for (const schedule of view.matching(/^kubernetes:snapscheduler\.backube\/.*:SnapshotSchedule$/).filter((s) => kubernetesRef(s).namespace === ns)) {
            chart.edge(dbId, id(schedule.urn)!, "backs up (volume snapshots)");
        }
        for (const bucket of view.ofType("aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2")) {
            if (strings(record(record(database.props.spec).backup).storages).includes(bucket.resource.id ?? bucket.name) && id(bucket.urn)) {
                chart.edge(dbId, id(bucket.urn)!, "backs up (logical)");
            }
        }
        for (const store of offSiteStores(database, view.ofType("aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"))) {
            if (id(store.key)) {
                chart.edge(dbId, id(store.key)!, store.pitr ? "backs up (logical, PITR) off-site" : "backs up (logical) off-site");
            }
        }
    }
    for (const service of arch.exposedServices) {
        for (const group of arch.clusters.flatMap((c) => c.nodeGroups)) {
            if (matches(service.nodeSelector, group.labels)) {
                chart.edge(id(group.view.urn)!, id(service.view.urn)!, "hosts", true);
            }
        }
    }
    // Copies between vaults.
    for (const plan of view.ofType("aws:backup/plan:Plan")) {
        for (const rule of list<Props>(plan.props.rules).map(record)) {
            const from = view.ofType("aws:backup/vault:Vault").find((v) => v.props.name === rule.targetVaultName);
            for (const copy of list<Props>(rule.copyActions).map(record)) {
                const to = view.resolve(copy.destinationVaultArn);
                if (from && to && id(from.urn) && id(to.urn)) {
                    chart.edge(id(from.urn)!, id(to.urn)!, `copies${to.props.region ? ` to ${to.props.region}` : ""}`);
                }
            }
        }
    }
    // Keys → what they encrypt, one edge per diagram node with the keys' short names.
    const encrypts = new Map<string, Set<string>>();
    for (const key of view.ofType(...KEY_TYPES)) {
        for (const user of view.referrers(key).filter((r) => r.resource.custom && r.type !== "aws:kms/alias:Alias" && !r.type.startsWith("aws:iam/"))) {
            const targets = user.type === "aws:ec2/launchTemplate:LaunchTemplate"
                ? view.referrers(user, "aws:eks/nodeGroup:NodeGroup").map((g) => id(g.urn))
                : [id(user.urn) ?? id(view.references(user).find((r) => ids.has(r.urn) && !KEY_TYPES.includes(r.type))?.urn)];
            for (const target of targets.filter((t): t is string => !!t && t !== id(key.urn))) {
                encrypts.set(target, (encrypts.get(target) ?? new Set()).add(keyShortName(view, key)));
            }
        }
    }
    const keysId = id(view.ofType(...KEY_TYPES)[0]?.urn);
    for (const [target, names] of encrypts) {
        if (keysId) {
            chart.edge(keysId, target, `encrypts (${[...names].join(", ")})`, true);
        }
    }
    // GuardDuty reads the clusters' audit logs and, through its agent, the nodes' runtime events.
    const detector = id(view.ofType("aws:guardduty/detector:Detector")[0]?.urn);
    if (detector) {
        arch.clusters.forEach((c) => id(c.view.urn) && chart.edge(id(c.view.urn)!, detector, "audit logs, runtime events", true));
    }
    // Audit logs.
    const logs = id(view.ofType("aws:cloudwatch/logGroup:LogGroup")[0]?.urn) ?? id(view.ofType("aws:s3/bucket:Bucket").find((b) => arch.loadBalancers.some((lb) => lb.accessLogBucket === (b.resource.id ?? b.name)))?.urn);
    if (logs) {
        arch.loadBalancers.filter((lb) => lb.accessLogBucket).forEach((lb) => chart.edge(id(lb.view.urn)!, logs, "access logs", true));
        arch.webAcls.filter((w) => w.logging).forEach((w) => id(w.view.urn) && chart.edge(id(w.view.urn)!, logs, "request logs", true));
        arch.clusters.filter((c) => c.logTypes.length > 0).forEach((c) => chart.edge(id(c.view.urn)!, logs, "control-plane logs", true));
        arch.networks.filter((n) => n.flowLogs.length > 0).forEach((n) => chart.edge(id(n.vpc.urn)!, logs, "flow logs", true));
        view.ofType("aws:cloudtrail/trail:Trail").forEach((t) => id(t.urn) && chart.edge(id(t.urn)!, logs, "account API calls", true));
    }
}

export interface DiagramSize {
    readonly nodes: number;
    readonly edges: number;
    readonly subgraphs: number;
}

/** The Mermaid flowchart alone (what the Markdown wraps). */
export function toMermaid(result: CheckResult): { source: string; size: DiagramSize } {
    const view = new StackView(result);
    const arch = readArchitecture(view);
    const chart = new Flowchart("LR");
    const placed: Placed = { chart, ids: new Map() };
    const entries = readEntryPoints(arch);
    const internet = entries.some((e) => e.trust !== "internal") || arch.loadBalancers.some((lb) => lb.internetFacing)
        ? chart.node(undefined, "internet", "Internet", "circle") : undefined;
    // Services reachable only from private networks still have callers outside the cluster.
    const privateClients = arch.exposedServices.length > 0 && arch.clusters.length === 0 && !internet
        ? chart.node(undefined, "clients", "clients on private networks", "circle") : undefined;
    for (const acl of arch.webAcls) {
        placed.ids.set(acl.view.urn, chart.node(undefined, `waf ${acl.view.name}`, `WAF web ACL ${acl.view.name}\n${acl.rules.length} rules${acl.rateLimited ? " incl. rate limit" : ""}`, "hexagon"));
    }
    placeNetwork(arch, placed);
    placeCluster(arch, placed);
    placeDataServices(arch, placed);
    connect(arch, placed, internet);
    if (privateClients) {
        for (const service of arch.exposedServices) {
            chart.edge(privateClients, placed.ids.get(service.view.urn)!, [service.sourceRanges.join(", "), service.ports.map((p) => p.port ?? p.nodePort).join(", ")].filter(Boolean).join(" · "));
        }
    }
    const source = chart.render();
    return { source, size: chart.size };
}

/** Markdown holding the diagram in a ```mermaid block, with a line saying what it shows. */
export function toDiagram(result: CheckResult): string {
    const { source, size } = toMermaid(result);
    const resources = result.resources.filter((r) => r.custom && !r.type.startsWith("pulumi:")).length;
    return [
        `# Architecture: ${result.project} / ${result.stack}`,
        "",
        `Generated from the rendered stack: ${resources} resources drawn as ${size.nodes} nodes in ${size.subgraphs} groups with ${size.edges} edges. Dotted edges: hosting, encryption, logging.`,
        "",
        "```mermaid",
        source,
        "```",
        "",
    ].join("\n");
}


