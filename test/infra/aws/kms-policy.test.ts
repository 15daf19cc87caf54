import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { KEY_ADMIN_ACTIONS, KEY_PURPOSES, keyAdministrators, keyPolicy, PolicyStatement } from "../../../infra/aws/kms-policy";

const context = { region: "cn-north-1", accountId: "111122223333", partition: "aws-cn", dnsSuffix: "amazonaws.com.cn" };
const ROOT = "arn:aws-cn:iam::111122223333:root";
const DEPLOYER = "arn:aws-cn:iam::111122223333:role/deployer";
const admins = { keyAdmins: [DEPLOYER] };

/** Whether an IAM action pattern (`kms:Create*`, `kms:*`, `*`) covers `action`. */
function covers(pattern: string, action: string): boolean {
    const regex = new RegExp(`^${pattern.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`, "i");
    return regex.test(action);
}
const allows = (statement: PolicyStatement, action: string) => statement.Effect === "Allow" && statement.Action.some((pattern) => covers(pattern, action));
const principals = (statement: PolicyStatement) => [statement.Principal.AWS ?? []].flat();

describe("keyPolicy", () => {
    it("lets the account administer every key but never use it through IAM alone", () => {
        for (const purpose of KEY_PURPOSES) {
            const [admin] = keyPolicy(purpose, context, admins).Statement;
            assert.equal(admin.Principal.AWS, ROOT);
            assert.deepEqual(admin.Action, [...KEY_ADMIN_ACTIONS]);
            assert.ok(admin.Action.every((a) => !/Encrypt|Decrypt|GenerateDataKey|kms:\*/.test(a)));
        }
    });

    it("never lets the account create grants except for AWS resources, on any key", () => {
        for (const purpose of KEY_PURPOSES) {
            const grants = keyPolicy(purpose, context, admins).Statement.filter((s) => principals(s).includes(ROOT) && allows(s, "kms:CreateGrant"));
            for (const statement of grants) {
                assert.deepEqual(statement.Condition?.Bool, { "kms:GrantIsForAWSResource": "true" }, `${purpose}: ${statement.Sid}`);
            }
        }
    });

    it("lets only the named key administrators change a key policy, so the account cannot rewrite it to grant itself use", () => {
        for (const purpose of KEY_PURPOSES) {
            const policy = keyPolicy(purpose, context, { keyAdmins: [DEPLOYER, "arn:aws-cn:iam::111122223333:role/break-glass", DEPLOYER] });
            const writers = policy.Statement.filter((s) => allows(s, "kms:PutKeyPolicy"));
            assert.deepEqual(writers.map((s) => s.Sid), ["KeyPolicyAdministration"], purpose);
            assert.deepEqual(writers[0].Principal.AWS, ["arn:aws-cn:iam::111122223333:role/break-glass", DEPLOYER]);
            assert.deepEqual(writers[0].Action, ["kms:PutKeyPolicy"]);
            assert.equal(writers[0].Condition, undefined);
        }
    });

    it("refuses a policy without a key administrator, which KMS's lockout check would refuse too", () => {
        assert.throws(() => keyPolicy("ebs", context, { keyAdmins: [] }), /keyPolicy\(ebs\): keyAdmins is empty; name the principal that runs pulumi up/);
    });

    it("allows use through the owning service only, for callers of this account", () => {
        const expected = { ebs: "ec2", backup: "backup", secrets: "secretsmanager", images: "ecr" } as const;
        for (const [purpose, service] of Object.entries(expected)) {
            const policy = keyPolicy(purpose as keyof typeof expected, context, admins);
            const use = policy.Statement.filter((s) => s.Sid.startsWith("UseThrough") || s.Sid.startsWith("GrantsThrough"));
            assert.equal(use.length, 2);
            for (const statement of use) {
                assert.deepEqual(statement.Condition?.StringEquals, {
                    "kms:ViaService": `${service}.cn-north-1.amazonaws.com.cn`,
                    "kms:CallerAccount": "111122223333",
                });
            }
            const grants = use.find((s) => s.Sid.startsWith("GrantsThrough"))!;
            assert.deepEqual(grants.Condition?.Bool, { "kms:GrantIsForAWSResource": "true" });
        }
    });

    it("lets ECR retire the grants of the cache's repositories on the images key, and on no other key", () => {
        const retire = keyPolicy("images", context, admins).Statement.find((s) => s.Sid === "RetireGrantsThroughEcr")!;
        assert.equal(retire.Principal.AWS, ROOT);
        assert.deepEqual(retire.Action, ["kms:RetireGrant"]);
        assert.deepEqual(retire.Condition, { StringEquals: { "kms:ViaService": "ecr.cn-north-1.amazonaws.com.cn", "kms:CallerAccount": "111122223333" } });
        for (const purpose of KEY_PURPOSES.filter((p) => p !== "images")) {
            assert.ok(!keyPolicy(purpose, context, admins).Statement.some((s) => allows(s, "kms:RetireGrant")), purpose);
        }
    });

    it("lets whoever creates the EKS cluster have EKS create a grant on the cluster key, and on no other key", () => {
        const creator = keyPolicy("cluster", context, admins).Statement.find((s) => s.Sid === "ClusterCreatorGrants")!;
        assert.equal(creator.Principal.AWS, ROOT);
        assert.deepEqual(creator.Action, ["kms:CreateGrant"]);
        assert.deepEqual(creator.Condition, { Bool: { "kms:GrantIsForAWSResource": "true" } });
        for (const purpose of KEY_PURPOSES.filter((p) => p !== "cluster")) {
            assert.equal(keyPolicy(purpose, context, admins).Statement.find((s) => s.Sid === "ClusterCreatorGrants"), undefined, purpose);
        }
    });

    it("lets Auto Scaling's service-linked role encrypt node volumes with the EBS key, and only that key", () => {
        const slr = "arn:aws-cn:iam::111122223333:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling";
        const ebs = keyPolicy("ebs", context, admins).Statement.filter((s) => s.Principal.AWS === slr);
        assert.deepEqual(ebs.map((s) => s.Sid), ["AutoScalingUse", "AutoScalingGrants"]);
        assert.deepEqual(ebs[1].Condition, { Bool: { "kms:GrantIsForAWSResource": "true" } });
        for (const purpose of KEY_PURPOSES.filter((p) => p !== "ebs")) {
            assert.ok(!JSON.stringify(keyPolicy(purpose, context, admins)).includes("AWSServiceRoleForAutoScaling"), purpose);
        }
    });

    it("gives the logs key to CloudWatch Logs of this region, for this account's log groups", () => {
        const statement = keyPolicy("logs", context, admins).Statement.find((s) => s.Sid === "CloudWatchLogsUse")!;
        assert.equal(statement.Principal.Service, "logs.cn-north-1.amazonaws.com.cn");
        assert.deepEqual(statement.Condition?.ArnLike, { "kms:EncryptionContext:aws:logs:arn": "arn:aws-cn:logs:cn-north-1:111122223333:log-group:*" });
    });

    it("leaves the cluster key unusable until its users are named", () => {
        assert.deepEqual(keyPolicy("cluster", context, admins).Statement.map((s) => s.Sid), ["KeyAdministration", "KeyPolicyAdministration", "ClusterCreatorGrants"]);
        const named = keyPolicy("cluster", context, { ...admins, keyUsers: ["arn:aws-cn:iam::111122223333:role/b", "arn:aws-cn:iam::111122223333:role/a"] });
        const users = named.Statement.find((s) => s.Sid === "KeyUsers")!;
        assert.deepEqual(users.Principal.AWS, ["arn:aws-cn:iam::111122223333:role/a", "arn:aws-cn:iam::111122223333:role/b"]);
        assert.ok(!named.Statement.some((s) => principals(s).includes("arn:aws-cn:iam::111122223333:role/a") && allows(s, "kms:PutKeyPolicy")), "users never administer");
    });

    it("lets the deployer seal and the readers open tenant keys with the secrets key, only with a tenant in the encryption context", () => {
        const READER = "arn:aws-cn:iam::111122223333:role/tenant-keys";
        const policy = keyPolicy("secrets", context, { ...admins, tenantKeys: { readers: [READER] } });
        const sealing = policy.Statement.find((s) => s.Sid === "TenantKeySealing")!;
        const reading = policy.Statement.find((s) => s.Sid === "TenantKeyReading")!;
        assert.deepEqual([sealing.Principal.AWS, sealing.Action], [[DEPLOYER], ["kms:Encrypt"]]);
        assert.deepEqual([reading.Principal.AWS, reading.Action], [[READER], ["kms:Decrypt"]]);
        for (const statement of [sealing, reading]) {
            assert.deepEqual(statement.Condition, { Null: { "kms:EncryptionContext:tenant": "false" } });
        }
        assert.ok(!policy.Statement.some((s) => principals(s).includes(READER) && !allows(s, "kms:Decrypt")), "readers only decrypt");
        // Other keys, and the secrets key without tenant keys, are unchanged.
        assert.deepEqual(keyPolicy("secrets", context, admins).Statement.filter((s) => s.Sid.startsWith("TenantKey")), []);
        assert.deepEqual(keyPolicy("backup", context, { ...admins, tenantKeys: { readers: [READER] } }).Statement.filter((s) => s.Sid.startsWith("TenantKey")), []);
    });
});

