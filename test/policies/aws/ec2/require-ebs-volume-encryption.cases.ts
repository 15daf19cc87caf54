import { resource, ruleCases, unknown } from "../../../harness/policy-cases";

const EBS_KEY = "arn:aws:kms:eu-west-1:111122223333:key/0b1c2d3e-4f50-4a61-8b72-93a4b5c6d7e8";
const volume = (name: string, props: Record<string, unknown>) =>
    resource("aws:ebs/volume:Volume", name, { availabilityZone: "eu-west-1a", size: 100, type: "gp3", ...props });
const snapshotCopy = (name: string, props: Record<string, unknown>) =>
    resource("aws:ebs/snapshotCopy:SnapshotCopy", name, { sourceSnapshotId: "snap-0a1b2c3d4e5f60718", sourceRegion: "eu-central-1", ...props });
const encryptionByDefault = (name: string, props: Record<string, unknown>) =>
    resource("aws:ebs/encryptionByDefault:EncryptionByDefault", name, props);

export default ruleCases("require-ebs-volume-encryption", {
    compliant: [
        { name: "a volume encrypted with a customer-managed key", resources: [volume("data", { encrypted: true, kmsKeyId: EBS_KEY })] },
        { name: "a volume encrypted with the AWS-managed key", resources: [volume("scratch", { encrypted: true })] },
        { name: "a snapshot copy encrypted with a customer-managed key", resources: [snapshotCopy("dr", { encrypted: true, kmsKeyId: EBS_KEY })] },
        { name: "encryption by default turned on", resources: [encryptionByDefault("account", { enabled: true })] },
        { name: "encryption by default declared with enabled left at its default (true)", resources: [encryptionByDefault("account", {})] },
    ],
    violating: [
        { name: "a volume with encrypted not set", resources: [volume("plain", {})], message: /The volume is not encrypted \(encrypted: not set\)/ },
        { name: "a volume with encrypted false", resources: [volume("off", { encrypted: false })], message: /The volume is not encrypted \(encrypted: false\)/ },
        { name: "a snapshot copy left unencrypted", resources: [snapshotCopy("dr", {})], message: /The snapshot copy is not encrypted \(encrypted: not set\)/ },
        { name: "encryption by default turned off", resources: [encryptionByDefault("account", { enabled: false })], message: /EBS encryption by default is turned off/ },
    ],
    unknown: [
        { name: "volume encryption not known yet", resources: [volume("later", { encrypted: unknown })] },
        { name: "snapshot copy encryption not known yet", resources: [snapshotCopy("later", { encrypted: unknown })] },
        { name: "encryption by default not known yet", resources: [encryptionByDefault("later", { enabled: unknown })] },
    ],
});
