import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ADDON_VERSIONS, AddonName, KubernetesVersion } from "../versions";
import { AwsContext, withAwsContext } from "./aws-context";
import { ebsKeyUsePolicy, managedPolicyArn, podIdentityTrustPolicy } from "./iam-documents";

/**
 * AWS access of the add-ons that need it, one role per service account through EKS Pod Identity:
 * the VPC CNI (aws-node) manages pod network interfaces, the EBS CSI controller creates and attaches
 * encrypted volumes.
 */
export const ADDON_IDENTITIES = {
    "vpc-cni": { serviceAccount: "aws-node", managedPolicies: ["AmazonEKS_CNI_Policy"] },
    "aws-ebs-csi-driver": { serviceAccount: "ebs-csi-controller-sa", managedPolicies: ["service-role/AmazonEBSCSIDriverPolicy"] },
} as const satisfies Partial<Record<AddonName, { serviceAccount: string; managedPolicies: readonly string[] }>>;

function identityOf(addon: AddonName): { readonly serviceAccount: string; readonly managedPolicies: readonly string[] } | undefined {
    return (ADDON_IDENTITIES as Partial<Record<AddonName, { serviceAccount: string; managedPolicies: readonly string[] }>>)[addon];
}

/** Add-ons nodes need to become ready; the others need running nodes and come after the node groups. */
export const ADDONS_BEFORE_NODES: readonly AddonName[] = ["vpc-cni", "kube-proxy", "eks-pod-identity-agent"];
export const ADDONS_AFTER_NODES: readonly AddonName[] = ["coredns", "aws-ebs-csi-driver", "snapshot-controller"];

/** `v1.66.0-eksbuild.1` → [1, 66, 0, 1]: the parts EKS add-on versions are ordered by. */
export function addonVersionParts(version: string): number[] {
    const match = /^v(\d+)\.(\d+)\.(\d+)-eksbuild\.(\d+)$/.exec(version);
    if (!match) {
        throw new Error(`EksAddons: ${JSON.stringify(version)} is not an EKS add-on version like v1.66.0-eksbuild.1`);
    }
    return match.slice(1).map(Number);
}

/** Negative when `a` is older than `b`, zero when equal, positive when newer. */
export function compareAddonVersions(a: string, b: string): number {
    const [left, right] = [addonVersionParts(a), addonVersionParts(b)];
    const differing = left.findIndex((part, i) => part !== right[i]);
    return differing < 0 ? 0 : left[differing] - right[differing];
}

/**
 * The pinned version, once EKS says it offers one at least that new for this Kubernetes version. A pin
 * newer than anything EKS offers would fail only when the add-on is created, mid-deployment; this fails
 * the preview instead, naming the pin to fix.
 */
export function confirmedAddonVersion(addonName: AddonName, kubernetesVersion: KubernetesVersion, opts: pulumi.InvokeOutputOptions): pulumi.Output<string> {
    const pinned = ADDON_VERSIONS[kubernetesVersion][addonName];
    return aws.eks.getAddonVersionOutput({ addonName, kubernetesVersion, mostRecent: true }, opts).version
        .apply((newest) => assertPinOffered(addonName, kubernetesVersion, pinned, newest));
}

/** `pinned`, or an error naming the pin to fix when EKS offers nothing that new (`newest` is its most recent). */
export function assertPinOffered(addonName: string, kubernetesVersion: string, pinned: string, newest: string): string {
    if (compareAddonVersions(pinned, newest) > 0) {
        throw new Error(`EksAddons: ${addonName} is pinned to ${pinned} for Kubernetes ${kubernetesVersion}, but the newest version EKS offers is ${newest}; set ADDON_VERSIONS in infra/versions.ts to a version \`aws eks describe-addon-versions --addon-name ${addonName} --kubernetes-version ${kubernetesVersion}\` lists`);
    }
    return pinned;
}

/** Settings of the VPC CNI: enforce Kubernetes NetworkPolicies (the platform's default-deny relies on it). */
export const VPC_CNI_CONFIGURATION = { enableNetworkPolicy: "true" } as const;

