import assert from "node:assert/strict";
import * as crypto from "node:crypto";
import { describe, it } from "node:test";
import { minimal, minimalOnPrem, parse, parseOnPrem, rejects } from "../../harness/config-fixtures";

const PEM = crypto.generateKeyPairSync("ec", { namedCurve: "P-256" }).publicKey.export({ type: "spki", format: "pem" }).toString();
const GLOBS = ["111122223333.dkr.ecr.eu-west-1.amazonaws.com/platform/**"];
const KEYLESS = { issuer: "https://token.actions.githubusercontent.com", subjectRegExp: "^https://github\\.com/example-org/services/" };
const setting = (value: unknown) => ({ imageVerification: JSON.stringify(value) });
const KMS_ARN = "arn:aws:kms:eu-west-1:111122223333:key/0f3c2b1a-7d4e-4c6b-9a8f-2e1d3c4b5a69";

describe("image verification settings", () => {
    it("defaults to none: only the pinned third-party images are admitted", () => {
        assert.equal(parse(minimal("prod")).imageVerification, undefined);
        assert.equal(parseOnPrem(minimalOnPrem("prod")).imageVerification, undefined);
    });

    it("reads a keyless identity, enforced by default", () => {
        assert.deepEqual(parse(minimal("prod", setting({ images: GLOBS, keyless: KEYLESS }))).imageVerification, { mode: "enforce", images: GLOBS, keyless: KEYLESS });
    });

    it("reads a PEM key on an on-prem stack, where nothing outside the cluster is asked", () => {
        const config = parseOnPrem(minimalOnPrem("prod", setting({ mode: "enforce", images: ["registry.corp.example:5000/platform/**"], key: PEM })));
        assert.equal(config.imageVerification?.key, PEM.trim());
        assert.equal(config.imageVerification?.keyless, undefined);
    });

    it("allows warn only in dev", () => {
        assert.equal(parse(minimal("dev", setting({ mode: "warn", images: GLOBS, keyless: KEYLESS }))).imageVerification?.mode, "warn");
        rejects(minimal("staging", setting({ mode: "warn", images: GLOBS, keyless: KEYLESS })), "imageVerification", /mode warn is allowed only in dev; a staging stack must use enforce/);
        rejects(minimal("prod", setting({ mode: "audit", images: GLOBS, keyless: KEYLESS })), "imageVerification", /mode "audit" is not allowed; use enforce or warn/);
    });

    it("needs exactly one of keyless and key", () => {
        rejects(minimal("prod", setting({ images: GLOBS })), "imageVerification", /needs exactly one of keyless .* and key/);
        rejects(minimal("prod", setting({ images: GLOBS, keyless: KEYLESS, key: PEM })), "imageVerification", /needs exactly one of keyless .* and key/);
    });

    it("refuses an identity without an https issuer, or with both or neither subject forms, or an unanchored pattern", () => {
        rejects(minimal("prod", setting({ images: GLOBS, keyless: { ...KEYLESS, issuer: "http://issuer.example" } })), "imageVerification", /keyless.issuer must be the OIDC issuer's https:\/\/ URL/);
        rejects(minimal("prod", setting({ images: GLOBS, keyless: { issuer: KEYLESS.issuer } })), "imageVerification", /keyless needs exactly one of subject .* and subjectRegExp/);
        rejects(minimal("prod", setting({ images: GLOBS, keyless: { ...KEYLESS, subject: "a@example.com" } })), "imageVerification", /keyless needs exactly one of subject/);
        rejects(minimal("prod", setting({ images: GLOBS, keyless: { ...KEYLESS, subjectRegExp: "example-org" } })), "imageVerification", /keyless.subjectRegExp must be a string anchored with \^/);
        rejects(minimal("prod", setting({ images: GLOBS, keyless: { ...KEYLESS, subjectRegExp: "^(" } })), "imageVerification", /keyless.subjectRegExp is not a regular expression/);
        rejects(minimal("prod", setting({ images: GLOBS, keyless: { ...KEYLESS, audience: "sigstore" } })), "imageVerification", /keyless.audience is not a known field/);
    });

    it("refuses a key that is not a PEM public key, and a short RSA key", () => {
        rejects(minimal("prod", setting({ images: GLOBS, key: "not a key" })), "imageVerification", /key is not a PEM public key/);
        const rsa = crypto.generateKeyPairSync("rsa", { modulusLength: 1024 }).publicKey.export({ type: "spki", format: "pem" }).toString();
        rejects(minimal("prod", setting({ images: GLOBS, key: rsa })), "imageVerification", /RSA key must be at least 2048 bits/);
    });

    it("takes an AWS KMS key by ARN on AWS, in the stack's region, and refuses it on-prem", () => {
        const uri = `awskms:///${KMS_ARN}`;
        assert.deepEqual(parse(minimal("prod", setting({ images: GLOBS, key: uri }))).imageVerification?.kmsKey, { uri, arn: KMS_ARN });
        rejects(minimal("prod", setting({ images: GLOBS, key: "awskms:///alias/image-signing" })), "imageVerification", /is not awskms:\/\/\/ followed by a KMS key ARN/);
        rejects(minimal("prod", setting({ images: GLOBS, key: `awskms://localhost:4566/${KMS_ARN}` })), "imageVerification", /is not awskms:\/\/\/ followed by a KMS key ARN/);
        rejects(minimal("prod", setting({ images: GLOBS, key: uri.replace("eu-west-1", "us-east-1") })), "imageVerification", /the KMS key is in us-east-1; the controller reaches KMS of the stack's region, eu-west-1/);
        rejects(minimalOnPrem("prod", setting({ images: ["registry.corp.example:5000/platform/**"], key: uri })), "imageVerification", /an awskms:\/\/ key needs AWS credentials/);
    });

    it("needs globs of one registry, each once", () => {
        rejects(minimal("prod", setting({ images: [], keyless: KEYLESS })), "imageVerification", /images must be a non-empty list of image globs/);
        rejects(minimal("prod", setting({ images: ["**"], keyless: KEYLESS })), "imageVerification", /images: "\*\*" is not a glob of one registry/);
        rejects(minimal("prod", setting({ images: ["registry.example.com/platform/[a-z]*"], keyless: KEYLESS })), "imageVerification", /is not a glob of one registry/);
        rejects(minimal("prod", setting({ images: [GLOBS[0], GLOBS[0]], keyless: KEYLESS })), "imageVerification", /duplicate image glob/);
    });

    it("refuses a value that is not an object, and unknown fields", () => {
        rejects(minimal("prod", { imageVerification: "enforce" }), "imageVerification", /expected an object like/);
        rejects(minimal("prod", setting({ images: GLOBS, keyless: KEYLESS, namespaces: ["platform"] })), "imageVerification", /imageVerification.namespaces is not a known field/);
    });
});
