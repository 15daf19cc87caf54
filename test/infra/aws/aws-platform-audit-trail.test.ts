/**
 * The AWS variant with `auditTrail: {mode: organization}`: the organisation's trail records the account, so the
 * stack creates no trail and no audit key, and still logs every bucket's access. (The default, a trail of the
 * stack's own, is checked on the committed stacks in test/stacks/stacks.test.ts.)
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { deployAwsPlatform } from "../../../infra/aws/aws-platform";
import { RecordedResource, renderComponents } from "../../../engine/program";
import { minimal, parse } from "../../harness/config-fixtures";
import { ofType, plain } from "../../harness/resources";

let resources: readonly RecordedResource[];
let outputs: object;

before(async () => {
    const config = parse(minimal("prod", { auditTrail: JSON.stringify({ mode: "organization" }) }));
    let exported: unknown;
    ({ resources } = await renderComponents(async () => { exported = await deployAwsPlatform(config); }, { accountId: "111122223333" }));
    outputs = exported as object;
});

describe("deployAwsPlatform with an organization trail", () => {
    it("creates no trail, no trail bucket, no audit key and no trail log group", () => {
        assert.deepEqual(ofType(resources, "aws:cloudtrail/trail:Trail"), []);
        assert.ok(!ofType(resources, "aws:kms/key:Key").some((k) => plain(k.inputs).tags?.Purpose === "audit"));
        assert.deepEqual(ofType(resources, "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration"), []);
        assert.ok(!ofType(resources, "aws:cloudwatch/logGroup:LogGroup").some((g) => String(plain(g.inputs).name).endsWith("/cloudtrail")));
        assert.ok(!("auditTrailArn" in outputs), "no trail ARN among the stack outputs");
    });

    it("still delivers the logical-backup bucket's server access logs to the log bucket", () => {
        const backups = ofType(resources, "aws:s3/bucket:Bucket").find((b) => b.name === "mongodb-backups")!;
        const logBucket = ofType(resources, "aws:s3/bucket:Bucket").find((b) => b.name === "edge-access-logs")!;
        const logging = ofType(resources, "aws:s3/bucketLogging:BucketLogging").find((l) => l.dependencies.includes(backups.urn));
        assert.ok(logging && logging.dependencies.includes(logBucket.urn));
        assert.ok("accessLogBucket" in outputs, "the log bucket is a stack output teams can log into");
    });
});
