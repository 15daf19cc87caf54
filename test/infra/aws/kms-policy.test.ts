import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { KEY_ADMIN_ACTIONS, KEY_PURPOSES, keyPolicy } from "../../../infra/aws/kms-policy";

const context = { region: "cn-north-1", accountId: "111122223333", partition: "aws-cn", dnsSuffix: "amazonaws.com.cn" };

describe("keyPolicy", () => {
    it("lets the account administer every key but never use it through IAM alone", () => {
        for (const purpose of KEY_PURPOSES) {
            const [admin] = keyPolicy(purpose, context).Statement;
            assert.equal(admin.Principal.AWS, "arn:aws-cn:iam::111122223333:root");
            assert.deepEqual(admin.Action, [...KEY_ADMIN_ACTIONS]);
            assert.ok(admin.Action.every((a) => !/Encrypt|Decrypt|GenerateDataKey|kms:\*/.test(a)));
        }
    });

    it("allows use through the owning service only, for callers of this account", () => {
        const expected = { ebs: "ec2", backup: "backup", secrets: "secretsmanager" } as const;
        for (const [purpose, service] of Object.entries(expected)) {
            const policy = keyPolicy(purpose as keyof typeof expected, context);
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

    it("lets Auto Scaling's service-linked role encrypt node volumes with the EBS key, and only that key", () => {
        const slr = "arn:aws-cn:iam::111122223333:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling";
        const ebs = keyPolicy("ebs", context).Statement.filter((s) => s.Principal.AWS === slr);
        assert.deepEqual(ebs.map((s) => s.Sid), ["AutoScalingUse", "AutoScalingGrants"]);
        assert.deepEqual(ebs[1].Condition, { Bool: { "kms:GrantIsForAWSResource": "true" } });
        for (const purpose of KEY_PURPOSES.filter((p) => p !== "ebs")) {
            assert.ok(!JSON.stringify(keyPolicy(purpose, context)).includes("AWSServiceRoleForAutoScaling"), purpose);
        }
    });

    it("gives the logs key to CloudWatch Logs of this region, for this account's log groups", () => {
        const statement = keyPolicy("logs", context).Statement.find((s) => s.Sid === "CloudWatchLogsUse")!;
        assert.equal(statement.Principal.Service, "logs.cn-north-1.amazonaws.com.cn");
        assert.deepEqual(statement.Condition?.ArnLike, { "kms:EncryptionContext:aws:logs:arn": "arn:aws-cn:logs:cn-north-1:111122223333:log-group:*" });
    });

    it("leaves the cluster key unusable until its users are named", () => {
        assert.deepEqual(keyPolicy("cluster", context).Statement.map((s) => s.Sid), ["KeyAdministration"]);
        const named = keyPolicy("cluster", context, ["arn:aws-cn:iam::111122223333:role/b", "arn:aws-cn:iam::111122223333:role/a"]);
        const users = named.Statement.find((s) => s.Sid === "KeyUsers")!;
        assert.deepEqual(users.Principal.AWS, ["arn:aws-cn:iam::111122223333:role/a", "arn:aws-cn:iam::111122223333:role/b"]);
    });
});
