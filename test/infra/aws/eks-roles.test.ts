import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import * as aws from "@pulumi/aws";
import { lookupAwsContext } from "../../../infra/aws/aws-context";
import { EksRoles } from "../../../infra/aws/eks-roles";
import { NODE_ROLE_POLICIES } from "../../../infra/aws/iam-documents";
import { IMAGE_CACHE_PREFIXES } from "../../../infra/aws/image-cache";
import { RecordedResource, renderComponents } from "../../../engine/program";
import { ofType, plain } from "../../harness/resources";

let resources: readonly RecordedResource[];

before(async () => {
    ({ resources } = await renderComponents(() => {
        const provider = new aws.Provider("aws", { region: "eu-west-1" });
        new EksRoles("eks", { context: lookupAwsContext("eu-west-1", provider), imageCachePrefixes: IMAGE_CACHE_PREFIXES }, { provider });
    }, { accountId: "777788889999" }));
});

const input = (r: RecordedResource, key: string) => plain(r.inputs)[key];

describe("EksRoles", () => {
    it("trusts the EKS service for this account only with the cluster role", () => {
        const role = resources.find((r) => r.name === "eks-cluster")!;
        const [trust] = JSON.parse(input(role, "assumeRolePolicy")).Statement;
        assert.equal(trust.Principal.Service, "eks.amazonaws.com");
        assert.equal(trust.Condition.StringEquals["aws:SourceAccount"], "777788889999");
    });

    it("gives nodes only what joining the cluster and pulling images need: no CNI, no EBS", () => {
        const nodePolicies = ofType(resources, "aws:iam/rolePolicyAttachment:RolePolicyAttachment")
            .filter((a) => a.name.startsWith("eks-node-"))
            .map((a) => input(a, "policyArn").split("/").pop());
        assert.deepEqual(nodePolicies.sort(), [...NODE_ROLE_POLICIES].sort());
        assert.ok(!nodePolicies.some((p: string) => /CNI|EBS/.test(p)));
    });

    it("lets nodes import upstream images into the image cache: exactly the two actions a first pull needs, on the cache's repositories only", () => {
        const inline = ofType(resources, "aws:iam/rolePolicy:RolePolicy");
        assert.deepEqual(inline.map((p) => p.name), ["eks-node-image-cache"]);
        assert.equal(input(inline[0], "role"), plain(resources.find((r) => r.name === "eks-node")!.outputs).name);
        assert.deepEqual(JSON.parse(input(inline[0], "policy")).Statement, [{
            Sid: "ImportIntoImageCache",
            Effect: "Allow",
            Action: ["ecr:BatchImportUpstreamImage", "ecr:CreateRepository"],
            Resource: ["arn:aws:ecr:eu-west-1:777788889999:repository/docker-hub/*", "arn:aws:ecr:eu-west-1:777788889999:repository/quay/*", "arn:aws:ecr:eu-west-1:777788889999:repository/github/*"],
        }]);
    });
});
