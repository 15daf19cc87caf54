import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
    grantsAction, limitedBy, limitsValue, patternMatches, policyStatements, principalsOf, wholeAccount,
} from "../../../policies/lib/iam-policy-document";

describe("policyStatements", () => {
    it("reads a JSON string, the object form, and a single statement object", () => {
        const statement = { Effect: "Allow", Action: "s3:GetObject", Resource: "*" };
        assert.deepEqual(policyStatements(JSON.stringify({ Statement: [statement] })), [statement]);
        assert.deepEqual(policyStatements({ Version: "2012-10-17", Statement: statement }), [statement]);
    });

    it("tells a missing document from one that cannot be read", () => {
        assert.equal(policyStatements(undefined), undefined);
        assert.equal(policyStatements(""), undefined);
        assert.equal(policyStatements("{"), "invalid");
        assert.equal(policyStatements("[1]"), "invalid");
        assert.deepEqual(policyStatements("{}"), []);
    });
});

describe("grantsAction", () => {
    it("matches Action patterns case-insensitively, with * and ?", () => {
        assert.ok(grantsAction({ Action: ["iam:Pass*"] }, "iam:PassRole"));
        assert.ok(grantsAction({ Action: "IAM:PASSROLE" }, "iam:PassRole"));
        assert.ok(grantsAction({ Action: "iam:PassRol?" }, "iam:PassRole"));
        assert.ok(!grantsAction({ Action: "iam:Get*" }, "iam:PassRole"));
    });

    it("counts what a NotAction leaves in", () => {
        assert.ok(grantsAction({ NotAction: "s3:*" }, "iam:PassRole"));
        assert.ok(!grantsAction({ NotAction: ["iam:*"] }, "iam:PassRole"));
    });

    it("escapes the rest of a pattern", () => {
        assert.ok(!patternMatches("kms:Re.crypt", "kms:ReEncrypt"));
    });
});

describe("principalsOf and wholeAccount", () => {
    it("reads \"*\", AWS \"*\", NotPrincipal and each principal type", () => {
        assert.equal(principalsOf({ Principal: "*" }).anyone, true);
        assert.equal(principalsOf({ Principal: { AWS: ["arn:aws:iam::111122223333:role/a", "*"] } }).anyone, true);
        assert.equal(principalsOf({ NotPrincipal: { AWS: "arn:aws:iam::111122223333:root" } }).anyone, true);
        const named = principalsOf({ Principal: { AWS: "111122223333", Service: ["ec2.amazonaws.com"], Federated: "cognito-identity.amazonaws.com" } });
        assert.deepEqual(named, { anyone: false, aws: ["111122223333"], service: ["ec2.amazonaws.com"], federated: ["cognito-identity.amazonaws.com"] });
    });

    it("knows an account root or bare ID from a named principal", () => {
        assert.equal(wholeAccount("arn:aws:iam::111122223333:root"), "111122223333");
        assert.equal(wholeAccount("arn:aws-cn:iam::111122223333:root"), "111122223333");
        assert.equal(wholeAccount("111122223333"), "111122223333");
        assert.equal(wholeAccount("arn:aws:iam::111122223333:role/app"), undefined);
    });
});

describe("limitedBy", () => {
    it("counts a fixed value under a positive operator", () => {
        assert.ok(limitedBy({ StringEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } }, ["aws:PrincipalOrgID"]));
        assert.ok(limitedBy({ "ForAnyValue:StringLike": { "aws:PrincipalOrgPaths": ["o-a1/r-ab12/ou-ab12-11111111/*"] } }, ["aws:PrincipalOrgPaths"]));
        assert.ok(limitedBy({ ArnLike: { "aws:SourceArn": "arn:aws:s3:::app-uploads" } }, ["aws:SourceArn"]));
        assert.ok(limitedBy({ StringEquals: { "AWS:SourceAccount": "111122223333" } }, ["aws:SourceAccount"]));
    });

    it("counts conditions that limit nothing as none", () => {
        assert.ok(!limitedBy({ StringLike: { "aws:PrincipalArn": "*" } }, ["aws:PrincipalArn"]));
        assert.ok(!limitedBy({ ArnLike: { "aws:PrincipalArn": "arn:aws:iam::*:role/*" } }, ["aws:PrincipalArn"]));
        assert.ok(!limitedBy({ StringEqualsIfExists: { "sts:ExternalId": "abc" } }, ["sts:ExternalId"]));
        assert.ok(!limitedBy({ StringNotEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } }, ["aws:PrincipalOrgID"]));
        assert.ok(!limitedBy({ "ForAllValues:StringEquals": { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } }, ["aws:PrincipalOrgID"]));
        assert.ok(!limitedBy({ StringEquals: { "aws:PrincipalArn": ["arn:aws:iam::111122223333:role/a", "*"] } }, ["aws:PrincipalArn"]));
        assert.ok(!limitedBy({ Bool: { "aws:SecureTransport": "true" } }, ["aws:SecureTransport"]));
    });

    it("does not count policy variables or a bare repo: subject", () => {
        assert.ok(!limitsValue("aws:PrincipalArn", "${aws:username}"));
        assert.ok(!limitsValue("token.actions.githubusercontent.com:sub", "repo:*"));
        assert.ok(limitsValue("token.actions.githubusercontent.com:sub", "repo:acme/*"));
    });
});
