import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { chartValues } from "../../../../engine/preflight/charts/chart-values";
import { pinnedChart } from "../../../../engine/preflight/charts/pinned-charts";
import { containersOf, PodModel } from "../../../../engine/preflight/pods";
import type { ChartPodModel } from "../../../../engine/preflight/pods/chart-pod";
import { istioCniPods, istioGatewayPods, istiodPods, istioImage } from "../../../../engine/preflight/pods/istio-charts";
import type { HelmRelease, Plain } from "../../../../engine/preflight/stack";
import { ISTIO } from "../../../../infra/versions";

function render(model: ChartPodModel, chartName: string, values: Plain, releaseName = chartName, namespace = "istio-system"): PodModel[] {
    const chart = pinnedChart(chartName, ISTIO.version);
    assert.ok(chart);
    const release = { resource: { urn: `urn:${releaseName}` }, chart: chartName, version: ISTIO.version, namespace, releaseName, values } as unknown as HelmRelease;
    return model({ release, chart, values: chartValues(chart, values) });
}

const images = { global: { hub: "docker.io/istio", tag: ISTIO.version } };

describe("Istio's chart models", () => {
    it("build image references from the component's or the global hub, tag and variant", () => {
        assert.equal(istioImage({ image: "pilot", global: { hub: "h/istio", tag: "1.2.3", variant: "distroless" } }, "pilot"), "h/istio/pilot:1.2.3-distroless");
        assert.equal(istioImage({ hub: "mine", tag: "t", image: "", global: { hub: "h", tag: "1" } }, "install-cni"), "mine/install-cni:t");
        assert.equal(istioImage({ image: "registry.example/full/pilot:9", global: {} }, "pilot"), "registry.example/full/pilot:9");
    });

    it("give istiod replicaCount without autoscaling, and its default resources even when values empty them", () => {
        const [istiod] = render(istiodPods, "istiod", { ...images, pilot: { autoscaleEnabled: false, replicaCount: 2 } });
        assert.equal(istiod.replicas, 2);
        // zzz_profile.yaml merges the values over the defaults: an empty map or a null leaves the defaults.
        for (const resources of [{}, null]) {
            const [emptied] = render(istiodPods, "istiod", { ...images, resources });
            assert.deepEqual(containersOf(emptied.template.spec)[0].resources, { requests: { cpu: "500m", memory: "2048Mi" } });
        }
    });

    it("add the tolerations a value asks for after istiod's own", () => {
        const [istiod] = render(istiodPods, "istiod", { ...images, pilot: { tolerations: [{ key: "dedicated", operator: "Exists" }] } });
        assert.deepEqual(istiod.template.spec.tolerations, [{ key: "cni.istio.io/not-ready", operator: "Exists" }, { key: "dedicated", operator: "Exists" }]);
    });

    it("replace istio-cni's tolerations and resources when values set them, and share the host's network in ambient mode", () => {
        const [cni] = render(istioCniPods, "cni", { ...images, tolerations: [{ key: "only", operator: "Exists" }], cni: { resources: { requests: { cpu: "1" } } } }, "istio-cni", "istio-cni");
        assert.deepEqual(cni.template.spec.tolerations, [{ key: "only", operator: "Exists" }]);
        assert.deepEqual(containersOf(cni.template.spec)[0].resources, { requests: { cpu: "1", memory: "100Mi" } }, "`cni.*` is merged over the defaults at the top (zzy_descope_legacy.yaml)");
        const [ambient] = render(istioCniPods, "cni", { ...images, ambient: { enabled: true, shareHostNetworkNamespace: true } }, "istio-cni", "istio-cni");
        assert.equal(ambient.template.spec.hostNetwork, true);
    });

    it("render no pods when a value scopes the chart to cluster resources", () => {
        assert.deepEqual(render(istioCniPods, "cni", { ...images, global: { ...images.global, resourceScope: "cluster" } }), []);
    });

    it("give the gateway the chart's default security context when values set none, and replicaCount without autoscaling", () => {
        const [gateway] = render(istioGatewayPods, "gateway", { autoscaling: { enabled: false }, replicaCount: 3 }, "istio-ingressgateway", "istio-ingress");
        assert.equal(gateway.replicas, 3);
        assert.equal(gateway.name, "istio-ingressgateway");
        assert.equal(gateway.template.metadata.labels.istio, "ingressgateway");
        assert.deepEqual(containersOf(gateway.template.spec)[0].securityContext, {
            capabilities: { drop: ["ALL"] }, allowPrivilegeEscalation: false, privileged: false, readOnlyRootFilesystem: true, runAsUser: 1337, runAsGroup: 1337, runAsNonRoot: true,
        });
        assert.equal(gateway.template.metadata.annotations["inject.istio.io/templates"], "gateway", "the chart asks for the gateway injection template");
    });

    it("mirror template lines that are still in the pinned charts", () => {
        const text = (chart: string, file: string) => pinnedChart(chart, ISTIO.version)!.templates.get(file) ?? "";
        for (const [chart, file, line] of [
            ["cni", "templates/daemonset.yaml", "{{- with .Values.tolerations }}"],
            ["cni", "templates/daemonset.yaml", "- SYS_ADMIN"],
            ["cni", "templates/daemonset.yaml", "{{ toYaml .Values.global.defaultResources | trim | indent 12 }}"],
            ["istiod", "templates/deployment.yaml", "- key: cni.istio.io/not-ready"],
            ["istiod", "templates/deployment.yaml", "{{ toYaml .Values.resources | trim | indent 12 }}"],
            ["istiod", "templates/autoscale.yaml", "maxReplicas: {{ .Values.autoscaleMax }}"],
            ["gateway", "templates/deployment.yaml", "image: auto"],
            ["gateway", "templates/hpa.yaml", "maxReplicas: {{ .Values.autoscaling.maxReplicas }}"],
        ] as const) {
            assert.ok(text(chart, file).includes(line), `${chart}@${ISTIO.version}/${file} still has: ${line}`);
        }
    });
});
