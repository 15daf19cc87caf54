import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import * as aws from "@pulumi/aws";
import { AccessLogBucket, accessLogBucketPolicy, logDeliveryPrincipal } from "../../../infra/aws/access-log-bucket";
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
        const [lifecycle] = input(one("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration"), "rules");
        assert.deepEqual(lifecycle.expiration, { days: 365 });
        assert.equal(one("aws:s3/bucket:Bucket").protect, true);
    });

    it("lets only the region's load balancer log delivery write, under this account's prefix, over TLS", () => {
        const policy = JSON.parse(input(one("aws:s3/bucketPolicy:BucketPolicy"), "policy"));
        const [write, deny] = policy.Statement;
        assert.deepEqual(write.Principal, { AWS: "arn:aws:iam::156460612806:root" });
        assert.equal(write.Action, "s3:PutObject");
        assert.match(write.Resource, /\/alb\/AWSLogs\/123456789012\/\*$/);
        assert.deepEqual([deny.Effect, deny.Principal, deny.Condition], ["Deny", "*", { Bool: { "aws:SecureTransport": "false" } }]);
    });

    it("uses the log delivery service in regions without an ELB account", () => {
        const context = { region: "ap-southeast-5", accountId: "123456789012", partition: "aws", dnsSuffix: "amazonaws.com" };
        assert.deepEqual(logDeliveryPrincipal(context), { Service: "logdelivery.elasticloadbalancing.amazonaws.com" });
        assert.match(accessLogBucketPolicy(context, "arn:aws:s3:::b", "alb"), /logdelivery\.elasticloadbalancing/);
    });
});
