import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import * as aws from "@pulumi/aws";
import { lookupAwsContext } from "../../../infra/aws/aws-context";
import { KmsKeys, validateKmsKeysArgs } from "../../../infra/aws/kms-keys";
import { KEY_PURPOSES } from "../../../infra/aws/kms-policy";
import { RecordedResource, renderComponents } from "../../../engine/program";
import { descendantsOf, named, ofType, plain } from "../../harness/resources";

const DEPLOYER = "arn:aws:iam::777788889999:role/deployer";
let all: readonly RecordedResource[];
let prod: RecordedResource[];
let dev: RecordedResource[];
let withTrail: RecordedResource[];
const TRAIL = "arn:aws:cloudtrail:eu-west-1:777788889999:trail/secure-platform-prod";

before(async () => {
    const { resources } = await renderComponents(() => {
        const provider = new aws.Provider("aws", { region: "eu-west-1" });
        const context = lookupAwsContext("eu-west-1", provider);
        const role = new aws.iam.Role("cluster-role", { assumeRolePolicy: "{}" }, { provider });
        new KmsKeys("prod-keys", { context, aliasPrefix: "secure-platform/prod", keyAdmins: [DEPLOYER], protect: true, keyUsers: { cluster: [role.arn] } }, { provider });
        new KmsKeys("dev-keys", { context, aliasPrefix: "secure-platform/dev", keyAdmins: [DEPLOYER], deletionWindowInDays: 7 }, { provider });
        new KmsKeys("trail-keys", { context, aliasPrefix: "secure-platform/staging", keyAdmins: [DEPLOYER], auditTrailArn: TRAIL }, { provider });
    }, { accountId: "777788889999" });
    all = resources;
    prod = descendantsOf(resources, named(resources, "prod-keys"));
    dev = descendantsOf(resources, named(resources, "dev-keys"));
    withTrail = descendantsOf(resources, named(resources, "trail-keys"));
});

const input = (r: RecordedResource, key: string) => plain(r.inputs)[key];
const policyOf = (r: RecordedResource) => JSON.parse(input(r, "policy"));

describe("KmsKeys", () => {
    it("creates one symmetric key per purpose, with rotation and an alias", () => {
        const keys = ofType(prod, "aws:kms/key:Key");
        assert.deepEqual(keys.map((k) => input(k, "tags").Purpose).sort(), [...KEY_PURPOSES].sort());
        for (const key of keys) {
            assert.equal(input(key, "enableKeyRotation"), true);
            assert.equal(input(key, "rotationPeriodInDays"), 365);
            assert.equal(input(key, "customerMasterKeySpec"), "SYMMETRIC_DEFAULT");
            assert.equal(input(key, "keyUsage"), "ENCRYPT_DECRYPT");
        }
        const aliases = ofType(prod, "aws:kms/alias:Alias");
        assert.deepEqual(aliases.map((a) => input(a, "name")).sort(), KEY_PURPOSES.map((p) => `alias/secure-platform/prod/${p}`).sort());
        for (const alias of aliases) {
            assert.ok(keys.some((k) => plain(k.outputs).keyId === input(alias, "targetKeyId")));
        }
    });

    it("defaults to the full 30-day deletion window and protects keys when asked", () => {
        for (const key of ofType(prod, "aws:kms/key:Key")) {
            assert.equal(input(key, "deletionWindowInDays"), 30);
            assert.equal(key.protect, true);
        }
        for (const key of ofType(dev, "aws:kms/key:Key")) {
            assert.equal(input(key, "deletionWindowInDays"), 7);
            assert.equal(key.protect, false);
        }
    });

    it("writes policies that name the account and never a wildcard principal", () => {
        for (const key of ofType(prod, "aws:kms/key:Key")) {
            const policy = policyOf(key);
            const admin = policy.Statement.find((s: { Sid: string }) => s.Sid === "KeyAdministration");
            assert.equal(admin.Principal.AWS, "arn:aws:iam::777788889999:root");
            assert.ok(!admin.Action.includes("kms:Decrypt") && !admin.Action.includes("kms:*"), "administration does not include use");
            assert.ok(!JSON.stringify(policy.Statement.map((s: { Principal: unknown }) => s.Principal)).includes("\"*\""));
        }
    });

    it("lets only the key administrators change a policy, and keeps KMS's lockout check on", () => {
        for (const key of ofType(prod, "aws:kms/key:Key")) {
            const writers = policyOf(key).Statement.filter((s: { Action: string[] }) => s.Action.some((a) => /^kms:(\*|Put\*|PutKeyPolicy)$/.test(a)));
            assert.deepEqual(writers.map((s: { Principal: unknown }) => s.Principal), [{ AWS: [DEPLOYER] }]);
            assert.equal(input(key, "bypassPolicyLockoutSafetyCheck"), false);
        }
    });

    it("lets CloudWatch Logs use the logs key only for this account's log groups", () => {
        const logs = ofType(prod, "aws:kms/key:Key").find((k) => input(k, "tags").Purpose === "logs")!;
        const statement = policyOf(logs).Statement.find((s: { Sid: string }) => s.Sid === "CloudWatchLogsUse");
        assert.equal(statement.Principal.Service, "logs.eu-west-1.amazonaws.com");
        assert.equal(statement.Condition.ArnLike["kms:EncryptionContext:aws:logs:arn"], "arn:aws:logs:eu-west-1:777788889999:log-group:*");
    });

    it("grants the configured key users, and only on their key", () => {
        const cluster = ofType(prod, "aws:kms/key:Key").find((k) => input(k, "tags").Purpose === "cluster")!;
        const users = policyOf(cluster).Statement.find((s: { Sid: string }) => s.Sid === "KeyUsers");
        assert.deepEqual(users.Principal.AWS, [plain(named(all, "cluster-role").outputs).arn]);
        for (const key of ofType(prod, "aws:kms/key:Key").filter((k) => k !== cluster)) {
            assert.equal(policyOf(key).Statement.find((s: { Sid: string }) => s.Sid === "KeyUsers"), undefined);
        }
    });
});

