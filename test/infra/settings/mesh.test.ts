import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { minimal, parse, rejects } from "../../harness/config-fixtures";

describe("mesh settings", () => {
    it("leaves every chart on its upstream repository by default", () => {
        assert.equal(parse(minimal("dev")).mesh.chartRepository, undefined);
    });

    it("takes an https or OCI mirror", () => {
        assert.equal(parse(minimal("dev", { chartRepository: "https://charts.internal.example.com/istio/" })).mesh.chartRepository, "https://charts.internal.example.com/istio");
        assert.equal(parse(minimal("dev", { chartRepository: "oci://registry.internal:5000/charts" })).mesh.chartRepository, "oci://registry.internal:5000/charts");
    });

    it("refuses plain http and anything that is not a URL", () => {
        rejects(minimal("dev", { chartRepository: "http://charts.example.com" }), "chartRepository", /not an https:\/\/ or oci:\/\/ repository URL/);
        rejects(minimal("dev", { chartRepository: "charts.example.com" }), "chartRepository", /not an https:\/\/ or oci:\/\/ repository URL/);
    });
});
