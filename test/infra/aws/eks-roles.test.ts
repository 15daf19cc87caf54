import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import * as aws from "@pulumi/aws";
import { lookupAwsContext } from "../../../infra/aws/aws-context";
import { EksRoles } from "../../../infra/aws/eks-roles";
import { NODE_ROLE_POLICIES } from "../../../infra/aws/iam-documents";
import { RecordedResource, renderComponents } from "../../../engine/program";
import { ofType, plain } from "../../harness/resources";

let resources: readonly RecordedResource[];

before(async () => {
    ({ resources } = await renderComponents(() => {
        const provider = new aws.Provider("aws", { region: "eu-west-1" });
        new EksRoles("eks", { context: lookupAwsContext("eu-west-1", provider) }, { provider });
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
        assert.equal(ofType(resources, "aws:iam/rolePolicy:RolePolicy").length, 0, "no inline permissions");
    });
});