describe("KmsKeys with the stack's own trail", () => {
    it("adds an audit key, with rotation and an alias, whose policy names the trail; stacks without a trail have none", () => {
        const keys = ofType(withTrail, "aws:kms/key:Key");
        assert.deepEqual(keys.map((k) => input(k, "tags").Purpose).sort(), [...KEY_PURPOSES, "audit"].sort());
        const audit = keys.find((k) => input(k, "tags").Purpose === "audit")!;
        assert.equal(input(audit, "enableKeyRotation"), true);
        const encrypt = policyOf(audit).Statement.find((s: { Sid: string }) => s.Sid === "CloudTrailEncrypt");
        assert.equal(encrypt.Condition.StringEquals["aws:SourceArn"], TRAIL);
        assert.ok(ofType(withTrail, "aws:kms/alias:Alias").some((a) => input(a, "name") === "alias/secure-platform/staging/audit"));
        assert.ok(![...prod, ...dev].some((r) => r.type === "aws:kms/key:Key" && input(r, "tags").Purpose === "audit"));
    });
});

describe("validateKmsKeysArgs", () => {
    const context = { region: "eu-west-1" } as Parameters<typeof validateKmsKeysArgs>[0]["context"];
    const keyAdmins = [DEPLOYER];
    it("rejects a deletion window outside 7 to 30 days", () => {
        assert.throws(() => validateKmsKeysArgs({ context, keyAdmins, aliasPrefix: "p", deletionWindowInDays: 3 }), /deletionWindowInDays must be a whole number from 7 to 30, got 3/);
    });
    it("rejects a rotation period KMS does not accept", () => {
        assert.throws(() => validateKmsKeysArgs({ context, keyAdmins, aliasPrefix: "p", rotationPeriodInDays: 30 }), /rotationPeriodInDays must be a whole number from 90 to 2560/);
    });
    it("rejects keys nobody could change the policy of", () => {
        assert.throws(() => validateKmsKeysArgs({ context, keyAdmins: [], aliasPrefix: "p" }), /keyAdmins is empty; name the role that runs pulumi up/);
    });
    it("rejects an alias prefix in the reserved aws namespace", () => {
        assert.throws(() => validateKmsKeysArgs({ context, keyAdmins, aliasPrefix: "aws/mine" }), /aliasPrefix "aws\/mine"/);
    });
});
