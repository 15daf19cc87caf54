/**
 * Off-cluster logical backups to an S3-compatible store (on-prem): the storage the operator reads, the
 * Secrets it names, exactly the store's host and port handed to the egress gateway for the data namespace,
 * and a restore object, all as the pinned CRDs admit them.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import * as k8s from "@pulumi/kubernetes";
import { customResourceFindings } from "../../../../engine/preflight/custom-resources";
import { PreflightStack } from "../../../../engine/preflight/stack";
import { RecordedResource, renderComponents } from "../../../../engine/program";
import { isSecretValue } from "../../../../engine/wire";
import { BACKUP_STORE_CA_SECRET, BACKUP_STORE_CREDENTIALS_SECRET, backupStoreStorage, backupStoreTarget } from "../../../../infra/k8s/mongodb/backup-store";
import { PerconaMongoDb } from "../../../../infra/k8s/mongodb/percona-mongodb";
import { restoreObjectName } from "../../../../infra/k8s/mongodb/restore";
import { InternalCa } from "../../../../infra/secrets/internal-ca";
import type { BackupStoreSettings } from "../../../../infra/settings/data";
import { ofType, plain } from "../../../harness/resources";

const CA_PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
const STORE: BackupStoreSettings = {
    endpoint: "https://minio.dc1.corp.example:9000",
    host: "minio.dc1.corp.example",
    port: 9000,
    bucket: "platform-backups",
    region: "dc1",
    prefix: "site-a/mongodb",
    caCertificatePem: CA_PEM,
    encryption: "MinIO SSE-KMS by bucket default",
    credentials: { accessKey: { accessKeyId: "AKIAEXAMPLE", secretAccessKey: "example-secret-key" } },
};

let resources: readonly RecordedResource[];
const secretName = (r: RecordedResource): string => plain(r.inputs).metadata.name;

before(async () => {
    ({ resources } = await renderComponents(() => {
        const provider = new k8s.Provider("cluster", { kubeconfig: "{}" });
        const ca = new InternalCa("ca", { organization: "acme" }, { provider });
        new PerconaMongoDb("mongodb", {
            namespace: "data",
            members: 3,
            storageSize: "100Gi",
            storageClassName: "longhorn-encrypted",
            ca,
            serviceAccountName: "mongodb",
            clientNamespace: "platform",
            backup: { ...backupStoreTarget(STORE, "data"), schedule: "0 4 * * *", keep: 35 },
            restore: { backupName: "cron-mongodb-20260131040000-x7k2p", pointInTime: "2026-01-31 13:45:00" },
        }, { provider });
    }));
});

describe("backupStoreStorage", () => {
    it("is a minio storage over HTTPS that verifies the store's certificate against the given CA only", () => {
        assert.deepEqual(backupStoreStorage(STORE), {
            type: "minio",
            minio: {
                bucket: "platform-backups",
                region: "dc1",
                prefix: "site-a/mongodb",
                endpointUrl: "minio.dc1.corp.example:9000",
                secure: true,
                insecureSkipTLSVerify: false,
                forcePathStyle: true,
                credentialsSecret: BACKUP_STORE_CREDENTIALS_SECRET,
                caBundle: { name: BACKUP_STORE_CA_SECRET, key: "ca.crt" },
            },
        });
    });

    it("names an existing credentials Secret instead of creating one, and leaves the region out when none is given", () => {
        const { region: _region, ...noRegion } = STORE;
        const minio = backupStoreStorage({ ...noRegion, credentials: { existingSecret: "backup-store-access-key" } }).minio as Record<string, unknown>;
        assert.equal(minio.credentialsSecret, "backup-store-access-key");
        assert.equal("region" in minio, false);
        assert.deepEqual(backupStoreTarget({ ...STORE, credentials: { existingSecret: "backup-store-access-key" } }, "data").secrets!.map((s) => s.name), [BACKUP_STORE_CA_SECRET]);
    });
});

describe("PerconaMongoDb with an off-cluster store", () => {
    it("creates the CA Secret and the credentials Secret the storage names, the access key kept secret", () => {
        const secrets = ofType(resources, "kubernetes:core/v1:Secret").filter((r) => [BACKUP_STORE_CA_SECRET, BACKUP_STORE_CREDENTIALS_SECRET].includes(secretName(r)));
        assert.equal(secrets.length, 2);
        const ca = secrets.find((r) => secretName(r) === BACKUP_STORE_CA_SECRET)!;
        assert.deepEqual(plain(ca.inputs).stringData, { "ca.crt": CA_PEM });
        const credentials = secrets.find((r) => secretName(r) === BACKUP_STORE_CREDENTIALS_SECRET)!;
        assert.ok(isSecretValue(credentials.inputs.stringData), JSON.stringify(credentials.inputs.stringData));
        assert.deepEqual(plain(credentials.inputs).stringData, { AWS_ACCESS_KEY_ID: "AKIAEXAMPLE", AWS_SECRET_ACCESS_KEY: "example-secret-key" });
        const cluster = ofType(resources, "kubernetes:psmdb.percona.com/v1:PerconaServerMongoDB")[0];
        for (const secret of secrets) {
            assert.ok(cluster.dependencies.includes(secret.urn), `the database waits for ${secretName(secret)}`);
        }
    });

    it("hands exactly the store's host and port to the egress gateway for the data namespace, and opens nothing around it", () => {
        const target = backupStoreTarget(STORE, "data");
        assert.deepEqual(target.egressGatewayHosts, [{ host: "minio.dc1.corp.example", port: 9000, protocol: "TLS", namespaces: ["data"] }]);
        assert.deepEqual(target.egress, [], "no NetworkPolicy to any address: the namespace reaches only the gateway");
        assert.equal(target.meshHosts, undefined);
        assert.deepEqual(ofType(resources, "kubernetes:networking.istio.io/v1:ServiceEntry"), [], "no ServiceEntry of its own: the gateway's registers the host");
    });

    it("renders the database and the requested restore as the pinned CRDs admit them", () => {
        const objects = new PreflightStack(resources).kubernetesObjects.filter((o) => o.apiVersion === "psmdb.percona.com/v1");
        assert.deepEqual(objects.map((o) => o.kind).sort(), ["PerconaServerMongoDB", "PerconaServerMongoDBRestore"]);
        for (const object of objects) {
            assert.deepEqual(customResourceFindings(object), [], object.kind);
        }
        const restore = objects.find((o) => o.kind === "PerconaServerMongoDBRestore")!;
        assert.equal(restore.name, restoreObjectName({ backupName: "cron-mongodb-20260131040000-x7k2p", pointInTime: "2026-01-31 13:45:00" }));
        assert.deepEqual(restore.object.spec, { clusterName: "mongodb", backupName: "cron-mongodb-20260131040000-x7k2p", pitr: { type: "date", date: "2026-01-31 13:45:00" } });
        const cluster = ofType(resources, "kubernetes:psmdb.percona.com/v1:PerconaServerMongoDB")[0];
        assert.ok(restore.resource.dependencies.includes(cluster.urn), "the restore waits for the database");
    });
});
