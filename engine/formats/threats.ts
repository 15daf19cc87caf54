/**
 * STRIDE threats per kind of component, each with the control that mitigates it as the stack's inputs
 * show it, and the pack rules that keep the control in place. A threat is "open" when the control is
 * missing from the inputs or a rule guarding it reports a violation on the component.
 */
import type { Architecture } from "./architecture";
import type { Asset } from "./assets";
import type { Component, ComponentKind } from "./components";
import type { PolicyCoverage } from "./policy-coverage";
import { kubernetesRef, list, Props, record, ResourceView, strings } from "./stack-view";

export type Stride = "Spoofing" | "Tampering" | "Repudiation" | "Information disclosure" | "Denial of service" | "Elevation of privilege";

export interface ThreatContext {
    readonly arch: Architecture;
    readonly assets: readonly Asset[];
}

interface Finding {
    readonly mitigated: boolean;
    readonly evidence: string;
}

interface ThreatDefinition {
    readonly stride: Stride;
    readonly threat: string;
    readonly policies: readonly string[];
    readonly check: (component: Component, context: ThreatContext) => Finding;
}

export interface Threat {
    readonly component: Component;
    readonly stride: Stride;
    readonly threat: string;
    readonly status: "mitigated" | "open";
    readonly mitigation: string;
    readonly policies: readonly string[];
    readonly violations: number;
}

const ok = (evidence: string): Finding => ({ mitigated: true, evidence });
const missing = (evidence: string): Finding => ({ mitigated: false, evidence });
const when = (condition: boolean, yes: string, no: string): Finding => (condition ? ok(yes) : missing(no));

function ofType(component: Component, ...types: string[]): ResourceView[] {
    return component.members.filter((m) => types.includes(m.type));
}

