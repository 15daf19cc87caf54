import { defineResourceRule } from "../../lib/rule";

const TYPES = {
    "aws:ec2/launchTemplate:LaunchTemplate": "aws.ec2.LaunchTemplate",
    "aws:ec2/instance:Instance": "aws.ec2.Instance",
    "aws:ec2/launchConfiguration:LaunchConfiguration": "aws.ec2.LaunchConfiguration",
    "aws:ec2/spotInstanceRequest:SpotInstanceRequest": "aws.ec2.SpotInstanceRequest",
} as const;

export default defineResourceRule({
    name: "require-imdsv2",
    description: "Instances, Spot instance requests, launch templates and launch configurations must require IMDSv2 session tokens for instance metadata.",
    severity: "high",
    controls: ["FSBP EC2.8", "FSBP EC2.170", "FSBP AutoScaling.3"],
    remediation: "Set `metadataOptions: { httpTokens: \"required\", httpPutResponseHopLimit: 1 }` (or `httpEndpoint: \"disabled\"`).",
    resourceTypes: Object.keys(TYPES) as [keyof typeof TYPES, ...(keyof typeof TYPES)[]],
    validate(props, { type }, report) {
        const options = props.metadataOptions ?? {};
        if (options.httpEndpoint === "disabled") {
            return;
        }
        if (options.httpTokens !== "required") {
            report(`${TYPES[type as keyof typeof TYPES]} metadataOptions.httpTokens is ${options.httpTokens ?? "not set (optional)"}: IMDSv1 lets any SSRF read the instance's credentials.`);
        }
    },
});
