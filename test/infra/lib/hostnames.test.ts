import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { certificateCovers, certificateNames, dnsSubjectAltNames, hostsOverlap, isHostPattern, isOneLabelBelow } from "../../../infra/lib/hostnames";

describe("hostnames", () => {
    it("accepts lower-case DNS names and wildcard subdomains, nothing broader", () => {
        for (const good of ["app.example.com", "*.acme.example.com", "a-1.example.io"]) {
            assert.ok(isHostPattern(good), good);
        }
        for (const bad of ["*", "*.com", "example", "App.example.com", "a.*.example.com", "ns/app.example.com", "*example.com", "-a.example.com"]) {
            assert.ok(!isHostPattern(bad), bad);
        }
    });

    it("overlaps as Istio matches hosts: equal, or under a wildcard at any depth, never the wildcard's own domain", () => {
        assert.ok(hostsOverlap("a.example.com", "a.example.com"));
        assert.ok(hostsOverlap("*.example.com", "a.example.com"));
        assert.ok(hostsOverlap("a.b.example.com", "*.example.com"));
        assert.ok(hostsOverlap("*.example.com", "*.b.example.com"));
        assert.ok(!hostsOverlap("*.example.com", "example.com"));
        assert.ok(!hostsOverlap("a.example.com", "b.example.com"));
        assert.ok(!hostsOverlap("*.a.example.com", "b.example.com"));
    });

    it("covers a name with a certificate SAN as TLS clients do: a wildcard stands for one label only", () => {
        assert.ok(certificateCovers(["*.example.com"], "acme.example.com"));
        assert.ok(!certificateCovers(["*.example.com"], "a.acme.example.com"));
        assert.ok(!certificateCovers(["*.example.com"], "example.com"));
        assert.ok(certificateCovers(["*.acme.example.com"], "*.acme.example.com"));
        assert.ok(!certificateCovers(["*.example.com"], "*.acme.example.com"));
        assert.ok(!certificateCovers(["acme.example.com"], "*.acme.example.com"));
    });

    it("names a certificate for the domain, one wildcard for the hosts one label below it, and every other host", () => {
        assert.ok(isOneLabelBelow("acme.app.example.com", "app.example.com"));
        assert.ok(!isOneLabelBelow("a.acme.app.example.com", "app.example.com"));
        assert.ok(!isOneLabelBelow("*.app.example.com", "app.example.com"));
        assert.deepEqual(certificateNames("app.example.com", ["acme.app.example.com", "globex.app.example.com", "*.initech.example", "shop.acme.example"]),
            ["app.example.com", "*.app.example.com", "*.initech.example", "shop.acme.example"]);
        assert.deepEqual(certificateNames(undefined, ["acme.example"]), ["acme.example"]);
        assert.deepEqual(certificateNames("app.example.com", []), ["app.example.com"]);
    });

    it("reads the DNS names of a certificate's subject alternative names", () => {
        assert.deepEqual(dnsSubjectAltNames("DNS:platform.corp.example, IP Address:10.0.0.1, DNS:*.Platform.corp.example"), ["platform.corp.example", "*.platform.corp.example"]);
        assert.deepEqual(dnsSubjectAltNames(undefined), []);
    });
});
