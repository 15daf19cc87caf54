import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import * as aws from "@pulumi/aws";
import { lookupAwsContext } from "../../../infra/aws/aws-context";
import { LOGICAL_BACKUP_PREFIX, LogicalBackupBucket, logicalBackupRole } from "../../../infra/aws/logical-backup-bucket";
import { RecordedResource, renderComponents } from "../../../engine/program";
import { ofType, plain } from "../../harness/resources";

const KEY = "arn:aws:kms:eu-west-1:123456789012:key/backup";
let resources: readonly RecordedResource[];

before(async () => {
    ({ resources } = await renderComponents(() => {
        const provider = new aws.Provider("aws", { region: "eu-west-1" });
        const context = lookupAwsContext("eu-west-1", provider);
        const role = logicalBackupRole("mongodb-backup", context, { clusterName: "platform-prod", namespace: "data", serviceAccount: "mongodb" }, { provider });
        const expiryRole = logicalBackupRole("mongodb-backup-expiry", context, { clusterName: "platform-prod", namespace: "data", serviceAccount: "psmdb-operator" }, { provider });
        new LogicalBackupBucket("backups", { context, kmsKeyArn: KEY, role, expiryRole, noncurrentRetentionDays: 90, accessLogs: { bucket: "platform-logs", prefix: "s3-access-logs" }, protect: true }, { provider });
    }));
});

const input = (r: RecordedResource) => plain(r.inputs);
const one = (type: string) => ofType(resources, type)[0];
const byName = (type: string, name: string) => ofType(resources, type).find((r) => r.name === name)!;

describe("LogicalBackupBucket", () => {
    it("encrypts with the backup CMK (SSE-KMS, bucket key), versions, blocks public access and is protected", () => {
        const [rule] = input(one("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration")).rules;
        assert.deepEqual(rule.applyServerSideEncryptionByDefault, { sseAlgorithm: "aws:kms", kmsMasterKeyId: KEY });
        assert.equal(rule.bucketKeyEnabled, true);
        assert.equal(input(one("aws:s3/bucketVersioning:BucketVersioning")).versioningConfiguration.status, "Enabled");
        const block = input(one("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"));
        assert.ok(["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"].every((flag) => block[flag] === true));
        assert.equal(one("aws:s3/bucket:Bucket").protect, true);
        assert.equal(input(one("aws:s3/bucket:Bucket")).forceDestroy, false);
    });

    it("denies plain HTTP and objects under any other key", () => {
        const policy = JSON.parse(input(one("aws:s3/bucketPolicy:BucketPolicy")).policy);
        const tls = policy.Statement.find((s: { Sid: string }) => s.Sid === "DenyInsecureTransport");
        assert.deepEqual(tls.Condition, { Bool: { "aws:SecureTransport": "false" } });
        const otherKeys = policy.Statement.find((s: { Sid: string }) => s.Sid === "DenyOtherKeys");
        assert.equal(otherKeys.Effect, "Deny");
        assert.equal(otherKeys.Condition.StringNotEqualsIfExists["s3:x-amz-server-side-encryption-aws-kms-key-id"], KEY);
    });

    it("lets only the MongoDB service account, through Pod Identity, read and write backups and use the key through S3", () => {
        const role = byName("aws:iam/role:Role", "mongodb-backup");
        const trust = JSON.parse(input(role).assumeRolePolicy).Statement[0];
        assert.deepEqual(trust.Principal, { Service: "pods.eks.amazonaws.com" });
        assert.equal(trust.Condition.StringEquals["aws:RequestTag/kubernetes-namespace"], "data");
        assert.equal(trust.Condition.StringEquals["aws:RequestTag/kubernetes-service-account"], "mongodb");
        const access = JSON.parse(input(byName("aws:iam/rolePolicy:RolePolicy", "backups-access")).policy);
        const actions = access.Statement.flatMap((s: { Action: string[] }) => s.Action);
        assert.ok(!actions.some((a: string) => a.endsWith("*") && !a.startsWith("kms:")), "no wildcard S3 actions");
        const kms = access.Statement.find((s: { Sid: string }) => s.Sid === "UseBackupKeyThroughS3");
        assert.equal(kms.Resource, KEY);
        assert.equal(kms.Condition.StringEquals["kms:ViaService"], "s3.eu-west-1.amazonaws.com");
    });

    it("lets the operator's service account, through Pod Identity, list, look up and delete backups under the prefix, and nothing else", () => {
        const trust = JSON.parse(input(byName("aws:iam/role:Role", "mongodb-backup-expiry")).assumeRolePolicy).Statement[0];
        assert.deepEqual(trust.Principal, { Service: "pods.eks.amazonaws.com" });
        assert.equal(trust.Condition.StringEquals["aws:RequestTag/kubernetes-namespace"], "data");
        assert.equal(trust.Condition.StringEquals["aws:RequestTag/kubernetes-service-account"], "psmdb-operator");
        const expiry = byName("aws:iam/rolePolicy:RolePolicy", "backups-expiry");
        const bucket = plain(one("aws:s3/bucket:Bucket").outputs).arn;
        assert.equal(input(expiry).role, plain(byName("aws:iam/role:Role", "mongodb-backup-expiry").outputs).name);
        const statements = JSON.parse(input(expiry).policy).Statement;
        assert.deepEqual(statements, [
            { Sid: "ListBackups", Effect: "Allow", Action: ["s3:ListBucket"], Resource: bucket, Condition: { StringLike: { "s3:prefix": [`${LOGICAL_BACKUP_PREFIX}/*`] } } },
            { Sid: "DeleteExpiredBackups", Effect: "Allow", Action: ["s3:GetObject", "s3:DeleteObject"], Resource: `${bucket}/${LOGICAL_BACKUP_PREFIX}/*` },
        ]);
        assert.ok(!JSON.stringify(statements).includes("kms:"), "no key: lookups and deletes do not decrypt, and reads stay refused");
    });

    it("delivers its server access logs to the platform's log bucket, partitioned by date", () => {
        const logging = input(one("aws:s3/bucketLogging:BucketLogging"));
        assert.equal(logging.bucket, plain(one("aws:s3/bucket:Bucket").outputs).id);
        assert.deepEqual([logging.targetBucket, logging.targetPrefix], ["platform-logs", "s3-access-logs/"]);
        assert.deepEqual(logging.targetObjectKeyFormat, { partitionedPrefix: { partitionDateSource: "EventTime" } });
    });

    it("expires overwritten versions after the retention", () => {
        const [rule] = input(one("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration")).rules;
        assert.deepEqual(rule.noncurrentVersionExpiration, { noncurrentDays: 90 });
        assert.throws(() => new LogicalBackupBucket("bad", { context: {} as never, kmsKeyArn: KEY, role: {} as aws.iam.Role, expiryRole: {} as aws.iam.Role, noncurrentRetentionDays: 0, accessLogs: { bucket: "logs", prefix: "s3" } }), /noncurrentRetentionDays must be a whole number of days, got 0/);
    });
});
