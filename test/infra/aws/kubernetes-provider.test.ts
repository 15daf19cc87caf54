import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { eksKubeconfig } from "../../../infra/aws/kubernetes-provider";

describe("eksKubeconfig", () => {
    it("authenticates with short-lived tokens from aws eks get-token and stores no credential", () => {
        const config = JSON.parse(eksKubeconfig({ clusterName: "c", endpoint: "https://x.eks.amazonaws.com", certificateAuthorityData: "Q0E=", region: "eu-west-1" }));
        assert.equal(config.clusters[0].cluster.server, "https://x.eks.amazonaws.com");
        assert.equal(config.clusters[0].cluster["certificate-authority-data"], "Q0E=");
        const { exec } = config.users[0].user;
        assert.equal(exec.command, "aws");
        assert.deepEqual(exec.args, ["eks", "get-token", "--cluster-name", "c", "--region", "eu-west-1", "--output", "json"]);
        assert.equal(exec.apiVersion, "client.authentication.k8s.io/v1beta1");
        assert.deepEqual(Object.keys(config.users[0].user), ["exec"], "no token, password or client key");
    });
});
