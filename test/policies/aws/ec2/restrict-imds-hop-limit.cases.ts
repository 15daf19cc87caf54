import { resource, ruleCases, unknown } from "../../../harness/policy-cases";

const AMI = "ami-0abcdef1234567890";
const launchTemplate = (name: string, metadataOptions: Record<string, unknown>) =>
    resource("aws:ec2/launchTemplate:LaunchTemplate", name, { namePrefix: `${name}-`, imageId: AMI, instanceType: "m7i.large", metadataOptions });
const instance = (name: string, props: Record<string, unknown>) =>
    resource("aws:ec2/instance:Instance", name, { ami: AMI, instanceType: "t3.small", subnetId: "subnet-0a1b2c3d4e5f60718", ...props });
const imds = (httpPutResponseHopLimit: unknown) => ({ httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit });

export default ruleCases("restrict-imds-hop-limit", {
    compliant: [
        { name: "a node launch template with hop limit 1", resources: [launchTemplate("nodes", imds(1))] },
        { name: "an instance with hop limit 1", resources: [instance("app", { metadataOptions: imds(1) })] },
        { name: "an instance with the metadata endpoint disabled", resources: [instance("isolated", { metadataOptions: { httpEndpoint: "disabled" } })] },
        { name: "hop limit 2 where the team allows 2", resources: [launchTemplate("relaxed", imds(2))], config: { "restrict-imds-hop-limit": { maxHopLimit: 2 } } },
    ],
    violating: [
        { name: "a node launch template with hop limit 2", resources: [launchTemplate("pods", imds(2))], message: /httpPutResponseHopLimit is 2; at most 1 is allowed/ },
        {
            name: "an instance requiring tokens but leaving the hop limit to the AMI",
            resources: [instance("ami-default", { metadataOptions: { httpEndpoint: "enabled", httpTokens: "required" } })],
            message: /httpPutResponseHopLimit is not set; set it to 1 or lower/,
        },
        { name: "an instance without metadataOptions", resources: [instance("bare", {})], message: /httpPutResponseHopLimit is not set/ },
        {
            name: "hop limit 3 where the team allows 2",
            resources: [instance("deep", { metadataOptions: imds(3) })],
            config: { "restrict-imds-hop-limit": { maxHopLimit: 2 } },
            message: /httpPutResponseHopLimit is 3; at most 2 is allowed/,
        },
    ],
    unknown: [
        { name: "hop limit not known yet", resources: [launchTemplate("later", imds(unknown))] },
    ],
});
