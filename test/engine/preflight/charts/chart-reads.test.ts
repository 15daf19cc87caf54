import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { chartReads, injectorValueMap } from "../../../../engine/preflight/charts/chart-reads";
import { chartValues, coalesceValues } from "../../../../engine/preflight/charts/chart-values";
import { pinnedChart } from "../../../../engine/preflight/charts/pinned-charts";
import { ISTIO } from "../../../../infra/versions";

const reads = (chart: string, dotted: string) => chartReads(pinnedChart(chart, ISTIO.version)!).reads(dotted.split("."));

describe("what the pinned Istio charts read", () => {
    it("count what istiod's injection templates read, through the values the injector gets", () => {
        assert.equal(reads("istiod", "global.proxy.resources.limits.memory"), true);
        assert.equal(reads("istiod", "global.proxy.privileged"), true);
        assert.equal(reads("istiod", "pilot.cni.enabled"), true, "pilot.* is copied to the top; the injector gets cni as pilot.cni");
        assert.equal(reads("istiod", "global.proxy.resourcez"), false);
        assert.equal(reads("istiod", "global.nonsense"), false, "neither the injector's values nor the debugging ConfigMap of all values count as reads");
    });

    it("do not count global.istioNamespace as read by the cni chart, which copies only cni.* to the top", () => {
        assert.equal(reads("cni", "global.istioNamespace"), false);
        assert.equal(reads("cni", "global.hub"), true);
        assert.equal(reads("cni", "cni.repair.enabled"), true);
    });

    it("count a gateway chart global as the top-level value it is merged into", () => {
        assert.equal(reads("gateway", "global.nodeSelector.x"), true, "global.* is merged into the defaults (zzz_profile.yaml, if true)");
        assert.equal(reads("gateway", "global.nonsense"), false);
    });
});

describe("the injector's view of istiod's values", () => {
    const map = injectorValueMap([
        '{{ $vals := pick .Values "global" "sidecarInjectorWebhook" "revision" -}}',
        '{{ $pilotVals := pick .Values "cni" "env" -}}',
        '{{ $gatewayVals := pick .Values.gateways "securityContext" "seccompProfile" -}}',
    ].join("\n"));

    it("maps what the injection templates read to the chart's values, and drops what the injector never gets", () => {
        assert.deepEqual(map(["global", "proxy", "image"]), ["global", "proxy", "image"]);
        assert.deepEqual(map(["pilot", "cni", "enabled"]), ["cni", "enabled"]);
        assert.deepEqual(map(["gateways", "seccompProfile"]), ["gateways", "seccompProfile"]);
        assert.equal(map(["pilot", "crlConfigMapName"]), undefined);
        assert.equal(map(["meshConfig"]), undefined);
    });

    it("refuses a dump it cannot read", () => {
        assert.throws(() => injectorValueMap("{{ $vals := .Values }}"), /no longer match/);
    });
});

describe("the values a chart renders with", () => {
    it("coalesce the user's values over the defaults, a null deleting one", () => {
        assert.deepEqual(coalesceValues({ a: { b: 1, c: 2 }, d: [1, 2] }, { a: { c: null, e: 3 }, d: [3] }), { a: { b: 1, e: 3 }, d: [3] });
    });

    it("merge Istio's internal defaults and copy pilot.* to the top, as istiod's templates do", () => {
        const values = chartValues(pinnedChart("istiod", ISTIO.version)!, { pilot: { autoscaleMax: 9, cni: { enabled: true } }, global: { hub: "h" } });
        assert.equal(values.autoscaleMax, 9);
        assert.equal(values.cni.enabled, true);
        assert.equal(values.cni.provider, "default", "the default beside the copied value");
        assert.equal(values.global.hub, "h");
        assert.equal(values.global.istioNamespace, "istio-system");
        assert.equal(values._internal_defaults_do_not_set, undefined);
    });
});
