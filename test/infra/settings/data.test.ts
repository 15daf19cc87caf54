import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, before, describe, it } from "node:test";
import { DEFAULT_BACKUP_SCHEDULE, DEFAULT_BACKUP_STORE_PREFIX, MIN_PROD_BACKUP_RETENTION_DAYS } from "../../../infra/settings/data";
import { minimal, minimalOnPrem, P, parse, parseOnPrem, problems, rejects } from "../../harness/config-fixtures";

/** Certificates the tests make with the openssl CLI (node can verify X.509 but not issue it). */
const OPENSSL = spawnSync("openssl", ["version"]).status === 0;

const json = (value: unknown) => JSON.stringify(value);

describe("data settings", () => {
    it("defaults by environment: one member and a week of backups in dev, three members and a locked vault in prod", () => {
        const dev = parse(minimal("dev")).data;
        assert.deepEqual(dev.keystore, { rootKey: 1, jwtSigningKey: 1, hashSalt: 1 });
        assert.deepEqual(dev.mongodb, { members: 1, storageSize: "20Gi" });
        assert.deepEqual(dev.backup, { retentionDays: 7, schedule: DEFAULT_BACKUP_SCHEDULE, vaultLock: "none" });
        assert.deepEqual(parse(minimal("staging")).data.mongodb, { members: 3, storageSize: "100Gi" });
        assert.equal(parse(minimal("staging")).data.backup.retentionDays, 35);
        const prod = parse(minimal("prod")).data;
        assert.deepEqual(prod.mongodb, { members: 3, storageSize: "100Gi" });
        assert.deepEqual(prod.backup, { retentionDays: 90, schedule: DEFAULT_BACKUP_SCHEDULE, vaultLock: "compliance" });
    });

    it("takes every field", () => {
        const data = parse(minimal("prod", {
            keystore: json({ jwtSigningKey: 3 }),
            mongodb: json({ members: 5, storageSize: "2Ti" }),
            backup: json({ retentionDays: 400, schedule: "cron(30 1 ? * SUN *)", vaultLock: "governance", copyRegion: "eu-central-1" }),
        })).data;
        assert.deepEqual(data.keystore, { rootKey: 1, jwtSigningKey: 3, hashSalt: 1 });
        assert.deepEqual(data.mongodb, { members: 5, storageSize: "2Ti" });
        assert.deepEqual(data.backup, { retentionDays: 400, schedule: "cron(30 1 ? * SUN *)", vaultLock: "governance", copyRegion: "eu-central-1" });
    });

    it("refuses generations that are not whole numbers from 1", () => {
        rejects(minimal("dev", { keystore: json({ rootKey: 0 }) }), "keystore", /keystore.rootKey 0 is out of range/);
        rejects(minimal("dev", { keystore: json({ hashSalt: "2" }) }), "keystore", /keystore.hashSalt "2" is out of range/);
        rejects(minimal("dev", { keystore: json({ rootkey: 2 }) }), "keystore", /keystore.rootkey is not a known field; allowed: rootKey, jwtSigningKey, hashSalt/);
        rejects(minimal("dev", { keystore: "2" }), "keystore", /expected an object like/);
    });

    it("keeps a voting majority: odd member counts, one member only in dev", () => {
        rejects(minimal("dev", { mongodb: json({ members: 2 }) }), "mongodb", /mongodb.members 2 is not allowed; use one of 1, 3, 5, 7/);
        rejects(minimal("staging", { mongodb: json({ members: 1 }) }), "mongodb", /mongodb.members 1 is allowed only in dev/);
        rejects(minimal("prod", { mongodb: json({ members: 1 }) }), "mongodb", /allowed only in dev/);
        rejects(minimal("dev", { mongodb: json({ storageSize: "100GB" }) }), "mongodb", /mongodb.storageSize "100GB" is not a size/);
        rejects(minimal("dev", { mongodb: json({ storageSize: 100 }) }), "mongodb", /mongodb.storageSize 100 is not a size/);
    });

    it("refuses short retention, bad schedules, an unlocked prod vault and a copy into the same region", () => {
        rejects(minimal("dev", { backup: json({ retentionDays: 3 }) }), "backup", /backup.retentionDays 3 is out of range; use a whole number from 7 to 36500/);
        rejects(minimal("prod", { backup: json({ retentionDays: 30 }) }), "backup", new RegExp(`from ${MIN_PROD_BACKUP_RETENTION_DAYS} to 36500 in prod`));
        rejects(minimal("dev", { backup: json({ schedule: "0 3 * * *" }) }), "backup", /backup.schedule "0 3 \* \* \*" is not an AWS Backup cron expression/);
        rejects(minimal("dev", { backup: json({ vaultLock: "legal-hold" }) }), "backup", /backup.vaultLock "legal-hold" is not allowed; use one of none, governance, compliance/);
        rejects(minimal("prod", { backup: json({ vaultLock: "none" }) }), "backup", /vaultLock none is not allowed in prod/);
        rejects(minimal("dev", { backup: json({ copyRegion: "eu-west-1" }) }), "backup", /backup.copyRegion eu-west-1 is the stack's own region/);
        rejects(minimal("dev", { backup: json({ copyRegion: "Europe" }) }), "backup", /backup.copyRegion "Europe" is not an AWS region name/);
    });

    it("reports every problem of the section at once", () => {
        const found = problems(minimal("prod", { mongodb: json({ members: 1, storageSize: "1TB" }), backup: json({ retentionDays: 1, vaultLock: "none" }) }));
        assert.equal(found.filter((p) => /secure-platform:(mongodb|backup):/.test(p)).length, 4, found.join("\n"));
    });
});

/** The example CA of stacks/Pulumi.onprem.yaml (made for the example; its key was discarded). */
const EXAMPLE_CA = `-----BEGIN CERTIFICATE-----
MIIB9DCCAZugAwIBAgIUTuDwETQ7+HeR+27Z74b8sIEEea4wCgYIKoZIzj0EAwIw
SDEkMCIGA1UECgwbQ29ycCBFeGFtcGxlIChleGFtcGxlIG9ubHkpMSAwHgYDVQQD
DBdCYWNrdXAgU3RvcmUgRXhhbXBsZSBDQTAeFw0yNjEyMDQyMTQ5MDZaFw0zNjEy
MDEyMTQ5MDZaMEgxJDAiBgNVBAoMG0NvcnAgRXhhbXBsZSAoZXhhbXBsZSBvbmx5
KTEgMB4GA1UEAwwXQmFja3VwIFN0b3JlIEV4YW1wbGUgQ0EwWTATBgcqhkjOPQIB
BggqhkjOPQMBBwNCAARdxI+dxOPJi/epglsQQlU58iWyN56PEvflf/LyAyTDNHdl
f0L01VshvSGneiDja/kBbC0vHSlk36WKsejtXl6Do2MwYTAdBgNVHQ4EFgQUNZ0J
+uFnYwzUNP0PgNoEA9QUbW0wHwYDVR0jBBgwFoAUNZ0J+uFnYwzUNP0PgNoEA9QU
bW0wDwYDVR0TAQH/BAUwAwEB/zAOBgNVHQ8BAf8EBAMCAQYwCgYIKoZIzj0EAwID
RwAwRAIgWpm7Up4ODbWcJ4dweKWOUGuyE8X7MkqEM3FGZZ7HG6cCIAC3Moex6Gwr
0WFoON0XM3cDG1OYgLZk88d5PIaRp8es
-----END CERTIFICATE-----
`;
const STORE = { endpoint: "https://s3.backup.corp.example", bucket: "platform-backups", caCertificate: EXAMPLE_CA, encryption: "MinIO SSE-KMS by bucket default", credentialsSecret: "backup-store-access-key" };
const CREDENTIALS_SECRET = [`${P}:backupStoreCredentials`];
const withStore = (store: Record<string, unknown>, extra: Record<string, string> = {}) => minimalOnPrem("prod", { backup: json({ retentionDays: 35, store }), ...extra });

describe("backup.store (on-prem off-cluster backups)", () => {
    it("takes an HTTPS store with its CA, defaulting the port and the prefix", () => {
        const { store } = parseOnPrem(withStore(STORE)).data.backup;
        assert.deepEqual(store, {
            endpoint: "https://s3.backup.corp.example", host: "s3.backup.corp.example", port: 443, bucket: "platform-backups",
            prefix: DEFAULT_BACKUP_STORE_PREFIX, caCertificatePem: EXAMPLE_CA, encryption: "MinIO SSE-KMS by bucket default",
            credentials: { existingSecret: "backup-store-access-key" },
        });
        const other = parseOnPrem(withStore({ ...STORE, endpoint: "https://minio.dc1.corp.example:9000/", region: "dc1", prefix: "site-a/mongodb" })).data.backup.store!;
        assert.deepEqual([other.endpoint, other.host, other.port, other.region, other.prefix], ["https://minio.dc1.corp.example:9000", "minio.dc1.corp.example", 9000, "dc1", "site-a/mongodb"]);
    });

    it("has no store unless the stack names one", () => {
        assert.equal(parseOnPrem(minimalOnPrem("prod")).data.backup.store, undefined);
    });

    it("refuses an endpoint that is not HTTPS, has a path, or is an address, naming the key", () => {
        rejects(withStore({ ...STORE, endpoint: "http://s3.backup.corp.example" }), "backup", /backup.store.endpoint "http:\/\/s3.backup.corp.example" is not allowed; backups travel only over HTTPS/);
        rejects(withStore({ ...STORE, endpoint: "s3.backup.corp.example" }), "backup", /backup.store.endpoint "s3.backup.corp.example" is not allowed; use https:\/\/<dns name>\[:port\]/);
        rejects(withStore({ ...STORE, endpoint: "https://s3.backup.corp.example/bucket" }), "backup", /backup.store.endpoint .* is not allowed/);
        rejects(withStore({ ...STORE, endpoint: "https://10.20.0.5:9000" }), "backup", /backup.store.endpoint "https:\/\/10.20.0.5:9000" is not allowed/);
        rejects(withStore({ ...STORE, endpoint: "https://s3.backup.corp.example:70000" }), "backup", /backup.store.endpoint port 70000 is out of range/);
        rejects(withStore({ ...STORE, endpoint: undefined }), "backup", /backup.store.endpoint is missing/);
    });

    it("refuses a missing or unparsable CA, naming the key", () => {
        rejects(withStore({ ...STORE, caCertificate: undefined }), "backup", /backup.store.caCertificate is missing/);
        rejects(withStore({ ...STORE, caCertificate: "MIIB...not-pem" }), "backup", /backup.store.caCertificate is not a PEM certificate/);
        rejects(withStore({ ...STORE, caCertificate: EXAMPLE_CA.replace("MIIB9DCC", "MIIB9DCD") }), "backup", /backup.store.caCertificate does not parse as an X.509 certificate/);
    });

    it("refuses bad buckets, prefixes, regions, an undeclared encryption and unknown fields", () => {
        rejects(withStore({ ...STORE, bucket: "Platform_Backups" }), "backup", /backup.store.bucket "Platform_Backups" is not a bucket name/);
        rejects(withStore({ ...STORE, prefix: "/mongodb/" }), "backup", /backup.store.prefix "\/mongodb\/" is not a folder/);
        rejects(withStore({ ...STORE, region: "EU West" }), "backup", /backup.store.region "EU West" is not a region name/);
        rejects(withStore({ ...STORE, encryption: undefined }), "backup", /backup.store.encryption is missing; say how the store encrypts backups at rest/);
        rejects(withStore({ ...STORE, insecureSkipTLSVerify: true }), "backup", /backup.store.insecureSkipTLSVerify is not a known field/);
    });

    it("takes the access key as a secret and refuses it in plain text, naming the key", () => {
        const { credentialsSecret: _none, ...store } = STORE;
        const credentials = json({ accessKeyId: "AKIAEXAMPLE", secretAccessKey: "example-secret-key" });
        const parsed = parseOnPrem(withStore(store, { backupStoreCredentials: credentials }), "test", CREDENTIALS_SECRET).data.backup.store!;
        assert.deepEqual(parsed.credentials, { accessKey: { accessKeyId: "AKIAEXAMPLE", secretAccessKey: "example-secret-key" } });
        rejects(withStore(store, { backupStoreCredentials: credentials }), "backupStoreCredentials", /must be a secret \(it holds the store's secret access key\)/, []);
        rejects(withStore(store), "backupStoreCredentials", /missing; the store needs an access key/);
        rejects(withStore(STORE, { backupStoreCredentials: credentials }), "backupStoreCredentials", /set backupStoreCredentials or backup.store.credentialsSecret, not both/, CREDENTIALS_SECRET);
        rejects(withStore(store, { backupStoreCredentials: json({ accessKeyId: "AKIAEXAMPLE" }) }), "backupStoreCredentials", /backupStoreCredentials.secretAccessKey is missing/, CREDENTIALS_SECRET);
    });

    it("belongs to on-prem stacks only", () => {
        rejects(minimal("prod", { backup: json({ store: STORE }) }), "backup", /backup.store applies only to platform onprem/);
        rejects(minimal("prod", { backupStoreCredentials: json({ accessKeyId: "a", secretAccessKey: "b" }) }), "backupStoreCredentials", /applies only to platform onprem/);
        rejects(minimalOnPrem("prod", { backupStoreCredentials: json({ accessKeyId: "a", secretAccessKey: "b" }) }), "backupStoreCredentials", /set backup.store too/);
    });
});

describe("backup.store CA certificates", { skip: OPENSSL ? false : "the openssl CLI is not installed" }, () => {
    let dir = "";
    before(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "backup-store-ca-"));
        execFileSync("openssl", ["ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "key.pem"], { cwd: dir, stdio: "pipe" });
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("refuses the store's own certificate in place of its CA", () => {
        execFileSync("openssl", ["req", "-x509", "-key", "key.pem", "-out", "leaf.crt", "-subj", "/CN=s3.backup.corp.example", "-days", "30", "-addext", "basicConstraints=critical,CA:FALSE"], { cwd: dir, stdio: "pipe" });
        rejects(withStore({ ...STORE, caCertificate: fs.readFileSync(path.join(dir, "leaf.crt"), "utf8") }), "backup", /backup.store.caCertificate \(CN=s3.backup.corp.example\) is not a CA certificate/);
    });

    it("refuses an expired CA, and judges each certificate of a bundle", () => {
        fs.mkdirSync(path.join(dir, "issued"));
        fs.writeFileSync(path.join(dir, "index.txt"), "");
        fs.writeFileSync(path.join(dir, "serial"), "01\n");
        fs.writeFileSync(path.join(dir, "ca.cnf"), ["[ca]", "default_ca = own", "[own]", "database = index.txt", "new_certs_dir = issued", "serial = serial", "default_md = sha256",
            "policy = any", "copy_extensions = copy", "unique_subject = no", "[any]", "commonName = supplied"].join("\n"));
        execFileSync("openssl", ["req", "-new", "-key", "key.pem", "-out", "old.csr", "-subj", "/CN=Old CA", "-addext", "basicConstraints=critical,CA:TRUE"], { cwd: dir, stdio: "pipe" });
        execFileSync("openssl", ["ca", "-batch", "-config", "ca.cnf", "-selfsign", "-keyfile", "key.pem", "-in", "old.csr", "-out", "old.crt", "-startdate", "20200101000000Z", "-enddate", "20210101000000Z", "-notext"], { cwd: dir, stdio: "pipe" });
        const expired = fs.readFileSync(path.join(dir, "old.crt"), "utf8");
        rejects(withStore({ ...STORE, caCertificate: expired }), "backup", /backup.store.caCertificate expired on 2021-01-01/);
        rejects(withStore({ ...STORE, caCertificate: `${EXAMPLE_CA}${expired}` }), "backup", /backup.store.caCertificate \(certificate 2\) expired on 2021-01-01/);
        assert.equal(parseOnPrem(withStore({ ...STORE, caCertificate: `${EXAMPLE_CA}${EXAMPLE_CA}` })).data.backup.store!.caCertificatePem.match(/BEGIN CERTIFICATE/g)!.length, 2);
    });
});

describe("restore", () => {
    it("takes a backup and an optional point in time", () => {
        assert.deepEqual(parse(minimal("prod", { restore: json({ backupName: "cron-mongodb-20260131040000-x7k2p" }) })).data.restore, { backupName: "cron-mongodb-20260131040000-x7k2p" });
        assert.deepEqual(parse(minimal("prod", { restore: json({ backupName: "b1", pointInTime: "2026-01-31 13:45:00" }) })).data.restore, { backupName: "b1", pointInTime: "2026-01-31 13:45:00" });
        assert.deepEqual(parseOnPrem(withStore(STORE, { restore: json({ backupName: "b1", pointInTime: "latest" }) })).data.restore, { backupName: "b1", pointInTime: "latest" });
        assert.equal(parse(minimal("prod")).data.restore, undefined);
    });

    it("refuses times the operator would refuse or cannot reach, and a restore with no backups to restore from", () => {
        rejects(minimal("prod", { restore: json({ backupName: "b1", pointInTime: "2026-01-31T13:45:00Z" }) }), "restore", /restore.pointInTime "2026-01-31T13:45:00Z" is not a time; use UTC "YYYY-MM-DD HH:MM:SS"/);
        rejects(minimal("prod", { restore: json({ backupName: "b1", pointInTime: "2026-02-30 13:45:00" }) }), "restore", /is not a time/);
        rejects(minimal("prod", { restore: json({ backupName: "b1", pointInTime: "2999-01-01 00:00:00" }) }), "restore", /restore.pointInTime 2999-01-01 00:00:00 is in the future/);
        rejects(minimal("prod", { restore: json({ pointInTime: "latest" }) }), "restore", /restore.backupName is missing/);
        rejects(minimalOnPrem("prod", { restore: json({ backupName: "b1" }) }), "restore", /needs backup.store/);
    });
});

describe("backup.store and egress.hosts", () => {
    it("refuses the store's host in egress.hosts: the platform routes it through the egress gateway itself", () => {
        rejects(withStore(STORE, { egress: json({ hosts: [{ host: "s3.backup.corp.example", namespaces: ["data"] }] }) }), "backup", /backup.store.endpoint host s3.backup.corp.example is also in egress.hosts; remove it there/);
    });
});
