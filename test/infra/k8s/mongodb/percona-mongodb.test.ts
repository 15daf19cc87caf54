import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import * as k8s from "@pulumi/kubernetes";
import {
    APPLICATION_USER, ENCRYPTION_KEY_BYTES, MONGODB_CLUSTER_NAME, PerconaMongoDb, perconaNetworkAllows, perconaSpec, PITR_OPLOG_SPAN_MINUTES, replicaSetDnsNames, SYSTEM_USERS,
} from "../../../../infra/k8s/mongodb/percona-mongodb";
import { InternalCa } from "../../../../infra/secrets/internal-ca";
import { PERCONA_MONGODB } from "../../../../infra/versions";
import { RecordedResource, renderComponents } from "../../../../engine/program";
import { descendantsOf, named, ofType, plain } from "../../../harness/resources";
import { isSecretValue } from "../../../../engine/wire";

const SECRET = "kubernetes:core/v1:Secret";
const CR = "kubernetes:psmdb.percona.com/v1:PerconaServerMongoDB";
const MIRROR = "https://charts.example.com/percona";

let mongodb: RecordedResource[];

before(async () => {
    const { resources } = await renderComponents(() => {
        const provider = new k8s.Provider("cluster", { kubeconfig: "{}" });
        const ca = new InternalCa("ca", { organization: "acme" }, { provider });
        new PerconaMongoDb("mongodb", {
            namespace: "data",
            members: 3,
            storageSize: "100Gi",
            storageClassName: "encrypted-gp3",
            ca,
            sources: { chartRepository: MIRROR },
            serviceAccountName: "mongodb",
            clientNamespace: "platform",
            placement: { nodeSelector: { pool: "data" }, tolerations: [{ key: "dedicated", operator: "Equal", value: "data", effect: "NoSchedule" }] },
            backup: {
                storage: { type: "s3", s3: { bucket: "backups", region: "eu-west-1" } },
                egress: [{ name: "object-storage", direction: "Egress", ports: [{ protocol: "TCP", port: 443 }] }],
                meshHosts: ["s3.eu-west-1.amazonaws.com"],
                podAnnotations: { "traffic.sidecar.istio.io/excludeOutboundIPRanges": "169.254.170.23/32" },
                schedule: "0 4 * * *",
                keep: 35,
            },
            protect: true,
        }, { providers: { kubernetes: provider } });
    });
    mongodb = [...descendantsOf(resources, named(resources, "mongodb")), ...descendantsOf(resources, named(resources, "ca"))];
});

const inputs = (r: RecordedResource) => plain(r.inputs);
const spec = () => inputs(ofType(mongodb, CR)[0]).spec;
const secretNamed = (name: string) => ofType(mongodb, SECRET).find((r) => inputs(r).metadata.name === name)!;

describe("replicaSetDnsNames", () => {
    it("names the service and every member in every form a client resolves, and localhost", () => {
        const names = replicaSetDnsNames("mongodb", "data", 3);
        for (const host of ["mongodb-rs0", "mongodb-rs0-0.mongodb-rs0", "mongodb-rs0-1.mongodb-rs0", "mongodb-rs0-2.mongodb-rs0"]) {
            for (const suffix of ["", ".data", ".data.svc", ".data.svc.cluster.local"]) {
                assert.ok(names.includes(`${host}${suffix}`), `${host}${suffix}`);
            }
        }
        assert.ok(names.includes("localhost"));
        assert.ok(!names.some((n) => n.includes("mongodb-rs0-3")), "no member beyond the count");
        assert.ok(!names.some((n) => n.includes("*")), "no wildcards");
        assert.equal(new Set(names).size, names.length);
    });
});

