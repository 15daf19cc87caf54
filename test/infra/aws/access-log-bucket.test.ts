import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import * as aws from "@pulumi/aws";
import { AccessLogBucket, accessLogBucketPolicy, logDeliveryPrincipal, SERVER_ACCESS_LOG_PREFIX } from "../../../infra/aws/access-log-bucket";
import { lookupAwsContext } from "../../../infra/aws/aws-context";
import { RecordedResource, renderComponents } from "../../../engine/program";
import { ofType, plain } from "../../harness/resources";

let resources: readonly RecordedResource[];

before(async () => {
    ({ resources } = await renderComponents(() => {
        const provider = new aws.Provider("aws", { region: "eu-west-1" });
        new AccessLogBucket("logs", { context: lookupAwsContext("eu-west-1", provider), prefix: "alb", retentionInDays: 365, protect: true }, { provider });
    }));
});

const input = (r: RecordedResource, key: string) => plain(r.inputs)[key];
const one = (type: string) => ofType(resources, type)[0];

describe("AccessLogBucket", () => {
    it("blocks all public access and disables ACLs", () => {
        const block = one("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock");
        for (const flag of ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"]) {
            assert.equal(input(block, flag), true, flag);
        }
        assert.deepEqual(input(one("aws:s3/bucketOwnershipControls:BucketOwnershipControls"), "rule"), { objectOwnership: "BucketOwnerEnforced" });
    });

    it("encrypts, versions and expires the logs, and is protected", () => {
        const [rule] = input(one("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration"), "rules");
        assert.equal(rule.applyServerSideEncryptionByDefault.sseAlgorithm, "AES256");
        assert.equal(input(one("aws:s3/bucketVersioning:BucketVersioning"), "versioningConfiguration").status, "Enabled");
        const lifecycle = input(one("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration"), "rules");
        assert.deepEqual(lifecycle.map((r: { filter: unknown; expiration: unknown }) => [r.filter, r.expiration]), [
            [{ prefix: "alb/" }, { days: 365 }],
            [{ prefix: "s3-access-logs/" }, { days: 365 }],
        ]);
        assert.equal(one("aws:s3/bucket:Bucket").protect, true);
    });

    it("lets only the region's load balancer log delivery write, under this account's prefix, over TLS", () => {
        const policy = JSON.parse(input(one("aws:s3/bucketPolicy:BucketPolicy"), "policy"));
        const [write, , deny] = policy.Statement;
        assert.deepEqual(write.Principal, { AWS: "arn:aws:iam::156460612806:root" });
        assert.equal(write.Action, "s3:PutObject");
        assert.match(write.Resource, /\/alb\/AWSLogs\/123456789012\/\*$/);
        assert.deepEqual([deny.Effect, deny.Principal, deny.Condition], ["Deny", "*", { Bool: { "aws:SecureTransport": "false" } }]);
    });

    it("lets S3's log delivery write server access logs of this account's buckets under their own prefix only", () => {
        const delivery = JSON.parse(input(one("aws:s3/bucketPolicy:BucketPolicy"), "policy")).Statement.find((s: { Sid: string }) => s.Sid === "S3ServerAccessLogDelivery");
        assert.deepEqual([delivery.Effect, delivery.Principal, delivery.Action], ["Allow", { Service: "logging.s3.amazonaws.com" }, "s3:PutObject"]);
        assert.match(delivery.Resource, /\/s3-access-logs\/\*$/);
        assert.deepEqual(delivery.Condition, { ArnLike: { "aws:SourceArn": "arn:aws:s3:::*" }, StringEquals: { "aws:SourceAccount": "123456789012" } });
    });

    it("keeps S3-managed encryption (the only default S3 server access logging supports) and refuses the server access logs' prefix for the load balancer", () => {
        const [rule] = input(one("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration"), "rules");
        assert.equal(rule.applyServerSideEncryptionByDefault.kmsMasterKeyId, undefined);
        assert.equal(ofType(resources, "aws:s3/bucketLogging:BucketLogging").length, 0, "a log target logs no access of its own");
        assert.throws(() => new AccessLogBucket("bad", { context: {} as never, prefix: SERVER_ACCESS_LOG_PREFIX, retentionInDays: 365 }), /prefix "s3-access-logs" is where S3 server access logs go/);
    });

    it("uses the log delivery service in regions without an ELB account", () => {
        const context = { region: "ap-southeast-5", accountId: "123456789012", partition: "aws", dnsSuffix: "amazonaws.com" };
        assert.deepEqual(logDeliveryPrincipal(context), { Service: "logdelivery.elasticloadbalancing.amazonaws.com" });
        assert.match(accessLogBucketPolicy(context, "arn:aws:s3:::b", "alb"), /logdelivery\.elasticloadbalancing/);
    });
});
