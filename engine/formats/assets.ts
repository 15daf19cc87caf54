/**
 * What an attacker wants from a stack, read from its resources: encryption keys, secrets (stored and
 * generated), data volumes (database members, claims, node disks), storage and snapshot classes,
 * backup vaults and their recovery points, buckets and audit logs; each with what protects it and who
 * the inputs say can reach it.
 */
import type { Architecture } from "./architecture";
import { displayName } from "./architecture";
import {
    kindOf, kubernetesRef, list, policyDocument, Props, record, ResourceView, StackView, strings, text, unique,
} from "./stack-view";

export type AssetKind =
    | "encryption key" | "secret" | "generated secret" | "data volume" | "storage class" | "snapshot class"
    | "snapshot schedule" | "backup vault" | "bucket" | "audit log";

export interface Asset {
    readonly kind: AssetKind;
    readonly name: string;
    /** The resources that declare the asset. */
    readonly declaredBy: readonly ResourceView[];
    readonly description: string;
    readonly protection: readonly string[];
    readonly reachableBy: readonly string[];
}

export const KEY_TYPES = ["aws:kms/key:Key", "aws:kms/replicaKey:ReplicaKey", "aws:kms/externalKey:ExternalKey"];
export const STORED_SECRET_TYPES = ["aws:secretsmanager/secret:Secret", "kubernetes:core/v1:Secret", "aws:ssm/parameter:Parameter", "aws:iam/accessKey:AccessKey"];
export const GENERATED_SECRET_TYPES = [
    "random:index/randomPassword:RandomPassword", "random:index/randomBytes:RandomBytes", "random:index/randomString:RandomString",
    "tls:index/privateKey:PrivateKey",
];
export const DATABASE_TYPES = ["kubernetes:psmdb.percona.com/v1:PerconaServerMongoDB", "kubernetes:psmdb.percona.com/v1-1-0:PerconaServerMongoDB"];
const BUCKET_TYPES = ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"];
const READ_VERBS = ["get", "list", "watch", "*"];

/** Key-usage wording: "the EBS key" rather than an id. */
function keyName(key: ResourceView | undefined, fallback?: unknown): string | undefined {
    if (key) {
        return `KMS key \`${key.name}\``;
    }
    return typeof fallback === "string" && fallback !== "" ? `KMS key ${fallback}` : undefined;
}

function principalNames(principal: unknown): string[] {
    if (principal === "*") {
        return ["anyone (*)"];
    }
    const p = record(principal);
    const names: string[] = [];
    for (const arn of list<string>(p.AWS)) {
        const root = /^arn:aws[\w-]*:iam::(\d{12}):root$/.exec(String(arn));
        names.push(arn === "*" ? "anyone (*)" : root ? `account ${root[1]} (its IAM policies decide)` : String(arn).split("/").pop() ?? String(arn));
    }
    names.push(...list<string>(p.Service).map((s) => `service ${s}`));
    names.push(...list<string>(p.Federated).map((s) => `federated ${s}`));
    return names;
}

/** `role X via service Y` lines from a resource policy's Allow statements. */
function policyPrincipals(document: Props | undefined): string[] {
    const lines: string[] = [];
    for (const statement of list<Props>(document?.Statement).map(record)) {
        if (statement.Effect !== "Allow") {
            continue;
        }
        const via = strings(record(statement.Condition)).filter((s) => /\.amazonaws\.com$/.test(s) && !/^arn:/.test(s));
        for (const name of principalNames(statement.Principal)) {
            lines.push(via.length > 0 ? `${name} through ${unique(via).join(", ")}` : name);
        }
    }
    return unique(lines);
}

function resourceMatches(pattern: string, arn: string): boolean {
    if (pattern === "*" || pattern === arn) {
        return true;
    }
    if (pattern.includes("*")) {
        const regex = new RegExp(`^${pattern.split("*").map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`);
        return regex.test(arn) || regex.test(`${arn}/x`);
    }
    return false;
}

