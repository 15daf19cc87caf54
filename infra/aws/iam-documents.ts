/**
 * IAM documents of the EKS roles. Pure functions over plain values, so each trust relationship and
 * permission can be read and tested without rendering anything.
 */
import type { ResolvedAwsContext } from "./aws-context";

export function managedPolicyArn(context: ResolvedAwsContext, name: string): string {
    return `arn:${context.partition}:iam::aws:policy/${name}`;
}

/** Policies of the EKS cluster role: the control plane's own, nothing else. */
export const CLUSTER_ROLE_POLICIES = ["AmazonEKSClusterPolicy"] as const;

/**
 * Policies of the node role: join the cluster and pull images. The VPC CNI and the EBS CSI driver get
 * their permissions through EKS Pod Identity instead, so a compromised pod cannot borrow them from the node.
 */
export const NODE_ROLE_POLICIES = ["AmazonEKSWorkerNodePolicy", "AmazonEC2ContainerRegistryPullOnly"] as const;

/** Trust of the cluster role: the EKS service, for this account's clusters only. */
export function clusterTrustPolicy(context: ResolvedAwsContext): string {
    return JSON.stringify({
        Version: "2012-10-17",
        Statement: [{
            Effect: "Allow",
            Principal: { Service: "eks.amazonaws.com" },
            Action: ["sts:AssumeRole", "sts:TagSession"],
            Condition: { StringEquals: { "aws:SourceAccount": context.accountId } },
        }],
    });
}

/** Trust of the node role: EC2 instances. */
export function nodeTrustPolicy(): string {
    return JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
    });
}

/** The Kubernetes identity a Pod Identity role is for. */
export interface ServiceAccountRef {
    readonly clusterName: string;
    readonly namespace: string;
    readonly serviceAccount: string;
}

/**
 * Trust of a role for one service account through EKS Pod Identity: the Pod Identity service of this
 * account, and only for sessions EKS tags with this cluster, namespace and service account (the
 * session tags EKS Pod Identity sets on every credential it issues).
 */
export function podIdentityTrustPolicy(context: ResolvedAwsContext, identity: ServiceAccountRef): string {
    return JSON.stringify({
        Version: "2012-10-17",
        Statement: [{
            Effect: "Allow",
            Principal: { Service: "pods.eks.amazonaws.com" },
            Action: ["sts:AssumeRole", "sts:TagSession"],
            Condition: {
                StringEquals: {
                    "aws:SourceAccount": context.accountId,
                    "aws:RequestTag/eks-cluster-name": identity.clusterName,
                    "aws:RequestTag/kubernetes-namespace": identity.namespace,
                    "aws:RequestTag/kubernetes-service-account": identity.serviceAccount,
                },
            },
        }],
    });
}

/**
 * What the EBS CSI driver needs on the EBS key to create and attach encrypted volumes: use of the key
 * through EC2, and grants for EC2 to use it on the driver's behalf.
 */
export function ebsKeyUsePolicy(context: ResolvedAwsContext, keyArn: string): string {
    const viaEc2 = { "kms:ViaService": `ec2.${context.region}.${context.dnsSuffix}` };
    return JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "UseEbsKey",
                Effect: "Allow",
                Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
                Resource: keyArn,
                Condition: { StringEquals: viaEc2 },
            },
            {
                Sid: "GrantEbsKeyToEc2",
                Effect: "Allow",
                Action: ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"],
                Resource: keyArn,
                Condition: { StringEquals: viaEc2, Bool: { "kms:GrantIsForAWSResource": "true" } },
            },
        ],
    });
}

/** ARNs of every ECR repository under the given prefixes (a prefix is always followed by `/`). */
export function repositoryArnsUnder(context: ResolvedAwsContext, prefixes: readonly string[]): string[] {
    return prefixes.map((prefix) => `arn:${context.partition}:ecr:${context.region}:${context.accountId}:repository/${prefix}/*`);
}

/**
 * What a node needs beyond pulling existing images (AmazonEC2ContainerRegistryPullOnly) to pull through
 * the cache: the first pull of an image imports it from upstream and creates its repository. Only under
 * the cache's prefixes (docs.aws.amazon.com/AmazonECR/latest/userguide/pull-through-cache-iam.html: the
 * pulling principal needs ecr:BatchImportUpstreamImage, and ecr:CreateRepository while the repository
 * does not exist yet).
 */
export function pullThroughCachePolicy(context: ResolvedAwsContext, prefixes: readonly string[]): string {
    return JSON.stringify({
        Version: "2012-10-17",
        Statement: [{
            Sid: "ImportIntoImageCache",
            Effect: "Allow",
            Action: ["ecr:BatchImportUpstreamImage", "ecr:CreateRepository"],
            Resource: repositoryArnsUnder(context, prefixes),
        }],
    });
}

/**
 * Trust of the role ECR assumes to create the cache's repositories from a creation template. ECR accepts
 * only a role of the registry's own account (CreateRepositoryCreationTemplate, customRoleArn), so no other
 * account's ECR can make it act.
 */
export function ecrTrustPolicy(): string {
    return JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "ecr.amazonaws.com" }, Action: "sts:AssumeRole" }],
    });
}

/**
 * What ECR needs, as the creation templates' role, to create the cache's repositories encrypted with
 * `keyArn`: create repositories under the prefixes, and the grants ECR makes on the key for each
 * repository (docs.aws.amazon.com/AmazonECR/latest/userguide/repository-creation-templates-custom.html,
 * without the replication and tagging actions the templates do not use).
 */
export function repositoryCreationPolicy(context: ResolvedAwsContext, prefixes: readonly string[], keyArn: string): string {
    return JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            { Sid: "CreateCacheRepositories", Effect: "Allow", Action: ["ecr:CreateRepository"], Resource: repositoryArnsUnder(context, prefixes) },
            { Sid: "EncryptWithImagesKey", Effect: "Allow", Action: ["kms:CreateGrant", "kms:RetireGrant", "kms:DescribeKey"], Resource: keyArn },
        ],
    });
}

/** The bucket-policy statement that refuses every request not made over TLS (FSBP S3.5). */
export function denyInsecureTransport(bucketArn: string) {
    return {
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: [bucketArn, `${bucketArn}/*`],
        Condition: { Bool: { "aws:SecureTransport": "false" } },
    } as const;
}
