/**
 * The on-prem stack through the check command, as a user runs it: no AWS resource at all, zero
 * violations, and on an air-gapped stack no image or chart from outside the mirror. Variants of the
 * stack file and of the program show the check fails when the storage is not declared encrypting, when
 * the snapshot schedule is removed, or when a chart would come from upstream.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { before, describe, it } from "node:test";
import { CliResult, copyProject, derivedStackFile, ROOT, runCheckCli } from "../harness/cli";
import { stringsWithPaths as strings } from "../harness/resources";

interface JsonResource {
    type: string;
    name: string;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    inputs: Record<string, any>;
}

interface JsonReport {
    resources: JsonResource[];
    outputs: Record<string, unknown>;
    violations: { policy: string; enforcementLevel: string; message: string }[];
}

const MIRROR = "registry.corp.example:5000/mirror";
const CHART_MIRROR = "oci://registry.corp.example:5000/charts";
/** Hosts images and charts are published on; an air-gapped stack must not name any of them. */
const PUBLIC_SOURCES = /docker\.io|quay\.io|gcr\.io|ghcr\.io|registry\.k8s\.io|public\.ecr\.aws|github\.io|googleapis\.com/;
const RELEASE = "kubernetes:helm.sh/v3:Release";
const SCHEDULE = "kubernetes:snapscheduler.backube/v1:SnapshotSchedule";

const runs = new Map<string, CliResult>();
const report = (run: string): JsonReport => {
    const result = runs.get(run)!;
    try {
        return JSON.parse(result.stdout) as JsonReport;
    } catch {
        throw new Error(`${run}: no JSON on stdout (exit ${result.code}):\n${result.stderr}`);
    }
};


/** Image references and chart sources the rendered stack names, found by their keys. */
function sources(resources: readonly JsonResource[]): Array<{ where: string; text: string }> {
    return resources.flatMap((r) => strings(r.inputs)
        .filter(({ path: p }) => /(^|\.)(image|initImage|hub|repository|repo)$/.test(p) || (r.type === RELEASE && p === "chart"))
        .map(({ path: p, text }) => ({ where: `${r.name} ${p}`, text })));
}

