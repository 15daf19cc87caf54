import { defineResourceRule } from "../../lib/rule";
import { list } from "../../lib/values";

export default defineResourceRule<{ requireCustomerManagedKey: boolean }>({
    name: "require-launch-template-ebs-encryption",
    description: "Every EBS volume a launch template, launch configuration, instance or Spot instance request defines must be encrypted, with a customer-managed KMS key.",
    severity: "medium",
    controls: ["FSBP EC2.3"],
    remediation: "In each `blockDeviceMappings[].ebs` set `encrypted: \"true\"` and `kmsKeyId` to your EBS key; for instances and Spot instance requests, `rootBlockDevice`/`ebsBlockDevices` with `encrypted: true` and `kmsKeyId`; launch configurations cannot name a key, so move them to launch templates.",
    config: {
        requireCustomerManagedKey: { type: "boolean", default: true, description: "Require kmsKeyId (not the AWS-managed aws/ebs key)." },
    },
    resourceTypes: ["aws:ec2/launchTemplate:LaunchTemplate", "aws:ec2/launchConfiguration:LaunchConfiguration", "aws:ec2/instance:Instance", "aws:ec2/spotInstanceRequest:SpotInstanceRequest"],
    validate(props, { type, config }, report) {
        const isTemplate = type === "aws:ec2/launchTemplate:LaunchTemplate";
        const volumes = isTemplate
            ? list(props.blockDeviceMappings).filter((m) => m.ebs).map((m) => ({ device: m.deviceName, ebs: m.ebs }))
            : [...(props.rootBlockDevice ? [{ device: "root", ebs: props.rootBlockDevice }] : []),
                ...list(props.ebsBlockDevices).map((d) => ({ device: d.deviceName, ebs: d }))];
        // Without explicit volumes the AMI's own mappings apply, unencrypted unless account-level encryption is on.
        if (isTemplate && volumes.length === 0) {
            report("blockDeviceMappings declares no EBS volume: the AMI's volumes are used as they are, unencrypted unless account-level EBS encryption is on.");
        } else if (!isTemplate && !props.rootBlockDevice) {
            report("rootBlockDevice is not set: the root volume is created unencrypted unless account-level EBS encryption is on.");
        }
        // Launch configurations cannot name a key; for them encryption with the account's EBS key is the most there is.
        const canNameKey = type !== "aws:ec2/launchConfiguration:LaunchConfiguration";
        for (const { device, ebs } of volumes) {
            if (String(ebs.encrypted) !== "true") {
                report(`Volume ${device ?? "(no device name)"} is not encrypted (encrypted: ${ebs.encrypted ?? "not set"}).`);
            } else if (config.requireCustomerManagedKey && canNameKey && !ebs.kmsKeyId) {
                report(`Volume ${device ?? "(no device name)"} is encrypted with the AWS-managed key; set kmsKeyId to a customer-managed key.`);
            }
        }
    },
});
