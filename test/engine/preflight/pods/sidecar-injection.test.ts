import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { chartValues } from "../../../../engine/preflight/charts/chart-values";
import { pinnedChart } from "../../../../engine/preflight/charts/pinned-charts";
import { containersOf, PodModel } from "../../../../engine/preflight/pods";
import { inject, Injector, injects } from "../../../../engine/preflight/pods/sidecar-injection";
import type { Plain } from "../../../../engine/preflight/stack";
import { ISTIO } from "../../../../infra/versions";

function injector(values: Plain = {}, namespaces: Record<string, Record<string, string>> = { meshed: { "istio-injection": "enabled" }, plain: {}, off: { "istio-injection": "disabled" } }): Injector {
    const chart = pinnedChart("istiod", ISTIO.version);
    assert.ok(chart);
    const istiodValues = chartValues(chart, { pilot: { cni: { enabled: true } }, global: { hub: "docker.io/istio", tag: ISTIO.version }, ...values });
    return { values: istiodValues, namespaceLabels: new Map(Object.entries(namespaces)) };
}

function podIn(namespace: string, metadata: Plain = {}, spec: Plain = {}): PodModel {
    return {
        origin: { urn: "urn:test", path: "spec.template", description: "Deployment test" },
        kind: "Deployment",
        name: "app",
        namespace,
        replicas: 1,
        template: { metadata, spec: { containers: [{ name: "app", image: "app:1" }], ...spec } },
    };
}

describe("Istio's sidecar injection", () => {
    it("selects pods as istiod's webhooks and injectRequired do", () => {
        const istio = injector();
        assert.equal(injects(istio, podIn("meshed")), true);
        assert.equal(injects(istio, podIn("meshed", { labels: { "sidecar.istio.io/inject": "false" } })), false, "opt-out label");
        assert.equal(injects(istio, podIn("meshed", { annotations: { "sidecar.istio.io/inject": "false" } })), false, "opt-out annotation");
        assert.equal(injects(istio, podIn("meshed", {}, { hostNetwork: true })), false, "host network");
        assert.equal(injects(istio, podIn("plain")), false, "a namespace without the label");
        assert.equal(injects(istio, podIn("plain", { labels: { "sidecar.istio.io/inject": "true" } })), true, "a pod's own opt-in label");
        assert.equal(injects(istio, podIn("plain", { annotations: { "sidecar.istio.io/inject": "true" } })), false, "an annotation does not select the pod for the webhook");
        assert.equal(injects(istio, podIn("off", { labels: { "sidecar.istio.io/inject": "true" } })), false, "istio-injection=disabled wins");
        assert.equal(injects(istio, podIn("unknown-namespace")), false);
        assert.equal(injects(injector({ global: { hub: "h", tag: "t", proxy: { autoInject: "disabled" } } }), podIn("meshed")), false, "autoInject disabled and no opt-in");
    });

    it("adds istio-validation and a native istio-proxy, with the template's security contexts, under istio-cni", () => {
        const injected = inject(injector(), podIn("meshed"));
        assert.equal(injected.injected, true);
        assert.deepEqual((injected.template.spec.initContainers as Plain[]).map((c) => c.name), ["istio-validation", "istio-proxy"]);
        assert.deepEqual(containersOf(injected.template.spec).map((c) => c.name), ["istio-validation", "istio-proxy", "app"]);
        const validation = containersOf(injected.template.spec)[0];
        assert.deepEqual(validation.securityContext, { allowPrivilegeEscalation: false, privileged: false, capabilities: { drop: ["ALL"] }, readOnlyRootFilesystem: true, runAsGroup: 1337, runAsUser: 1337, runAsNonRoot: true });
        assert.equal(validation.image, `docker.io/istio/proxyv2:${ISTIO.version}`);
    });

    it("adds istio-init with NET_ADMIN as root without istio-cni, and a regular proxy container when the pod refuses native sidecars", () => {
        const istio = injector({ pilot: { cni: { enabled: false } } });
        const injected = inject(istio, podIn("meshed", { annotations: { "sidecar.istio.io/nativeSidecar": "false" } }));
        const init = (injected.template.spec.initContainers as Plain[])[0];
        assert.equal(init.name, "istio-init");
        assert.deepEqual(init.securityContext.capabilities, { add: ["NET_ADMIN", "NET_RAW"], drop: ["ALL"] });
        assert.equal(init.securityContext.runAsUser, 0);
        assert.deepEqual((injected.template.spec.containers as Plain[]).map((c) => c.name), ["app", "istio-proxy"]);
    });

    it("puts the proxy first when the application waits for it and the sidecar is not native", () => {
        const istio = injector({ meshConfig: { defaultConfig: { holdApplicationUntilProxyStarts: true } } });
        const injected = inject(istio, podIn("meshed", { annotations: { "sidecar.istio.io/nativeSidecar": "false" } }));
        assert.deepEqual((injected.template.spec.containers as Plain[]).map((c) => c.name), ["istio-proxy", "app"]);
    });

    it("applies global.proxy.seccompProfile, privileged and the pull secrets to what it adds", () => {
        const istio = injector({ global: { hub: "h", tag: "t", imagePullSecrets: ["mirror"], proxy: { privileged: true, seccompProfile: { type: "RuntimeDefault" } } } });
        const injected = inject(istio, podIn("meshed"));
        const proxy = containersOf(injected.template.spec).find((c) => c.name === "istio-proxy")!;
        assert.deepEqual(proxy.securityContext.seccompProfile, { type: "RuntimeDefault" });
        assert.equal(proxy.securityContext.privileged, true);
        assert.deepEqual(injected.template.spec.imagePullSecrets, [{ name: "mirror" }]);
    });
});