/** IAM roles whose policies in the stack allow actions on `arn`, with who assumes each. */
export function iamReaders(view: StackView, arns: readonly string[]): string[] {
    const readers: string[] = [];
    const documents: { role?: ResourceView; doc?: Props }[] = [];
    for (const inline of view.ofType("aws:iam/rolePolicy:RolePolicy")) {
        documents.push({ role: view.resolve(inline.props.role) ?? view.ofType("aws:iam/role:Role").find((r) => r.props.name === inline.props.role), doc: policyDocument(inline.props.policy) });
    }
    for (const managed of view.ofType("aws:iam/policy:Policy")) {
        for (const attachment of view.referrers(managed, "aws:iam/rolePolicyAttachment:RolePolicyAttachment")) {
            documents.push({ role: view.resolve(attachment.props.role), doc: policyDocument(managed.props.policy) });
        }
    }
    for (const { role, doc } of documents) {
        const statements = list<Props>(doc?.Statement).map(record).filter((s) => s.Effect === "Allow");
        const grants = statements.some((s) => list<string>(s.Resource).some((pattern) => arns.some((arn) => resourceMatches(String(pattern), arn))));
        if (grants && role) {
            readers.push(`IAM role \`${role.name}\`${assumedBy(view, role)}`);
        }
    }
    return unique(readers);
}

/** ` (Pod Identity: data/mongodb)` or ` (assumed by service X)`. */
export function assumedBy(view: StackView, role: ResourceView): string {
    const pods = view.ofType("aws:eks/podIdentityAssociation:PodIdentityAssociation")
        .filter((a) => view.resolve(a.props.roleArn) === role)
        .map((a) => `${a.props.namespace}/${a.props.serviceAccount}`);
    for (const addon of view.ofType("aws:eks/addon:Addon")) {
        for (const association of list<Props>(addon.props.podIdentityAssociations).map(record)) {
            if (view.resolve(association.roleArn) === role) {
                pods.push(`add-on ${addon.props.addonName} (${association.serviceAccount})`);
            }
        }
    }
    if (pods.length > 0) {
        return ` (Pod Identity: ${unique(pods).join(", ")})`;
    }
    const services = list<Props>(policyDocument(role.props.assumeRolePolicy)?.Statement).flatMap((s) => list<string>(record(record(s).Principal).Service));
    return services.length > 0 ? ` (assumed by ${unique(services).join(", ")})` : "";
}

function arnsOf(view: ResourceView): string[] {
    const outputs = record(view.resource.outputs);
    return unique([view.resource.id, outputs.arn, outputs.id].filter((v): v is string => typeof v === "string" && v.length > 3));
}

