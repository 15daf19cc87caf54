import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
    ebsKeyUsePolicy, ecrTrustPolicy, managedPolicyArn, nodeTrustPolicy, podIdentityTrustPolicy, pullThroughCachePolicy, repositoryArnsUnder, repositoryCreationPolicy,
} from "../../../infra/aws/iam-documents";

const context = { region: "us-gov-west-1", accountId: "111122223333", partition: "aws-us-gov", dnsSuffix: "amazonaws.com" };

describe("IAM documents", () => {
    it("builds managed policy ARNs in the stack's partition", () => {
        assert.equal(managedPolicyArn(context, "AmazonEKSWorkerNodePolicy"), "arn:aws-us-gov:iam::aws:policy/AmazonEKSWorkerNodePolicy");
    });
    it("lets only EC2 assume the node role", () => {
        assert.deepEqual(JSON.parse(nodeTrustPolicy()).Statement, [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }]);
    });
    it("ties Pod Identity roles to one service account of one cluster of one account", () => {
        const [statement] = JSON.parse(podIdentityTrustPolicy(context, { clusterName: "c", namespace: "kube-system", serviceAccount: "aws-node" })).Statement;
        assert.deepEqual(statement.Condition, {
            StringEquals: {
                "aws:SourceAccount": "111122223333",
                "aws:RequestTag/eks-cluster-name": "c",
                "aws:RequestTag/kubernetes-namespace": "kube-system",
                "aws:RequestTag/kubernetes-service-account": "aws-node",
            },
        });
    });
    it("scopes repository ARNs to the cache prefixes in the stack's partition, region and account", () => {
        assert.deepEqual(repositoryArnsUnder(context, ["docker-hub"]), ["arn:aws-us-gov:ecr:us-gov-west-1:111122223333:repository/docker-hub/*"]);
    });
    it("lets a puller import upstream images and create their repositories under the cache prefixes, nothing more", () => {
        const [statement, ...others] = JSON.parse(pullThroughCachePolicy(context, ["docker-hub", "quay"])).Statement;
        assert.deepEqual(others, []);
        assert.deepEqual(statement.Action, ["ecr:BatchImportUpstreamImage", "ecr:CreateRepository"]);
        assert.deepEqual(statement.Resource, repositoryArnsUnder(context, ["docker-hub", "quay"]));
    });
    it("lets only ECR assume the repository creation role, which creates repositories under the prefixes and grants on one key", () => {
        assert.deepEqual(JSON.parse(ecrTrustPolicy()).Statement[0].Principal, { Service: "ecr.amazonaws.com" });
        const [create, kms] = JSON.parse(repositoryCreationPolicy(context, ["quay"], "arn:key")).Statement;
        assert.deepEqual([create.Action, create.Resource], [["ecr:CreateRepository"], repositoryArnsUnder(context, ["quay"])]);
        assert.deepEqual([kms.Action, kms.Resource], [["kms:CreateGrant", "kms:RetireGrant", "kms:DescribeKey"], "arn:key"]);
    });
    it("grants the EBS key only through EC2 and only for AWS resources", () => {
        const [use, grant] = JSON.parse(ebsKeyUsePolicy(context, "arn:key")).Statement;
        assert.equal(use.Condition.StringEquals["kms:ViaService"], "ec2.us-gov-west-1.amazonaws.com");
        assert.deepEqual(grant.Action, ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"]);
        assert.equal(grant.Condition.Bool["kms:GrantIsForAWSResource"], "true");
    });
});
