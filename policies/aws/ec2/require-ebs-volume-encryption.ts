import { defineResourceRule } from "../../lib/rule";

export default defineResourceRule({
    name: "require-ebs-volume-encryption",
    description: "EBS volumes and snapshot copies must be encrypted, and account-level EBS encryption by default must stay on.",
    severity: "medium",
    controls: ["FSBP EC2.3", "FSBP EC2.7"],
    remediation: "Set `encrypted: true` and `kmsKeyId` on the aws.ebs.Volume or aws.ebs.SnapshotCopy; set `enabled: true` on aws.ebs.EncryptionByDefault.",
    resourceTypes: ["aws:ebs/volume:Volume", "aws:ebs/snapshotCopy:SnapshotCopy", "aws:ebs/encryptionByDefault:EncryptionByDefault"],
    validate(props, { type }, report) {
        if (type === "aws:ebs/encryptionByDefault:EncryptionByDefault") {
            if (props.enabled === false) {
                report("EBS encryption by default is turned off for the account and region.");
            }
        } else if (props.encrypted !== true) {
            const what = type === "aws:ebs/snapshotCopy:SnapshotCopy" ? "snapshot copy" : "volume";
            report(`The ${what} is not encrypted (encrypted: ${props.encrypted ?? "not set"}).`);
        }
    },
});
