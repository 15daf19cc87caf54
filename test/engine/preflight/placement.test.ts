import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { nodeGroupsOf, placementFindings, placePods, selectorMatches, tolerates } from "../../../engine/preflight/placement";
import { allPods } from "../../../engine/preflight/pods";
import { PreflightStack } from "../../../engine/preflight/stack";
import { editInputs, handBuilt, pod, resource, stackConfig } from "./hand-built-stacks";
import { renderStacks, RenderedStack } from "./rendered-stacks";

const DATA_TAINT = { key: "secure-platform/dedicated", value: "data", effect: "NO_SCHEDULE" };
const DATA_TOLERATION = { key: "secure-platform/dedicated", operator: "Equal", value: "data", effect: "NoSchedule" };

function groups(dataMax = 3) {
    return [
        resource("aws:eks/nodeGroup:NodeGroup", "nodes-app", { amiType: "BOTTLEROCKET_x86_64", instanceTypes: ["m7i.large"], labels: { "secure-platform/node-group": "app" }, taints: [], scalingConfig: { minSize: 2, desiredSize: 2, maxSize: 4 }, subnetIds: [] }),
        resource("aws:eks/nodeGroup:NodeGroup", "nodes-data", { amiType: "BOTTLEROCKET_x86_64", instanceTypes: ["r7i.large"], labels: { "secure-platform/node-group": "data" }, taints: [DATA_TAINT], scalingConfig: { minSize: 1, desiredSize: 1, maxSize: dataMax }, subnetIds: [] }),
    ];
}

describe("tolerations and selectors", () => {
    it("tolerate a taint by key and value, by key alone with Exists, or everything with an empty Exists", () => {
        const taint = { key: "secure-platform/dedicated", value: "data", effect: "NoSchedule" as const };
        assert.equal(tolerates([DATA_TOLERATION], taint), true);
        assert.equal(tolerates([{ key: "secure-platform/dedicated", operator: "Exists" }], taint), true);
        assert.equal(tolerates([{ operator: "Exists" }], taint), true);
        assert.equal(tolerates([{ key: "secure-platform/dedicated", operator: "Equal", value: "other" }], taint), false);
        assert.equal(tolerates([{ ...DATA_TOLERATION, effect: "NoExecute" }], taint), false);
    });

    it("match a group's labels and the labels every EKS node has, and cannot rule out per-node labels", () => {
        const [app] = nodeGroupsOf(handBuilt(groups()));
        assert.equal(selectorMatches({ nodeSelector: { "secure-platform/node-group": "app", "kubernetes.io/os": "linux" } }, app.labels), "yes");
        assert.equal(selectorMatches({ nodeSelector: { "kubernetes.io/arch": "arm64" } }, app.labels), "no");
        assert.equal(selectorMatches({ nodeSelector: { "topology.kubernetes.io/zone": "eu-west-1a" } }, app.labels), "maybe");
        const affinity = (operator: string, values: string[]) => ({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: "secure-platform/node-group", operator, values }] }] } } } });
        assert.equal(selectorMatches(affinity("In", ["data"]), app.labels), "no");
        assert.equal(selectorMatches(affinity("NotIn", ["data"]), app.labels), "yes");
    });
});