function keysOf(view: StackView, arch: Architecture): Asset[] {
    return view.ofType(...KEY_TYPES).map((key) => {
        const users = view.referrers(key).filter((r) => r.resource.custom && r.type !== "aws:kms/alias:Alias" && !r.type.startsWith("aws:iam/"));
        const aliases = view.referrers(key, "aws:kms/alias:Alias").map((a) => text(a.props.name) ?? a.name);
        const cluster = arch.clusters.find((c) => c.secretsKey === key);
        const protection = [
            key.props.enableKeyRotation === true ? `rotated every ${key.props.rotationPeriodInDays ?? 365} days` : "not rotated",
            ...(key.props.deletionWindowInDays !== undefined ? [`${key.props.deletionWindowInDays}-day deletion window`] : []),
            ...(key.resource.protect ? ["protected from `pulumi destroy`"] : []),
            ...(text(key.props.region) ? [`in ${key.props.region}`] : []),
        ];
        return {
            kind: "encryption key" as const,
            name: aliases[0] ?? key.name,
            declaredBy: [key],
            description: `${text(key.props.description) ?? "customer-managed key"}; encrypts ${users.length > 0 ? unique(users.map((u) => `${kindOf(u.type)} \`${displayName(u)}\``)).join(", ") : "nothing in the stack"}${cluster ? ` (Kubernetes Secrets of cluster ${cluster.name})` : ""}`,
            protection,
            reachableBy: unique([...policyPrincipals(policyDocument(key.props.policy)), ...iamReaders(view, arnsOf(key))]),
        };
    });
}

/** Roles (and their bindings) that can read Secrets in `namespace`. */
function secretReaders(view: StackView, namespace: string | undefined): string[] {
    const readers: string[] = [];
    const grantsRead = (role: ResourceView) => list<Props>(role.props.rules).map(record).some((rule) =>
        list<string>(rule.resources).some((r) => r === "secrets" || r === "*")
        && list<string>(rule.verbs).some((v) => READ_VERBS.includes(v))
        && list<string>(rule.resourceNames).length === 0);
    const bindings = view.ofType("kubernetes:rbac.authorization.k8s.io/v1:RoleBinding", "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding");
    const subjectsOf = (role: ResourceView, clusterWide: boolean) => bindings
        .filter((b) => record(b.props.roleRef).name === kubernetesRef(role).name && record(b.props.roleRef).kind === (clusterWide ? "ClusterRole" : "Role")
            && (clusterWide || kubernetesRef(b).namespace === namespace))
        .flatMap((b) => list<Props>(b.props.subjects).map(record).map((s) => `${s.kind} ${s.name}`));
    for (const role of view.ofType("kubernetes:rbac.authorization.k8s.io/v1:Role").filter((r) => kubernetesRef(r).namespace === namespace && grantsRead(r))) {
        readers.push(`Role ${kubernetesRef(role).name} (${subjectsOf(role, false).join(", ") || "unbound"})`);
    }
    for (const role of view.ofType("kubernetes:rbac.authorization.k8s.io/v1:ClusterRole").filter(grantsRead)) {
        readers.push(`ClusterRole ${kubernetesRef(role).name} (${subjectsOf(role, true).join(", ") || "unbound"})`);
    }
    return readers;
}

function clusterAdmins(view: StackView): string[] {
    const admins = view.ofType("aws:eks/accessPolicyAssociation:AccessPolicyAssociation")
        .filter((a) => String(a.props.policyArn).endsWith("/AmazonEKSClusterAdminPolicy") && record(a.props.accessScope).type !== "namespace")
        .map((a) => String(a.props.principalArn).split("/").pop());
    return admins.length > 0 ? [`cluster admins (${unique(admins).join(", ")})`] : ["cluster administrators"];
}

function secretsOf(view: StackView, arch: Architecture): Asset[] {
    const assets: Asset[] = [];
    const etcdKeys = arch.clusters.map((c) => c.secretsKey).filter((k): k is ResourceView => !!k);
    for (const secret of view.ofType(...STORED_SECRET_TYPES)) {
        if (secret.type === "aws:ssm/parameter:Parameter" && secret.props.type !== "SecureString") {
            continue;
        }
        const key = view.referencedOfType(secret, ...KEY_TYPES)[0];
        if (secret.type === "kubernetes:core/v1:Secret") {
            const ref = kubernetesRef(secret);
            const consumers = view.all.filter((r) => r !== secret && r.type.startsWith("kubernetes:") && kubernetesRef(r).namespace === ref.namespace
                && strings(r.props).includes(ref.name) && !r.type.startsWith("kubernetes:rbac"));
            assets.push({
                kind: "secret",
                name: `${ref.namespace ?? "default"}/${ref.name}`,
                declaredBy: [secret],
                description: `Kubernetes Secret (${text(secret.props.type) ?? "Opaque"})${consumers.length > 0 ? `, used by ${unique(consumers.map((c) => `${kindOf(c.type)} ${displayName(c)}`)).join(", ")}` : ""}`,
                protection: [
                    etcdKeys.length > 0 ? `envelope-encrypted in etcd with ${etcdKeys.map((k) => keyName(k)).join(", ")}` : "etcd encryption is not declared by the stack",
                    ...(secret.resource.protect ? ["protected from `pulumi destroy`"] : []),
                ],
                reachableBy: [`namespace ${ref.namespace ?? "default"}`, ...secretReaders(view, ref.namespace), ...clusterAdmins(view)],
            });
            continue;
        }
        const versions = view.referrers(secret, "aws:secretsmanager/secretVersion:SecretVersion");
        const resourcePolicies = view.referrers(secret, "aws:secretsmanager/secretPolicy:SecretPolicy").map((p) => policyDocument(p.props.policy));
        const readers = [...resourcePolicies.flatMap(policyPrincipals), ...iamReaders(view, arnsOf(secret))];
        assets.push({
            kind: "secret",
            name: text(secret.props.name) ?? secret.name,
            declaredBy: [secret, ...versions],
            description: `${kindOf(secret.type)}${text(secret.props.description) ? `: ${secret.props.description}` : ""}${versions.length > 0 ? ` (${versions.length} version${versions.length > 1 ? "s" : ""} written by the stack)` : ""}`,
            protection: [
                keyName(key, secret.props.kmsKeyId) ? `encrypted with ${keyName(key, secret.props.kmsKeyId)}` : "encrypted with the AWS managed key",
                ...(secret.props.recoveryWindowInDays !== undefined ? [`${secret.props.recoveryWindowInDays}-day recovery window`] : []),
                ...(secret.resource.protect ? ["protected from `pulumi destroy`"] : []),
            ],
            reachableBy: readers.length > 0 ? readers : ["IAM principals of the account allowed by their own policies (no resource policy)"],
        });
    }
    for (const generated of view.ofType(...GENERATED_SECRET_TYPES)) {
        const holders = view.referrers(generated).filter((r) => r.resource.custom);
        const length = generated.props.length ?? generated.props.rsaBits ?? generated.props.ecdsaCurve ?? generated.props.algorithm;
        assets.push({
            kind: "generated secret",
            name: generated.name,
            declaredBy: [generated],
            description: `${kindOf(generated.type)}${length !== undefined ? ` (${[generated.props.algorithm, generated.props.ecdsaCurve ?? generated.props.rsaBits ?? generated.props.length].filter((v) => v !== undefined).join(" ")})` : ""}`,
            protection: ["kept as a Pulumi secret, encrypted in the stack state"],
            reachableBy: holders.length > 0
                ? [`stored in ${unique(holders.map((h) => `${kindOf(h.type)} \`${displayName(h)}\``)).join(", ")}`, "readers of the stack state"]
                : ["readers of the stack state"],
        });
    }
    return assets;
}

function storageClassNamed(view: StackView, name: unknown): ResourceView | undefined {
    return view.ofType("kubernetes:storage.k8s.io/v1:StorageClass").find((c) => kubernetesRef(c).name === name);
}

function storageProtection(view: StackView, className: unknown): string[] {
    const storageClass = storageClassNamed(view, className);
    if (!storageClass) {
        return [className ? `storage class ${className} (not declared by the stack)` : "the cluster's default storage class"];
    }
    const parameters = record(storageClass.props.parameters);
    const key = view.referencedOfType(storageClass, ...KEY_TYPES)[0];
    const encrypted = Object.entries(parameters).some(([k, v]) => /encrypt/i.test(k) && String(v) === "true");
    return [`storage class ${kubernetesRef(storageClass).name}: ${encrypted ? `encrypted${key ? ` with ${keyName(key)}` : ""}` : "no encryption parameter"}, reclaim ${storageClass.props.reclaimPolicy ?? "Delete"}`];
}

/** Who reaches a namespace's workloads: network and mesh policies admitting traffic, Pod Identity roles. */
function namespaceReach(view: StackView, arch: Architecture, namespace: string | undefined): string[] {
    const reach = [`namespace ${namespace ?? "default"}`];
    for (const policy of view.ofType("kubernetes:networking.k8s.io/v1:NetworkPolicy").filter((p) => kubernetesRef(p).namespace === namespace)) {
        for (const rule of list<Props>(record(policy.props.spec).ingress).map(record)) {
            const from = list<Props>(rule.from).map(record).map((peer) => text(record(record(peer.namespaceSelector).matchLabels)["kubernetes.io/metadata.name"]) ?? (peer.ipBlock ? record(peer.ipBlock).cidr : "any namespace"));
            const ports = list<Props>(rule.ports).map((p) => record(p).port);
            reach.push(`pods of ${from.length > 0 ? unique(from).join(", ") : "any namespace"}${ports.length > 0 ? ` on ${ports.join(", ")}` : ""} (NetworkPolicy ${kubernetesRef(policy).name})`);
        }
    }
    for (const policy of arch.mesh?.authorizationPolicies.filter((p) => kubernetesRef(p).namespace === namespace) ?? []) {
        const sources = list<Props>(record(policy.props.spec).rules).flatMap((r) => list<Props>(record(r).from)).flatMap((f) => list<string>(record(record(f).source).namespaces));
        if (sources.length > 0) {
            reach.push(`mesh identities of ${unique(sources).join(", ")} (AuthorizationPolicy ${kubernetesRef(policy).name})`);
        }
    }
    for (const association of view.ofType("aws:eks/podIdentityAssociation:PodIdentityAssociation").filter((a) => a.props.namespace === namespace)) {
        const role = view.resolve(association.props.roleArn);
        reach.push(`service account ${association.props.serviceAccount} with IAM role \`${role?.name ?? association.props.roleArn}\``);
    }
    return unique(reach);
}

