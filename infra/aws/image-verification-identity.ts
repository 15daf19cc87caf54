/**
 * The AWS identity of the image-verification controller: an EKS Pod Identity role for its webhook's service account.
 *
 * - **The registry.** The webhook reads every image it judges from the registry, to resolve a tag to its digest and
 *   to fetch cosign's signatures beside it, with the credentials of its own pod: go-containerregistry's k8schain with
 *   the ECR credential helper (sigstore/policy-controller pkg/webhook/validator.go `k8schain.Options`; go.mod
 *   `amazon-ecr-credential-helper/ecr-login`, which reads the AWS SDK's default chain, Pod Identity included). So
 *   the role may pull like a node (AmazonEC2ContainerRegistryPullOnly) and, as a node may, import into the image
 *   cache: a pod can be admitted before any node pulled its image, and that read is the cache's first pull.
 * - **A KMS signing key** (`imageVerification.key: awskms:///<key ARN>`): the controller's reconciler reads the public
 *   key once and inlines it into the policy it verifies with (sigstore/policy-controller v0.13.1,
 *   pkg/reconciler/clusterimagepolicy/clusterimagepolicy.go `getKMSPublicKey`); the KMS client behind it calls
 *   GetPublicKey and DescribeKey (sigstore/sigstore v1.9.4, the version that release requires,
 *   pkg/signature/kms/aws/client.go `fetchCMK`) and verifies signatures locally. So the role gets those two actions on
 *   that key; the key's own policy must let the account's IAM policies grant them (the default key policy does).
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ADMISSION_NAMESPACE, POLICY_CONTROLLER_SERVICE_ACCOUNT } from "../k8s/admission/image-verification";
import { AllowRule, tcp } from "../k8s/network-policies";
import { AwsContext, withAwsContext } from "./aws-context";
import { IMAGE_CACHE_PREFIXES } from "./image-cache";
import { managedPolicyArn, podIdentityTrustPolicy, pullThroughCachePolicy, ServiceAccountRef } from "./iam-documents";

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
    /** The signing key's ARN, when images are signed with an AWS KMS key. @default none */
    readonly kmsKeyArn?: string;
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
            description: `EKS Pod Identity: image verification (${identity.namespace}/${identity.serviceAccount}) reads images and their signatures${args.kmsKeyArn ? " and its signing key's public half" : ""}`,
            assumeRolePolicy: withAwsContext(args.context, (c) => podIdentityTrustPolicy(c, identity)),
        }, { parent: this });
        const policies: pulumi.Resource[] = [
            new aws.iam.RolePolicyAttachment(`${name}-registry-pull`, {
                role: this.role.name,
                policyArn: withAwsContext(args.context, (c) => managedPolicyArn(c, "AmazonEC2ContainerRegistryPullOnly")),
            }, { parent: this }),
            new aws.iam.RolePolicy(`${name}-image-cache`, {
                role: this.role.name,
                name: "import-into-image-cache",
                policy: withAwsContext(args.context, (c) => pullThroughCachePolicy(c, IMAGE_CACHE_PREFIXES)),
            }, { parent: this }),
        ];
        if (args.kmsKeyArn) {
            policies.push(new aws.iam.RolePolicy(name, {
                role: this.role.name,
                name: "read-signing-public-key",
                policy: publicKeyReaderPolicy(args.kmsKeyArn),
            }, { parent: this }));
        }
        this.association = new aws.eks.PodIdentityAssociation(name, {
            clusterName: args.clusterName,
            namespace: identity.namespace,
            serviceAccount: identity.serviceAccount,
            roleArn: this.role.arn,
        }, { parent: this, dependsOn: policies });
        this.egress = [{ name: "pod-identity", direction: "Egress", peers: [{ ipBlock: { cidr: args.podIdentityAgentCidr } }], ports: tcp(80) }];
        this.registerOutputs({});
    }
}
