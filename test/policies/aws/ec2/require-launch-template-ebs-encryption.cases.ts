import { resource, ruleCases, unknown } from "../../../harness/policy-cases";

const AMI = "ami-0abcdef1234567890";
const EBS_KEY = "arn:aws:kms:eu-west-1:111122223333:key/0b1c2d3e-4f50-4a61-8b72-93a4b5c6d7e8";

const launchTemplate = (name: string, ...volumes: Record<string, unknown>[]) =>
    resource("aws:ec2/launchTemplate:LaunchTemplate", name, {
        namePrefix: `${name}-`,
        imageId: AMI,
        instanceType: "m7i.large",
        metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 },
        blockDeviceMappings: volumes,
    });
const mapping = (deviceName: string, ebs: Record<string, unknown>) =>
    ({ deviceName, ebs: { volumeSize: 50, volumeType: "gp3", deleteOnTermination: "true", ...ebs } });
const instance = (name: string, props: Record<string, unknown>) =>
    resource("aws:ec2/instance:Instance", name, { ami: AMI, instanceType: "t3.small", subnetId: "subnet-0a1b2c3d4e5f60718", ...props });
const spot = (name: string, props: Record<string, unknown>) =>
    resource("aws:ec2/spotInstanceRequest:SpotInstanceRequest", name, { ami: AMI, instanceType: "t3.small", subnetId: "subnet-0a1b2c3d4e5f60718", spotType: "one-time", ...props });
const launchConfiguration = (name: string, props: Record<string, unknown>) =>
    resource("aws:ec2/launchConfiguration:LaunchConfiguration", name, { namePrefix: `${name}-`, imageId: AMI, instanceType: "t3.small", ...props });
const awsManagedKeyAllowed = { "require-launch-template-ebs-encryption": { requireCustomerManagedKey: false } };

export default ruleCases("require-launch-template-ebs-encryption", {
    compliant: [
        {
            name: "a launch template whose root and data volumes use the EBS key",
            resources: [launchTemplate("nodes",
                mapping("/dev/xvda", { encrypted: "true", kmsKeyId: EBS_KEY }),
                mapping("/dev/xvdb", { encrypted: "true", kmsKeyId: EBS_KEY, volumeSize: 200 }))],
        },
        {
            name: "an instance whose root and data volumes use the EBS key",
            resources: [instance("app", {
                rootBlockDevice: { encrypted: true, kmsKeyId: EBS_KEY, volumeSize: 30, volumeType: "gp3" },
                ebsBlockDevices: [{ deviceName: "/dev/sdf", encrypted: true, kmsKeyId: EBS_KEY, volumeSize: 200, volumeType: "gp3" }],
            })],
        },
        {
            name: "a Spot instance request whose root volume uses the EBS key",
            resources: [spot("batch", { rootBlockDevice: { encrypted: true, kmsKeyId: EBS_KEY, volumeSize: 30, volumeType: "gp3" } })],
        },
        {
            name: "a launch template on the AWS-managed key where the team does not require a customer-managed one",
            resources: [launchTemplate("dev", mapping("/dev/xvda", { encrypted: "true" }))],
            config: awsManagedKeyAllowed,
        },
        {
            name: "a launch configuration with encrypted volumes (it cannot name a key, so the default setting accepts it)",
            resources: [launchConfiguration("legacy-default", { rootBlockDevice: { encrypted: true, volumeSize: 30 } })],
        },
        {
            name: "a launch configuration with encrypted volumes where the team does not require a customer-managed key",
            resources: [launchConfiguration("asg", {
                rootBlockDevice: { encrypted: true, volumeSize: 30, volumeType: "gp3" },
                ebsBlockDevices: [{ deviceName: "/dev/sdf", encrypted: true, volumeSize: 100 }],
            })],
            config: awsManagedKeyAllowed,
        },
    ],
    violating: [
        { name: "a launch template volume with encrypted \"false\"", resources: [launchTemplate("plain", mapping("/dev/xvda", { encrypted: "false" }))], message: /Volume \/dev\/xvda is not encrypted \(encrypted: false\)/ },
        { name: "a launch template volume with encrypted not set", resources: [launchTemplate("unset", mapping("/dev/xvdb", {}))], message: /Volume \/dev\/xvdb is not encrypted \(encrypted: not set\)/ },
        {
            name: "a launch template volume on the AWS-managed key",
            resources: [launchTemplate("default-key", mapping("/dev/xvda", { encrypted: "true" }))],
            message: /Volume \/dev\/xvda is encrypted with the AWS-managed key; set kmsKeyId/,
        },
        { name: "a launch template that declares no volume (the AMI's mappings apply)", resources: [launchTemplate("bare")], message: /blockDeviceMappings declares no EBS volume/ },
        { name: "an instance without rootBlockDevice", resources: [instance("bare", {})], message: /rootBlockDevice is not set/ },
        { name: "a Spot instance request with an unencrypted root volume", resources: [spot("plain-batch", { rootBlockDevice: { volumeSize: 30 } })], message: /Volume root is not encrypted \(encrypted: not set\)/ },
        {
            name: "an instance with an unencrypted data volume",
            resources: [instance("data", {
                rootBlockDevice: { encrypted: true, kmsKeyId: EBS_KEY },
                ebsBlockDevices: [{ deviceName: "/dev/sdf", encrypted: false, volumeSize: 200 }],
            })],
            message: /Volume \/dev\/sdf is not encrypted \(encrypted: false\)/,
        },
        {
            name: "a launch configuration with an unencrypted root volume",
            resources: [launchConfiguration("legacy", { rootBlockDevice: { volumeSize: 30, volumeType: "gp3" } })],
            message: /Volume root is not encrypted \(encrypted: not set\)/,
        },
    ],
    unknown: [
        { name: "a volume's KMS key not known yet (created in the same stack)", resources: [launchTemplate("later", mapping("/dev/xvda", { encrypted: "true", kmsKeyId: unknown }))] },
        { name: "an instance's root volume encryption not known yet", resources: [instance("later", { rootBlockDevice: { encrypted: unknown, kmsKeyId: EBS_KEY } })] },
    ],
});
