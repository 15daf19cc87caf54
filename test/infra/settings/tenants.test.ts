import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DEFAULT_TENANT_QUOTA, MAX_TENANT_HOSTS, MAX_TENANT_KEY_GENERATION, MAX_TENANT_PODS, MAX_TENANTS } from "../../../infra/settings/tenants";
import { minimal, minimalOnPrem, parse, parseOnPrem, problems, rejects, without } from "../../harness/config-fixtures";

const withTenants = (tenants: unknown) => minimal("dev", { tenants: JSON.stringify(tenants) });
/** A stack with the platform at app.example.com (its certificate from certificateArn). */
const withDomain = (tenants: unknown) => minimal("dev", { tenants: JSON.stringify(tenants), domainName: "app.example.com" });

describe("tenant settings", () => {
    it("defaults the group, Secrets access, quota and key generation, and no host without a domain", () => {
        const [acme] = parse(withTenants([{ name: "acme" }])).tenants;
        assert.deepEqual(acme, { name: "acme", group: "tenant-acme-developers", readSecrets: false, quota: DEFAULT_TENANT_QUOTA, hosts: [], keyGeneration: 1 });
    });

    it("takes a group, Secrets access and a partial quota", () => {
        const [acme] = parse(withTenants([{ name: "acme", group: "acme-engineering", readSecrets: true, quota: { cpu: "500m", pods: 20 } }])).tenants;
        assert.deepEqual(acme, { name: "acme", group: "acme-engineering", readSecrets: true, quota: { ...DEFAULT_TENANT_QUOTA, cpu: "500m", pods: 20 }, hosts: [], keyGeneration: 1 });
    });

    it("takes a key generation from 1 to the bound, and refuses anything else naming the key", () => {
        assert.equal(parse(withTenants([{ name: "acme", keyGeneration: 3 }])).tenants[0].keyGeneration, 3);
        assert.equal(parse(withTenants([{ name: "acme", keyGeneration: MAX_TENANT_KEY_GENERATION }])).tenants[0].keyGeneration, MAX_TENANT_KEY_GENERATION);
        for (const bad of [0, -1, 1.5, "2", MAX_TENANT_KEY_GENERATION + 1]) {
            rejects(withTenants([{ name: "acme", keyGeneration: bad }]), "tenants", new RegExp(`tenants\\[0\\].keyGeneration must be a whole number from 1 to ${MAX_TENANT_KEY_GENERATION} .*got `));
        }
    });

    it("rejects duplicate and malformed tenants", () => {
        rejects(withTenants([{ name: "acme" }, { name: "acme" }]), "tenants", /duplicate tenant name "acme"/);
        rejects(withTenants([{ name: "Acme_Corp" }]), "tenants", /tenants\[0\].name "Acme_Corp" must be a DNS-1123 label/);
        rejects(withTenants([{ name: "acme", plan: "gold" }]), "tenants", /tenants\[0\].plan is not a known field; allowed: name, group, readSecrets, quota, hosts, keyGeneration/);
        rejects(withTenants([{}]), "tenants", /tenants\[0\].name is required/);
        rejects(withTenants(["acme"]), "tenants", /tenants\[0\] must be an object/);
        rejects(minimal("dev", { tenants: "acme" }), "tenants", /expected a list of tenants/);
    });

    it("refuses system groups and non-boolean Secrets access", () => {
        rejects(withTenants([{ name: "acme", group: "system:masters" }]), "tenants", /tenants\[0\].group must be .* does not start with system:/);
        rejects(withTenants([{ name: "acme", group: "" }]), "tenants", /tenants\[0\].group must be a non-empty/);
        rejects(withTenants([{ name: "acme", readSecrets: "yes" }]), "tenants", /tenants\[0\].readSecrets must be true or false, got "yes"/);
    });

    it("validates quotas as Kubernetes quantities", () => {
        rejects(withTenants([{ name: "acme", quota: { cpu: 8 } }]), "tenants", /tenants\[0\].quota.cpu 8 is not a positive Kubernetes quantity; quote it/);
        rejects(withTenants([{ name: "acme", quota: { memory: "16GB" } }]), "tenants", /tenants\[0\].quota.memory "16GB" is not a positive Kubernetes quantity/);
        rejects(withTenants([{ name: "acme", quota: { storage: "0Gi" } }]), "tenants", /tenants\[0\].quota.storage "0Gi" is not a positive/);
        rejects(withTenants([{ name: "acme", quota: { pods: 0 } }]), "tenants", new RegExp(`tenants\\[0\\].quota.pods 0 is out of range; use a whole number from 1 to ${MAX_TENANT_PODS}`));
        rejects(withTenants([{ name: "acme", quota: { gpus: 1 } }]), "tenants", /tenants\[0\].quota.gpus is not a known field; allowed: cpu, memory, pods, storage/);
        rejects(withTenants([{ name: "acme", quota: "large" }]), "tenants", /tenants\[0\].quota must be an object/);
    });

    it("gives each tenant the host <name>.<domainName> by default, on both variants", () => {
        assert.deepEqual(parse(withDomain([{ name: "acme" }, { name: "globex" }])).tenants.map((t) => t.hosts), [["acme.app.example.com"], ["globex.app.example.com"]]);
        const onprem = parseOnPrem(minimalOnPrem("dev", { domainName: "platform.corp.example", tenants: JSON.stringify([{ name: "acme" }]) }));
        assert.deepEqual(onprem.tenants[0].hosts, ["acme.platform.corp.example"]);
    });

    it("takes its own hosts and wildcard subdomains, or none for a tenant without ingress", () => {
        const [acme, globex] = parse(withDomain([{ name: "acme", hosts: ["shop.acme.example", "*.acme.example"] }, { name: "globex", hosts: [] }])).tenants;
        assert.deepEqual(acme.hosts, ["shop.acme.example", "*.acme.example"]);
        assert.deepEqual(globex.hosts, []);
    });

    it("refuses hosts that are not DNS names, too many, or repeated", () => {
        rejects(withDomain([{ name: "acme", hosts: ["*"] }]), "tenants", /tenants\[0\].hosts: "\*" is not a lower-case DNS name or a \*. wildcard subdomain/);
        rejects(withDomain([{ name: "acme", hosts: ["Shop.Acme.example"] }]), "tenants", /tenants\[0\].hosts: "Shop.Acme.example" is not a lower-case DNS name/);
        rejects(withDomain([{ name: "acme", hosts: ["*.com"] }]), "tenants", /"\*.com" is not a lower-case DNS name/);
        rejects(withDomain([{ name: "acme", hosts: ["acme.example/shop"] }]), "tenants", /"acme.example\/shop" is not a lower-case DNS name/);
        rejects(withDomain([{ name: "acme", hosts: "acme.example" }]), "tenants", new RegExp(`tenants\\[0\\].hosts must be a list of at most ${MAX_TENANT_HOSTS} host names`));
        rejects(withDomain([{ name: "acme", hosts: Array.from({ length: MAX_TENANT_HOSTS + 1 }, (_, i) => `h${i}.acme.example`) }]), "tenants", /must be a list of at most/);
        rejects(withDomain([{ name: "acme", hosts: ["a.acme.example", "a.acme.example"] }]), "tenants", /duplicate host of tenants\[0\].hosts "a.acme.example"/);
    });

    it("refuses a host of two tenants, a wildcard over another tenant's host, and the platform's own host", () => {
        rejects(withDomain([{ name: "acme" }, { name: "globex", hosts: ["acme.app.example.com"] }]), "tenants", /tenants\[1\].hosts: "acme.app.example.com" is also a host of tenants\[0\] \(acme\); each host is routed for one tenant only/);
        rejects(withDomain([{ name: "acme" }, { name: "globex", hosts: ["*.app.example.com"] }]), "tenants", /tenants\[1\].hosts: "\*.app.example.com" overlaps "acme.app.example.com" of tenants\[0\] \(acme\)/);
        rejects(withDomain([{ name: "acme", hosts: ["*.shop.example"] }, { name: "globex", hosts: ["*.eu.shop.example"] }]), "tenants", /tenants\[0\].hosts: "\*.shop.example" overlaps "\*.eu.shop.example" of tenants\[1\] \(globex\)/);
        rejects(withDomain([{ name: "acme", hosts: ["app.example.com"] }]), "tenants", /"app.example.com" overlaps domainName "app.example.com", the platform's own host/);
        rejects(withDomain([{ name: "acme", hosts: ["*.example.com"] }]), "tenants", /"\*.example.com" overlaps domainName "app.example.com"/);
        // One tenant may hold a wildcard and names below it.
        assert.deepEqual(parse(withDomain([{ name: "acme", hosts: ["*.acme.example", "api.acme.example"] }])).tenants[0].hosts, ["*.acme.example", "api.acme.example"]);
    });

    it("reports each overlapping pair of wildcards once", () => {
        const found = problems(withDomain([{ name: "acme", hosts: ["*.shop.example"] }, { name: "globex", hosts: ["*.shop.example"] }]));
        assert.equal(found.filter((p) => p.includes("overlaps")).length, 1, found.join("\n"));
    });

    it("keeps tenants' hosts under a certificate requested for domainName, which covers it and *.<domainName> only", () => {
        const withCertificate = (tenants: unknown) => minimal("dev", { tenants: JSON.stringify(tenants), domainName: "app.example.com", hostedZoneId: "Z0123456789ABCDEFGHIJ" });
        const requested = (tenants: unknown) => without(withCertificate(tenants), "certificateArn");
        rejects(requested([{ name: "acme" }, { name: "globex", hosts: ["shop.globex.example"] }]), "tenants", /the certificate requested for domainName \(app.example.com and \*.app.example.com\) does not cover "shop.globex.example" \(tenants\[1\].hosts\); use a name one label below app.example.com, or set certificateArn/);
        rejects(requested([{ name: "acme", hosts: ["*.acme.app.example.com"] }]), "tenants", /does not cover "\*.acme.app.example.com" \(tenants\[0\].hosts\)/);
        assert.deepEqual(parse(requested([{ name: "acme" }])).tenants[0].hosts, ["acme.app.example.com"]);
        // A certificate of one's own (certificateArn) cannot be read offline: the README says it must cover every host.
        assert.deepEqual(parse(withCertificate([{ name: "globex", hosts: ["shop.globex.example"] }])).tenants[0].hosts, ["shop.globex.example"]);
    });

    it("caps the number of tenants", () => {
        const many = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `t${i}` }));
        rejects(withTenants(many(MAX_TENANTS + 1)), "tenants", new RegExp(`${MAX_TENANTS + 1} tenants given; at most ${MAX_TENANTS}`));
        assert.equal(parse(withTenants(many(MAX_TENANTS))).tenants.length, MAX_TENANTS);
    });
});