interface MemberSet {
    readonly label: string;
    readonly size: number;
    readonly volumeSpec: Props;
}

/** Every set of members of a Percona MongoDB resource that carries data: replica sets, their non-voting and hidden members, config servers. */
export function databaseMemberSets(database: ResourceView): MemberSet[] {
    const spec = record(database.props.spec);
    const sets: MemberSet[] = [];
    for (const replset of list<Props>(spec.replsets).map(record)) {
        const name = text(replset.name) ?? "rs";
        sets.push({ label: `replica set ${name}`, size: Number(replset.size ?? 3), volumeSpec: record(replset.volumeSpec) });
        for (const role of ["nonvoting", "hidden"]) {
            const extra = record(replset[role]);
            if (extra.enabled === true) {
                sets.push({ label: `replica set ${name} ${role} members`, size: Number(extra.size ?? 1), volumeSpec: record(extra.volumeSpec) });
            }
        }
    }
    const sharding = record(spec.sharding);
    if (sharding.enabled === true) {
        const configsvr = record(sharding.configsvrReplSet);
        sets.push({ label: "config server replica set", size: Number(configsvr.size ?? 3), volumeSpec: record(configsvr.volumeSpec) });
    }
    return sets;
}

function snapshotCoverage(view: StackView, namespace: string | undefined, className: unknown): string[] {
    const covered: string[] = [];
    const storageClass = storageClassNamed(view, className);
    const tags = Object.entries(record(storageClass?.props.parameters)).filter(([k]) => /^tagSpecification_/.test(k)).map(([, v]) => String(v));
    for (const selection of view.ofType("aws:backup/selection:Selection")) {
        const selected = list<Props>(selection.props.selectionTags).map(record).some((t) => tags.includes(`${t.key}=${t.value}`));
        if (selected) {
            covered.push(`AWS Backup selection \`${selection.name}\` (tag ${tags.join(", ")})`);
        }
    }
    for (const schedule of view.matching(/^kubernetes:snapscheduler\.backube\/.*:SnapshotSchedule$/).filter((s) => kubernetesRef(s).namespace === namespace)) {
        covered.push(`SnapshotSchedule ${displayName(schedule)} (${record(schedule.props.spec).schedule ?? "scheduled"})`);
    }
    return covered.length > 0 ? covered : ["no snapshot in the stack covers it"];
}

