import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { chartValues } from "../../../../engine/preflight/charts/chart-values";
import { pinnedChart } from "../../../../engine/preflight/charts/pinned-charts";
import { containersOf, PodModel } from "../../../../engine/preflight/pods";
import type { ChartPodModel } from "../../../../engine/preflight/pods/chart-pod";
import { perconaOperatorPods, snapschedulerPods } from "../../../../engine/preflight/pods/operator-charts";
import type { HelmRelease, Plain } from "../../../../engine/preflight/stack";
import { PERCONA_MONGODB, SNAPSCHEDULER } from "../../../../infra/versions";

function render(model: ChartPodModel, chartName: string, version: string, values: Plain, releaseName: string): PodModel {
    const chart = pinnedChart(chartName, version);
    assert.ok(chart, `${chartName}@${version} is pinned`);
    const release = { resource: { urn: `urn:${releaseName}` }, chart: chartName, version, namespace: "ops", releaseName, values } as unknown as HelmRelease;
    const pods = model({ release, chart, values: chartValues(chart, values) });
    assert.equal(pods.length, 1);
    return pods[0];
}

describe("the operators' chart models", () => {
    it("render the Percona operator from the chart's defaults: its image, no contexts, no resources", () => {
        const operator = render(perconaOperatorPods, PERCONA_MONGODB.chart, PERCONA_MONGODB.chartVersion, {}, "mongo-operator");
        assert.equal(operator.name, "mongo-operator-psmdb-operator");
        const [manager] = containersOf(operator.template.spec);
        assert.equal(manager.image, `percona/percona-server-mongodb-operator:${PERCONA_MONGODB.chartVersion}`, "the chart's values.yaml image");
        assert.deepEqual(manager.securityContext, {});
        assert.deepEqual(manager.resources, {});
        assert.deepEqual(operator.template.spec.securityContext, {});
        assert.equal(operator.template.spec.volumes, undefined, "no /tmp volume without a read-only root");
    });

    it("render snapscheduler's two containers from the chart's defaults, the proxy on the chart's own pinned tag", () => {
        const snapscheduler = render(snapschedulerPods, SNAPSCHEDULER.chart, SNAPSCHEDULER.chartVersion, {}, "snapscheduler");
        assert.equal(snapscheduler.name, "snapscheduler");
        const [proxy, manager] = containersOf(snapscheduler.template.spec);
        assert.match(String(proxy.image), /^quay\.io\/brancz\/kube-rbac-proxy:v0\.19\.1@sha256:/);
        assert.equal(manager.image, `quay.io/backube/snapscheduler:${SNAPSCHEDULER.chartVersion}`, "the chart's appVersion");
        assert.deepEqual(manager.securityContext, { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } });
        assert.deepEqual(snapscheduler.template.spec.securityContext, { runAsNonRoot: true });
        assert.equal(snapscheduler.template.spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight, 100);
    });

    it("use full image references and names the values give", () => {
        const snapscheduler = render(snapschedulerPods, SNAPSCHEDULER.chart, SNAPSCHEDULER.chartVersion, { image: { image: "mirror/snap:1" }, rbacProxy: { image: { image: "mirror/proxy:2" } }, fullnameOverride: "snaps" }, "snapscheduler");
        assert.deepEqual(containersOf(snapscheduler.template.spec).map((c) => c.image), ["mirror/proxy:2", "mirror/snap:1"]);
        assert.equal(snapscheduler.name, "snaps");
    });
});
