import { ruleCases, unknown } from "../../../harness/policy-cases";
import { group, groupRule, ingressRule, tcp } from "./security-group-fixtures";


export default ruleCases("disallow-high-risk-ports-from-internet", {
    compliant: [
        {
            name: "HTTPS from anywhere, SSH from the VPN range only",
            resources: [group("web", [
                tcp(443, 443, { cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: ["::/0"] }),
                tcp(22, 22, { cidrBlocks: ["10.20.0.0/16"] }),
            ])],
        },
        { name: "ICMP from anywhere (no ports)", resources: [group("ping", [{ protocol: "icmp", fromPort: -1, toPort: -1, cidrBlocks: ["0.0.0.0/0"] }])] },
        {
            name: "a standalone rule opening PostgreSQL to the application's security group",
            resources: [ingressRule("db-from-app", { ipProtocol: "tcp", fromPort: 5432, toPort: 5432, referencedSecurityGroupId: "sg-0fedcba9876543210" })],
        },
        {
            name: "a standalone egress rule to anywhere on all protocols",
            resources: [groupRule("all-out", { type: "egress", protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] })],
        },
    ],
    violating: [
        { name: "SSH from anywhere", resources: [group("ssh", [tcp(22, 22, { cidrBlocks: ["0.0.0.0/0"] })])], message: /admits tcp 22 from 0\.0\.0\.0\/0, exposing high-risk port 22\./ },
        {
            name: "a port range that includes several high-risk ports",
            resources: [group("dev", [tcp(8000, 9000, { cidrBlocks: ["0.0.0.0/0"] })])],
            message: /tcp 8000-9000 from 0\.0\.0\.0\/0, exposing high-risk ports 8080, 8088, 8888\./,
        },
        {
            name: "a standalone ingress rule opening MySQL to IPv6 anywhere",
            resources: [groupRule("mysql", { type: "ingress", protocol: "tcp", fromPort: 3306, toPort: 3306, ipv6CidrBlocks: ["::/0"] })],
            message: /admits tcp 3306 from ::\/0, exposing high-risk port 3306\./,
        },
        {
            name: "a VPC ingress rule allowing all traffic from anywhere",
            resources: [ingressRule("everything", { ipProtocol: "-1", cidrIpv4: "0.0.0.0/0" })],
            message: /admits all traffic from 0\.0\.0\.0\/0, exposing high-risk ports 20, 21, 22, 23/,
        },
        {
            name: "a VPC ingress rule opening RDP",
            resources: [ingressRule("rdp", { ipProtocol: "tcp", fromPort: 3389, toPort: 3389, cidrIpv4: "0.0.0.0/0" })],
            message: /exposing high-risk port 3389\./,
        },
    ],
    unknown: [
        { name: "an SSH rule whose source CIDRs are not known yet", resources: [group("later", [tcp(22, 22, { cidrBlocks: unknown })])] },
        { name: "a VPC ingress rule whose CIDR is not known yet", resources: [ingressRule("later", { ipProtocol: "tcp", fromPort: 5432, toPort: 5432, cidrIpv4: unknown })] },
    ],
});