export interface EksAddonsArgs {
    readonly context: AwsContext;
    readonly clusterName: pulumi.Input<string>;
    readonly kubernetesVersion: KubernetesVersion;
    /** The add-ons to install: ADDONS_BEFORE_NODES, or ADDONS_AFTER_NODES with the node groups in `dependsOn`. */
    readonly addons: readonly AddonName[];
    /** The EBS key the CSI driver encrypts volumes with (required with aws-ebs-csi-driver). */
    readonly ebsKeyArn?: pulumi.Input<string>;
}

/**
 * The cluster's add-ons as EKS managed add-ons, pinned per Kubernetes version, with their AWS access
 * through Pod Identity roles of least privilege (never through the node role).
 */
export class EksAddons extends pulumi.ComponentResource {
    readonly addons: Readonly<Partial<Record<AddonName, aws.eks.Addon>>>;
    readonly roles: Readonly<Partial<Record<keyof typeof ADDON_IDENTITIES, aws.iam.Role>>>;

    constructor(name: string, args: EksAddonsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("secure-platform:aws:EksAddons", name, {}, opts);
        const parent = { parent: this };

        const roles: Partial<Record<keyof typeof ADDON_IDENTITIES, aws.iam.Role>> = {};
        for (const addonName of args.addons) {
            const identity = identityOf(addonName);
            if (!identity) {
                continue;
            }
            const role = new aws.iam.Role(`${name}-${addonName}`, {
                description: `EKS Pod Identity: ${addonName} (kube-system/${identity.serviceAccount})`,
                assumeRolePolicy: pulumi.all([withAwsContext(args.context, (c) => c), args.clusterName]).apply(([c, clusterName]) =>
                    podIdentityTrustPolicy(c, { clusterName, namespace: "kube-system", serviceAccount: identity.serviceAccount })),
            }, parent);
            for (const policy of identity.managedPolicies) {
                new aws.iam.RolePolicyAttachment(`${name}-${addonName}-${policy.split("/").pop()}`, {
                    role: role.name,
                    policyArn: withAwsContext(args.context, (c) => managedPolicyArn(c, policy)),
                }, parent);
            }
            roles[addonName as keyof typeof ADDON_IDENTITIES] = role;
        }
        const ebsRole = roles["aws-ebs-csi-driver"];
        if (ebsRole) {
            const ebsKeyArn = args.ebsKeyArn;
            if (!ebsKeyArn) {
                throw new Error("EksAddons: aws-ebs-csi-driver needs ebsKeyArn, the key its volumes are encrypted with");
            }
            new aws.iam.RolePolicy(`${name}-aws-ebs-csi-driver-ebs-key`, {
                role: ebsRole.name,
                policy: pulumi.all([withAwsContext(args.context, (c) => c), ebsKeyArn]).apply(([c, key]) => ebsKeyUsePolicy(c, key)),
            }, parent);
        }
        this.roles = roles;

        const addons: Partial<Record<AddonName, aws.eks.Addon>> = {};
        for (const addonName of args.addons) {
            const role = roles[addonName as keyof typeof ADDON_IDENTITIES];
            addons[addonName] = new aws.eks.Addon(`${name}-${addonName}`, {
                clusterName: args.clusterName,
                addonName,
                addonVersion: confirmedAddonVersion(addonName, args.kubernetesVersion, parent),
                // The platform's settings win over anything changed by hand in the cluster.
                resolveConflictsOnCreate: "OVERWRITE",
                resolveConflictsOnUpdate: "OVERWRITE",
                ...(addonName === "vpc-cni" ? { configurationValues: JSON.stringify(VPC_CNI_CONFIGURATION) } : {}),
                ...(role ? { podIdentityAssociations: [{ roleArn: role.arn, serviceAccount: identityOf(addonName)!.serviceAccount }] } : {}),
            }, parent);
        }
        this.addons = addons;

        this.registerOutputs({});
    }
}
