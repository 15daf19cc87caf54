import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DEFAULT_NODE_GROUPS } from "../../../infra/settings/cluster";
import { DEFAULT_KUBERNETES_VERSION } from "../../../infra/versions";
import { minimal, parse, rejects, without } from "../../harness/config-fixtures";

const admin = { principalArn: "arn:aws:iam::111122223333:role/deployer", access: "cluster-admin" };
const entries = (...list: object[]) => ({ accessEntries: JSON.stringify(list) });

describe("cluster settings", () => {
    it("defaults to the current Kubernetes version, a private endpoint reachable from the VPC, and sizes by environment", () => {
        const { cluster } = parse(minimal("prod", { vpcCidr: "10.30.0.0/16" }));
        assert.equal(cluster.kubernetesVersion, DEFAULT_KUBERNETES_VERSION);
        assert.deepEqual(cluster.publicAccessCidrs, []);
        assert.deepEqual(cluster.privateAccessCidrs, ["10.30.0.0/16"]);
        assert.deepEqual(cluster.nodeGroups, DEFAULT_NODE_GROUPS.prod);
    });
    it("rejects an unsupported Kubernetes version, with a hint when YAML ate a trailing zero", () => {
        rejects(minimal("dev", { kubernetesVersion: "1.29" }), "kubernetesVersion", /"1.29" is not supported; use one of 1.34, 1.35/);
        rejects(minimal("dev", { kubernetesVersion: "1.3" }), "kubernetesVersion", /YAML read 1.30 as a number; quote it/);
    });
    it("rejects 0.0.0.0/0 and other bad public endpoint CIDRs", () => {
        rejects(minimal("dev", { publicAccessCidrs: "[\"0.0.0.0/0\"]" }), "publicAccessCidrs", /whole internet/);
        rejects(minimal("dev", { publicAccessCidrs: "[\"0.0.0.0/1\"]" }), "publicAccessCidrs", /broader than \/8/);
        rejects(minimal("dev", { publicAccessCidrs: "[\"203.0.113.0/24\", \"203.0.113.0/24\"]" }), "publicAccessCidrs", /duplicate entry "203.0.113.0\/24"/);
        rejects(minimal("dev", { publicAccessCidrs: "203.0.113.0/24" }), "publicAccessCidrs", /expected a list of strings/);
    });
    it("rejects any public endpoint in prod", () => {
        rejects(minimal("prod", { publicAccessCidrs: "[\"203.0.113.0/24\"]" }), "publicAccessCidrs", /prod keeps the Kubernetes API endpoint private/);
    });
    it("takes only private ranges for the private endpoint", () => {
        rejects(minimal("dev", { privateAccessCidrs: "[\"203.0.113.0/24\"]" }), "privateAccessCidrs", /not private address space; the private endpoint takes RFC 1918 ranges/);
        rejects(minimal("dev", { privateAccessCidrs: "[]" }), "privateAccessCidrs", /empty/);
        assert.deepEqual(parse(minimal("dev", { privateAccessCidrs: "[\"10.0.0.0/16\",\"172.20.0.0/16\"]" })).cluster.privateAccessCidrs, ["10.0.0.0/16", "172.20.0.0/16"]);
    });
    it("requires access entries with at least one cluster-admin", () => {
        rejects(without(minimal("dev"), "accessEntries"), "accessEntries", /missing; name at least the role that runs pulumi up as cluster-admin/);
        rejects(minimal("dev", entries({ principalArn: admin.principalArn, access: "view" })), "accessEntries", /no entry has cluster-admin/);
    });
    it("rejects malformed access entries, naming the entry and field", () => {
        rejects(minimal("dev", entries(admin, { principalArn: "arn:aws:iam::111122223333:root", access: "view" })), "accessEntries", /accessEntries\[1\].principalArn .* account roots are not allowed/);
        rejects(minimal("dev", entries(admin, { principalArn: "arn:aws:iam::111122223333:role/x", access: "owner" })), "accessEntries", /accessEntries\[1\].access "owner" is not allowed; use one of cluster-admin, admin, edit, view/);
        rejects(minimal("dev", entries({ ...admin, namespaces: ["platform"] })), "accessEntries", /cannot limit cluster-admin/);
        rejects(minimal("dev", entries(admin, { principalArn: "arn:aws:iam::111122223333:role/x", access: "edit", namespaces: ["Bad_NS"] })), "accessEntries", /namespaces must be a non-empty list of namespace names/);
        rejects(minimal("dev", entries(admin, admin)), "accessEntries", /duplicate principal/);
        rejects(minimal("dev", entries({ ...admin, role: "x" })), "accessEntries", /accessEntries\[0\].role is not a known field/);
    });
    it("maps a principal to Kubernetes groups, with or without an access policy", () => {
        const tenantDevs = { principalArn: "arn:aws:iam::111122223333:role/acme-devs", groups: ["tenant-acme-developers"] };
        const { cluster } = parse(minimal("dev", entries(admin, tenantDevs)));
        assert.deepEqual(cluster.accessEntries[1], tenantDevs);
        rejects(minimal("dev", entries(admin, { principalArn: tenantDevs.principalArn })), "accessEntries", /accessEntries\[1\] needs access .* or groups/);
        rejects(minimal("dev", entries(admin, { ...tenantDevs, groups: ["system:masters"] })), "accessEntries", /accessEntries\[1\].groups must be a non-empty list of Kubernetes group names that do not start with system:/);
        rejects(minimal("dev", entries(admin, { ...tenantDevs, namespaces: ["tenant-acme"] })), "accessEntries", /accessEntries\[1\].namespaces limits an access policy/);
    });
    it("accepts namespace-scoped entries", () => {
        const { cluster } = parse(minimal("dev", entries(admin, { principalArn: "arn:aws:iam::111122223333:role/devs", access: "edit", namespaces: ["platform"] })));
        assert.deepEqual(cluster.accessEntries[1], { principalArn: "arn:aws:iam::111122223333:role/devs", access: "edit", namespaces: ["platform"] });
    });
    it("merges node group overrides onto the environment's defaults and checks the sizes", () => {
        const { cluster } = parse(minimal("dev", { nodeGroups: JSON.stringify({ app: { maxSize: 6 } }) }));
        assert.deepEqual(cluster.nodeGroups.app, { ...DEFAULT_NODE_GROUPS.dev.app, maxSize: 6 });
        rejects(minimal("dev", { nodeGroups: JSON.stringify({ app: { minSize: 5, maxSize: 4 } }) }), "nodeGroups", /app.sizes must satisfy minSize <= desiredSize <= maxSize/);
        rejects(minimal("dev", { nodeGroups: JSON.stringify({ app: { instanceTypes: ["huge"] } }) }), "nodeGroups", /app.instanceTypes must list 1 to 5 EC2 instance types/);
        rejects(minimal("dev", { nodeGroups: JSON.stringify({ app: { diskSizeGiB: 5 } }) }), "nodeGroups", /app.diskSizeGiB must be a whole number from 20/);
        rejects(minimal("dev", { nodeGroups: JSON.stringify({ gpu: {} }) }), "nodeGroups", /nodeGroups.gpu is not a known field; allowed: app, data/);
        rejects(minimal("prod", { nodeGroups: JSON.stringify({ data: { minSize: 1, desiredSize: 1 } }) }), "nodeGroups", /data.minSize 1 is too small in prod: the MongoDB replica set needs 3 data nodes/);
    });
});
