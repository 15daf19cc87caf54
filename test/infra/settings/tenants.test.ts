import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DEFAULT_TENANT_QUOTA, MAX_TENANT_PODS, MAX_TENANTS } from "../../../infra/settings/tenants";
import { minimal, parse, rejects } from "../../harness/config-fixtures";

const withTenants = (tenants: unknown) => minimal("dev", { tenants: JSON.stringify(tenants) });

describe("tenant settings", () => {
    it("defaults the group, Secrets access and quota", () => {
        const [acme] = parse(withTenants([{ name: "acme" }])).tenants;
        assert.deepEqual(acme, { name: "acme", group: "tenant-acme-developers", readSecrets: false, quota: DEFAULT_TENANT_QUOTA });
    });

    it("takes a group, Secrets access and a partial quota", () => {
        const [acme] = parse(withTenants([{ name: "acme", group: "acme-engineering", readSecrets: true, quota: { cpu: "500m", pods: 20 } }])).tenants;
        assert.deepEqual(acme, { name: "acme", group: "acme-engineering", readSecrets: true, quota: { ...DEFAULT_TENANT_QUOTA, cpu: "500m", pods: 20 } });
    });

    it("rejects duplicate and malformed tenants", () => {
        rejects(withTenants([{ name: "acme" }, { name: "acme" }]), "tenants", /duplicate tenant name "acme"/);
        rejects(withTenants([{ name: "Acme_Corp" }]), "tenants", /tenants\[0\].name "Acme_Corp" must be a DNS-1123 label/);
        rejects(withTenants([{ name: "acme", plan: "gold" }]), "tenants", /tenants\[0\].plan is not a known field; allowed: name, group, readSecrets, quota/);
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

    it("caps the number of tenants", () => {
        const many = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `t${i}` }));
        rejects(withTenants(many(MAX_TENANTS + 1)), "tenants", new RegExp(`${MAX_TENANTS + 1} tenants given; at most ${MAX_TENANTS}`));
        assert.equal(parse(withTenants(many(MAX_TENANTS))).tenants.length, MAX_TENANTS);
    });
});
