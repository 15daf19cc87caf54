import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { dataQuota } from "../../../infra/k8s/kubernetes-platform";
import { PROXY_RESOURCES } from "../../../infra/k8s/mesh/istio-mesh";
import { BACKUP_AGENT_RESOURCES, MONGOD_RESOURCES, OPERATOR_RESOURCES, perconaFootprint } from "../../../infra/k8s/mongodb/percona-mongodb";
import { multiplyQuantity, quotaFor, validateContainerResources, withRollingSurge } from "../../../infra/k8s/resources";
import { RBAC_PROXY_RESOURCES, SNAPSCHEDULER_RESOURCES, snapschedulerQuota } from "../../../infra/k8s/storage/scheduled-snapshots";
import { DEFAULT_TENANT_QUOTA } from "../../../infra/settings/tenants";
import { milliValue } from "../../../infra/lib/quantity";

const milli = (q: string) => milliValue(q)!;
const small = { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "500m", memory: "512Mi" } };

describe("quotaFor", () => {
    it("adds every pod's limits, counts the pods and keeps the allowances given", () => {
        const quota = quotaFor([{ pods: 3, containers: [small, small] }, { pods: 1, containers: [{ requests: { cpu: "1", memory: "1Gi" }, limits: { cpu: "2", memory: "2Gi" } }] }], { storage: "10Gi", nodePorts: 2 });
        assert.deepEqual(quota, { cpu: "5", memory: "5Gi", pods: 4, storage: "10Gi", nodePorts: 2 });
    });

    it("refuses a value that is not a quantity, naming it", () => {
        assert.throws(() => quotaFor([{ pods: 1, containers: [{ requests: small.requests, limits: { cpu: "lots", memory: "1Gi" } }] }], { storage: "0" }), /limits.cpu "lots" is not a Kubernetes quantity/);
    });
});

describe("withRollingSurge", () => {
    it("adds Kubernetes' default 25% surge, rounded up, or the surge given", () => {
        assert.equal(withRollingSurge(1), 2);
        assert.equal(withRollingSurge(4), 5);
        assert.equal(withRollingSurge(5), 7);
        assert.equal(withRollingSurge(4, 1), 5);
    });
});

describe("validateContainerResources", () => {
    it("refuses a request above its limit, as the API server does", () => {
        assert.throws(() => validateContainerResources({ requests: { cpu: "500m", memory: "2Gi" }, limits: { cpu: "500m", memory: "512Mi" } }, "istiod"), /istiod requests 2Gi memory, more than its limit 512Mi/);
        assert.doesNotThrow(() => validateContainerResources(small, "small"));
    });
});

describe("multiplyQuantity", () => {
    it("multiplies in the unit given", () => {
        assert.equal(multiplyQuantity("100Gi", 6, "storage"), "600Gi");
        assert.equal(multiplyQuantity("1Ti", 2, "storage"), "2Ti");
    });
});

describe("the platform's own workloads fit their namespaces", () => {
    it("every container the platform sizes keeps its requests within its limits", () => {
        for (const [what, resources] of Object.entries({ MONGOD_RESOURCES, BACKUP_AGENT_RESOURCES, OPERATOR_RESOURCES, SNAPSCHEDULER_RESOURCES, RBAC_PROXY_RESOURCES })) {
            assert.doesNotThrow(() => validateContainerResources(resources, what));
        }
    });

    it("sizes the data namespace for the operator and every member with their sidecars, and twice their volumes", () => {
        for (const members of [1, 3, 5, 7]) {
            const quota = dataQuota(members, "200Gi", true);
            const member = milli(MONGOD_RESOURCES.limits.cpu) + milli(BACKUP_AGENT_RESOURCES.limits.cpu) + milli(PROXY_RESOURCES.limits.cpu);
            const operator = milli(OPERATOR_RESOURCES.limits.cpu) + milli(PROXY_RESOURCES.limits.cpu);
            assert.equal(milli(quota.cpu), members * member + 2 * operator, `${members} members`);
            assert.equal(quota.pods, members + 2);
            assert.equal(quota.storage, `${members * 400}Gi`);
        }
        // The quota the namespace had before (16 CPU) could not hold seven members.
        assert.ok(milli(dataQuota(7, "100Gi", true).cpu) > 16000);
        assert.ok(milli(dataQuota(3, "100Gi", false).cpu) < milli(dataQuota(3, "100Gi", true).cpu), "without backups no agent");
        assert.equal(perconaFootprint(3, false, PROXY_RESOURCES)[1].containers.length, 2);
    });

    it("sizes snapscheduler's namespace for its pod and one more during a rollout", () => {
        const quota = snapschedulerQuota();
        assert.equal(quota.pods, 2);
        assert.equal(milli(quota.cpu), 2 * (milli(SNAPSCHEDULER_RESOURCES.limits.cpu) + milli(RBAC_PROXY_RESOURCES.limits.cpu)));
    });

    it("lets a default tenant run eight pods of the default size with their sidecars", () => {
        // A container without resources takes its namespace's LimitRange defaults (500m, 512Mi); the sidecar has its own.
        const pod = { cpu: milli("500m") + milli(PROXY_RESOURCES.limits.cpu), memory: milli("512Mi") + milli(PROXY_RESOURCES.limits.memory) };
        assert.equal(Math.floor(milli(DEFAULT_TENANT_QUOTA.cpu) / pod.cpu), 8);
        assert.ok(Math.floor(milli(DEFAULT_TENANT_QUOTA.memory) / pod.memory) >= 8);
    });
});
