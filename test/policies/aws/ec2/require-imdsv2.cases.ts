import { resource, ruleCases, unknown } from "../../../harness/policy-cases";

const AMI = "ami-0abcdef1234567890";
const launchTemplate = (name: string, metadataOptions: Record<string, unknown>) =>
    resource("aws:ec2/launchTemplate:LaunchTemplate", name, { namePrefix: `${name}-`, imageId: AMI, instanceType: "m7i.large", metadataOptions });
const instance = (name: string, props: Record<string, unknown>) =>
    resource("aws:ec2/instance:Instance", name, { ami: AMI, instanceType: "t3.small", subnetId: "subnet-0a1b2c3d4e5f60718", ...props });
const spot = (name: string, props: Record<string, unknown>) =>
    resource("aws:ec2/spotInstanceRequest:SpotInstanceRequest", name, { ami: AMI, instanceType: "t3.small", subnetId: "subnet-0a1b2c3d4e5f60718", spotType: "one-time", ...props });
const launchConfiguration = (name: string, props: Record<string, unknown>) =>
    resource("aws:ec2/launchConfiguration:LaunchConfiguration", name, { namePrefix: `${name}-`, imageId: AMI, instanceType: "t3.small", ...props });

export default ruleCases("require-imdsv2", {
    compliant: [
        { name: "a launch template requiring tokens", resources: [launchTemplate("nodes", { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 })] },
        { name: "an instance requiring tokens", resources: [instance("app", { metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 1 } })] },
        { name: "an instance with the metadata endpoint disabled", resources: [instance("isolated", { metadataOptions: { httpEndpoint: "disabled" } })] },
        { name: "a Spot instance request requiring tokens", resources: [spot("batch", { metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 1 } })] },
        { name: "a launch configuration requiring tokens", resources: [launchConfiguration("asg", { metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 } })] },
    ],
    violating: [
        {
            name: "a launch template with optional tokens",
            resources: [launchTemplate("legacy", { httpEndpoint: "enabled", httpTokens: "optional" })],
            message: /aws\.ec2\.LaunchTemplate metadataOptions\.httpTokens is optional: IMDSv1/,
        },
        { name: "an instance without metadataOptions", resources: [instance("old", {})], message: /aws\.ec2\.Instance metadataOptions\.httpTokens is not set \(optional\)/ },
        { name: "a Spot instance request with optional tokens", resources: [spot("legacy-batch", { metadataOptions: { httpTokens: "optional" } })], message: /aws\.ec2\.SpotInstanceRequest metadataOptions\.httpTokens is optional/ },
        {
            name: "a launch configuration with the endpoint enabled and tokens optional",
            resources: [launchConfiguration("edge", { metadataOptions: { httpEndpoint: "enabled", httpTokens: "optional" } })],
            message: /aws\.ec2\.LaunchConfiguration metadataOptions\.httpTokens is optional/,
        },
    ],
    unknown: [
        { name: "token requirement not known yet", resources: [launchTemplate("later", { httpEndpoint: "enabled", httpTokens: unknown })] },
    ],
});
