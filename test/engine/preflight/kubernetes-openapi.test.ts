import assert from "node:assert/strict";
import * as fs from "node:fs";
import { describe, it } from "node:test";
import { KUBERNETES_OPENAPI_FILE, KubernetesOpenApi, OBJECT_META } from "../../../engine/preflight/kubernetes-openapi";
import { DEFAULT_KUBERNETES_VERSION } from "../../../infra/versions";

const openApi = new KubernetesOpenApi();

describe("the pinned Kubernetes OpenAPI", () => {
    it("is the default Kubernetes version's", () => {
        assert.ok(KUBERNETES_OPENAPI_FILE.endsWith(`kubernetes-openapi@${DEFAULT_KUBERNETES_VERSION}/swagger.json`));
        assert.ok(fs.existsSync(KUBERNETES_OPENAPI_FILE), `infra/upstream/kubernetes-openapi@${DEFAULT_KUBERNETES_VERSION}/swagger.json holds DEFAULT_KUBERNETES_VERSION's OpenAPI`);
    });

    it("finds each built-in kind's definition by apiVersion and kind", () => {
        assert.equal(openApi.definitionOf("networking.k8s.io/v1", "NetworkPolicy"), "io.k8s.api.networking.v1.NetworkPolicy");
        assert.equal(openApi.definitionOf("v1", "Namespace"), "io.k8s.api.core.v1.Namespace");
        assert.equal(openApi.definitionOf("apps/v1", "Deployment"), "io.k8s.api.apps.v1.Deployment");
        assert.equal(openApi.definitionOf("extensions/v1beta1", "Deployment"), undefined);
    });

    it("tells built-in groups from custom ones", () => {
        assert.equal(openApi.isBuiltInGroup(""), true);
        assert.equal(openApi.isBuiltInGroup("rbac.authorization.k8s.io"), true);
        assert.equal(openApi.isBuiltInGroup("security.istio.io"), false);
    });

    it("accepts quantities written as numbers, as the API server decodes them", () => {
        const quota = openApi.validator("io.k8s.api.core.v1.ResourceQuota", false);
        assert.deepEqual(quota.validate({ apiVersion: "v1", kind: "ResourceQuota", metadata: { name: "q" }, spec: { hard: { cpu: 4, memory: "8Gi" } } }), []);
    });

    it("validates ObjectMeta alone, for custom resources", () => {
        assert.deepEqual(openApi.validator(OBJECT_META, true).validate({ name: "x", labelz: {} }).map((v) => v.path), ["labelz"]);
    });
});
