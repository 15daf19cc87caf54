/**
 * Encrypted storage for stateful workloads on EKS: a StorageClass on the EBS CSI driver that encrypts
 * every volume with the platform's EBS key and tags it for AWS Backup, a VolumeSnapshotClass for the
 * same driver, and the account-level EBS guards (encryption by default, snapshots never public).
 */
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

export const EBS_CSI_DRIVER = "ebs.csi.aws.com";

/** A tag every volume of the class carries, which the backup selection matches. */
export interface VolumeTag {
    readonly key: string;
    readonly value: string;
}

export interface EbsStorageArgs {
    /** StorageClass name, e.g. `encrypted-gp3`. */
    readonly storageClassName: string;
    readonly snapshotClassName: string;
    /** The customer-managed key volumes and snapshots are encrypted with. */
    readonly kmsKeyArn: pulumi.Input<string>;
    readonly backupTag: VolumeTag;
    /**
     * Keep volumes when their claims are deleted (Retain), and snapshots when their VolumeSnapshot
     * objects are. Data is then removed only on purpose. @default true
     */
    readonly retain?: boolean;
    /** Keep the classes from `pulumi destroy` (prod). @default false */
    readonly protect?: boolean;
}

/** The StorageClass parameters of the EBS CSI driver (docs: aws-ebs-csi-driver parameters.md). */
export function ebsStorageParameters(kmsKeyArn: string, tag: VolumeTag): Record<string, string> {
    return {
        type: "gp3",
        encrypted: "true",
        kmsKeyId: kmsKeyArn,
        "csi.storage.k8s.io/fstype": "xfs",
        tagSpecification_1: `${tag.key}=${tag.value}`,
    };
}

export class EbsStorage extends pulumi.ComponentResource {
    readonly storageClass: k8s.storage.v1.StorageClass;
    readonly snapshotClass: k8s.apiextensions.CustomResource;

    constructor(name: string, args: EbsStorageArgs, opts?: pulumi.ComponentResourceOptions) {
        for (const [field, value] of [["key", args.backupTag.key], ["value", args.backupTag.value]] as const) {
            // The driver splits tagSpecification on "="; AWS tags take at most 128/256 characters.
            if (value.length === 0 || value.includes("=") || value.length > (field === "key" ? 128 : 256)) {
                throw new Error(`EbsStorage: backupTag.${field} ${JSON.stringify(value)} must be 1 to ${field === "key" ? 128 : 256} characters without "="`);
            }
        }
        super("secure-platform:aws:EbsStorage", name, {}, opts);
        const retain = args.retain ?? true;
        const child = { parent: this, protect: args.protect };

        this.storageClass = new k8s.storage.v1.StorageClass(`${name}-class`, {
            metadata: { name: args.storageClassName },
            provisioner: EBS_CSI_DRIVER,
            parameters: pulumi.output(args.kmsKeyArn).apply((key) => ebsStorageParameters(key, args.backupTag)),
            reclaimPolicy: retain ? "Retain" : "Delete",
            // The volume is created in the zone of the node the pod lands on (a data node).
            volumeBindingMode: "WaitForFirstConsumer",
            allowVolumeExpansion: true,
        }, child);
        this.snapshotClass = new k8s.apiextensions.CustomResource(`${name}-snapshot-class`, {
            apiVersion: "snapshot.storage.k8s.io/v1",
            kind: "VolumeSnapshotClass",
            metadata: { name: args.snapshotClassName },
            driver: EBS_CSI_DRIVER,
            deletionPolicy: retain ? "Retain" : "Delete",
            parameters: { tagSpecification_1: `${args.backupTag.key}=${args.backupTag.value}` },
        }, child);
        this.registerOutputs({});
    }
}

/**
 * Account-and-region EBS settings: every new volume encrypted (FSBP EC2.7) and snapshots never shared
 * publicly (FSBP EC2.1). They belong to the account, not to this stack, so they are left in place when
 * the stack is destroyed: another stack in the account may rely on them.
 */
export class EbsAccountGuards extends pulumi.ComponentResource {
    constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
        super("secure-platform:aws:EbsAccountGuards", name, {}, opts);
        const kept = { parent: this, retainOnDelete: true };
        new aws.ebs.EncryptionByDefault(`${name}-encryption-by-default`, { enabled: true }, kept);
        new aws.ebs.SnapshotBlockPublicAccess(`${name}-snapshot-block-public-access`, { state: "block-all-sharing" }, kept);
        this.registerOutputs({});
    }
}