function volumesOf(view: StackView, arch: Architecture): Asset[] {
    const assets: Asset[] = [];
    for (const database of view.ofType(...DATABASE_TYPES)) {
        const ref = kubernetesRef(database);
        const spec = record(database.props.spec);
        const encryptedAtRest = /enableEncryption:\s*true/.test(String(list<Props>(spec.replsets).map((r) => record(r).configuration).join("\n"))) || record(spec.secrets).encryptionKey !== undefined;
        for (const set of databaseMemberSets(database)) {
            const claim = record(set.volumeSpec.persistentVolumeClaim);
            const size = record(record(claim.resources).requests).storage;
            const kind = claim.storageClassName !== undefined || Object.keys(claim).length > 0 ? "persistent volume claim" : Object.keys(set.volumeSpec)[0] ?? "no volume spec";
            assets.push({
                kind: "data volume",
                name: `${ref.namespace ?? "default"}/${ref.name} ${set.label}`,
                declaredBy: [database],
                description: `MongoDB data: ${set.size} × ${size ?? "?"} ${kind}${claim.storageClassName ? ` of ${claim.storageClassName}` : ""}`,
                protection: [
                    ...storageProtection(view, claim.storageClassName),
                    ...(encryptedAtRest ? ["MongoDB encryption at rest"] : []),
                    ...snapshotCoverage(view, ref.namespace, claim.storageClassName),
                    ...(database.resource.protect ? ["protected from `pulumi destroy`"] : []),
                ],
                reachableBy: namespaceReach(view, arch, ref.namespace),
            });
        }
    }
    for (const claim of view.ofType("kubernetes:core/v1:PersistentVolumeClaim", "kubernetes:core/v1:PersistentVolume")) {
        const ref = kubernetesRef(claim);
        const spec = record(claim.props.spec);
        assets.push({
            kind: "data volume",
            name: displayName(claim),
            declaredBy: [claim],
            description: `${ref.kind} of ${record(record(spec.resources).requests).storage ?? record(spec.capacity).storage ?? "?"}`,
            protection: [...storageProtection(view, spec.storageClassName), ...snapshotCoverage(view, ref.namespace, spec.storageClassName)],
            reachableBy: namespaceReach(view, arch, ref.namespace),
        });
    }
    for (const set of view.ofType("kubernetes:apps/v1:StatefulSet")) {
        const ref = kubernetesRef(set);
        for (const template of list<Props>(record(set.props.spec).volumeClaimTemplates).map(record)) {
            const spec = record(template.spec);
            assets.push({
                kind: "data volume",
                name: `${displayName(set)} ${record(template.metadata).name ?? "claim"}`,
                declaredBy: [set],
                description: `StatefulSet claim: ${record(set.props.spec).replicas ?? 1} × ${record(record(spec.resources).requests).storage ?? "?"}`,
                protection: [...storageProtection(view, spec.storageClassName), ...snapshotCoverage(view, ref.namespace, spec.storageClassName)],
                reachableBy: namespaceReach(view, arch, ref.namespace),
            });
        }
    }
    for (const volume of view.ofType("aws:ebs/volume:Volume")) {
        const key = view.resolve(volume.props.kmsKeyId);
        assets.push({
            kind: "data volume",
            name: volume.name,
            declaredBy: [volume],
            description: `EBS volume of ${volume.props.size ?? "?"} GiB in ${volume.props.availabilityZone ?? "?"}`,
            protection: [volume.props.encrypted === true ? `encrypted${key ? ` with ${keyName(key)}` : ""}` : "not encrypted by its own setting"],
            reachableBy: ["instances it is attached to", "IAM principals with ec2 volume permissions"],
        });
    }
    for (const template of view.ofType("aws:ec2/launchTemplate:LaunchTemplate", "aws:ec2/instance:Instance")) {
        const devices = [
            ...list<Props>(template.props.blockDeviceMappings).map(record).map((m) => ({ device: m.deviceName, ebs: record(m.ebs) })),
            ...(template.props.rootBlockDevice ? [{ device: "root", ebs: record(template.props.rootBlockDevice) }] : []),
            ...list<Props>(template.props.ebsBlockDevices).map(record).map((m) => ({ device: m.deviceName, ebs: m })),
        ];
        if (devices.length === 0) {
            continue;
        }
        const groups = view.referrers(template, "aws:eks/nodeGroup:NodeGroup");
        const keys = unique(devices.map((d) => view.resolve(d.ebs.kmsKeyId)).filter((k): k is ResourceView => !!k));
        const encrypted = devices.every((d) => String(d.ebs.encrypted) === "true");
        assets.push({
            kind: "data volume",
            name: template.name,
            declaredBy: [template],
            description: `node disks${groups.length > 0 ? ` of node group ${groups.map((g) => g.name).join(", ")}` : ""}: ${devices.map((d) => `${d.device} ${d.ebs.volumeSize ?? "?"} GiB ${d.ebs.volumeType ?? ""}`.trim()).join(", ")}`,
            protection: [encrypted ? `encrypted${keys.length > 0 ? ` with ${keys.map((k) => keyName(k)).join(", ")}` : ""}` : "some devices not encrypted by their own setting",
                ...(String(devices[0]?.ebs.deleteOnTermination) === "true" ? ["deleted with the node"] : [])],
            reachableBy: ["the node's pods (hostPath is blocked by policy)", "IAM principals with ec2 snapshot permissions"],
        });
    }
    return assets;
}

