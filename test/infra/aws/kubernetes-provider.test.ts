import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import * as aws from "@pulumi/aws";
import { lookupAwsContext } from "../../../infra/aws/aws-context";
import { EksCluster } from "../../../infra/aws/eks-cluster";
import { eksClusterIdentifier, eksKubeconfig, eksKubernetesProvider } from "../../../infra/aws/kubernetes-provider";
import { RecordedResource, renderComponents } from "../../../engine/program";
import { named, ofType } from "../../harness/resources";

let resources: readonly RecordedResource[];

before(async () => {
    ({ resources } = await renderComponents(() => {
        const provider = new aws.Provider("aws", { region: "eu-west-1" });
        const cluster = new EksCluster("cluster", {
            context: lookupAwsContext("eu-west-1", provider),
            clusterName: "platform-test",
            kubernetesVersion: "1.35",
            roleArn: "arn:aws:iam::123456789012:role/cluster",
            vpcId: "vpc-0123",
            subnetIds: ["subnet-a", "subnet-b"],
            privateAccessCidrs: ["10.30.0.0/16", "10.99.0.0/24"],
            secretsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/cluster",
            logs: { kmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/logs", retentionInDays: 365 },
            accessEntries: [
                { principalArn: "arn:aws:iam::123456789012:role/deployer", access: "cluster-admin" },
                { principalArn: "arn:aws:iam::123456789012:role/sre", access: "view" },
            ],
        }, { provider });
        const earlier = new aws.s3.Bucket("something-first", {}, { provider });
        eksKubernetesProvider("cluster", {
            clusterName: cluster.name,
            endpoint: cluster.cluster.endpoint,
            certificateAuthorityData: cluster.cluster.certificateAuthority.data,
            region: "eu-west-1",
            clusterIdentifier: eksClusterIdentifier("eu-west-1", "platform-test"),
            apiAccess: cluster.apiAccess,
        }, { dependsOn: [earlier] });
    }));
});

describe("eksKubernetesProvider", () => {
    it("depends on the deployer's access entry and policy association and on the API's ingress rules, so a destroy removes them last", () => {
        const [provider] = ofType(resources, "pulumi:providers:kubernetes");
        const urnOf = (type: string, name: string) => ofType(resources, type).find((r) => r.name === name)!.urn;
        const expected = [
            urnOf("aws:eks/accessEntry:AccessEntry", "cluster-access-deployer"),
            urnOf("aws:eks/accessPolicyAssociation:AccessPolicyAssociation", "cluster-access-deployer"),
            ...ofType(resources, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").map((r) => r.urn),
        ];
        assert.equal(expected.length, 4);
        for (const urn of expected) {
            assert.ok(provider.dependencies.includes(urn), `the provider does not depend on ${urn}`);
        }
        assert.ok(provider.dependencies.includes(named(resources, "something-first").urn), "keeps the caller's dependencies");
        assert.ok(!provider.dependencies.includes(urnOf("aws:eks/accessEntry:AccessEntry", "cluster-access-sre")), "a viewer's entry is not the deployer's access");
    });
});

describe("eksKubernetesProvider settings", () => {
    it("updates a Secret's data in place instead of replacing it, so a protected Secret can take a renewed certificate or key", () => {
        const [provider] = ofType(resources, "pulumi:providers:kubernetes");
        assert.equal(provider.inputs.enableSecretMutable, "true");
    });

    it("is identified by the cluster's region and name, so a new kubeconfig alone never replaces it and every resource", () => {
        const [provider] = ofType(resources, "pulumi:providers:kubernetes");
        assert.equal(provider.inputs.clusterIdentifier, "eks/eu-west-1/platform-test");
        assert.equal(eksClusterIdentifier("us-east-2", "secure-platform-prod"), "eks/us-east-2/secure-platform-prod");
    });
});

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
