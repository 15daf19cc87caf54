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
let resources: readonly RecordedResource[];
let identity: ImageVerificationIdentity;

before(async () => {
    ({ resources } = await renderComponents(() => {
        const provider = new aws.Provider("aws", { region: "eu-west-1" });
        identity = new ImageVerificationIdentity("image-verification", {
            context: lookupAwsContext("eu-west-1", provider),
            clusterName: "secure-platform-prod",
            clusterTagName: "secure-platform-prod",
            kmsKeyArn: KEY,
            podIdentityAgentCidr: "169.254.170.23/32",
        }, { provider });
    }, { accountId: ACCOUNT }));
});

const input = (type: string) => plain(ofType(resources, type)[0].inputs);

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
        const policy = JSON.parse(input("aws:iam/rolePolicy:RolePolicy").policy);
        assert.deepEqual(policy.Statement, [{ Sid: "ReadSigningPublicKey", Effect: "Allow", Action: ["kms:DescribeKey", "kms:GetPublicKey"], Resource: KEY }]);
        assert.deepEqual([...PUBLIC_KEY_ACTIONS], ["kms:DescribeKey", "kms:GetPublicKey"]);
        assert.equal(publicKeyReaderPolicy(KEY), input("aws:iam/rolePolicy:RolePolicy").policy);
    });

    it("lets the controller's pods reach the Pod Identity agent on port 80 only", () => {
        assert.deepEqual(identity.egress, [{ name: "pod-identity", direction: "Egress", peers: [{ ipBlock: { cidr: "169.254.170.23/32" } }], ports: [{ protocol: "TCP", port: 80 }] }]);
    });
});
