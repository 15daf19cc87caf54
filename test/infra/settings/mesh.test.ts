import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DATA_NAMESPACE, PLATFORM_NAMESPACE } from "../../../infra/k8s/kubernetes-platform";
import { PLATFORM_EGRESS_NAMESPACES } from "../../../infra/settings/mesh";
import { minimal, minimalOnPrem, parse, parseOnPrem, rejects } from "../../harness/config-fixtures";

const TENANTS = JSON.stringify([{ name: "acme" }]);
const egress = (hosts: unknown) => JSON.stringify({ hosts });

describe("mesh settings", () => {
    it("leaves every chart on its upstream repository by default", () => {
        assert.equal(parse(minimal("dev")).mesh.chartRepository, undefined);
    });

    it("takes an https or OCI mirror", () => {
        assert.equal(parse(minimal("dev", { chartRepository: "https://charts.internal.example.com/istio/" })).mesh.chartRepository, "https://charts.internal.example.com/istio");
        assert.equal(parse(minimal("dev", { chartRepository: "oci://registry.internal:5000/charts" })).mesh.chartRepository, "oci://registry.internal:5000/charts");
    });

    it("refuses plain http and anything that is not a URL", () => {
        rejects(minimal("dev", { chartRepository: "http://charts.example.com" }), "chartRepository", /not an https:\/\/ or oci:\/\/ repository URL/);
        rejects(minimal("dev", { chartRepository: "charts.example.com" }), "chartRepository", /not an https:\/\/ or oci:\/\/ repository URL/);
    });
});

