import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { cniNodeSettings, dataNodePlacement, deployOnPremPlatform, onPremClusterIdentifier } from "../../../infra/onprem/onprem-platform";
import { cniValues } from "../../../infra/k8s/mesh/istio-mesh";
import { RecordedResource, renderComponents } from "../../../engine/program";
import { minimalOnPrem, parseOnPrem } from "../../harness/config-fixtures";
import { ofType, plain } from "../../harness/resources";

const RELEASE = "kubernetes:helm.sh/v3:Release";
const NAMESPACE = "kubernetes:core/v1:Namespace";
const DATA_NODES = { nodeSelector: { "node-role.example.com/data": "true" }, taint: { key: "dedicated", value: "data", effect: "NoSchedule" } };

const config = parseOnPrem(minimalOnPrem("prod", {
    distribution: "k3s",
    selinux: "enforcing",
    dataNodes: JSON.stringify(DATA_NODES),
    clusterIdentifier: "dc1-k3s",
}), "onprem");
let resources: readonly RecordedResource[];

before(async () => {
    ({ resources } = await renderComponents(() => deployOnPremPlatform(config)));
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const inputs = (r: RecordedResource): any => plain(r.inputs);
const release = (name: string) => ofType(resources, RELEASE).find((r) => inputs(r).name === name)!;
const namespace = (name: string) => ofType(resources, NAMESPACE).find((r) => inputs(r).metadata.name === name)!;

describe("the on-prem Kubernetes provider", () => {
    it("updates a Secret's data in place, so a protected certificate or keystore Secret takes a renewal", () => {
        const [provider] = ofType(resources, "pulumi:providers:kubernetes");
        assert.equal(provider.inputs.enableSecretMutable, "true");
    });

    it("is identified by clusterIdentifier, so a rotated server URL or credential in the kubeconfig replaces nothing", () => {
        const [provider] = ofType(resources, "pulumi:providers:kubernetes");
        assert.equal(provider.inputs.clusterIdentifier, "dc1-k3s");
    });

    it("is identified by the project and stack when the stack names no clusterIdentifier", () => {
        assert.equal(onPremClusterIdentifier(parseOnPrem(minimalOnPrem("dev"), "dc2")), "secure-platform-dc2");
    });
});

describe("the Istio CNI agent on-prem", () => {
    it("installs into k3s's CNI directories (Istio's k3s platform profile) and runs as spc_t on SELinux nodes", () => {
        const values = inputs(release("istio-cni")).values;
        assert.equal(values.global.platform, "k3s");
        assert.deepEqual(values.seLinuxOptions, { type: "spc_t" });
    });

    it("keeps the chart's directories on kubeadm and RKE2, and sets no SELinux label where SELinux is disabled", () => {
        assert.deepEqual(cniNodeSettings("kubeadm", "disabled"), {});
        assert.deepEqual(cniNodeSettings("rke2", "disabled"), {});
        assert.deepEqual(cniNodeSettings("rke2", "enforcing"), { seLinuxType: "spc_t" });
        assert.deepEqual(cniNodeSettings("kubeadm", "permissive"), { seLinuxType: "spc_t" });
        assert.deepEqual(cniNodeSettings("k3s", "disabled"), { platform: "k3s" });
        const values = cniValues({}, cniNodeSettings("kubeadm", "disabled"));
        assert.equal((values.global as Record<string, unknown>).platform, undefined);
        assert.equal(values.seLinuxOptions, undefined);
    });
});

describe("MongoDB on-prem", () => {
    it("runs the members on the data nodes, tolerating their taint", () => {
        const database = ofType(resources, "kubernetes:psmdb.percona.com/v1:PerconaServerMongoDB")[0];
        const [replset] = inputs(database).spec.replsets;
        assert.deepEqual(replset.nodeSelector, DATA_NODES.nodeSelector);
        assert.deepEqual(replset.tolerations, [{ key: "dedicated", operator: "Equal", value: "data", effect: "NoSchedule" }]);
    });

    it("tolerates a taint without a value whatever its value, and needs no toleration without a taint", () => {
        assert.deepEqual(dataNodePlacement({ nodeSelector: { pool: "db" }, taint: { key: "dedicated", effect: "NoExecute" } }).tolerations,
            [{ key: "dedicated", operator: "Exists", effect: "NoExecute" }]);
        assert.deepEqual(dataNodePlacement({ nodeSelector: { pool: "db" } }), { nodeSelector: { pool: "db" } });
    });
});

describe("namespaces holding data on-prem", () => {
    it("protects the data and platform namespaces in prod: deleting one deletes the volume claims, snapshots and Secrets in it", () => {
        assert.equal(namespace("data").protect, true);
        assert.equal(namespace("platform").protect, true);
    });

    it("leaves the data namespace in the cluster on pulumi destroy, and only that one", () => {
        assert.equal(namespace("data").retainOnDelete, true);
        assert.deepEqual(ofType(resources, NAMESPACE).filter((r) => r.retainOnDelete).map((r) => inputs(r).metadata.name), ["data"]);
    });
});
