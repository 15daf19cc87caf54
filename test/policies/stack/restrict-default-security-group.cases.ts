import { resource, ruleCases, unknown } from "../../harness/policy-cases";

const vpc = resource("aws:ec2/vpc:Vpc", "main", { cidrBlock: "10.0.0.0/16", id: "vpc-main" });
const defaultGroup = (name: string, props: Record<string, unknown>) =>
    resource("aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", name, { vpcId: "vpc-main", ...props }, { from: { vpcId: [vpc] } });

export default ruleCases("restrict-default-security-group", {
    compliant: [
        { name: "the default group taken over with no rules", resources: [vpc, defaultGroup("locked", {})] },
        { name: "empty rule lists", resources: [vpc, defaultGroup("empty", { ingress: [], egress: [] })] },
        { name: "no VPC in the stack", resources: [resource("aws:s3/bucket:Bucket", "b", {})] },
    ],
    violating: [
        { name: "a VPC whose default group is left alone", resources: [vpc], message: /leaves its default security group unmanaged/ },
        {
            name: "the default group allowing all egress",
            resources: [vpc, defaultGroup("open", { egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }] })],
            message: /has 1 rule\(s\)/,
        },
        {
            name: "the default group allowing traffic from itself",
            resources: [vpc, defaultGroup("self", { ingress: [{ protocol: "-1", fromPort: 0, toPort: 0, self: true }] })],
            message: /has 1 rule\(s\)/,
        },
    ],
    unknown: [
        { name: "rules not known yet", resources: [vpc, defaultGroup("later", { ingress: unknown })] },
    ],
});
