import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AwsContext, withAwsContext } from "./aws-context";
import { CLUSTER_ROLE_POLICIES, clusterTrustPolicy, managedPolicyArn, NODE_ROLE_POLICIES, nodeTrustPolicy, pullThroughCachePolicy } from "./iam-documents";

export interface EksRolesArgs {
    readonly context: AwsContext;
    /**
     * ECR repository prefixes of the image pull-through cache (image-cache.ts): the nodes may import
     * upstream images into them on a first pull. @default none (nodes pull existing images only)
     */
    readonly imageCachePrefixes?: readonly string[];
}

/**
 * The two roles an EKS cluster needs before it exists: the control plane's (also a user of the
 * secrets key, so it is made before the keys) and the nodes' (only what a node needs to join and pull
 * images, through the image cache too; no CNI or EBS permissions).
 */
export class EksRoles extends pulumi.ComponentResource {
    readonly clusterRole: aws.iam.Role;
    readonly nodeRole: aws.iam.Role;

    constructor(name: string, args: EksRolesArgs, opts?: pulumi.ComponentResourceOptions) {
        super("secure-platform:aws:EksRoles", name, {}, opts);
        const parent = { parent: this };

        this.clusterRole = new aws.iam.Role(`${name}-cluster`, {
            description: "EKS control plane",
            assumeRolePolicy: withAwsContext(args.context, clusterTrustPolicy),
        }, parent);
        for (const policy of CLUSTER_ROLE_POLICIES) {
            new aws.iam.RolePolicyAttachment(`${name}-cluster-${policy}`, {
                role: this.clusterRole.name,
                policyArn: withAwsContext(args.context, (c) => managedPolicyArn(c, policy)),
            }, parent);
        }

        this.nodeRole = new aws.iam.Role(`${name}-node`, {
            description: "EKS nodes: join the cluster and pull images, nothing else",
            assumeRolePolicy: nodeTrustPolicy(),
        }, parent);
        for (const policy of NODE_ROLE_POLICIES) {
            new aws.iam.RolePolicyAttachment(`${name}-node-${policy}`, {
                role: this.nodeRole.name,
                policyArn: withAwsContext(args.context, (c) => managedPolicyArn(c, policy)),
            }, parent);
        }
        const prefixes = args.imageCachePrefixes ?? [];
        if (prefixes.length > 0) {
            new aws.iam.RolePolicy(`${name}-node-image-cache`, {
                role: this.nodeRole.name,
                name: "image-cache-import",
                policy: withAwsContext(args.context, (c) => pullThroughCachePolicy(c, prefixes)),
            }, parent);
        }

        this.registerOutputs({ clusterRoleArn: this.clusterRole.arn, nodeRoleArn: this.nodeRole.arn });
    }
}
