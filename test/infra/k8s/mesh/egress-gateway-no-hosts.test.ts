import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import * as k8s from "@pulumi/kubernetes";
import { EgressGateway, egressNamespaceAllows } from "../../../../infra/k8s/mesh/egress-gateway";
import { RecordedResource, renderComponents } from "../../../../engine/program";
import { descendantsOf, named, ofType, plain } from "../../../harness/resources";

let gateway: RecordedResource[];
let failure: Error | undefined;

before(async () => {
    const { resources } = await renderComponents(() => {
        const provider = new k8s.Provider("cluster", { kubeconfig: "{}" });
        new EgressGateway("egress", { kubernetesVersion: "1.35", replicas: 1, hosts: [], meshReady: [], clientNamespaces: [] }, { provider });
        try {
            new EgressGateway("egress-none", { kubernetesVersion: "1.35", replicas: 0, meshReady: [], clientNamespaces: [] }, { provider });
        } catch (error) {
            failure = error as Error;
        }
    });
    gateway = descendantsOf(resources, named(resources, "egress"));
});

const of = (type: string) => ofType(gateway, `kubernetes:${type}`).map((r) => plain(r.inputs));

describe("EgressGateway without external hosts", () => {
    it("runs the gateway with no route, no internet egress and no caller", () => {
        assert.equal(of("helm.sh/v3:Release").length, 1);
        for (const type of ["networking.istio.io/v1:ServiceEntry", "networking.istio.io/v1:VirtualService", "networking.istio.io/v1:Gateway", "networking.istio.io/v1:DestinationRule", "security.istio.io/v1:AuthorizationPolicy"]) {
            assert.deepEqual(of(type), [], type);
        }
        const names = of("networking.k8s.io/v1:NetworkPolicy").map((p) => `${p.metadata.namespace}/${p.metadata.name}`);
        assert.ok(names.includes("istio-egress/default-deny"));
        assert.ok(!names.includes("istio-egress/allow-internet") && !names.includes("istio-egress/allow-callers"), names.join(", "));
        assert.ok(!names.some((n) => n.endsWith("/allow-egress-gateway")));
        assert.deepEqual(egressNamespaceAllows([]), []);
    });

    it("runs one replica without a PodDisruptionBudget", () => {
        const [release] = of("helm.sh/v3:Release");
        assert.equal(release.values.autoscaling.minReplicas, 1);
        assert.deepEqual(release.values.podDisruptionBudget, {});
    });

    it("refuses a replica count below one", () => {
        assert.match(failure?.message ?? "", /EgressGateway: replicas must be a positive whole number, got 0/);
    });
});
