import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import * as aws from "@pulumi/aws";
import { lookupAwsContext } from "../../../infra/aws/aws-context";
import { LogicalBackupBucket, logicalBackupRole } from "../../../infra/aws/logical-backup-bucket";
import { RecordedResource, renderComponents } from "../../../engine/program";
import { ofType, plain } from "../../harness/resources";

const KEY = "arn:aws:kms:eu-west-1:123456789012:key/backup";
let resources: readonly RecordedResource[];

before(async () => {
    ({ resources } = await renderComponents(() => {
        const provider = new aws.Provider("aws", { region: "eu-west-1" });
        const context = lookupAwsContext("eu-west-1", provider);
        const role = logicalBackupRole("mongodb-backup", context, { clusterName: "platform-prod", namespace: "data", serviceAccount: "mongodb" }, { provider });
        new LogicalBackupBucket("backups", { context, kmsKeyArn: KEY, role, noncurrentRetentionDays: 90, protect: true }, { provider });
    }));
});

const input = (r: RecordedResource) => plain(r.inputs);
const one = (type: string) => ofType(resources, type)[0];

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
        const role = one("aws:iam/role:Role");
        const trust = JSON.parse(input(role).assumeRolePolicy).Statement[0];
        assert.deepEqual(trust.Principal, { Service: "pods.eks.amazonaws.com" });
        assert.equal(trust.Condition.StringEquals["aws:RequestTag/kubernetes-namespace"], "data");
        assert.equal(trust.Condition.StringEquals["aws:RequestTag/kubernetes-service-account"], "mongodb");
        const access = JSON.parse(input(one("aws:iam/rolePolicy:RolePolicy")).policy);
        const actions = access.Statement.flatMap((s: { Action: string[] }) => s.Action);
        assert.ok(!actions.some((a: string) => a.endsWith("*") && !a.startsWith("kms:")), "no wildcard S3 actions");
        const kms = access.Statement.find((s: { Sid: string }) => s.Sid === "UseBackupKeyThroughS3");
        assert.equal(kms.Resource, KEY);
        assert.equal(kms.Condition.StringEquals["kms:ViaService"], "s3.eu-west-1.amazonaws.com");
    });

    it("expires overwritten versions after the retention", () => {
        const [rule] = input(one("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration")).rules;
        assert.deepEqual(rule.noncurrentVersionExpiration, { noncurrentDays: 90 });
        assert.throws(() => new LogicalBackupBucket("bad", { context: {} as never, kmsKeyArn: KEY, role: {} as aws.iam.Role, noncurrentRetentionDays: 0 }), /noncurrentRetentionDays must be a whole number of days, got 0/);
    });
});