function storageOf(view: StackView): Asset[] {
    const assets: Asset[] = [];
    for (const storageClass of view.ofType("kubernetes:storage.k8s.io/v1:StorageClass")) {
        const ref = kubernetesRef(storageClass);
        assets.push({
            kind: "storage class",
            name: ref.name,
            declaredBy: [storageClass],
            description: `provisioner ${storageClass.props.provisioner ?? "?"}`,
            protection: storageProtection(view, ref.name),
            reachableBy: ["every namespace that can create PersistentVolumeClaims"],
        });
    }
    for (const snapshotClass of view.ofType("kubernetes:snapshot.storage.k8s.io/v1:VolumeSnapshotClass")) {
        assets.push({
            kind: "snapshot class",
            name: kubernetesRef(snapshotClass).name,
            declaredBy: [snapshotClass],
            description: `driver ${snapshotClass.props.driver ?? "?"}, deletion policy ${snapshotClass.props.deletionPolicy ?? "?"}`,
            protection: [snapshotClass.props.deletionPolicy === "Retain" ? "snapshots kept when their VolumeSnapshot is deleted" : "snapshots deleted with their VolumeSnapshot"],
            reachableBy: ["namespaces that can create VolumeSnapshots"],
        });
    }
    for (const schedule of view.matching(/^kubernetes:snapscheduler\.backube\/.*:SnapshotSchedule$/)) {
        const spec = record(schedule.props.spec);
        assets.push({
            kind: "snapshot schedule",
            name: displayName(schedule),
            declaredBy: [schedule],
            description: `snapshots ${spec.schedule ?? "on a schedule"}${record(spec.retention).maxCount !== undefined ? `, keeps ${record(spec.retention).maxCount}` : ""}${record(spec.retention).expires ? `, expire after ${record(spec.retention).expires}` : ""}`,
            protection: [text(record(spec.snapshotTemplate).snapshotClassName) ? `snapshot class ${record(spec.snapshotTemplate).snapshotClassName}` : "the default snapshot class"],
            reachableBy: [`namespace ${kubernetesRef(schedule).namespace ?? "default"}`],
        });
    }
    return assets;
}

