import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { parseCidr } from "../lib/cidr";
import type { AccessEntrySettings, AccessLevel } from "../settings/cluster";
import type { KubernetesVersion } from "../versions";
import { AwsContext, withAwsContext } from "./aws-context";
import { encryptedLogGroup } from "./log-group";

/** Every control-plane log type EKS can send to CloudWatch (CIS EKS 2.1.1 asks for audit logs at least). */
export const CONTROL_PLANE_LOG_TYPES = ["api", "audit", "authenticator", "controllerManager", "scheduler"] as const;

/** The EKS access policy behind each access level. */
export const ACCESS_POLICIES: Readonly<Record<AccessLevel, string>> = {
    "cluster-admin": "AmazonEKSClusterAdminPolicy",
    admin: "AmazonEKSAdminPolicy",
    edit: "AmazonEKSEditPolicy",
    view: "AmazonEKSViewPolicy",
};

export interface EksClusterArgs {
    readonly context: AwsContext;
    /** The cluster's name in EKS (also names its log group `/aws/eks/<name>/cluster`). */
    readonly clusterName: string;
    readonly kubernetesVersion: KubernetesVersion;
    /** The role the control plane runs as (see EksRoles); it must be a user of `secretsKeyArn`. */
    readonly roleArn: pulumi.Input<string>;
    readonly vpcId: pulumi.Input<string>;
    /** Subnets for the control plane's network interfaces, in at least two zones (the app tier). */
    readonly subnetIds: readonly pulumi.Input<string>[];
    /**
     * CIDRs allowed to a public API endpoint; empty keeps the endpoint private (FSBP EKS.1). Never
     * 0.0.0.0/0. @default []
     */
    readonly publicAccessCidrs?: readonly string[];
    /** Private CIDRs allowed to reach the private endpoint on 443 (VPN, CI runners). */
    readonly privateAccessCidrs: readonly string[];
    /** KMS key for envelope encryption of Kubernetes secrets (FSBP EKS.3). */
    readonly secretsKeyArn: pulumi.Input<string>;
    /** Control-plane log group: KMS key and retention (FSBP EKS.8). */
    readonly logs: { readonly kmsKeyArn: pulumi.Input<string>; readonly retentionInDays: number };
    /** Who may use the cluster; the creator gets no implicit admin. */
    readonly accessEntries: readonly AccessEntrySettings[];
    /** Refuse deletion of the cluster in EKS itself (prod). @default false */
    readonly deletionProtection?: boolean;
    /** Protect the cluster and its log group from `pulumi destroy`. @default false */
    readonly protect?: boolean;
}

/** Checks the arguments before any resource exists; each error names the option and the fix. */
export function validateEksClusterArgs(args: EksClusterArgs): void {
    if (!/^[0-9A-Za-z][A-Za-z0-9\-_]{0,99}$/.test(args.clusterName)) {
        throw new Error(`EksCluster: clusterName ${JSON.stringify(args.clusterName)} must be 1 to 100 letters, digits, '-' or '_', starting with a letter or digit`);
    }
    if (args.subnetIds.length < 2) {
        throw new Error("EksCluster: subnetIds must name subnets in at least two availability zones");
    }
    for (const cidr of args.publicAccessCidrs ?? []) {
        const parsed = parseCidr(cidr);
        if (!parsed.ok || parsed.cidr.prefix === 0) {
            throw new Error(`EksCluster: publicAccessCidrs entry ${JSON.stringify(cidr)} is not allowed; list specific public CIDRs (never 0.0.0.0/0)`);
        }
    }
    if (args.deletionProtection && (args.publicAccessCidrs ?? []).length > 0) {
        throw new Error("EksCluster: a deletion-protected (production) cluster keeps its API endpoint private; remove publicAccessCidrs");
    }
    const principals = args.accessEntries.map((e) => e.principalArn);
    if (new Set(principals).size !== principals.length) {
        throw new Error("EksCluster: accessEntries name a principal twice");
    }
    if (!args.accessEntries.some((e) => e.access === "cluster-admin")) {
        throw new Error("EksCluster: accessEntries need a cluster-admin; with no creator admin, nobody could manage the cluster");
    }
}

/** A stable, readable resource-name suffix for an access entry: the principal's name. */
export function accessEntryKey(principalArn: string): string {
    return principalArn.split("/").pop()!.toLowerCase().replace(/[^a-z0-9-]/g, "-");
}

/**
 * An EKS cluster with a private API endpoint (public only for listed CIDRs), secrets encrypted with a
 * customer-managed key, all control-plane logs in a KMS-encrypted log group with retention, IAM-only
 * authentication through explicit access entries (no admin for whoever created it), standard support
 * only, and its own security group that admits the API port from the nodes and the listed ranges.
 */