describe("placement", () => {
    it("reports a pod that tolerates the data taint but selects a label no group has, as the scheduler words it", () => {
        const mongo = pod("data", "mongodb-rs0", undefined, { kind: "StatefulSet", replicas: 3, spec: { nodeSelector: { "secure-platform/node-group": "database" }, tolerations: [DATA_TOLERATION] } });
        const [finding] = placementFindings(handBuilt(groups()), [mongo]);
        assert.equal(finding.refusedBy, "kube-scheduler");
        assert.equal(finding.path, "spec.template.spec");
        assert.match(finding.message, /StatefulSet data\/mongodb-rs0: 0\/3 nodes are available: 3 node\(s\) didn't match Pod's node affinity\/selector\./);
        assert.match(finding.message, /The pod stays Pending/);
        assert.match(finding.fix, /nodes-data \(labels secure-platform\/node-group=data; taints secure-platform\/dedicated=data:NoSchedule\)/);
    });

    it("reports a pod selecting the data nodes without tolerating their taint, and places it once it does", () => {
        const mongo = pod("data", "mongodb-rs0", undefined, { kind: "StatefulSet", spec: { nodeSelector: { "secure-platform/node-group": "data" } } });
        const [finding] = placementFindings(handBuilt(groups()), [mongo]);
        assert.match(finding.message, /1 node\(s\) had untolerated taint \{secure-platform\/dedicated: data\}, 2 node\(s\) didn't match Pod's node affinity\/selector/);
        const tolerated = { ...mongo, template: { ...mongo.template, spec: { ...mongo.template.spec, tolerations: [DATA_TOLERATION] } } };
        assert.deepEqual(placementFindings(handBuilt(groups()), [tolerated]), []);
    });

    it("lands a DaemonSet that tolerates every NoSchedule taint on every group, one pod per node at the most", () => {
        const cni = pod("istio-cni", "istio-cni-node", undefined, { kind: "DaemonSet", spec: { nodeSelector: { "kubernetes.io/os": "linux" }, tolerations: [{ effect: "NoSchedule", operator: "Exists" }] } });
        const [placement] = placePods(nodeGroupsOf(handBuilt(groups())), [cni]);
        assert.deepEqual(placement.groups.map((g) => g.name), ["nodes-app", "nodes-data"]);
        assert.equal(placement.podsAtMost, 7);
    });

    it("reports replicas that must spread one per node over more replicas than the groups have nodes", () => {
        const spread = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: "kubernetes.io/hostname", labelSelector: { matchLabels: { app: "mongodb-rs0" } } }] } };
        const mongo = pod("data", "mongodb-rs0", undefined, { kind: "StatefulSet", replicas: 3, spec: { nodeSelector: { "secure-platform/node-group": "data" }, tolerations: [DATA_TOLERATION], affinity: spread } });
        const [finding] = placementFindings(handBuilt(groups(2)), [mongo]);
        assert.equal(finding.path, "spec.template.spec.affinity.podAntiAffinity");
        assert.match(finding.message, /3 replicas must each run on a different node .* have at most 2 node\(s\); 1 replica\(s\) stay Pending/);
        assert.deepEqual(placementFindings(handBuilt(groups(3)), [mongo]), []);
    });

    it("judges nothing where the stack creates no nodes (on-prem)", () => {
        const anything = pod("apps", "web", undefined, { spec: { nodeSelector: { "no-such": "label" } } });
        assert.deepEqual(placementFindings(handBuilt([]), [anything]), []);
    });
});

describe("placement on the committed stacks", () => {
    let stacks: Record<string, RenderedStack>;
    before(async () => {
        stacks = await renderStacks(["prod"]);
    });

    it("puts MongoDB on the data nodes only and the istio-cni agent on every group", () => {
        const stack = new PreflightStack(stacks.prod.resources, stackConfig("prod"));
        const placements = placePods(nodeGroupsOf(stack), allPods(stack));
        const on = (name: string) => placements.find((p) => p.pod.name === name)?.groups.map((g) => g.name);
        assert.deepEqual(on("mongodb-rs0"), ["nodes-data"]);
        assert.deepEqual(on("istio-cni-node"), ["nodes-app", "nodes-data"]);
    });

    it("finds MongoDB Pending once the data nodes' taint is no longer tolerated", () => {
        const resources = editInputs(stacks.prod.resources, (r) => r.type === "aws:eks/nodeGroup:NodeGroup" && r.name === "nodes-data", (inputs) => {
            inputs.taints = [{ key: "secure-platform/dedicated", value: "mongodb", effect: "NO_SCHEDULE" }];
        });
        const stack = new PreflightStack(resources, stackConfig("prod"));
        const findings = placementFindings(stack, allPods(stack)).filter((f) => f.message.includes("mongodb-rs0") || f.message.includes("data/mongodb"));
        assert.equal(findings.length, 1, placementFindings(stack, allPods(stack)).map((f) => f.message).join("\n"));
        assert.match(findings[0].message, /had untolerated taint \{secure-platform\/dedicated: mongodb\}/);
    });
});