describe("PerconaMongoDb", () => {
    it("installs the pinned operator chart from the given repository, watching only its namespace with a namespaced Role", () => {
        const release = ofType(mongodb, "kubernetes:helm.sh/v3:Release").map(inputs).find((r) => r.chart === PERCONA_MONGODB.chart)!;
        assert.equal(release.chart, PERCONA_MONGODB.chart);
        assert.equal(release.skipCrds, true, "the CRDs come from their own chart");
        assert.equal(release.version, PERCONA_MONGODB.chartVersion);
        assert.equal(release.repositoryOpts.repo, MIRROR);
        assert.equal(release.namespace, "data");
        assert.equal(release.atomic, true);
        assert.equal(release.values.watchAllNamespaces, false);
        // Any watchNamespace makes the chart bind a ClusterRole; without one it watches the release namespace.
        assert.equal("watchNamespace" in release.values, false);
        assert.equal(release.values.disableTelemetry, true);
        assert.equal(release.values.podSecurityContext.runAsNonRoot, true);
        assert.equal(release.values.securityContext.allowPrivilegeEscalation, false);
        assert.deepEqual(release.values.securityContext.capabilities, { drop: ["ALL"] });
    });

    it("installs the CRDs from their own chart so upgrades reach them, kept by a destroy and protected when asked", () => {
        const releases = ofType(mongodb, "kubernetes:helm.sh/v3:Release");
        const crds = releases.find((r) => inputs(r).chart === PERCONA_MONGODB.crdChart)!;
        assert.ok(crds, "a psmdb-operator-crds release");
        assert.equal(inputs(crds).version, PERCONA_MONGODB.chartVersion);
        assert.equal(inputs(crds).repositoryOpts.repo, MIRROR);
        assert.equal(crds.retainOnDelete, true, "uninstalling the CRD chart would delete every database resource");
        assert.equal(crds.protect, true);
        const operator = releases.find((r) => inputs(r).chart === PERCONA_MONGODB.chart)!;
        assert.ok(operator.dependencies.includes(crds.urn), "the operator starts after its CRDs exist");
    });

    it("requires TLS with the CA's certificates, and never allows the unsafe TLS flag", () => {
        const s = spec();
        assert.equal(s.crVersion, PERCONA_MONGODB.crVersion);
        assert.deepEqual(s.tls, { mode: "requireTLS", allowInvalidCertificates: false });
        assert.equal(s.unsafeFlags.tls, false);
        for (const [field, name] of [["ssl", "mongodb-ssl"], ["sslInternal", "mongodb-ssl-internal"]]) {
            assert.equal(s.secrets[field], name);
            const secret = secretNamed(name);
            assert.equal(inputs(secret).type, "kubernetes.io/tls");
            assert.deepEqual(Object.keys(inputs(secret).stringData).sort(), ["ca.crt", "tls.crt", "tls.key"]);
            assert.ok(isSecretValue(secret.inputs.stringData) || isSecretValue((secret.inputs.stringData as Record<string, unknown>)["tls.key"]), `${name} key is secret`);
        }
    });

    it("issues ECDSA P-256 certificates whose SANs cover every member, for server and client authentication", () => {
        const requests = ofType(mongodb, "tls:index/certRequest:CertRequest").filter((r) => r.name.startsWith("mongodb-"));
        assert.equal(requests.length, 2);
        for (const request of requests) {
            assert.deepEqual([...inputs(request).dnsNames].sort(), replicaSetDnsNames(MONGODB_CLUSTER_NAME, "data", 3).sort());
            const key = named(mongodb, request.name.replace(/-csr$/, "-key"));
            assert.deepEqual(inputs(key), { algorithm: "ECDSA", ecdsaCurve: "P256" });
            const cert = named(mongodb, request.name.replace(/-csr$/, "-cert"));
            for (const use of ["server_auth", "client_auth", "digital_signature"]) {
                assert.ok(inputs(cert).allowedUses.includes(use), `${cert.name} allows ${use}`);
            }
            assert.ok(inputs(cert).validityPeriodHours <= 90 * 24);
        }
    });

    it("encrypts at rest with a generated 256-bit key", () => {
        const s = spec();
        assert.match(s.replsets[0].configuration, /enableEncryption: true/);
        assert.equal(s.secrets.encryptionKey, "mongodb-encryption-key");
        const key = ofType(mongodb, "random:index/randomBytes:RandomBytes").find((r) => r.name === "mongodb-encryption-key")!;
        assert.equal(inputs(key).length, ENCRYPTION_KEY_BYTES);
        assert.equal(ENCRYPTION_KEY_BYTES * 8, 256);
        assert.deepEqual(Object.keys(inputs(secretNamed("mongodb-encryption-key")).stringData), ["encryption-key"]);
    });

    it("generates a password for every system user and the application user, kept as secrets", () => {
        const users = secretNamed("mongodb-users");
        assert.ok(isSecretValue(users.inputs.stringData), "users Secret data is secret");
        const keys = Object.keys(inputs(users).stringData).sort();
        assert.deepEqual(keys, Object.keys(SYSTEM_USERS).flatMap((p) => [`${p}_PASSWORD`, `${p}_USER`]).sort());
        const passwords = ofType(mongodb, "random:index/randomPassword:RandomPassword");
        assert.equal(passwords.length, Object.keys(SYSTEM_USERS).length + 1);
        assert.ok(passwords.every((p) => inputs(p).length >= 32));
        assert.deepEqual(spec().users, [{ name: APPLICATION_USER.name, db: APPLICATION_USER.db, passwordSecretRef: { name: "mongodb-platform-user", key: "password" }, roles: [{ name: "readWrite", db: "platform" }] }]);
        const client = secretNamed("mongodb-credentials");
        assert.equal(inputs(client).metadata.namespace, "platform");
        assert.ok(isSecretValue(client.inputs.stringData) || isSecretValue((client.inputs.stringData as Record<string, unknown>).password), "client password is secret");
    });

    it("runs PSS-restricted pods on the data nodes, with encrypted volumes of the given class", () => {
        const [replset] = spec().replsets;
        assert.equal(replset.size, 3);
        assert.equal(spec().unsafeFlags.replsetSize, false);
        for (const context of [replset.containerSecurityContext, spec().initContainerSecurityContext, spec().backup.containerSecurityContext]) {
            assert.equal(context.runAsNonRoot, true);
            assert.equal(context.allowPrivilegeEscalation, false);
            assert.deepEqual(context.capabilities, { drop: ["ALL"] });
            assert.equal(context.seccompProfile.type, "RuntimeDefault");
        }
        assert.equal(replset.podSecurityContext.runAsNonRoot, true);
        assert.deepEqual(replset.nodeSelector, { pool: "data" });
        assert.equal(replset.tolerations[0].key, "dedicated");
        assert.equal(replset.volumeSpec.persistentVolumeClaim.storageClassName, "encrypted-gp3");
        assert.equal(replset.volumeSpec.persistentVolumeClaim.resources.requests.storage, "100Gi");
        assert.equal(replset.expose.enabled, false);
        assert.equal(replset.serviceAccountName, "mongodb");
    });

    it("backs up logically on schedule to the given storage, reachable through the mesh", () => {
        const backup = spec().backup;
        assert.equal(backup.enabled, true);
        assert.deepEqual(backup.storages.logical, { type: "s3", s3: { bucket: "backups", region: "eu-west-1" } });
        assert.deepEqual(backup.image, PERCONA_MONGODB.backupImage);
        assert.deepEqual(backup.tasks.map((t: { schedule: string; storageName: string }) => [t.schedule, t.storageName]), [["0 4 * * *", "logical"]]);
        // `keep` is deprecated since crVersion 1.21.0: retention by count, deleting old backups from storage too.
        assert.deepEqual(backup.tasks[0].retention, { type: "count", count: 35, deleteFromStorage: true });
        assert.equal("keep" in backup.tasks[0], false);
        const [entry] = ofType(mongodb, "kubernetes:networking.istio.io/v1:ServiceEntry").map(inputs);
        assert.deepEqual(entry.spec.hosts, ["s3.eu-west-1.amazonaws.com"]);
        assert.deepEqual(entry.spec.ports, [{ number: 443, name: "tls", protocol: "TLS" }]);
        assert.deepEqual(entry.spec.exportTo, ["."]);
        assert.deepEqual(spec().replsets[0].annotations, { "traffic.sidecar.istio.io/excludeOutboundIPRanges": "169.254.170.23/32" });
    });

    it("turns on point-in-time recovery on the one storage, slicing the oplog every 10 minutes", () => {
        const backup = spec().backup;
        assert.deepEqual(backup.pitr, { enabled: true, oplogSpanMin: PITR_OPLOG_SPAN_MINUTES, compressionType: "gzip" });
        assert.equal(PITR_OPLOG_SPAN_MINUTES, 10);
        // The operator turns PITR off unless exactly one storage is defined (v1.22.0 BackupSpec.IsPITREnabled).
        assert.deepEqual(Object.keys(backup.storages), ["logical"]);
    });

    it("lets the operator, which deletes expired backups, reach the storage too: same pod annotations, and the storage's hosts registered for every pod of the namespace", () => {
        const operator = ofType(mongodb, "kubernetes:helm.sh/v3:Release").map(inputs).find((r) => r.chart === PERCONA_MONGODB.chart)!;
        assert.deepEqual(operator.values.podAnnotations, { "traffic.sidecar.istio.io/excludeOutboundIPRanges": "169.254.170.23/32" });
        // Its service account is then the release's name, which the variant gives an AWS identity (chart 1.22.0, _helpers.tpl).
        assert.equal(operator.name, "psmdb-operator");
        assert.ok(!("fullnameOverride" in operator.values) && !("nameOverride" in operator.values) && !("serviceAccount" in operator.values));
        const [entry] = ofType(mongodb, "kubernetes:networking.istio.io/v1:ServiceEntry").map(inputs);
        assert.equal(entry.spec.workloadSelector, undefined, "no workload selector: the operator's sidecar may use it too");
    });

    it("names every image the CRD requires, even for features that are off (monitoring, backups)", () => {
        // PerconaServerMongoDB CRD 1.22.0: spec requires image; spec.pmm requires image; spec.backup requires enabled and image.
        const s = spec();
        assert.equal(s.image, PERCONA_MONGODB.mongodImage);
        assert.deepEqual(s.pmm, { enabled: false, image: PERCONA_MONGODB.pmmClientImage });
        assert.equal(s.initImage, PERCONA_MONGODB.operatorImage);
    });

    it("protects the database resource, its keys and its Secrets when asked", () => {
        for (const r of [...ofType(mongodb, CR), ...ofType(mongodb, SECRET)]) {
            assert.equal(r.protect, true, r.name);
        }
        assert.equal(named(mongodb, "mongodb-encryption-key").protect, true);
    });

    it("refuses a member count without a majority, or a bad size, before creating anything", () => {
        const base = { namespace: "data", storageSize: "10Gi", storageClassName: "c", ca: {} as InternalCa, sources: { chartRepository: MIRROR }, serviceAccountName: "m", clientNamespace: "p" };
        assert.throws(() => new PerconaMongoDb("x", { ...base, members: 2 }), /members must be 1, 3, 5 or 7, got 2/);
        assert.throws(() => new PerconaMongoDb("x", { ...base, members: 3, storageSize: "10GB" }), /storageSize must be a size like "100Gi"/);
    });
});

