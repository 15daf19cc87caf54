import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import { PINNED_CHARTS_DIR, pinnedChart, pinnedChartFolders } from "../../../../engine/preflight/charts/pinned-charts";
import * as versions from "../../../../infra/versions";

/** The charts IstioMesh installs (infra/k8s/mesh/istio-mesh.ts), all at ISTIO.version. */
const ISTIO_CHARTS = ["base", "cni", "istiod", "gateway"];

/** Every (chart, version) infra/versions.ts pins: Istio's charts, and each `{chart, crdChart?, chartVersion}`. */
function pinnedInVersions(): { name: string; version: string }[] {
    const pins: { name: string; version: string }[] = ISTIO_CHARTS.map((name) => ({ name, version: versions.ISTIO.version }));
    for (const value of Object.values(versions) as unknown[]) {
        if (typeof value === "object" && value !== null && "chart" in value && "chartVersion" in value) {
            const pin = value as { chart: string; crdChart?: string; chartVersion: string };
            pins.push({ name: pin.chart, version: pin.chartVersion });
            if (pin.crdChart) {
                pins.push({ name: pin.crdChart, version: pin.chartVersion });
            }
        }
    }
    return pins;
}

describe("the pinned charts", () => {
    it("include every chart and version infra/versions.ts pins", () => {
        const pins = pinnedInVersions();
        assert.ok(pins.some((p) => p.name === versions.PERCONA_MONGODB.chart), "the Percona operator's chart is among the pins");
        const missing = pins.filter((p) => !pinnedChart(p.name, p.version)).map((p) => `${p.name}@${p.version}`);
        assert.deepEqual(missing, [], `infra/upstream/charts/ has no folder for: ${missing.join(", ")}`);
    });

    it("know no chart at a version that is not pinned, so the check above fails when a pin moves alone", () => {
        assert.equal(pinnedChart("cni", "0.0.1"), undefined);
        assert.equal(pinnedChart(versions.PERCONA_MONGODB.chart, `${versions.PERCONA_MONGODB.chartVersion}-next`), undefined);
    });

    it("are each listed in SOURCES.md with repository, tag, commit, path and licence, and nothing else is", () => {
        const sources = fs.readFileSync(path.join(PINNED_CHARTS_DIR, "SOURCES.md"), "utf8");
        const rows = [...sources.matchAll(/^\| ([a-z0-9-]+@[0-9][^ |]*) \| ([^|]+) \| ([^|]+) \| ([0-9a-f]{40}) \| ([^|]+) \| ([^|]+) \|$/gm)].map((m) => m[1]);
        const folders = pinnedChartFolders().map((f) => `${f.name}@${f.version}`);
        assert.deepEqual([...rows].sort(), [...folders].sort());
    });

    it("name themselves as their folder does, and keep their templates", () => {
        for (const { name, version } of pinnedChartFolders()) {
            const chart = pinnedChart(name, version);
            assert.ok(chart, `${name}@${version} loads`);
            assert.ok(chart.templates.size > 0, `${name}@${version} has templates`);
        }
        assert.ok(pinnedChart("istiod", versions.ISTIO.version)?.file("files/injection-template.yaml")?.includes("istio-validation"), "istiod keeps its injection template");
        assert.ok(pinnedChart("gateway", versions.ISTIO.version)?.schema, "the gateway chart's values.schema.json is pinned");
    });
});