const CATALOGUE: Partial<Record<ComponentKind, readonly ThreatDefinition[]>> = {
    "network": [
        { stride: "Information disclosure", threat: "data-tier hosts reached from, or leaking to, the internet", policies: ["disallow-subnet-public-ip", "disallow-nacl-admin-ports-from-internet"],
            check: (c) => c.kind !== "network" ? missing("") : when(c.network.tiers.some((t) => t.exposure === "isolated"), `isolated tiers: ${c.network.tiers.filter((t) => t.exposure === "isolated").map((t) => t.name).join(", ")}; no subnet maps public IPs`, "every tier has a route to the internet") },
        { stride: "Tampering", threat: "resources placed in the default security group talk to everything", policies: ["restrict-default-security-group"],
            check: (c) => { const d = ofType(c, "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup")[0]; return when(!!d && list(d.props.ingress).length + list(d.props.egress).length === 0, "default security group taken over with no rules", "default security group not emptied by the stack"); } },
        { stride: "Repudiation", threat: "network activity cannot be traced after an incident", policies: ["require-vpc-flow-logs"],
            check: (c) => c.kind !== "network" ? missing("") : when(c.network.flowLogs.length > 0, `flow logs (${c.network.flowLogs.map((f) => f.props.trafficType).join(", ")})`, "no flow log") },
    ],
    "load balancer": [
        { stride: "Information disclosure", threat: "traffic read or downgraded in transit", policies: ["require-https-listeners", "require-tls-security-policy"],
            check: (c) => c.kind !== "load balancer" ? missing("") : when(c.lb.listeners.every((l) => l.protocol === "HTTPS" || l.protocol === "TLS" || l.actions.every((a) => a === "redirect")), `HTTPS with ${c.lb.listeners.map((l) => l.tlsPolicy).filter(Boolean).join(", ") || "a TLS policy"}; plain HTTP only redirects`, "a plaintext listener forwards traffic") },
        { stride: "Tampering", threat: "request smuggling and header injection through the load balancer", policies: ["require-alb-hardening"],
            check: (c) => { const p = c.kind === "load balancer" ? c.lb.view.props : {}; return when(p.dropInvalidHeaderFields === true && ["strictest", "defensive"].includes(String(p.desyncMitigationMode)), `invalid headers dropped, desync mitigation ${p.desyncMitigationMode}`, "invalid headers kept or desync mitigation monitor-only"); } },
        { stride: "Denial of service", threat: "request floods and known-bad clients", policies: ["require-alb-web-acl", "require-web-acl-rules"],
            check: (c, x) => c.kind !== "load balancer" ? missing("") : when(x.arch.webAcls.some((w) => c.lb.webAcls.includes(w.view) && w.rateLimited), `web ACL ${c.lb.webAcls.map((w) => w.name).join(", ")} with a rate-based rule`, "no web ACL with a rate limit") },
        { stride: "Repudiation", threat: "requests cannot be attributed", policies: ["require-lb-access-logs"],
            check: (c) => c.kind !== "load balancer" ? missing("") : when(!!c.lb.accessLogBucket, `access logs to ${c.lb.accessLogBucket}`, "access logs off") },
        { stride: "Denial of service", threat: "the entry point deleted by mistake", policies: ["require-lb-deletion-protection"],
            check: (c) => when(c.kind === "load balancer" && c.lb.view.props.enableDeletionProtection === true, "deletion protection on", "deletion protection off") },
    ],
    "web ACL": [
        { stride: "Tampering", threat: "injection and exploit payloads reach the application", policies: ["require-web-acl-rules"],
            check: (c) => c.kind !== "web ACL" ? missing("") : when(c.acl.rules.length > 0, `rules: ${c.acl.rules.join(", ")}`, "no rule") },
        { stride: "Repudiation", threat: "blocked and allowed requests leave no trace", policies: ["require-web-acl-logging"],
            check: (c) => when(c.kind === "web ACL" && c.acl.logging, "logging configured", "no logging configuration") },
    ],
    "cluster": [
        { stride: "Spoofing", threat: "unknown principals administer the cluster", policies: ["require-cluster-access-entries"],
            check: (c) => c.kind !== "cluster" ? missing("") : when(c.cluster.authenticationMode === "API" && record(c.cluster.view.props.accessConfig).bootstrapClusterCreatorAdminPermissions === false, `API authentication mode, ${c.cluster.accessEntries.length} explicit access entries, no creator admin`, "config map authentication or creator admin") },
        { stride: "Information disclosure", threat: "the Kubernetes API exposed to the internet", policies: ["disallow-public-cluster-endpoint"],
            check: (c) => c.kind !== "cluster" ? missing("") : when(!c.cluster.publicEndpoint || !c.cluster.publicCidrs.includes("0.0.0.0/0"), c.cluster.publicEndpoint ? `public endpoint limited to ${c.cluster.publicCidrs.join(", ")}` : "private endpoint only", "public endpoint open to 0.0.0.0/0") },
        { stride: "Information disclosure", threat: "Secrets read from etcd or its backups", policies: ["require-cluster-secrets-encryption"],
            check: (c) => c.kind !== "cluster" ? missing("") : when(!!c.cluster.secretsKey, `envelope encryption with \`${c.cluster.secretsKey?.name}\``, "no envelope encryption") },
        { stride: "Repudiation", threat: "API calls cannot be audited", policies: ["require-cluster-audit-logging"],
            check: (c) => c.kind !== "cluster" ? missing("") : when(c.cluster.logTypes.includes("audit"), `control-plane logs: ${c.cluster.logTypes.join(", ")}`, "audit log off") },
        { stride: "Elevation of privilege", threat: "known vulnerabilities of an unsupported Kubernetes", policies: ["require-supported-kubernetes-version"],
            check: (c) => when(c.kind === "cluster" && !!c.cluster.version, `Kubernetes ${c.kind === "cluster" ? c.cluster.version : ""}, standard support`, "version not pinned") },
        { stride: "Tampering", threat: "pods move laterally because NetworkPolicies are not enforced", policies: ["require-network-policy-enforcement"],
            check: (c) => { const cni = ofType(c, "aws:eks/addon:Addon").find((a) => a.props.addonName === "vpc-cni"); return when(!!cni && String(cni.props.configurationValues ?? "").includes("enableNetworkPolicy"), "VPC CNI enforces NetworkPolicies", "no NetworkPolicy enforcement declared"); } },
    ],
    "node group": [
        { stride: "Elevation of privilege", threat: "pods steal node credentials from the instance metadata service", policies: ["require-imdsv2", "restrict-imds-hop-limit", "require-node-group-launch-template"],
            check: (c) => { const m = record(ofType(c, "aws:ec2/launchTemplate:LaunchTemplate")[0]?.props.metadataOptions); return when(c.kind === "node group" && !!c.group.view.props.launchTemplate && m.httpTokens === "required" && Number(m.httpPutResponseHopLimit) === 1, "IMDSv2 required, hop limit 1", "IMDSv1 allowed or hop limit above 1"); } },
        { stride: "Information disclosure", threat: "node disks or their snapshots read elsewhere", policies: ["require-launch-template-ebs-encryption"],
            check: (c) => { const d = list<Props>(ofType(c, "aws:ec2/launchTemplate:LaunchTemplate")[0]?.props.blockDeviceMappings); return when(d.length > 0 && d.every((m) => String(record(record(m).ebs).encrypted) === "true"), "every block device encrypted", "unencrypted or undeclared block devices"); } },
        { stride: "Spoofing", threat: "SSH into nodes", policies: ["disallow-node-group-remote-access"],
            check: (c) => when(c.kind === "node group" && !c.group.view.props.remoteAccess, "no remote access", "remote access configured") },
        { stride: "Information disclosure", threat: "nodes reachable on public addresses", policies: ["disallow-public-ip-assignment"],
            check: (c) => when(c.kind === "node group" && c.group.tiers.every((t) => t.exposure !== "public"), `in ${c.kind === "node group" ? c.group.tiers.map((t) => `${t.name} (${t.exposure})`).join(", ") : ""} subnets`, "in public subnets") },
    ],
    "namespace": [
        { stride: "Elevation of privilege", threat: "privileged pods break out to the node", policies: ["require-pod-security-labels", "disallow-privileged-containers", "disallow-host-namespaces"],
            check: (c) => c.kind !== "namespace" ? missing("") : when(c.namespace.podSecurity === "restricted", "Pod Security restricted enforced", `Pod Security ${c.namespace.podSecurity ?? "not enforced"}`) },
        { stride: "Information disclosure", threat: "other namespaces or tenants reach its pods", policies: ["require-default-deny-network-policy"],
            check: (c) => c.kind !== "namespace" ? missing("") : when(c.namespace.defaultDenyIngress && c.namespace.defaultDenyEgress, "default-deny NetworkPolicy for ingress and egress", "no default deny") },
        { stride: "Elevation of privilege", threat: "a compromised pod uses the default service account's token", policies: ["disable-default-service-account-token"],
            check: (c) => when(ofType(c, "kubernetes:core/v1:ServiceAccountPatch", "kubernetes:core/v1:ServiceAccount").some((s) => s.props.automountServiceAccountToken === false), "default service account mounts no token", "token mounted by default") },
        { stride: "Elevation of privilege", threat: "namespace users gain wider rights or read Secrets", policies: ["disallow-wildcard-rbac", "restrict-secret-access", "disallow-cluster-admin-bindings"],
            check: (c) => {
                const roles = ofType(c, "kubernetes:rbac.authorization.k8s.io/v1:Role");
                const wild = roles.filter((r) => list<Props>(r.props.rules).some((rule) => [...list(record(rule).verbs), ...list(record(rule).resources)].includes("*")));
                return when(wild.length === 0, roles.length > 0 ? `Role ${roles.map((r) => kubernetesRef(r).name).join(", ")} names its verbs and resources` : "no Role granted in the namespace", `wildcards in ${wild.map((r) => kubernetesRef(r).name).join(", ")}`);
            } },
        { stride: "Denial of service", threat: "one namespace exhausts the cluster", policies: [],
            check: (c) => when(c.kind === "namespace" && c.namespace.quota, "ResourceQuota and LimitRange", "no ResourceQuota") },
        { stride: "Information disclosure", threat: "workloads exposed outside the cluster by their own Services", policies: ["restrict-service-exposure"],
            check: (c) => { const quota = record(record(ofType(c, "kubernetes:core/v1:ResourceQuota")[0]?.props.spec).hard); return when(quota["services.loadbalancers"] === "0", `quota allows ${quota["services.loadbalancers"]} load balancers and ${quota["services.nodeports"]} node ports`, "Services of type LoadBalancer allowed by quota"); } },
    ],
    "service mesh": [
        { stride: "Spoofing", threat: "workloads impersonated or traffic sent in plaintext inside the cluster", policies: ["require-mesh-wide-strict-mtls", "require-strict-mtls"],
            check: (c) => when(c.kind === "service mesh" && c.mesh.strictMeshWide, "mesh-wide PeerAuthentication STRICT", "mutual TLS not required mesh-wide") },
        { stride: "Information disclosure", threat: "weak TLS between workloads", policies: ["require-mesh-min-tls-version"],
            check: (c) => when(c.kind === "service mesh" && c.mesh.minTls === "TLSV1_3", "mesh minimum TLS 1.3", "mesh minimum TLS below 1.3 or unset") },
        { stride: "Elevation of privilege", threat: "any workload calls any other", policies: [],
            check: (c) => when(c.kind === "service mesh" && c.mesh.allowNothingMeshWide, `allow-nothing in ${c.kind === "service mesh" ? c.mesh.rootNamespace : ""} with explicit allows per namespace`, "no mesh-wide deny") },
        { stride: "Spoofing", threat: "a tenant routes another tenant's or the platform's host through the shared gateway", policies: ["restrict-tenant-ingress-routes"],
            check: (c) => {
                const open = (c.kind === "service mesh" ? c.mesh.gateways : []).flatMap((g) => g.servers.flatMap((s) => s.hosts)).filter((h) => !h.includes("/") || h.startsWith("*/"));
                return when(c.kind === "service mesh" && open.length === 0, "every gateway host granted to one namespace (`<namespace>/<host>`)", `hosts any namespace can bind: ${open.join(", ")}`);
            } },
        { stride: "Information disclosure", threat: "data exfiltrated to arbitrary hosts", policies: ["restrict-mesh-outbound-traffic"],
            check: (c) => when(c.kind === "service mesh" && c.mesh.outboundPolicy === "REGISTRY_ONLY", `REGISTRY_ONLY egress, ${c.kind === "service mesh" ? c.mesh.serviceEntries.length : 0} ServiceEntry(s)`, "outbound traffic allowed to any host") },
        { stride: "Information disclosure", threat: "pods call external hosts directly, past any egress authorization or log", policies: ["require-egress-gateway-routing", "restrict-internet-egress"],
            check: (c) => {
                const gateways = c.kind === "service mesh" ? c.mesh.egressGateways : [];
                const namespaces = new Set(gateways.map((g) => kubernetesRef(g).namespace));
                const routed = c.kind === "service mesh" ? c.mesh.serviceEntries.filter((e) => namespaces.has(kubernetesRef(e).namespace)).length : 0;
                return when(gateways.length > 0, `egress gateway ${gateways.map((g) => `${kubernetesRef(g).namespace}/${kubernetesRef(g).name}`).join(", ")}, the only namespace allowed out; ${routed} external host(s) routed through it`, "no egress gateway: external calls leave from every node");
            } },
    ],
    "admission controller": [
        { stride: "Tampering", threat: "an unsigned, substituted or tag-only image runs in a platform or tenant namespace", policies: ["require-image-verification", "require-verified-images"],
            check: (c) => {
                const policies = ofType(c, "kubernetes:policy.sigstore.dev/v1beta1:ClusterImagePolicy");
                const bindings = ofType(c, "kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicyBinding");
                const denies = bindings.some((b) => list(record(b.props.spec).validationActions).includes("Deny"));
                const enforced = policies.every((p) => record(p.props.spec).mode !== "warn");
                return when(policies.length > 0 && denies && enforced, `${policies.length} ClusterImagePolicy(s) enforced (signature of our own images, digest for third-party ones); digest policy denies tag-only images`, policies.length === 0 ? "no ClusterImagePolicy" : "verification only warns (dev)");
            } },
        { stride: "Denial of service", threat: "the admission webhook down: pods cannot be created, or are admitted unverified", policies: [],
            check: (c) => {
                const webhook = record(record(ofType(c, "kubernetes:helm.sh/v3:Release")[0]?.props.values).webhook);
                const replicas = Number(webhook.replicaCount ?? 1);
                return when(webhook.failurePolicy === "Fail" && replicas >= 2, `fails closed; ${replicas} replicas with a PodDisruptionBudget`, `fails ${webhook.failurePolicy === "Fail" ? "closed" : "open"}; ${replicas} replica(s)`);
            } },
    ],
    "threat detection": [
        { stride: "Repudiation", threat: "stolen credentials, a compromised pod or malware in the account go undetected", policies: ["require-guardduty", "require-guardduty-protections"],
            check: (c) => {
                const detector = ofType(c, "aws:guardduty/detector:Detector")[0];
                const on = ofType(c, "aws:guardduty/detectorFeature:DetectorFeature").filter((f) => f.props.status === "ENABLED").map((f) => String(f.props.name));
                return !detector ? missing("no GuardDuty detector in this stack (the organisation's if securityServices declares it; require-guardduty reports it otherwise)")
                    : when(detector.props.enable !== false && on.includes("EKS_AUDIT_LOGS") && on.some((n) => n.endsWith("RUNTIME_MONITORING")), `GuardDuty: ${on.join(", ")}; findings every ${detector.props.findingPublishingFrequency ?? "6 hours"}`, `GuardDuty ${detector.props.enable === false ? "suspended" : `without ${["EKS_AUDIT_LOGS", "RUNTIME_MONITORING"].filter((n) => !on.some((o) => o.endsWith(n))).join(" and ")}`}`);
            } },
        { stride: "Repudiation", threat: "a compromised process on a tainted (data) node goes unseen by runtime monitoring", policies: [],
            check: (c, x) => {
                const tainted = x.arch.clusters.flatMap((cl) => cl.nodeGroups).filter((g) => g.tainted).map((g) => g.view.name);
                const runtime = ofType(c, "aws:guardduty/detectorFeature:DetectorFeature").some((f) => String(f.props.name).endsWith("RUNTIME_MONITORING") && f.props.status === "ENABLED");
                // The agent's DaemonSet has no tolerations and its add-on schema offers none (aws/containers-roadmap#2520).
                return when(!runtime || tainted.length === 0, runtime ? "runtime monitoring reaches every node group" : "no runtime monitoring in this stack",
                    `the GuardDuty agent does not tolerate the taint of ${tainted.join(", ")}: EKS audit logs and EBS malware scans cover those nodes, runtime events do not`);
            } },
        { stride: "Tampering", threat: "configuration drifts from FSBP and CIS AWS Foundations unnoticed", policies: ["require-security-hub", "require-config-recorder", "require-config-recorder-coverage"],
            check: (c) => {
                const standards = ofType(c, "aws:securityhub/standardsSubscription:StandardsSubscription").map((s) => String(s.props.standardsArn).split(":standards/").pop());
                const recording = ofType(c, "aws:cfg/recorderStatus:RecorderStatus").some((s) => s.props.isEnabled === true);
                const hub = ofType(c, "aws:securityhub/account:Account").length > 0;
                return when(hub && recording, `Security Hub (${standards.join(", ") || "default standards"}) on an AWS Config recorder that is switched on`,
                    [hub ? "" : "no Security Hub in this stack", recording ? "" : "no Config recorder switched on in this stack"].filter(Boolean).join("; ") + " (the organisation's if securityServices declares them)");
            } },
    ],
    "database": [
        { stride: "Information disclosure", threat: "database traffic sniffed or spoofed", policies: ["require-mongodb-tls"],
            check: (c) => { const tls = record(record(c.kind === "database" ? c.database.props.spec : {}).tls); return when(tls.mode === "requireTLS", "requireTLS with internal-CA certificates", `TLS mode ${tls.mode ?? "unset"}`); } },
        { stride: "Information disclosure", threat: "data read from stolen volumes or snapshots", policies: ["require-mongodb-encryption-at-rest", "require-encrypted-storage-class"],
            check: (c, x) => {
                const inMongo = c.kind === "database" && /enableEncryption:\s*true/.test(strings(c.database.props.spec).join("\n"));
                const volumes = x.assets.filter((a) => a.kind === "data volume" && c.members.some((m) => a.declaredBy.includes(m)));
                const storage = volumes.flatMap((v) => v.protection.filter((p) => p.startsWith("storage class")));
                return when(inMongo, `MongoDB encryption at rest; ${storage.length > 0 ? storage.join("; ") : "volumes from the cluster's default class"}`, "no encryption at rest in MongoDB");
            } },
        { stride: "Information disclosure", threat: "the database exposed outside the cluster", policies: ["restrict-mongodb-exposure"],
            check: (c) => when(c.kind === "database" && list<Props>(record(c.database.props.spec).replsets).every((r) => record(record(r).expose).enabled !== true), "replica sets not exposed", "a replica set is exposed") },
        { stride: "Denial of service", threat: "every backup lost with the cluster or its site (ransomware, a lost data centre)", policies: ["require-offsite-database-backup", "require-tls-backup-storage"],
            check: (c) => {
                const backup = record(c.kind === "database" ? record(c.database.props.spec).backup : {});
                const stores = Object.values(record(backup.storages)).map(record).filter((s) => ["s3", "minio", "gcs", "azure"].includes(String(s.type)));
                const where = stores.map((s) => { const t = record(s[String(s.type)]); return `${String(s.type)} ${t.endpointUrl ? `${String(t.endpointUrl)}/` : ""}${String(t.bucket ?? t.container ?? "?")}`; });
                return when(backup.enabled === true && stores.length > 0, `logical backups${record(backup.pitr).enabled === true ? " and PITR oplog slices" : ""} off the cluster: ${where.join(", ")}`, "no backup storage outside the cluster");
            } },
        { stride: "Denial of service", threat: "data lost with its volumes", policies: ["require-backup-for-data-volumes", "require-protected-stateful-resources"],
            check: (c, x) => { const covered = x.assets.filter((a) => a.kind === "data volume" && c.members.some((m) => a.declaredBy.includes(m))).every((a) => !a.protection.includes("no snapshot in the stack covers it")); return when(covered, "every member volume covered by snapshots; logical backups scheduled", "a member volume without snapshots"); } },
    ],
    "key management": [
        { stride: "Information disclosure", threat: "a key usable by principals outside the account", policies: ["disallow-public-kms-key-policy"],
            check: (_c, x) => { const open = x.assets.filter((a) => a.kind === "encryption key" && a.reachableBy.some((r) => r.startsWith("anyone"))); return when(open.length === 0, "every key policy names its principals", `keys open to anyone: ${open.map((a) => a.name).join(", ")}`); } },
        { stride: "Information disclosure", threat: "long-lived key material", policies: ["require-kms-key-rotation"],
            check: (_c, x) => { const stale = x.assets.filter((a) => a.kind === "encryption key" && a.protection.includes("not rotated")); return when(stale.length === 0, "every key rotated", `not rotated: ${stale.map((a) => a.name).join(", ")}`); } },
        { stride: "Denial of service", threat: "a key deleted, making its data unreadable", policies: ["require-protected-stateful-resources"],
            check: (c) => when(c.members.filter((m) => m.type === "aws:kms/key:Key").every((k) => k.resource.protect), "keys protected, deletion window set", "unprotected keys") },
    ],
    "secrets": [
        { stride: "Information disclosure", threat: "stored secrets readable with the AWS managed key", policies: ["require-secret-cmk"],
            check: (c) => when(ofType(c, "aws:secretsmanager/secret:Secret").every((s) => !!s.props.kmsKeyId), "Secrets Manager secrets under customer-managed keys", "a secret under the AWS managed key") },
        { stride: "Spoofing", threat: "generated credentials or keys guessed", policies: ["require-long-random-secrets", "require-strong-private-keys"],
            check: (c) => ok(`${c.members.filter((m) => m.type.startsWith("random:") || m.type === "tls:index/privateKey:PrivateKey").length} generated values checked for length and key strength`) },
        { stride: "Information disclosure", threat: "a tenant's data read with a tenant key stored in plaintext, or opened as another tenant's", policies: ["require-tenant-keys", "disallow-plaintext-tenant-keys"],
            check: (c, x) => {
                const label = (r: ResourceView, kind: "labels" | "annotations", key: string) => record(record(r.props.metadata)[kind])[key];
                const tenants = x.arch.view.ofType("kubernetes:core/v1:Namespace").filter((n) => label(n, "labels", "secure-platform.io/tenant") !== undefined);
                const keys = ofType(c, "kubernetes:core/v1:Secret").filter((s) => label(s, "labels", "secure-platform.io/tenant-key") !== undefined);
                const sealed = [...new Set(keys.map((k) => String(label(k, "annotations", "secure-platform.io/key-encryption"))))];
                return tenants.length === 0 ? ok("no tenant namespaces") : when(keys.length >= tenants.length, `${keys.length} tenant keys for ${tenants.length} tenants, stored sealed (${sealed.join(", ")}), every version kept`, `${tenants.length - keys.length} of ${tenants.length} tenants without a key`);
            } },
        { stride: "Elevation of privilege", threat: "tenants read platform Secrets through RBAC", policies: ["restrict-secret-access"],
            check: (_c, x) => {
                const readers = x.arch.view.ofType("kubernetes:rbac.authorization.k8s.io/v1:Role", "kubernetes:rbac.authorization.k8s.io/v1:ClusterRole").filter((r) => list<Props>(r.props.rules).some((rule) =>
                    list(record(rule).resources).some((res) => res === "secrets" || res === "*") && list(record(rule).verbs).some((v) => ["get", "list", "watch", "*"].includes(String(v)))));
                return ok(readers.length === 0 ? "no Role of the stack can read Secrets" : `Roles that read Secrets: ${readers.map((r) => kubernetesRef(r).name).join(", ")} (the rule admits only its allowedRoles)`);
            } },
    ],
    "storage": [
        { stride: "Information disclosure", threat: "volumes provisioned unencrypted", policies: ["require-encrypted-storage-class", "require-ebs-volume-encryption"],
            check: (c) => {
                const classes = ofType(c, "kubernetes:storage.k8s.io/v1:StorageClass");
                const byDefault = ofType(c, "aws:ebs/encryptionByDefault:EncryptionByDefault").some((e) => e.props.enabled === true);
                if (classes.length === 0) {
                    return ok(`no StorageClass declared by the stack: volumes come from the cluster's classes${byDefault ? "; EBS encryption by default" : ""}`);
                }
                return when(classes.every((s) => Object.entries(record(s.props.parameters)).some(([k, v]) => /encrypt/i.test(k) && String(v) === "true")),
                    `every declared StorageClass encrypts${byDefault ? "; EBS encryption by default" : ""}`, "a StorageClass without an encryption parameter");
            } },
        { stride: "Information disclosure", threat: "snapshots shared publicly", policies: ["disallow-public-ebs-snapshots"],
            check: (c) => when(ofType(c, "aws:ebs/snapshotBlockPublicAccess:SnapshotBlockPublicAccess").some((s) => s.props.state === "block-all-sharing") || !c.members.some((m) => m.type.startsWith("aws:")), "public snapshot sharing blocked (or no cloud snapshots)", "public snapshot sharing not blocked") },
    ],
    "backup": [
        { stride: "Tampering", threat: "an attacker or operator deletes recovery points (ransomware)", policies: ["require-backup-vault-lock"],
            check: (c) => when(ofType(c, "aws:backup/vault:Vault").every((v) => ofType(c, "aws:backup/vaultLockConfiguration:VaultLockConfiguration").some((l) => l.props.backupVaultName === v.props.name)), "every vault locked", "a vault without Vault Lock") },
        { stride: "Information disclosure", threat: "recovery points read outside the platform", policies: ["require-backup-vault-encryption", "require-encrypted-storage-class"],
            check: (c) => when(ofType(c, "aws:backup/vault:Vault").every((v) => !!v.props.kmsKeyArn), "vaults under customer-managed keys; EBS recovery points under their volumes' key", "a vault under the AWS managed key") },
        { stride: "Denial of service", threat: "backups expire before a problem is noticed, or a region is lost", policies: ["require-backup-plan-retention"],
            check: (c) => { const rules = ofType(c, "aws:backup/plan:Plan").flatMap((p) => list<Props>(p.props.rules).map(record)); return when(rules.length > 0, `retention ${rules.map((r) => record(r.lifecycle).deleteAfter).join(", ")} days${rules.some((r) => list(r.copyActions).length > 0) ? ", copied to another region" : ""}`, "no backup plan"); } },
    ],
    "bucket": [
        { stride: "Information disclosure", threat: "objects made public", policies: ["require-bucket-public-access-block", "disallow-public-bucket-acl"],
            check: (c, x) => when(x.assets.some((a) => a.kind === "bucket" && c.members.some((m) => a.declaredBy.includes(m)) && a.protection.includes("public access blocked")), "public access blocked", "public access not fully blocked") },
        { stride: "Information disclosure", threat: "objects read in transit or at rest", policies: ["require-bucket-ssl-only", "require-bucket-kms-encryption"],
            check: (c, x) => {
                const a = x.assets.find((asset) => asset.kind === "bucket" && c.members.some((m) => asset.declaredBy.includes(m)));
                // Load balancers deliver access logs only to buckets encrypted with SSE-S3.
                const accessLogs = !!a && a.description.includes("access logs of load balancer");
                const encrypted = !!a && a.protection.some((p) => p.startsWith("SSE aws:kms") || (accessLogs && p.startsWith("SSE AES256")));
                return when(!!a && a.protection.includes("HTTPS only") && encrypted, `HTTPS only, ${accessLogs ? "SSE-S3 (the only encryption load balancer log delivery supports)" : "SSE-KMS"}`, "plain HTTP allowed or objects not encrypted with a KMS key");
            } },
        { stride: "Repudiation", threat: "requests to the bucket cannot be attributed", policies: ["require-bucket-access-logging"],
            check: (c, x) => {
                const bucket = c.members.find((m) => m.type === "aws:s3/bucket:Bucket" || m.type === "aws:s3/bucketV2:BucketV2");
                const loggings = x.arch.view.ofType("aws:s3/bucketLogging:BucketLogging", "aws:s3/bucketLoggingV2:BucketLoggingV2");
                const via = (property: string) => loggings.filter((l) => !!bucket && (l.resource.propertyDependencies[property] ?? []).includes(bucket.urn));
                return via("targetBucket").length > 0 ? ok("receives the server access logs of the stack's other buckets")
                    : when(via("bucket").length > 0 || record(bucket?.props.logging).targetBucket !== undefined, "server access logs delivered to the log bucket", "no server access logging");
            } },
    ],
    "audit trail": [
        { stride: "Repudiation", threat: "actions in the account go unrecorded: another Region, a global service, logging stopped", policies: ["require-trail-hardening", "require-audit-trail"],
            check: (c) => { const p = ofType(c, "aws:cloudtrail/trail:Trail")[0]?.props ?? {}; return when(p.isMultiRegionTrail === true && p.includeGlobalServiceEvents !== false && p.enableLogging !== false, "every Region and global service events, logging on", "one Region, no global service events, or logging stopped"); } },
        { stride: "Tampering", threat: "log files altered or deleted to hide an intrusion", policies: ["require-trail-hardening"],
            check: (c, x) => {
                const p = ofType(c, "aws:cloudtrail/trail:Trail")[0]?.props ?? {};
                const bucket = x.arch.view.resolve(p.s3BucketName);
                const locked = !!bucket && x.arch.view.referrers(bucket, "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration").length > 0;
                return when(p.enableLogFileValidation === true, `signed digests (log file validation)${locked ? "; log files under Object Lock" : ""}`, "no log file validation");
            } },
        { stride: "Information disclosure", threat: "the account's activity read from its log files", policies: ["require-trail-hardening"],
            check: (c) => when(!!ofType(c, "aws:cloudtrail/trail:Trail")[0]?.props.kmsKeyId, "log files under a customer-managed key", "log files under S3's own keys") },
    ],
    "logging": [
        { stride: "Repudiation", threat: "audit logs deleted early or read by outsiders", policies: ["require-log-group-retention", "require-log-group-encryption"],
            check: (c) => when(ofType(c, "aws:cloudwatch/logGroup:LogGroup").every((g) => !!g.props.kmsKeyId && Number(g.props.retentionInDays) >= 365), "encrypted log groups kept at least a year", "a log group unencrypted or kept under a year") },
    ],
};

/** Every policy name the catalogue cites (a test checks each exists in the pack). */
export function citedPolicies(): string[] {
    return [...new Set(Object.values(CATALOGUE).flatMap((defs) => (defs ?? []).flatMap((d) => d.policies)))];
}

export function readThreats(components: readonly Component[], context: ThreatContext, coverage: PolicyCoverage): Threat[] {
    const threats: Threat[] = [];
    for (const component of components) {
        const violations = coverage.violationsFor(component.members);
        for (const definition of CATALOGUE[component.kind] ?? []) {
            const finding = definition.check(component, context);
            const violated = violations.filter((v) => definition.policies.includes(v.policyName)).length;
            threats.push({
                component,
                stride: definition.stride,
                threat: definition.threat,
                status: finding.mitigated && violated === 0 ? "mitigated" : "open",
                mitigation: finding.evidence,
                policies: definition.policies,
                violations: violated,
            });
        }
    }
    return threats;
}
