import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import { parse } from "yaml";
import { POLICY_CONTROLLER, SNAPSCHEDULER } from "../../infra/versions";

const CHARTS = path.resolve(__dirname, "..", "..", "infra", "upstream", "charts");

describe("pinned images", () => {
    it("pins snapscheduler's kube-rbac-proxy to the image its pinned chart names, by tag and digest", () => {
        const values = parse(fs.readFileSync(path.join(CHARTS, `snapscheduler@${SNAPSCHEDULER.chartVersion}`, "values.yaml"), "utf8")) as {
            rbacProxy: { image: { repository: string; tag: string } };
        };
        const { repository, tag } = values.rbacProxy.image;
        assert.equal(SNAPSCHEDULER.rbacProxyImage, `${repository}:${tag}`);
        assert.match(SNAPSCHEDULER.rbacProxyImage, /:v\d+\.\d+\.\d+@sha256:[0-9a-f]{64}$/);
    });

    it("pins the policy-controller image its pinned chart names, by tag and the chart's digest", () => {
        const folder = path.join(CHARTS, `${POLICY_CONTROLLER.chart}@${POLICY_CONTROLLER.chartVersion}`);
        const values = parse(fs.readFileSync(path.join(folder, "values.yaml"), "utf8")) as { webhook: { image: { repository: string; version: string } } };
        const chart = parse(fs.readFileSync(path.join(folder, "Chart.yaml"), "utf8")) as { appVersion: string };
        const { repository, version } = values.webhook.image;
        assert.equal(POLICY_CONTROLLER.image, `${repository}:v${chart.appVersion}@${version}`);
        assert.equal(POLICY_CONTROLLER.appVersion, chart.appVersion);
        assert.match(POLICY_CONTROLLER.image, /:v\d+\.\d+\.\d+@sha256:[0-9a-f]{64}$/);
    });
});
