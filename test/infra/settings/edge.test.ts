import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ALLOWED_TLS_POLICIES, DEFAULT_TLS_POLICY } from "../../../infra/settings/edge";
import { ACCEPTED_TLS_POLICIES } from "../../../policies/aws/elb/require-tls-security-policy";
import { minimal, parse, rejects, without } from "../../harness/config-fixtures";

describe("edge settings", () => {
    it("defaults to AWS's recommended post-quantum TLS policy and a WAF limit of 2000", () => {
        const { edge } = parse(minimal("dev"));
        assert.equal(edge.tlsPolicy, DEFAULT_TLS_POLICY);
        assert.equal(DEFAULT_TLS_POLICY, "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09");
        assert.equal(edge.wafRateLimit, 2000);
    });
    it("rejects TLS policies outside the allowed list", () => {
        rejects(minimal("dev", { tlsPolicy: "ELBSecurityPolicy-2016-08" }), "tlsPolicy", /"ELBSecurityPolicy-2016-08" is not allowed; use one of ELBSecurityPolicy-TLS13/);
        assert.ok(ALLOWED_TLS_POLICIES.every((p) => p.startsWith("ELBSecurityPolicy-TLS13-")));
        assert.ok(!(ALLOWED_TLS_POLICIES as readonly string[]).includes("ELBSecurityPolicy-TLS13-1-2-2021-06"), "not on the ELB.17 list");
    });
    it("allows exactly what the policy pack accepts by default, so a valid stack never fails ELB.17", () => {
        assert.deepEqual([...ALLOWED_TLS_POLICIES].sort(), [...ACCEPTED_TLS_POLICIES].sort());
    });
    it("needs a certificate, or a domain and zone to request one", () => {
        const bare = without(minimal("dev"), "certificateArn");
        rejects(bare, "certificateArn", /missing; the HTTPS listener needs a certificate/);
        rejects({ ...bare, "secure-platform:domainName": "app.example.com" }, "hostedZoneId", /domainName and hostedZoneId go together/);
        const requested = parse({ ...bare, "secure-platform:domainName": "app.example.com", "secure-platform:hostedZoneId": "Z0123456789ABCDEFGHIJ" });
        assert.deepEqual([requested.edge.domainName, requested.edge.hostedZoneId, requested.edge.certificateArn], ["app.example.com", "Z0123456789ABCDEFGHIJ", undefined]);
    });
    it("rejects a certificate from another region or a malformed ARN", () => {
        rejects(minimal("dev", { certificateArn: "arn:aws:acm:us-east-1:111122223333:certificate/3f1c9a52-6f0e-4c1b-9d7e-2b5a8c4e1f07" }), "certificateArn", /is in us-east-1; a load balancer in eu-west-1 needs a certificate from eu-west-1/);
        rejects(minimal("dev", { certificateArn: "my-cert" }), "certificateArn", /"my-cert" is not an ACM certificate ARN/);
        rejects(minimal("dev", { domainName: "App.Example.com" }), "domainName", /not a lower-case DNS name/);
    });
    it("keeps the WAF rate limit in the range WAF accepts", () => {
        rejects(minimal("dev", { wafRateLimit: "10" }), "wafRateLimit", /10 is out of range; use a whole number from 100/);
    });
});
