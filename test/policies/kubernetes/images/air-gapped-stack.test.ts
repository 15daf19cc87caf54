/**
 * The image and chart rules on an air-gapped on-prem stack, whose configuration names a registry mirror and
 * a chart mirror and no AWS account (stacks/Pulumi.onprem.yaml). The rules read the stack's configuration
 * from PULUMI_CONFIG, as the CLI passes it, so this process is that stack's.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import requirePinnedHelmCharts from "../../../../policies/kubernetes/images/require-pinned-helm-charts";
import requireTrustedImages from "../../../../policies/kubernetes/workloads/require-trusted-images";
import { runRule } from "../../../harness/policy-unit";
import { helmChart } from "../mesh/istio-fixtures";
import { compliantPodSpec, container, workload } from "../workloads/workload-fixtures";

const MIRROR = "registry.corp.example:5000/mirror";
const CHARTS = "oci://registry.corp.example:5000/charts";
process.env.PULUMI_CONFIG = JSON.stringify({ "secure-platform:platform": "onprem", "secure-platform:registryMirror": MIRROR, "secure-platform:chartRepository": CHARTS });

const deployment = (image: string) => workload("Deployment", "api", compliantPodSpec({ containers: [container("app", { image })] }), "tenant-acme");

describe("require-trusted-images on an air-gapped stack", () => {
    it("trusts a versioned tag from the stack's mirror, with no setting of the rule", async () => {
        assert.deepEqual((await runRule(requireTrustedImages, { name: "mirror", resources: [deployment(`${MIRROR}/istio/proxyv2:1.29.0`)] })).violations, []);
    });

    it("trusts no other path of the mirror's host, no look-alike host, and no latest tag from the mirror", async () => {
        for (const image of ["registry.corp.example:5000/elsewhere/app:1.0.0", `${MIRROR}-evil/app:1.0.0`, "registry.corp.example/mirror/app:1.0.0"]) {
            const outcome = await runRule(requireTrustedImages, { name: image, resources: [deployment(image)] });
            assert.match(outcome.violations[0]?.message ?? "", /neither pinned by digest nor from an approved registry/, image);
        }
        const latest = await runRule(requireTrustedImages, { name: "latest", resources: [deployment(`${MIRROR}/istio/proxyv2:latest`)] });
        assert.match(latest.violations[0].message, /without an explicit version tag/);
    });
});

describe("require-pinned-helm-charts on an air-gapped stack", () => {
    it("leaves the repository to require-mirrored-sources and still requires an exact version", async () => {
        const fromMirror = helmChart("istiod", {}, { chart: `${CHARTS}/istiod`, repo: null });
        assert.deepEqual((await runRule(requirePinnedHelmCharts, { name: "mirror", resources: [fromMirror] })).violations, []);
        const elsewhere = helmChart("redis", {}, { repo: "https://charts.example.net/stable" });
        assert.deepEqual((await runRule(requirePinnedHelmCharts, { name: "elsewhere", resources: [elsewhere] })).violations, []);
        const unpinned = helmChart("istiod", {}, { chart: `${CHARTS}/istiod`, repo: null });
        const { version: _version, ...props } = unpinned.props;
        const outcome = await runRule(requirePinnedHelmCharts, { name: "unpinned", resources: [{ ...unpinned, props }] });
        assert.match(outcome.violations[0].message, /sets no version/);
    });
});
