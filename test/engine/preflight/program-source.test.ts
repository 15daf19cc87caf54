import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { closestName, programSource } from "../../../engine/preflight/program-source";

describe("programSource", () => {
    it("names the file of the innermost component that declares a resource", () => {
        const urn = "urn:pulumi:prod::secure-platform::secure-platform:k8s:KubernetesPlatform$secure-platform:k8s:PerconaMongoDb$kubernetes:psmdb.percona.com/v1:PerconaServerMongoDB::mongodb-cluster";
        assert.equal(programSource(urn), "infra/k8s/mongodb/percona-mongodb.ts (component secure-platform:k8s:PerconaMongoDb)");
    });

    it("has nothing to say of a resource outside any component of the program", () => {
        assert.equal(programSource("urn:pulumi:prod::secure-platform::kubernetes:core/v1:Namespace::x"), undefined);
    });
});

describe("closestName", () => {
    it("suggests a declared name one typo away, and nothing for an unrelated name", () => {
        assert.equal(closestName("podSelectr", ["egress", "ingress", "podSelector", "policyTypes"]), "podSelector");
        assert.equal(closestName("replicas", ["egress", "ingress"]), undefined);
    });
});
