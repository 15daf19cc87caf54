import { resource, ruleCases, unknown } from "../../../harness/policy-cases";

const acl = (name: string, ingress: Record<string, unknown>[]) =>
    resource("aws:ec2/networkAcl:NetworkAcl", name, { vpcId: "vpc-0123456789abcdef0", ingress, egress: [] });
const entry = (ruleNo: number, protocol: string, cidrBlock: string, fromPort: number, toPort: number, action = "allow") =>
    ({ ruleNo, protocol, action, cidrBlock, fromPort, toPort });

export default ruleCases("disallow-nacl-admin-ports-from-internet", {
    compliant: [
        {
            name: "HTTPS and ephemeral ranges that skip 22 and 3389",
            resources: [acl("dmz", [entry(100, "tcp", "0.0.0.0/0", 443, 443), entry(120, "tcp", "0.0.0.0/0", 1024, 3388), entry(130, "tcp", "0.0.0.0/0", 3390, 65535)])],
        },
        { name: "SSH from a private range only", resources: [acl("admin", [entry(100, "tcp", "10.0.0.0/8", 22, 22)])] },
        { name: "SSH from anywhere denied", resources: [acl("deny", [entry(90, "tcp", "0.0.0.0/0", 22, 22, "deny")])] },
        {
            name: "a standalone egress rule",
            resources: [resource("aws:ec2/networkAclRule:NetworkAclRule", "out", { networkAclId: "acl-1", ruleNumber: 100, egress: true, protocol: "-1", ruleAction: "allow", cidrBlock: "0.0.0.0/0" })],
        },
    ],
    violating: [
        { name: "SSH from anywhere", resources: [acl("ssh", [entry(100, "tcp", "0.0.0.0/0", 22, 22)])], message: /port 22/ },
        { name: "an ephemeral range that includes RDP", resources: [acl("wide", [entry(120, "tcp", "0.0.0.0/0", 1024, 65535)])], message: /port 3389/ },
        { name: "all protocols from IPv6 anywhere", resources: [acl("all6", [{ ruleNo: 100, protocol: "-1", action: "allow", ipv6CidrBlock: "::/0", fromPort: 0, toPort: 0 }])], message: /port 22 and 3389/ },
        {
            name: "the default network ACL opened to SSH",
            resources: [resource("aws:ec2/defaultNetworkAcl:DefaultNetworkAcl", "default", { defaultNetworkAclId: "acl-0", ingress: [entry(100, "6", "0.0.0.0/0", 0, 65535)] })],
            message: /port 22 and 3389/,
        },
        {
            name: "a standalone ingress rule for RDP",
            resources: [resource("aws:ec2/networkAclRule:NetworkAclRule", "rdp", { networkAclId: "acl-1", ruleNumber: 100, egress: false, protocol: "tcp", ruleAction: "allow", cidrBlock: "0.0.0.0/0", fromPort: 3389, toPort: 3389 })],
            message: /port 3389/,
        },
    ],
    unknown: [
        { name: "ingress rules not known yet", resources: [resource("aws:ec2/networkAcl:NetworkAcl", "later", { vpcId: "vpc-1", ingress: unknown })] },
        { name: "a CIDR not known yet", resources: [acl("cidr", [{ ruleNo: 100, protocol: "tcp", action: "allow", cidrBlock: unknown, fromPort: 22, toPort: 22 }])] },
    ],
});