/** The stack file without its off-cluster backup store (the comment and the `store:` block under `backup:`). */
const withoutStore = (text: string) => text.replace(/^    # Off-cluster logical backups[\s\S]*?-----END CERTIFICATE-----\n/m, "");
const withoutMirror = (text: string) => text.replace(/^  secure-platform:registryMirror: .*\n/m, "").replace(/^  secure-platform:chartRepository: .*\n/m, "");

before(async () => {
    const mutant = copyProject();
    const program = path.join(mutant, "infra", "onprem", "onprem-platform.ts");
    const edited = fs.readFileSync(program, "utf8").replace(/        snapshots: \{[\s\S]*?\n        \},\n/, "");
    assert.notEqual(edited, fs.readFileSync(program, "utf8"), "the snapshot settings are where the mutation expects them");
    fs.writeFileSync(program, edited);
    const cases: Array<[string, () => Promise<CliResult>]> = [
        ["committed", () => runCheckCli(["--stack", "onprem", "--format", "json"])],
        ["public sources", () => runCheckCli(["--stack", "onprem", "--format", "json", "--config-file", derivedStackFile("onprem", withoutMirror)])],
        ["not encrypting", () => runCheckCli(["--stack", "onprem", "--format", "json", "--config-file", derivedStackFile("onprem", (t) => t.replace("encryptedAtRest: true", "encryptedAtRest: false"))])],
        ["charts from upstream, mirror credentials", () => runCheckCli(["--stack", "onprem", "--format", "json", "--config-file", derivedStackFile("onprem", (t) => t
            .replace(/^  secure-platform:chartRepository: .*\n/m, "")
            .replace("  secure-platform:mongodb:", "  secure-platform:registryCredentials:\n    username: platform-pull\n    password:\n      secure: v1:c2VjcmV0\n  secure-platform:mongodb:"))])],
        ["plain mirror password", () => runCheckCli(["--stack", "onprem", "--config-file", derivedStackFile("onprem", (t) => t
            .replace("  secure-platform:mongodb:", "  secure-platform:registryCredentials:\n    username: platform-pull\n    password: hunter2hunter2\n  secure-platform:mongodb:"))])],
        ["no snapshot schedule", () => runCheckCli(["--stack", "onprem"], { root: mutant })],
        ["restore", () => runCheckCli(["--stack", "onprem", "--format", "json", "--config-file", derivedStackFile("onprem", (t) => t
            .replace("  secure-platform:tenants:", "  secure-platform:restore:\n    backupName: cron-mongodb-20260131040000-x7k2p\n    pointInTime: \"2026-01-31 13:45:00\"\n  secure-platform:tenants:"))])],
        ["no off-cluster backup", () => runCheckCli(["--stack", "onprem", "--format", "json", "--config-file", derivedStackFile("onprem", withoutStore)])],
        ["bad backup store", () => runCheckCli(["--stack", "onprem", "--config-file", derivedStackFile("onprem", (t) => t
            .replace("endpoint: https://s3.backup.corp.example", "endpoint: http://s3.backup.corp.example")
            .replace("      credentialsSecret: backup-store-access-key\n", "")
            .replace("  secure-platform:tenants:", "  secure-platform:backupStoreCredentials:\n    accessKeyId: AKIAEXAMPLE\n    secretAccessKey: example-secret-key\n  secure-platform:tenants:"))])],
    ];
    // Two at a time: the machines running the tests have two cores.
    const queue = [...cases];
    await Promise.all([0, 1].map(async () => {
        for (let next = queue.shift(); next; next = queue.shift()) {
            runs.set(next[0], await next[1]());
        }
    }));
    fs.rmSync(mutant, { recursive: true, force: true });
});

describe("stack onprem", () => {
    it("exits 0 with no violation, and creates no AWS resource and no AWS provider", () => {
        const { violations, resources } = report("committed");
        assert.deepEqual(violations, [], runs.get("committed")!.stderr);
        assert.equal(runs.get("committed")!.code, 0);
        assert.deepEqual(resources.filter((r) => r.type.startsWith("aws:") || r.type === "pulumi:providers:aws").map((r) => r.type), []);
    });

    it("gives every tenant its own key, wrapped under the keystore's root key and kept in the platform namespace", () => {
        const { resources } = report("committed");
        const tenants = [...fs.readFileSync(path.join(ROOT, "stacks", "Pulumi.onprem.yaml"), "utf8").matchAll(/^ {4}- name: ([a-z0-9-]+)$/gm)].map((m) => m[1]);
        const secrets = resources.filter((r) => r.type === "kubernetes:core/v1:Secret" && r.inputs.metadata.labels?.["secure-platform.io/tenant-key"]);
        assert.deepEqual(secrets.map((s) => s.inputs.metadata.labels["secure-platform.io/tenant-key"]).sort(), tenants.sort());
        for (const secret of secrets) {
            assert.equal(secret.inputs.metadata.namespace, "platform");
            assert.equal(secret.inputs.metadata.annotations["secure-platform.io/key-encryption"], "aes256-wrap");
            assert.equal(secret.inputs.stringData, "[secret]");
        }
        const keys = resources.filter((r) => r.type === "random:index/randomBytes:RandomBytes" && /^tenant-.*-key-v\d+$/.test(r.name));
        assert.deepEqual(keys.map((k) => k.inputs.length), tenants.map(() => 64));
    });

    it("deploys into the cluster of the configured kubeconfig and context", () => {
        const providers = report("committed").resources.filter((r) => r.type === "pulumi:providers:kubernetes");
        assert.equal(providers.length, 1);
        assert.equal(providers[0].inputs.kubeconfig, "/etc/secure-platform/kubeconfig");
        assert.equal(providers[0].inputs.context, "dc1-platform");
    });

    it("pulls every image and chart from the mirror, and names no public registry anywhere", () => {
        const { resources } = report("committed");
        const found = sources(resources);
        assert.ok(found.length >= 8, `images and charts found: ${found.map((f) => f.where).join(", ")}`);
        for (const { where, text } of found) {
            assert.ok(text.startsWith(MIRROR) || text.startsWith(CHART_MIRROR) || !/[./]/.test(text), `${where}: ${text}`);
        }
        for (const r of resources) {
            for (const { path: p, text } of strings(r.inputs)) {
                assert.doesNotMatch(text.replace(MIRROR, "").replace(CHART_MIRROR, ""), PUBLIC_SOURCES, `${r.type} ${r.name} ${p}`);
            }
        }
    });

    it("names the public registries when no mirror is set, and the pack does not then require one", () => {
        const { resources, violations } = report("public sources");
        assert.ok(sources(resources).some(({ text }) => PUBLIC_SOURCES.test(text)));
        assert.deepEqual(violations, []);
    });

    it("snapshots every MongoDB claim on the configured schedule and class, kept for the backup retention", () => {
        const { resources } = report("committed");
        const schedules = resources.filter((r) => r.type === SCHEDULE);
        assert.equal(schedules.length, 1);
        const { spec, metadata } = schedules[0].inputs;
        const database = resources.find((r) => r.type === "kubernetes:psmdb.percona.com/v1:PerconaServerMongoDB")!.inputs;
        assert.equal(metadata.namespace, database.metadata.namespace);
        assert.deepEqual(spec.claimSelector.matchLabels, database.spec.replsets[0].volumeSpec.persistentVolumeClaim.labels);
        assert.equal(spec.schedule, "0 2 * * *");
        assert.equal(spec.snapshotTemplate.snapshotClassName, "longhorn-snapshots");
        assert.equal(spec.retention.expires, `${35 * 24}h`);
        assert.equal(database.spec.replsets[0].volumeSpec.persistentVolumeClaim.storageClassName, "longhorn-encrypted");
    });

    it("exposes the gateway as a LoadBalancer admitting only the configured ranges", () => {
        const gateway = report("committed").resources.find((r) => r.type === RELEASE && r.inputs.name === "istio-ingress")!;
        assert.equal(gateway.inputs.values.service.type, "LoadBalancer");
        assert.deepEqual(gateway.inputs.values.service.loadBalancerSourceRanges, ["10.0.0.0/8"]);
    });

    it("admits to the gateway's pods only the configured ranges, and grants each tenant its host under the domain", () => {
        const resources = report("committed").resources;
        const clients = resources.find((r) => r.type === "kubernetes:networking.k8s.io/v1:NetworkPolicy" && r.inputs.metadata.namespace === "istio-ingress" && r.inputs.metadata.name === "allow-clients")!;
        assert.deepEqual(clients.inputs.spec.ingress[0].from, [{ ipBlock: { cidr: "10.0.0.0/8" } }]);
        const gateway = resources.find((r) => r.type === "kubernetes:networking.istio.io/v1:Gateway" && r.inputs.metadata.namespace === "istio-ingress")!;
        assert.deepEqual(gateway.inputs.spec.servers[0].hosts, ["istio-ingress/*", "platform/platform.corp.example", "tenant-acme/acme.platform.corp.example", "tenant-globex/globex.platform.corp.example"]);
        const release = resources.find((r) => r.type === RELEASE && r.inputs.name === "istio-ingress")!;
        assert.equal(release.inputs.values.service.externalTrafficPolicy, "Local");
        assert.equal(release.inputs.values.service.allocateLoadBalancerNodePorts, false);
    });

    it("fails the check when the storage class is declared not to encrypt", () => {
        const result = runs.get("not encrypting")!;
        assert.equal(result.code, 1);
        const violations = report("not encrypting").violations;
        assert.deepEqual([...new Set(violations.map((v) => v.policy))], ["require-encrypted-data-volumes"]);
        assert.match(violations[0].message, /StorageClass longhorn-encrypted, which the stack declares does not encrypt at rest/);
    });

    it("writes logical backups and PITR oplog slices to the off-cluster store, through the egress gateway, over verified HTTPS", () => {
        const { resources } = report("committed");
        const database = resources.find((r) => r.type === "kubernetes:psmdb.percona.com/v1:PerconaServerMongoDB")!.inputs;
        const { storages, pitr, tasks } = database.spec.backup;
        assert.deepEqual(Object.keys(storages), ["logical"]);
        assert.equal(storages.logical.type, "minio");
        assert.deepEqual([storages.logical.minio.endpointUrl, storages.logical.minio.secure, storages.logical.minio.insecureSkipTLSVerify], ["s3.backup.corp.example:443", true, false]);
        assert.equal(pitr.enabled, true);
        assert.deepEqual(tasks.map((t: { storageName: string; retention: unknown }) => [t.storageName, t.retention]), [["logical", { type: "count", count: 35, deleteFromStorage: true }]]);
        const route = resources.find((r) => r.type === "kubernetes:networking.istio.io/v1:VirtualService" && r.inputs.spec.hosts.includes("s3.backup.corp.example"));
        assert.ok(route, "the store's host is routed through the egress gateway");
        assert.deepEqual(route.inputs.spec.exportTo, [".", "data"]);
    });

    it("renders a requested restore that the preflight and the pack pass, after the database", () => {
        const result = runs.get("restore")!;
        assert.equal(result.code, 0, result.stderr);
        const { resources } = report("restore");
        const [restore] = resources.filter((r) => r.type === "kubernetes:psmdb.percona.com/v1:PerconaServerMongoDBRestore");
        assert.deepEqual(restore.inputs.spec, { clusterName: "mongodb", backupName: "cron-mongodb-20260131040000-x7k2p", pitr: { type: "date", date: "2026-01-31 13:45:00" } });
        assert.equal(restore.inputs.metadata.namespace, "data");
        assert.equal(report("committed").resources.filter((r) => r.type === "kubernetes:psmdb.percona.com/v1:PerconaServerMongoDBRestore").length, 0, "no restore unless asked");
    });

    it("fails the check when a prod on-prem stack names no off-cluster backup store", () => {
        const result = runs.get("no off-cluster backup")!;
        assert.equal(result.code, 1, result.stderr);
        assert.deepEqual([...new Set(report("no off-cluster backup").violations.map((v) => v.policy))], ["require-offsite-database-backup"]);
    });

    it("refuses a plain-HTTP backup endpoint and credentials given in plain text, naming the keys, before anything renders", () => {
        const result = runs.get("bad backup store")!;
        assert.equal(result.code, 2);
        assert.match(result.stderr, /secure-platform:backup: backup.store.endpoint "http:\/\/s3.backup.corp.example" is not allowed; backups travel only over HTTPS/);
        assert.match(result.stderr, /secure-platform:backupStoreCredentials: must be a secret/);
        assert.equal(result.stdout, "");
    });

    it("fails the check when the program no longer schedules snapshots", () => {
        const result = runs.get("no snapshot schedule")!;
        assert.equal(result.code, 1, result.stderr);
        assert.match(result.stdout, /MANDATORY  require-backup-for-data-volumes /);
        assert.match(result.stdout, /uses StorageClass longhorn-encrypted, which this stack does not declare/);
    });

    it("fails the check when an air-gapped stack installs charts from upstream, naming each", () => {
        const { violations } = report("charts from upstream, mirror credentials");
        const releases = report("charts from upstream, mirror credentials").resources.filter((r) => r.type === RELEASE);
        assert.equal(runs.get("charts from upstream, mirror credentials")!.code, 1);
        assert.ok(violations.every((v) => v.policy === "require-mirrored-sources"));
        assert.equal(violations.length, releases.length);
    });

    it("creates a pull Secret for the mirror in every namespace, kept secret", () => {
        const { resources } = report("charts from upstream, mirror credentials");
        const namespaces = resources.filter((r) => r.type === "kubernetes:core/v1:Namespace").map((r) => r.inputs.metadata.name).sort();
        const pullSecrets = resources.filter((r) => r.type === "kubernetes:core/v1:Secret" && r.inputs.type === "kubernetes.io/dockerconfigjson");
        assert.deepEqual(pullSecrets.map((r) => r.inputs.metadata.namespace).sort(), namespaces);
        for (const secret of pullSecrets) {
            const values = strings(secret.inputs.stringData);
            assert.ok(values.length > 0 && values.every(({ text }) => text === "[secret]"), JSON.stringify(secret.inputs.stringData));
        }
    });

    it("refuses a mirror password given as a plain value, naming the key, before anything renders", () => {
        const result = runs.get("plain mirror password")!;
        assert.equal(result.code, 2);
        assert.match(result.stderr, /secure-platform:registryCredentials: registryCredentials\.password must be a secret/);
        assert.equal(result.stdout, "");
    });
});
