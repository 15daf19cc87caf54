import assert from "node:assert/strict";
import { describe, it } from "node:test";
import rule, { credentialShape, isCredentialName, isReference } from "../../../../policies/kubernetes/secrets/disallow-plaintext-credentials";
import { runRule, testRuleCases } from "../../../harness/policy-unit";
import { compliantPodSpec, container, workload } from "../workloads/workload-fixtures";
import cases from "./disallow-plaintext-credentials.cases";

testRuleCases(rule, cases);

describe("what disallow-plaintext-credentials calls a credential", () => {
    it("reads names word by word, KEY only after a qualifier", () => {
        for (const name of ["DB_PASSWORD", "dbPassword", "api-key", "API_KEY", "AWS_SECRET_ACCESS_KEY", "CLIENT_SECRET", "ssh-privatekey", "GIT_CREDENTIALS", "spring.datasource.password"]) {
            assert.ok(isCredentialName(name), name);
        }
        for (const name of ["CACHE_KEY", "PUBLIC_KEY", "AWS_ACCESS_KEY_ID", "SECRET_NAME", "PASSWORD_FILE", "TOKEN_TTL", "KEYCLOAK_URL", "tls.key", "PASSWORD_MIN_LENGTH"]) {
            assert.ok(!isCredentialName(name), name);
        }
    });

    it("takes references, paths, placeholders and booleans for settings, and a literal or a URL with a password for a value", () => {
        for (const value of ["", "/run/secrets/x", "$(FROM_SECRET)", "${DB_PASSWORD}", "{{ .Values.password }}", "<set-me>", "true", "https://sso.example.com"]) {
            assert.ok(isReference(value), value);
        }
        for (const value of ["hunter2", "123456", "postgres://u:p@db/x"]) {
            assert.ok(!isReference(value), value);
        }
    });

    it("recognises credentials by their shape, and not a URL whose password is a placeholder", () => {
        assert.equal(credentialShape("mongodb://app:${PASSWORD}@db:27017"), undefined);
        assert.equal(credentialShape("https://user:not-real@example.com"), "a URL with a password");
        assert.equal(credentialShape("-----BEGIN EC PRIVATE KEY-----\nx"), "a private key");
    });

    it("never repeats the value it found", async () => {
        const outcome = await runRule(rule, { name: "leak", resources: [workload("Deployment", "api", compliantPodSpec({ containers: [container("app", { env: [{ name: "DB_PASSWORD", value: "do-not-print-me" }] })] }))] });
        assert.equal(outcome.violations.length, 1);
        assert.ok(!outcome.violations[0].message.includes("do-not-print-me"));
    });
});
