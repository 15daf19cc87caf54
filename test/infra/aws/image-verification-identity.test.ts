import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import * as aws from "@pulumi/aws";
import { lookupAwsContext } from "../../../infra/aws/aws-context";
import { ImageVerificationIdentity, publicKeyReaderPolicy, PUBLIC_KEY_ACTIONS } from "../../../infra/aws/image-verification-identity";
import { ADMISSION_NAMESPACE, POLICY_CONTROLLER_SERVICE_ACCOUNT } from "../../../infra/k8s/admission/image-verification";
import { RecordedResource, renderComponents } from "../../../engine/program";
import { ofType, plain } from "../../harness/resources";

const ACCOUNT = "777788889999";
const KEY = `arn:aws:kms:eu-west-1:${ACCOUNT}:key/0f3c2b1a-7d4e-4c6b-9a8f-2e1d3c4b5a69`;
let all: readonly RecordedResource[];
let identity: ImageVerificationIdentity;

before(async () => {
    ({ resources: all } = await renderComponents(() => {
        const provider = new aws.Provider("aws", { region: "eu-west-1" });
        const common = {
            context: lookupAwsContext("eu-west-1", provider),
            clusterName: "secure-platform-prod",
            clusterTagName: "secure-platform-prod",
            podIdentityAgentCidr: "169.254.170.23/32",
        };
        identity = new ImageVerificationIdentity("image-verification", { ...common, kmsKeyArn: KEY }, { provider });
        new ImageVerificationIdentity("keyless", common, { provider });
    }, { accountId: ACCOUNT }));
});

/** The first resource of a type of the identity with a KMS key (the other is named keyless). */
const input = (type: string, name?: string) => plain(ofType(all, type).find((r) => !r.name.startsWith("keyless") && (name === undefined || r.name === name))!.inputs);

describe("ImageVerificationIdentity", () => {
    it("lets only the controller's service account in the cluster take the role, through EKS Pod Identity", () => {
        const trust = JSON.parse(input("aws:iam/role:Role").assumeRolePolicy);
        assert.deepEqual(trust.Statement[0].Principal, { Service: "pods.eks.amazonaws.com" });
        assert.deepEqual(trust.Statement[0].Condition.StringEquals, {
            "aws:SourceAccount": ACCOUNT,
            "aws:RequestTag/eks-cluster-name": "secure-platform-prod",
            "aws:RequestTag/kubernetes-namespace": ADMISSION_NAMESPACE,
            "aws:RequestTag/kubernetes-service-account": POLICY_CONTROLLER_SERVICE_ACCOUNT,
        });
        const association = input("aws:eks/podIdentityAssociation:PodIdentityAssociation");
        assert.equal(association.namespace, "cosign-system");
        assert.equal(association.serviceAccount, "policy-controller-webhook");
    });

    it("may only read the signing key's public half: DescribeKey and GetPublicKey on that key, never Sign or Decrypt", () => {
        const policy = JSON.parse(input("aws:iam/rolePolicy:RolePolicy", "image-verification").policy);
        assert.deepEqual(policy.Statement, [{ Sid: "ReadSigningPublicKey", Effect: "Allow", Action: ["kms:DescribeKey", "kms:GetPublicKey"], Resource: KEY }]);
        assert.deepEqual([...PUBLIC_KEY_ACTIONS], ["kms:DescribeKey", "kms:GetPublicKey"]);
        assert.equal(publicKeyReaderPolicy(KEY), input("aws:iam/rolePolicy:RolePolicy", "image-verification").policy);
    });

    it("reads images and signatures from the registry as a node does, and may import into the image cache only under its prefixes", () => {
        for (const name of ["image-verification", "keyless"]) {
            const [attachment] = ofType(all, "aws:iam/rolePolicyAttachment:RolePolicyAttachment").filter((r) => r.name === `${name}-registry-pull`);
            assert.equal(plain(attachment.inputs).policyArn, "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPullOnly", name);
            const [cache] = ofType(all, "aws:iam/rolePolicy:RolePolicy").filter((r) => r.name === `${name}-image-cache`);
            const statement = JSON.parse(plain(cache.inputs).policy).Statement[0];
            assert.deepEqual(statement.Action, ["ecr:BatchImportUpstreamImage", "ecr:CreateRepository"]);
            assert.deepEqual(statement.Resource, ["docker-hub", "quay", "github"].map((prefix) => `arn:aws:ecr:eu-west-1:${ACCOUNT}:repository/${prefix}/*`));
        }
    });

    it("reads no KMS key when the stack signs without one", () => {
        const keyless = ofType(all, "aws:iam/rolePolicy:RolePolicy").filter((r) => r.name.startsWith("keyless"));
        assert.deepEqual(keyless.map((r) => r.name), ["keyless-image-cache"]);
        const association = ofType(all, "aws:eks/podIdentityAssociation:PodIdentityAssociation").find((r) => r.name === "keyless")!;
        assert.equal(plain(association.inputs).serviceAccount, POLICY_CONTROLLER_SERVICE_ACCOUNT);
        const attachments = ofType(all, "aws:iam/rolePolicyAttachment:RolePolicyAttachment").filter((r) => r.name === "keyless-registry-pull").map((r) => r.urn);
        assert.ok(attachments.every((urn) => association.dependencies.includes(urn)), "the association waits for the role's permissions");
    });

    it("lets the controller's pods reach the Pod Identity agent on port 80 only", () => {
        assert.deepEqual(identity.egress, [{ name: "pod-identity", direction: "Egress", peers: [{ ipBlock: { cidr: "169.254.170.23/32" } }], ports: [{ protocol: "TCP", port: 80 }] }]);
    });
});