export class EksCluster extends pulumi.ComponentResource {
    readonly cluster: aws.eks.Cluster;
    readonly securityGroup: aws.ec2.SecurityGroup;
    readonly logGroup: aws.cloudwatch.LogGroup;
    readonly name: pulumi.Output<string>;
    readonly arn: pulumi.Output<string>;
    /**
     * What `pulumi up` and `pulumi destroy` reach the Kubernetes API through: the cluster-admin access
     * entries with their policy associations, and the API's ingress rules. The Kubernetes provider depends
     * on them, so a destroy removes every in-cluster resource before it removes the access it needs.
     */
    readonly apiAccess: pulumi.Resource[] = [];

    constructor(name: string, args: EksClusterArgs, opts?: pulumi.ComponentResourceOptions) {
        validateEksClusterArgs(args);
        super("secure-platform:aws:EksCluster", name, {}, opts);
        const parent = { parent: this };
        const publicCidrs = args.publicAccessCidrs ?? [];

        // EKS writes to this exact name; created first so it is encrypted and retained from the first event.
        this.logGroup = encryptedLogGroup(`${name}-logs`, {
            logGroupName: `/aws/eks/${args.clusterName}/cluster`,
            kmsKeyArn: args.logs.kmsKeyArn,
            retentionInDays: args.logs.retentionInDays,
            protect: args.protect,
        }, this);

        this.securityGroup = new aws.ec2.SecurityGroup(`${name}-sg`, {
            vpcId: args.vpcId,
            description: "EKS control plane: the Kubernetes API from nodes and approved private ranges",
            tags: { Name: `${name}-control-plane` },
        }, parent);
        for (const cidr of args.privateAccessCidrs) {
            this.apiAccess.push(new aws.vpc.SecurityGroupIngressRule(`${name}-api-from-${cidr.replace(/[./]/g, "-")}`, {
                securityGroupId: this.securityGroup.id,
                description: `Kubernetes API from ${cidr}`,
                ipProtocol: "tcp",
                fromPort: 443,
                toPort: 443,
                cidrIpv4: cidr,
            }, parent));
        }

        this.cluster = new aws.eks.Cluster(name, {
            name: args.clusterName,
            version: args.kubernetesVersion,
            roleArn: args.roleArn,
            vpcConfig: {
                subnetIds: [...args.subnetIds],
                securityGroupIds: [this.securityGroup.id],
                endpointPrivateAccess: true,
                endpointPublicAccess: publicCidrs.length > 0,
                ...(publicCidrs.length > 0 ? { publicAccessCidrs: [...publicCidrs] } : {}),
            },
            encryptionConfig: { provider: { keyArn: args.secretsKeyArn }, resources: ["secrets"] },
            enabledClusterLogTypes: [...CONTROL_PLANE_LOG_TYPES],
            accessConfig: { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: false },
            upgradePolicy: { supportType: "STANDARD" },
            // The platform installs every add-on itself, pinned and configured (network policy on).
            bootstrapSelfManagedAddons: false,
            deletionProtection: args.deletionProtection ?? false,
            kubernetesNetworkConfig: { ipFamily: "ipv4" },
            tags: { Name: args.clusterName },
        }, { parent: this, dependsOn: [this.logGroup], protect: args.protect });
        this.name = this.cluster.name;
        this.arn = this.cluster.arn;

        for (const entry of args.accessEntries) {
            const key = `${name}-access-${accessEntryKey(entry.principalArn)}`;
            const accessEntry = new aws.eks.AccessEntry(key, {
                clusterName: this.cluster.name,
                principalArn: entry.principalArn,
                type: "STANDARD",
                ...(entry.groups ? { kubernetesGroups: [...entry.groups] } : {}),
            }, parent);
            const access = entry.access;
            if (access === undefined) {
                continue; // RBAC groups only: the groups' bindings decide what the principal may do.
            }
            const association = new aws.eks.AccessPolicyAssociation(key, {
                clusterName: this.cluster.name,
                principalArn: accessEntry.principalArn,
                policyArn: withAwsContext(args.context, (c) => `arn:${c.partition}:eks::aws:cluster-access-policy/${ACCESS_POLICIES[access]}`),
                accessScope: entry.namespaces ? { type: "namespace", namespaces: [...entry.namespaces] } : { type: "cluster" },
            }, parent);
            if (access === "cluster-admin") {
                this.apiAccess.push(accessEntry, association);
            }
        }

        this.registerOutputs({ clusterName: this.name, clusterArn: this.arn, endpoint: this.cluster.endpoint });
    }
}
