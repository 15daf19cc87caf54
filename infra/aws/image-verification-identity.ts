/**
 * The AWS identity of the image-verification controller when the stack's images are signed with an AWS KMS key
 * (`imageVerification.key: awskms:///<key ARN>`): an EKS Pod Identity role for the controller's service account
 * that may read that one key's public half, and nothing else.
 *
 * The controller's reconciler reads the public key once and inlines it into the policy it verifies with
 * (sigstore/policy-controller v0.13.1, pkg/reconciler/clusterimagepolicy/clusterimagepolicy.go `getKMSPublicKey`);
 * the KMS client behind it calls GetPublicKey and DescribeKey (sigstore/sigstore v1.9.4, the version that release
 * requires, pkg/signature/kms/aws/client.go `fetchCMK`) and verifies signatures locally. So the role needs those two
 * actions on the key; the key's own policy must let the account's IAM policies grant them (the default key policy does).
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ADMISSION_NAMESPACE, POLICY_CONTROLLER_SERVICE_ACCOUNT } from "../k8s/admission/image-verification";
import { AllowRule, tcp } from "../k8s/network-policies";
import { AwsContext, withAwsContext } from "./aws-context";
import { podIdentityTrustPolicy, ServiceAccountRef } from "./iam-documents";

/** The KMS actions the controller's KMS client calls to read a public key. */
export const PUBLIC_KEY_ACTIONS = ["kms:DescribeKey", "kms:GetPublicKey"] as const;

/** The policy of the controller's role: read the public half of one key. */
export function publicKeyReaderPolicy(kmsKeyArn: string): string {
    return JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Sid: "ReadSigningPublicKey", Effect: "Allow", Action: [...PUBLIC_KEY_ACTIONS], Resource: kmsKeyArn }],
    });
}

export interface ImageVerificationIdentityArgs {
    readonly context: AwsContext;
    readonly clusterName: pulumi.Input<string>;
    /** The cluster's name as a plain string, for the role's trust (its session tags). */
    readonly clusterTagName: string;
    /** The signing key's ARN. */
    readonly kmsKeyArn: string;
    /** The address of the EKS Pod Identity agent on every node, which the controller's pods call for credentials. */
    readonly podIdentityAgentCidr: string;
}

export class ImageVerificationIdentity extends pulumi.ComponentResource {
    readonly role: aws.iam.Role;
    readonly association: aws.eks.PodIdentityAssociation;
    /** What the controller's namespace must allow for it: the Pod Identity agent, on port 80. */
    readonly egress: AllowRule[];

    constructor(name: string, args: ImageVerificationIdentityArgs, opts?: pulumi.ComponentResourceOptions) {
        super("secure-platform:aws:ImageVerificationIdentity", name, {}, opts);
        const identity: ServiceAccountRef = { clusterName: args.clusterTagName, namespace: ADMISSION_NAMESPACE, serviceAccount: POLICY_CONTROLLER_SERVICE_ACCOUNT };
        this.role = new aws.iam.Role(name, {
            description: `EKS Pod Identity: image verification (${identity.namespace}/${identity.serviceAccount}) reads its signing key's public half`,
            assumeRolePolicy: withAwsContext(args.context, (c) => podIdentityTrustPolicy(c, identity)),
        }, { parent: this });
        const policy = new aws.iam.RolePolicy(name, {
            role: this.role.name,
            name: "read-signing-public-key",
            policy: publicKeyReaderPolicy(args.kmsKeyArn),
        }, { parent: this });
        this.association = new aws.eks.PodIdentityAssociation(name, {
            clusterName: args.clusterName,
            namespace: identity.namespace,
            serviceAccount: identity.serviceAccount,
            roleArn: this.role.arn,
        }, { parent: this, dependsOn: [policy] });
        this.egress = [{ name: "pod-identity", direction: "Egress", peers: [{ ipBlock: { cidr: args.podIdentityAgentCidr } }], ports: tcp(80) }];
        this.registerOutputs({});
    }
}