describe("keyPolicy of the audit key", () => {
    const TRAIL = "arn:aws-cn:cloudtrail:cn-north-1:111122223333:trail/secure-platform-prod";
    const audit = keyPolicy("audit", context, { ...admins, auditTrailArn: TRAIL });
    const bySid = (sid: string) => audit.Statement.find((s) => s.Sid === sid)!;

    it("lets CloudTrail generate data keys for the named trail only, with the account's trails in the encryption context", () => {
        const encrypt = bySid("CloudTrailEncrypt");
        assert.deepEqual([encrypt.Principal, encrypt.Action], [{ Service: "cloudtrail.amazonaws.com" }, ["kms:GenerateDataKey*"]]);
        assert.deepEqual(encrypt.Condition, {
            StringEquals: { "aws:SourceArn": TRAIL },
            StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": "arn:aws-cn:cloudtrail:*:111122223333:trail/*" },
        });
        assert.deepEqual(bySid("CloudTrailDescribeKey").Condition, { StringEquals: { "aws:SourceArn": TRAIL } });
        assert.ok(audit.Statement.filter((s) => s.Principal.Service === "cloudtrail.amazonaws.com").every((s) => !allows(s, "kms:Decrypt")));
    });

    it("lets the account decrypt log files only through S3 and only with a CloudTrail encryption context", () => {
        const users = audit.Statement.filter((s) => principals(s).includes(ROOT) && allows(s, "kms:Decrypt"));
        assert.deepEqual(users.map((s) => s.Sid), ["ReadTrailLogsThroughS3"]);
        assert.deepEqual(users[0].Action, ["kms:Decrypt"]);
        assert.deepEqual(users[0].Condition, {
            StringEquals: { "kms:CallerAccount": "111122223333", "kms:ViaService": "s3.cn-north-1.amazonaws.com.cn" },
            StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": "arn:aws-cn:cloudtrail:*:111122223333:trail/*" },
        });
        assert.ok(!audit.Statement.some((s) => allows(s, "kms:Encrypt") || (principals(s).includes(ROOT) && allows(s, "kms:GenerateDataKey"))), "nobody but CloudTrail encrypts with it");
    });

    it("gives CloudTrail no other key, and refuses an audit key without its trail", () => {
        for (const purpose of KEY_PURPOSES) {
            assert.ok(!JSON.stringify(keyPolicy(purpose, context, admins)).includes("cloudtrail"), purpose);
        }
        assert.throws(() => keyPolicy("audit", context, admins), /keyPolicy\(audit\): auditTrailArn is missing/);
    });
});

describe("keyAdministrators", () => {
    it("names the stack's cluster-admin principals, once each, and nobody with lesser access", () => {
        assert.deepEqual(keyAdministrators([
            { principalArn: "arn:aws:iam::111122223333:role/sre", access: "view" },
            { principalArn: "arn:aws:iam::111122223333:role/deployer", access: "cluster-admin" },
            { principalArn: "arn:aws:iam::111122223333:role/tenant", groups: ["tenant-a"] },
            { principalArn: "arn:aws:iam::111122223333:role/admin", access: "cluster-admin" },
        ]), ["arn:aws:iam::111122223333:role/admin", "arn:aws:iam::111122223333:role/deployer"]);
    });
});