describe("egress settings", () => {
    it("allows no external host by default", () => {
        assert.deepEqual(parse(minimal("dev")).mesh.egress, { hosts: [], privateDestinations: [] });
        assert.deepEqual(parseOnPrem(minimalOnPrem("dev")).mesh.egress, { hosts: [], privateDestinations: [] });
    });

    it("reads hosts with TLS on 443 by default, for platform and tenant namespaces", () => {
        const config = parse(minimal("prod", { tenants: TENANTS, egress: egress([
            { host: "api.stripe.com", namespaces: ["platform", "tenant-acme"] },
            { host: "hooks.slack.com", port: 8443, protocol: "HTTPS", namespaces: ["data"] },
        ]) }));
        assert.deepEqual(config.mesh.egress.hosts, [
            { host: "api.stripe.com", port: 443, protocol: "TLS", namespaces: ["platform", "tenant-acme"] },
            { host: "hooks.slack.com", port: 8443, protocol: "HTTPS", namespaces: ["data"] },
        ]);
    });

    it("works the same on-prem", () => {
        const config = parseOnPrem(minimalOnPrem("prod", { tenants: TENANTS, egress: egress([{ host: "updates.vendor.example", namespaces: ["tenant-acme"] }]) }));
        assert.deepEqual(config.mesh.egress.hosts.map((h) => h.host), ["updates.vendor.example"]);
    });

    it("names the platform's namespaces as the platform creates them", () => {
        assert.deepEqual([...PLATFORM_EGRESS_NAMESPACES], [PLATFORM_NAMESPACE, DATA_NAMESPACE]);
    });

    it("refuses a wildcard, saying why", () => {
        rejects(minimal("dev", { egress: egress([{ host: "*.stripe.com", namespaces: ["platform"] }]) }), "egress",
            /egress\.hosts\[0\]\.host "\*\.stripe\.com" is not a lower-case DNS name.*a wildcard cannot go through the egress gateway, which routes only to hosts it knows/);
    });

    it("refuses names that are not external DNS names", () => {
        rejects(minimal("dev", { egress: egress([{ host: "API.Stripe.com", namespaces: ["platform"] }]) }), "egress", /egress\.hosts\[0\]\.host "API\.Stripe\.com" is not a lower-case DNS name/);
        rejects(minimal("dev", { egress: egress([{ host: "10.0.0.1", namespaces: ["platform"] }]) }), "egress", /egress\.hosts\[0\]\.host "10\.0\.0\.1" is not a lower-case DNS name/);
        rejects(minimal("dev", { egress: egress([{ host: "db.data.svc.cluster.local", namespaces: ["platform"] }]) }), "egress", /names a service of the cluster; egress hosts are outside it/);
    });

    it("refuses ports outside 1-65535 and protocols other than TLS and HTTPS", () => {
        rejects(minimal("dev", { egress: egress([{ host: "api.stripe.com", port: 0, namespaces: ["platform"] }]) }), "egress", /egress\.hosts\[0\]\.port 0 is not a port; use a whole number from 1 to 65535/);
        rejects(minimal("dev", { egress: egress([{ host: "api.stripe.com", port: 65536, namespaces: ["platform"] }]) }), "egress", /port 65536 is not a port/);
        rejects(minimal("dev", { egress: egress([{ host: "api.stripe.com", port: "443", namespaces: ["platform"] }]) }), "egress", /port "443" is not a port/);
        rejects(minimal("dev", { egress: egress([{ host: "api.stripe.com", protocol: "HTTP", namespaces: ["platform"] }]) }), "egress", /egress\.hosts\[0\]\.protocol "HTTP" is not allowed; use TLS or HTTPS/);
    });

    it("refuses namespaces the platform does not create, naming those it does", () => {
        rejects(minimal("dev", { tenants: TENANTS, egress: egress([{ host: "api.stripe.com", namespaces: ["tenant-globex"] }]) }), "egress",
            /egress\.hosts\[0\]\.namespaces: "tenant-globex" is not a namespace of the platform; use one of platform, data, tenant-acme/);
        rejects(minimal("dev", { egress: egress([{ host: "api.stripe.com", namespaces: ["kube-system"] }]) }), "egress", /"kube-system" is not a namespace of the platform/);
        rejects(minimal("dev", { egress: egress([{ host: "api.stripe.com", namespaces: [] }]) }), "egress", /egress\.hosts\[0\]\.namespaces must name at least one namespace/);
        rejects(minimal("dev", { egress: egress([{ host: "api.stripe.com" }]) }), "egress", /egress\.hosts\[0\]\.namespaces must name at least one namespace/);
    });

    it("refuses a host listed twice and unknown fields", () => {
        rejects(minimal("dev", { egress: egress([{ host: "api.stripe.com", namespaces: ["platform"] }, { host: "api.stripe.com", namespaces: ["data"] }]) }), "egress", /duplicate host of egress\.hosts/);
        rejects(minimal("dev", { egress: egress([{ host: "api.stripe.com", namespaces: ["platform"], sni: "x" }]) }), "egress", /egress\.hosts\[0\]\.sni is not a known field/);
        rejects(minimal("dev", { egress: JSON.stringify({ allow: [] }) }), "egress", /egress\.allow is not a known field; allowed: hosts/);
        rejects(minimal("dev", { egress: JSON.stringify(["api.stripe.com"]) }), "egress", /expected \{hosts: \[/);
    });
});

describe("egress private destinations", () => {
    it("lets the gateway reach public addresses only by default", () => {
        assert.deepEqual(parse(minimal("dev")).mesh.egress.privateDestinations, []);
    });

    it("takes private ranges outside the cluster", () => {
        const config = parseOnPrem(minimalOnPrem("prod", { egress: JSON.stringify({ privateDestinations: ["10.20.30.0/24", "100.64.8.0/22"] }) }));
        assert.deepEqual(config.mesh.egress.privateDestinations, ["10.20.30.0/24", "100.64.8.0/22"]);
    });

    it("refuses public ranges, malformed CIDRs and duplicates", () => {
        rejects(minimal("dev", { egress: JSON.stringify({ privateDestinations: ["203.0.113.0/24"] }) }), "egress", /egress\.privateDestinations: 203\.0\.113\.0\/24 is not inside 10\.0\.0\.0\/8, 172\.16\.0\.0\/12, 192\.168\.0\.0\/16, 100\.64\.0\.0\/10; the gateway reaches public addresses already/);
        rejects(minimal("dev", { egress: JSON.stringify({ privateDestinations: ["0.0.0.0/0"] }) }), "egress", /0\.0\.0\.0\/0 is not inside/);
        rejects(minimal("dev", { egress: JSON.stringify({ privateDestinations: ["10.20.30.1/24"] }) }), "egress", /egress\.privateDestinations: "10\.20\.30\.1\/24" has host bits set/);
        rejects(minimal("dev", { egress: JSON.stringify({ privateDestinations: [42] }) }), "egress", /egress\.privateDestinations: 42 is not an IPv4 CIDR/);
        rejects(minimal("dev", { egress: JSON.stringify({ privateDestinations: ["10.20.30.0/24", "10.20.30.0/24"] }) }), "egress", /duplicate range of egress\.privateDestinations "10\.20\.30\.0\/24"/);
        rejects(minimal("dev", { egress: JSON.stringify({ privateDestinations: "10.20.30.0/24" }) }), "egress", /egress\.privateDestinations must be a list of at most 16 CIDRs/);
    });
});
