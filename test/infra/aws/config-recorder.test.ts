import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import * as aws from "@pulumi/aws";
import { lookupAwsContext } from "../../../infra/aws/aws-context";
import { configBucketPolicy, configKeyPolicy, ConfigRecorder } from "../../../infra/aws/config-recorder";
import { RecordedResource, renderComponents } from "../../../engine/program";
import { ofType, plain } from "../../harness/resources";

const CONTEXT = { region: "eu-west-1", accountId: "123456789012", partition: "aws", dnsSuffix: "amazonaws.com" };
const ADMIN = "arn:aws:iam::123456789012:role/platform-deployer";
let resources: readonly RecordedResource[];

before(async () => {
    ({ resources } = await renderComponents(() => {
        const provider = new aws.Provider("aws", { region: "eu-west-1" });
        new ConfigRecorder("config", {
            context: lookupAwsContext("eu-west-1", provider),
            namePrefix: "secure-platform-prod",
            keyAdmins: [ADMIN],
            kmsDeletionWindowInDays: 30,
            accessLogs: { bucket: "platform-logs", prefix: "s3-access-logs" },
            noncurrentRetentionDays: 365,
            protect: true,
        }, { provider });
    }));
});

const input = (r: RecordedResource, key: string) => plain(r.inputs)[key];
const one = (type: string) => {
    const found = ofType(resources, type);
    assert.equal(found.length, 1, type);
    return found[0];
};

describe("ConfigRecorder", () => {
    it("records every supported resource type, global ones too, continuously, as Config's service-linked role", () => {
        const recorder = one("aws:cfg/recorder:Recorder");
        assert.deepEqual(input(recorder, "recordingGroup"), { allSupported: true, includeGlobalResourceTypes: true });
        assert.deepEqual(input(recorder, "recordingMode"), { recordingFrequency: "CONTINUOUS" });
        const role = one("aws:iam/serviceLinkedRole:ServiceLinkedRole");
        assert.equal(input(role, "awsServiceName"), "config.amazonaws.com");
        assert.ok(recorder.dependencies.includes(role.urn));
        assert.equal(ofType(resources, "aws:iam/role:Role").length, 0, "no custom role: FSBP Config.1 fails one");
    });

    it("switches the recorder on once its delivery channel exists, and delivers with the key to the bucket after both policies", () => {
        const recorder = one("aws:cfg/recorder:Recorder");
        const channel = one("aws:cfg/deliveryChannel:DeliveryChannel");
        const status = one("aws:cfg/recorderStatus:RecorderStatus");
        assert.equal(input(status, "isEnabled"), true);
        assert.equal(input(status, "name"), "secure-platform-prod");
        assert.ok(status.dependencies.includes(channel.urn) && status.dependencies.includes(recorder.urn));
        assert.equal(input(channel, "s3KeyPrefix"), "config");
        assert.deepEqual(input(channel, "snapshotDeliveryProperties"), { deliveryFrequency: "TwentyFour_Hours" });
        assert.ok(channel.dependencies.includes(one("aws:s3/bucketPolicy:BucketPolicy").urn));
        assert.ok(channel.dependencies.includes(one("aws:kms/key:Key").urn), "s3KmsKeyArn is the Config key");
    });

    it("keeps deliveries in a private, versioned, access-logged bucket encrypted with a rotated key of its own, both protected", () => {
        const block = one("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock");
        for (const flag of ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"]) {
            assert.equal(input(block, flag), true, flag);
        }
        const [rule] = input(one("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration"), "rules");
        assert.equal(rule.applyServerSideEncryptionByDefault.sseAlgorithm, "aws:kms");
        assert.equal(input(one("aws:s3/bucketVersioning:BucketVersioning"), "versioningConfiguration").status, "Enabled");
        const logging = one("aws:s3/bucketLogging:BucketLogging");
        assert.equal(input(logging, "targetBucket"), "platform-logs");
        assert.equal(input(logging, "targetPrefix"), "s3-access-logs/");
        const key = one("aws:kms/key:Key");
        assert.equal(input(key, "enableKeyRotation"), true);
        assert.equal(input(key, "deletionWindowInDays"), 30);
        assert.equal(key.protect, true);
        assert.equal(one("aws:s3/bucket:Bucket").protect, true);
    });

    it("refuses an empty list of key administrators and a retention that is not a whole number of days", () => {
        const base = { context: {} as never, namePrefix: "p", keyAdmins: [ADMIN], kmsDeletionWindowInDays: 30, accessLogs: { bucket: "b", prefix: "p" }, noncurrentRetentionDays: 365 };
        assert.throws(() => new ConfigRecorder("a", { ...base, keyAdmins: [] }), /keyAdmins is empty/);
        assert.throws(() => new ConfigRecorder("b", { ...base, noncurrentRetentionDays: 0.5 }), /noncurrentRetentionDays must be a whole number of days, got 0.5/);
    });
});

describe("configBucketPolicy", () => {
    const policy = JSON.parse(configBucketPolicy(CONTEXT, "arn:aws:s3:::config-bucket", "config"));
    const bySid = new Map(policy.Statement.map((s: { Sid: string }) => [s.Sid, s]));

    it("lets AWS Config check the bucket and deliver under this account's Config path only, for this account only", () => {
        const delivery = bySid.get("AWSConfigBucketDelivery") as Record<string, any>;
        assert.deepEqual(delivery.Principal, { Service: "config.amazonaws.com" });
        assert.equal(delivery.Resource, "arn:aws:s3:::config-bucket/config/AWSLogs/123456789012/Config/*");
        assert.deepEqual(delivery.Condition, { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "AWS:SourceAccount": "123456789012" } });
        for (const sid of ["AWSConfigBucketPermissionsCheck", "AWSConfigBucketExistenceCheck"]) {
            const check = bySid.get(sid) as Record<string, any>;
            assert.equal(check.Resource, "arn:aws:s3:::config-bucket");
            assert.deepEqual(check.Condition, { StringEquals: { "AWS:SourceAccount": "123456789012" } });
        }
    });

    it("denies every request over plain HTTP", () => {
        const deny = bySid.get("DenyInsecureTransport") as Record<string, any>;
        assert.deepEqual([deny.Effect, deny.Principal, deny.Condition], ["Deny", "*", { Bool: { "aws:SecureTransport": "false" } }]);
    });
});

describe("configKeyPolicy", () => {
    it("lets the account administer without use, the named admins change the policy, and Config use it for this account only", () => {
        const policy = configKeyPolicy({ ...CONTEXT, partition: "aws-cn" }, [ADMIN, ADMIN]);
        const bySid = new Map(policy.Statement.map((s) => [s.Sid, s]));
        assert.deepEqual(bySid.get("KeyAdministration")!.Principal, { AWS: "arn:aws-cn:iam::123456789012:root" });
        assert.ok(!bySid.get("KeyAdministration")!.Action.some((a) => /Decrypt|GenerateDataKey|PutKeyPolicy|CreateGrant/.test(a)));
        assert.deepEqual(bySid.get("KeyPolicyAdministration")!.Principal, { AWS: [ADMIN] });
        const use = bySid.get("ConfigServiceUse")!;
        assert.deepEqual(use.Principal, { Service: "config.amazonaws.com" });
        assert.deepEqual(use.Action, ["kms:Decrypt", "kms:GenerateDataKey"]);
        assert.deepEqual(use.Condition, { StringEquals: { "AWS:SourceAccount": "123456789012" } });
    });
});
