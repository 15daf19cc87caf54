import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import { parse as parseYaml } from "yaml";
import { MAX_PRIVATE_ACCESS_CIDRS } from "../../../infra/settings/cluster";
import { minimal, minimalOnPrem, parse, rejects } from "../../harness/config-fixtures";

const CONNECTION = "arn:aws:codeconnections:eu-west-1:111122223333:connection/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d";
const runner = (value: object) => ({ deployRunner: JSON.stringify(value) });
const PREVIEW = "arn:aws:iam::111122223333:role/platform-preview";
const ROOT = path.resolve(__dirname, "..", "..", "..");

describe("deploy settings", () => {
    it("default to the platform phase, no runner and no preview role", () => {
        const { deploy } = parse(minimal("prod"));
        assert.deepEqual(deploy, { phase: "platform" });
    });

    it("take the foundation phase and refuse any other, naming the phases", () => {
        assert.equal(parse(minimal("prod", { deployPhase: "foundation" })).deploy.phase, "foundation");
        rejects(minimal("prod", { deployPhase: "aws" }), "deployPhase", /"aws" is not allowed; use one of foundation, platform/);
    });

    it("read a runner with a medium machine by default", () => {
        const { deploy } = parse(minimal("prod", runner({ repository: "example-org/secure-platform", connectionArn: CONNECTION })));
        assert.deepEqual(deploy.runner, { repository: "example-org/secure-platform", connectionArn: CONNECTION, computeType: "BUILD_GENERAL1_MEDIUM" });
        const older = CONNECTION.replace("codeconnections", "codestar-connections");
        assert.equal(parse(minimal("prod", runner({ repository: "o/r", connectionArn: older, computeType: "BUILD_GENERAL1_LARGE" }))).deploy.runner?.computeType, "BUILD_GENERAL1_LARGE");
    });

    it("refuse a runner whose repository is not owner/name", () => {
        for (const repository of ["secure-platform", "https://github.com/o/r", "o/r/x", "-o/r", "o/..", 42]) {
            rejects(minimal("prod", runner({ repository, connectionArn: CONNECTION })), "deployRunner", /repository .* must be a GitHub repository as owner\/name/);
        }
    });

    it("refuse a runner without a CodeConnections connection of the stack's account and partition", () => {
        rejects(minimal("prod", runner({ repository: "o/r" })), "deployRunner", /connectionArn undefined must be the ARN of the account's CodeConnections connection/);
        rejects(minimal("prod", runner({ repository: "o/r", connectionArn: "arn:aws:secretsmanager:eu-west-1:111122223333:secret:github" })), "deployRunner", /is not a CodeConnections connection ARN/);
        rejects(minimal("prod", { awsAccountId: "111122223333", ...runner({ repository: "o/r", connectionArn: CONNECTION.replace("111122223333", "444455556666") }) }), "deployRunner", /connectionArn is in account 444455556666; .* 111122223333 \(awsAccountId\)/);
        rejects(minimal("prod", runner({ repository: "o/r", connectionArn: CONNECTION.replace("arn:aws:", "arn:aws-cn:") })), "deployRunner", /partition aws-cn; eu-west-1 is in aws/);
    });

    it("refuse unknown runner fields and compute types, naming what is allowed", () => {
        rejects(minimal("prod", runner({ repository: "o/r", connectionArn: CONNECTION, image: "ubuntu" })), "deployRunner", /deployRunner.image is not a known field; allowed: repository, connectionArn, computeType/);
        rejects(minimal("prod", runner({ repository: "o/r", connectionArn: CONNECTION, computeType: "BUILD_GENERAL1_2XLARGE" })), "deployRunner", /computeType "BUILD_GENERAL1_2XLARGE" is not allowed; use one of BUILD_GENERAL1_SMALL, BUILD_GENERAL1_MEDIUM, BUILD_GENERAL1_LARGE/);
        rejects(minimal("prod", { deployRunner: "example-org/secure-platform" }), "deployRunner", /expected an object like \{repository/);
    });

    it("read a preview role of the stack's account", () => {
        assert.equal(parse(minimal("prod", { awsAccountId: "111122223333", previewRoleArn: PREVIEW })).deploy.previewRoleArn, PREVIEW);
    });

    it("refuse a preview role that is not a role, of another account, or already in accessEntries", () => {
        rejects(minimal("prod", { previewRoleArn: "arn:aws:iam::111122223333:user/preview" }), "previewRoleArn", /is not an IAM role ARN/);
        rejects(minimal("prod", { awsAccountId: "444455556666", previewRoleArn: PREVIEW }), "previewRoleArn", /the role is in account 111122223333; .* 444455556666 \(awsAccountId\)/);
        rejects(minimal("prod", { previewRoleArn: "arn:aws:iam::111122223333:role/deployer" }), "previewRoleArn", /already has an entry in accessEntries, and EKS keeps one access entry per principal/);
    });

    it("belong to AWS stacks only", () => {
        for (const [key, value] of [["deployPhase", "foundation"], ["previewRoleArn", PREVIEW], ["deployRunner", JSON.stringify({ repository: "o/r", connectionArn: CONNECTION })]]) {
            rejects(minimalOnPrem("prod", { [key]: value }), key, /applies only to platform aws/);
        }
    });

    it("are never set to foundation in a committed stack, so CI always deploys the whole platform", () => {
        for (const file of fs.readdirSync(path.join(ROOT, "stacks")).filter((f) => /^Pulumi\..+\.yaml$/.test(f))) {
            const settings = parseYaml(fs.readFileSync(path.join(ROOT, "stacks", file), "utf8")) as { config?: Record<string, unknown> };
            assert.equal(settings.config?.["secure-platform:deployPhase"], undefined, `${file} sets deployPhase; set it on the command line for the first deployment only`);
        }
    });
});

describe("privateAccessCidrs and the app tier's network ACL", () => {
    it("refuses more ranges than the ACL has rules for, naming the limit", () => {
        const ranges = Array.from({ length: MAX_PRIVATE_ACCESS_CIDRS + 1 }, (_, i) => `172.${16 + i}.0.0/16`);
        rejects(minimal("prod", { privateAccessCidrs: JSON.stringify(ranges) }), "privateAccessCidrs", /9 ranges given; at most 8 fit the app tier's network ACL/);
        assert.equal(parse(minimal("prod", { privateAccessCidrs: JSON.stringify(ranges.slice(1)) })).cluster.privateAccessCidrs.length, MAX_PRIVATE_ACCESS_CIDRS);
    });
});
