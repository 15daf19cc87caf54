import { defineResourceRule } from "../../lib/rule";

export default defineResourceRule({
    name: "require-ebs-volume-encryption",
    description: "EBS volumes must be encrypted, and account-level EBS encryption by default must stay on.",
    severity: "medium",
    controls: ["FSBP EC2.3", "FSBP EC2.7"],
    remediation: "Set `encrypted: true` and `kmsKeyId` on the aws.ebs.Volume; set `enabled: true` on aws.ebs.EncryptionByDefault.",
    resourceTypes: ["aws:ebs/volume:Volume", "aws:ebs/encryptionByDefault:EncryptionByDefault"],
    validate(props, { type }, report) {
        if (type === "aws:ebs/encryptionByDefault:EncryptionByDefault") {
            if (props.enabled === false) {
                report("EBS encryption by default is turned off for the account and region.");
            }
        } else if (props.encrypted !== true) {
            report(`The volume is not encrypted (encrypted: ${props.encrypted ?? "not set"}).`);
        }
    },
});