function backupsOf(view: StackView): Asset[] {
    const assets: Asset[] = [];
    const plans = view.ofType("aws:backup/plan:Plan");
    for (const vault of view.ofType("aws:backup/vault:Vault", "aws:backup/logicallyAirGappedVault:LogicallyAirGappedVault")) {
        const name = text(vault.props.name) ?? vault.name;
        const key = view.resolve(vault.props.kmsKeyArn);
        const lock = view.ofType("aws:backup/vaultLockConfiguration:VaultLockConfiguration").find((l) => l.props.backupVaultName === name && (l.props.region ?? "") === (vault.props.region ?? ""));
        const writers = plans.flatMap((plan) => list<Props>(plan.props.rules).map(record)
            .filter((rule) => rule.targetVaultName === name || list<Props>(rule.copyActions).some((c) => view.resolve(record(c).destinationVaultArn) === vault))
            .map((rule) => `${rule.targetVaultName === name ? "recovery points" : "copies"} of plan \`${plan.name}\` rule ${rule.ruleName} (${rule.schedule ?? "scheduled"}, kept ${record(rule.lifecycle).deleteAfter ?? "?"} days)`));
        assets.push({
            kind: "backup vault",
            name,
            declaredBy: [vault, ...(lock ? [lock] : [])],
            description: `${kindOf(vault.type)}${text(vault.props.region) ? ` in ${vault.props.region}` : ""}; holds ${writers.length > 0 ? writers.join("; ") : "no recovery point from a plan in the stack"}`,
            protection: [
                // AWS Backup encrypts with the vault's key only what it fully manages; EBS recovery points keep their volume's key.
                `${key ? `vault key ${keyName(key)}` : vault.props.kmsKeyArn ? `vault key ${vault.props.kmsKeyArn}` : "the AWS managed vault key"} for recovery points AWS Backup fully manages; EBS recovery points keep their volume's key`,
                lock ? `Vault Lock ${lock.props.changeableForDays !== undefined ? "compliance mode" : "governance mode"}, minimum retention ${lock.props.minRetentionDays ?? "?"} days` : "no Vault Lock",
                ...(vault.resource.protect ? ["protected from `pulumi destroy`"] : []),
            ],
            reachableBy: unique([
                ...view.ofType("aws:backup/selection:Selection").map((s) => view.resolve(s.props.iamRoleArn)).filter((r): r is ResourceView => !!r).map((r) => `IAM role \`${r.name}\`${assumedBy(view, r)}`),
                ...policyPrincipals(policyDocument(view.referrers(vault, "aws:backup/vaultPolicy:VaultPolicy")[0]?.props.policy)),
                "IAM principals of the account with backup permissions",
            ]),
        });
    }
    for (const bucket of view.ofType(...BUCKET_TYPES)) {
        const settings = view.referrers(bucket);
        const encryption = settings.find((s) => /bucketServerSideEncryptionConfiguration/.test(s.type));
        const rule = record(list<Props>(encryption?.props.rules ?? record(bucket.props.serverSideEncryptionConfiguration).rule)[0]);
        const sse = record(rule.applyServerSideEncryptionByDefault);
        const key = view.resolve(sse.kmsMasterKeyId);
        const publicBlock = settings.find((s) => /bucketPublicAccessBlock/.test(s.type));
        const versioning = settings.find((s) => /bucketVersioning/.test(s.type));
        const policy = policyDocument(settings.find((s) => s.type === "aws:s3/bucketPolicy:BucketPolicy")?.props.policy);
        const denyInsecure = list<Props>(policy?.Statement).map(record).some((s) => s.Effect === "Deny" && strings(record(s.Condition)).includes("false") && JSON.stringify(s.Condition).includes("aws:SecureTransport"));
        const bucketName = bucket.resource.id ?? bucket.name;
        const users = [
            ...view.ofType("aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer").filter((lb) => record(lb.props.accessLogs).bucket === bucketName).map((lb) => `access logs of load balancer \`${lb.name}\``),
            ...view.ofType(...DATABASE_TYPES).filter((db) => strings(record(record(db.props.spec).backup).storages).includes(bucketName)).map((db) => `logical backups of MongoDB ${displayName(db)}`),
        ];
        assets.push({
            kind: "bucket",
            name: bucket.name,
            declaredBy: [bucket],
            description: `S3 bucket${users.length > 0 ? ` for ${users.join(", ")}` : ""}`,
            protection: [
                sse.sseAlgorithm ? `SSE ${sse.sseAlgorithm}${key ? ` with ${keyName(key)}` : ""}` : "default encryption (SSE-S3)",
                publicBlock && ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"].every((k) => publicBlock.props[k] === true) ? "public access blocked" : "public access not fully blocked",
                ...(record(versioning?.props.versioningConfiguration).status === "Enabled" ? ["versioned"] : []),
                ...(denyInsecure ? ["HTTPS only"] : []),
                ...(bucket.resource.protect ? ["protected from `pulumi destroy`"] : []),
            ],
            reachableBy: unique([...policyPrincipals(policy), ...iamReaders(view, arnsOf(bucket).flatMap((a) => [a, `${a}/object`]))]),
        });
    }
    return assets;
}