describe("perconaSpec", () => {
    it("keeps spec.backup valid without logical backups: disabled, with the image the CRD requires", () => {
        const secrets = { users: "u", encryptionKey: "k", ssl: "s", sslInternal: "si", applicationUser: "a" };
        const withoutBackup = perconaSpec({ members: 1, storageSize: "10Gi", serviceAccountName: "m", storageClassName: "c", secrets });
        assert.deepEqual(withoutBackup.backup, { enabled: false, image: PERCONA_MONGODB.backupImage });
        const mirrored = perconaSpec({ members: 1, storageSize: "10Gi", serviceAccountName: "m", storageClassName: "c", secrets, sources: { registryMirror: "registry.corp:5000/mirror" } });
        assert.deepEqual(mirrored.backup, { enabled: false, image: "registry.corp:5000/mirror/percona/percona-backup-mongodb:2.12.0" });
        assert.deepEqual(mirrored.pmm, { enabled: false, image: "registry.corp:5000/mirror/percona/pmm-client:3.6.0" });
    });
});

describe("perconaNetworkAllows", () => {
    it("lets the operator reach the API server, and gives backup egress to the MongoDB pods and to the operator, which deletes expired backups", () => {
        const podIdentity = { name: "pod-identity", direction: "Egress" as const, peers: [{ ipBlock: { cidr: "169.254.170.23/32" } }], ports: [{ protocol: "TCP", port: 80 }] };
        const rules = perconaNetworkAllows("mongodb", [{ name: "object-storage", direction: "Egress", ports: [{ protocol: "TCP", port: 443 }] }, podIdentity]);
        assert.deepEqual(rules.map((r) => r.name), ["operator-kube-api", "object-storage", "pod-identity", "operator-object-storage", "operator-pod-identity"]);
        assert.deepEqual(rules[1].podLabels, { "app.kubernetes.io/instance": "mongodb", "app.kubernetes.io/component": "mongod" });
        for (const rule of rules.slice(3)) {
            assert.deepEqual(rule.podLabels, { "app.kubernetes.io/name": "psmdb-operator" });
        }
        assert.deepEqual(rules[4].peers, podIdentity.peers);
        assert.deepEqual(rules[4].ports, podIdentity.ports);
    });
});
