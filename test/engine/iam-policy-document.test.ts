/**
 * `aws.iam.getPolicyDocument` answered offline as the provider builds the document (the Terraform data source
 * aws_iam_policy_document): its shape, its merging and its JSON text, byte for byte.
 */
import assert from "node:assert/strict";
import * as zlib from "node:zlib";
import { describe, it } from "node:test";
import { policyDocument } from "../../engine/iam-policy-document";

const parsed = (args: Parameters<typeof policyDocument>[0]) => JSON.parse(policyDocument(args).json) as { Version?: string; Id?: string; Statement?: Record<string, unknown>[] };

describe("the offline policy document", () => {
    it("writes Go's indented JSON: Version, then each statement's Effect, Action and Resource, a single value as a string", () => {
        const result = policyDocument({ statements: [{ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::orders/*"] }] });
        assert.equal(result.json, [
            "{",
            '  "Version": "2012-10-17",',
            '  "Statement": [',
            "    {",
            '      "Effect": "Allow",',
            '      "Action": "s3:GetObject",',
            '      "Resource": "arn:aws:s3:::orders/*"',
            "    }",
            "  ]",
            "}",
        ].join("\n"));
        assert.equal(result.minifiedJson, '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::orders/*"}]}');
        assert.equal(result.id, String(zlib.crc32(result.json)));
    });

    it("keeps a Sid, defaults Effect to Allow, leaves an empty Sid out, and writes several values in reverse order without duplicates", () => {
        const doc = parsed({
            statements: [
                { sid: "ReadOrders", actions: ["s3:GetObject", "s3:ListBucket", "s3:GetObject"], resources: ["arn:aws:s3:::a", "arn:aws:s3:::b"] },
                { effect: "Deny", notActions: ["iam:*"], notResources: ["*"] },
            ],
        });
        assert.deepEqual(doc.Statement, [
            { Sid: "ReadOrders", Effect: "Allow", Action: ["s3:ListBucket", "s3:GetObject"], Resource: ["arn:aws:s3:::b", "arn:aws:s3:::a"] },
            { Effect: "Deny", NotAction: "iam:*", NotResource: "*" },
        ]);
        assert.ok(!("Sid" in doc.Statement![1]));
    });

    it("maps principals by type, merges one type's identifiers, and writes {type: *, identifiers: [*]} as \"*\"", () => {
        const doc = parsed({
            statements: [
                {
                    actions: ["sts:AssumeRole"],
                    principals: [
                        { type: "Service", identifiers: ["lambda.amazonaws.com"] },
                        { type: "AWS", identifiers: ["arn:aws:iam::111122223333:root", "arn:aws:iam::444455556666:root"] },
                        { type: "Federated", identifiers: ["cognito-identity.amazonaws.com"] },
                    ],
                },
                { actions: ["s3:GetObject"], principals: [{ type: "*", identifiers: ["*"] }] },
                { actions: ["s3:GetObject"], principals: [{ type: "AWS", identifiers: ["*"] }] },
                { actions: ["s3:GetObject"], notPrincipals: [{ type: "AWS", identifiers: ["arn:aws:iam::111122223333:role/a"] }, { type: "AWS", identifiers: ["arn:aws:iam::111122223333:role/b"] }] },
            ],
        });
        assert.deepEqual(doc.Statement![0].Principal, {
            AWS: ["arn:aws:iam::444455556666:root", "arn:aws:iam::111122223333:root"],
            Federated: "cognito-identity.amazonaws.com",
            Service: "lambda.amazonaws.com",
        });
        assert.deepEqual(Object.keys(doc.Statement![0].Principal as object), ["AWS", "Federated", "Service"], "keys sorted as Go writes a map");
        assert.equal(doc.Statement![1].Principal, "*");
        assert.deepEqual(doc.Statement![2].Principal, { AWS: "*" }, "only {*: *} becomes \"*\": IAM refuses \"*\" in a trust policy");
        assert.deepEqual(doc.Statement![3].NotPrincipal, { AWS: ["arn:aws:iam::111122223333:role/a", "arn:aws:iam::111122223333:role/b"] });
    });

    it("writes conditions by test and variable, one value as a string and several in the order given", () => {
        const doc = parsed({
            statements: [{
                actions: ["s3:*"],
                resources: ["*"],
                conditions: [
                    { test: "Bool", variable: "aws:SecureTransport", values: ["false"] },
                    { test: "StringEquals", variable: "aws:PrincipalTag/team", values: ["orders", "billing"] },
                    { test: "StringEquals", variable: "aws:RequestedRegion", values: ["eu-west-1"] },
                ],
            }],
        });
        assert.deepEqual(doc.Statement![0].Condition, {
            Bool: { "aws:SecureTransport": "false" },
            StringEquals: { "aws:PrincipalTag/team": ["orders", "billing"], "aws:RequestedRegion": "eu-west-1" },
        });
    });

    it("turns &{ into ${ in resources, and escapes <, > and & as Go does", () => {
        const result = policyDocument({
            statements: [{
                actions: ["s3:GetObject"],
                resources: ["arn:aws:s3:::home/&{aws:username}/*"],
                conditions: [{ test: "StringLike", variable: "s3:prefix", values: ["a&b<c>"] }],
            }],
        });
        const doc = JSON.parse(result.json) as { Statement: Record<string, unknown>[] };
        assert.equal(doc.Statement[0].Resource, "arn:aws:s3:::home/${aws:username}/*");
        assert.match(result.json, /"a\\u0026b\\u003cc\\u003e"/);
        assert.throws(() => policyDocument({ version: "2008-10-17", statements: [{ resources: ["arn:aws:s3:::&{aws:username}"] }] }), /not supported in document version 2008-10-17/);
    });

    it("merges source documents, then the statements, then overrides, replacing statements by Sid and taking the last Id", () => {
        const source = JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "Keep", Effect: "Allow", Action: "s3:GetObject", Resource: "*" }, { Sid: "Replace", Effect: "Allow", Action: "s3:*", Resource: "*" }] });
        const override = JSON.stringify({ Id: "orders-policy", Statement: [{ Sid: "Replace", Effect: "Deny", Action: "s3:DeleteObject", Resource: "*" }] });
        const doc = parsed({
            sourcePolicyDocuments: [source],
            statements: [{ sid: "Added", actions: ["s3:PutObject"], resources: ["*"] }],
            overridePolicyDocuments: [override],
        });
        assert.equal(doc.Id, "orders-policy");
        assert.deepEqual(doc.Statement!.map((s) => [s.Sid, s.Effect, s.Action]), [["Keep", "Allow", "s3:GetObject"], ["Replace", "Deny", "s3:DeleteObject"], ["Added", "Allow", "s3:PutObject"]]);
    });

    it("refuses what the provider refuses, naming it: a Sid twice, a Sid shared by source documents, an unknown effect or version, a Sid with punctuation", () => {
        assert.throws(() => policyDocument({ statements: [{ sid: "A", actions: ["s3:*"] }, { sid: "A", actions: ["s3:*"] }] }), /duplicate Sid \(A\)/);
        const source = JSON.stringify({ Statement: [{ Sid: "A", Effect: "Allow", Action: "s3:*", Resource: "*" }] });
        assert.throws(() => policyDocument({ sourcePolicyDocuments: [source, source] }), /duplicate Sid \(A\) in source_policy_documents/);
        assert.throws(() => policyDocument({ statements: [{ effect: "allow", actions: ["s3:*"] }] }), /statements\[0\]\.effect: expected one of \[Allow Deny\], got allow/);
        assert.throws(() => policyDocument({ version: "2012-10-18" }), /version: expected one of \[2008-10-17 2012-10-17\]/);
        assert.throws(() => policyDocument({ statements: [{ sid: "read-orders", actions: ["s3:*"] }] }), /statements\[0\]\.sid: must only include alphanumeric characters/);
        assert.throws(() => policyDocument({ sourcePolicyDocuments: ["{ not json"] }), /merging source document 0/);
    });
});
