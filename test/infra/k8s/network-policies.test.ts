import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import * as k8s from "@pulumi/kubernetes";
import { allow, defaultDeny, DNS_EGRESS, inNamespace, sameNamespace, tcp } from "../../../infra/k8s/network-policies";
import { RecordedResource, renderComponents } from "../../../engine/program";
import { named, ofType, plain } from "../../harness/resources";

let resources: readonly RecordedResource[];

before(async () => {
    ({ resources } = await renderComponents(() => {
        const provider = new k8s.Provider("cluster", { kubeconfig: "{}" });
        const opts = { provider };
        defaultDeny("shop", opts);
        allow("shop", { name: "from-edge", direction: "Ingress", peers: [inNamespace("edge")], ports: tcp(8443) }, opts);
        allow("shop", { name: "to-db", direction: "Egress", podLabels: { app: "api" }, peers: [inNamespace("data", { app: "mongodb" })], ports: tcp(27017) }, opts);
        allow("shop", { name: "webhook", direction: "Ingress", podLabels: { app: "hook" }, ports: tcp(9443) }, opts);
        // The same rule in another namespace must not collide.
        defaultDeny("other", opts);
        allow("other", { name: "from-edge", direction: "Ingress", peers: [inNamespace("edge")], ports: tcp(8443) }, opts);
    }));
});

const spec = (name: string) => plain(named(resources, name).inputs).spec;

describe("NetworkPolicy building blocks", () => {
    it("select namespaces by the label only the API server sets", () => {
        assert.deepEqual(inNamespace("data"), { namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "data" } } });
        assert.deepEqual(inNamespace("data", { app: "mongodb" }), {
            namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "data" } },
            podSelector: { matchLabels: { app: "mongodb" } },
        });
    });

    it("build TCP ports and the shared rules", () => {
        assert.deepEqual(tcp(443, 6443), [{ protocol: "TCP", port: 443 }, { protocol: "TCP", port: 6443 }]);
        assert.deepEqual(tcp(), []);
        assert.equal(DNS_EGRESS.direction, "Egress");
        assert.deepEqual(DNS_EGRESS.peers, [inNamespace("kube-system", { "k8s-app": "kube-dns" })]);
        assert.deepEqual(sameNamespace("shop").map((r) => [r.direction, r.peers]), [["Ingress", [inNamespace("shop")]], ["Egress", [inNamespace("shop")]]]);
    });

    it("deny everything in both directions by default", () => {
        const deny = plain(named(resources, "shop-default-deny").inputs);
        assert.deepEqual(deny.metadata, { name: "default-deny", namespace: "shop" });
        assert.deepEqual(deny.spec, { podSelector: {}, policyTypes: ["Ingress", "Egress"] });
    });

    it("put ingress peers under from and egress peers under to, one direction per policy", () => {
        assert.deepEqual(spec("shop-allow-from-edge"), { podSelector: {}, policyTypes: ["Ingress"], ingress: [{ from: [inNamespace("edge")], ports: tcp(8443) }] });
        assert.deepEqual(spec("shop-allow-to-db"), {
            podSelector: { matchLabels: { app: "api" } },
            policyTypes: ["Egress"],
            egress: [{ to: [inNamespace("data", { app: "mongodb" })], ports: tcp(27017) }],
        });
    });

    it("restrict a rule without peers by its ports, never with an empty peer list", () => {
        const webhook = spec("shop-allow-webhook");
        assert.deepEqual(webhook, { podSelector: { matchLabels: { app: "hook" } }, policyTypes: ["Ingress"], ingress: [{ ports: tcp(9443) }] });
        assert.ok(!("from" in webhook.ingress[0]));
    });

    it("name policies per namespace so namespaces do not collide", () => {
        const policies = ofType(resources, "kubernetes:networking.k8s.io/v1:NetworkPolicy");
        assert.equal(policies.length, 6);
        assert.equal(new Set(policies.map((p) => p.urn)).size, 6);
        assert.equal(plain(named(resources, "other-allow-from-edge").inputs).metadata.namespace, "other");
        assert.equal(plain(named(resources, "shop-allow-from-edge").inputs).metadata.name, "allow-from-edge");
    });
});