function logsOf(view: StackView): Asset[] {
    return view.ofType("aws:cloudwatch/logGroup:LogGroup").map((group) => {
        const name = text(group.props.name) ?? group.name;
        const key = view.resolve(group.props.kmsKeyId);
        const writers = [
            ...view.ofType("aws:ec2/flowLog:FlowLog").filter((f) => String(f.props.logDestination ?? "").endsWith(`:log-group:${name}`)).map((f) => `flow log \`${f.name}\``),
            ...view.ofType("aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration").filter((l) => strings(l.props.logDestinationConfigs).some((d) => d.endsWith(`:log-group:${name}`) || d.includes(`:log-group:${name}:`))).map((l) => `web ACL logging \`${l.name}\``),
            ...view.ofType("aws:eks/cluster:Cluster").filter((c) => name === `/aws/eks/${c.props.name}/cluster`).map((c) => `control plane of cluster ${c.props.name}`),
        ];
        return {
            kind: "audit log" as const,
            name,
            declaredBy: [group],
            description: `CloudWatch Logs log group${writers.length > 0 ? ` written by ${writers.join(", ")}` : ""}`,
            protection: [key ? `encrypted with ${keyName(key)}` : "not encrypted with a customer key", `retention ${group.props.retentionInDays ?? "forever"} days`, ...(group.resource.protect ? ["protected from `pulumi destroy`"] : [])],
            reachableBy: ["IAM principals of the account with logs permissions", ...(key ? [`and kms:Decrypt on \`${key.name}\``] : [])],
        };
    });
}

export function readAssets(view: StackView, arch: Architecture): Asset[] {
    return [...keysOf(view, arch), ...secretsOf(view, arch), ...volumesOf(view, arch), ...storageOf(view), ...backupsOf(view), ...logsOf(view)];
}
