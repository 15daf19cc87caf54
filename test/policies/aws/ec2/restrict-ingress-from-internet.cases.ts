import { ruleCases, unknown } from "../../../harness/policy-cases";
import { group, groupRule, ingressRule, tcp } from "./security-group-fixtures";


export default ruleCases("restrict-ingress-from-internet", {
    compliant: [
        {
            name: "HTTP and HTTPS from anywhere over IPv4 and IPv6",
            resources: [group("alb", [
                tcp(80, 80, { cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: ["::/0"] }),
                tcp(443, 443, { cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: ["::/0"] }),
            ])],
        },
        { name: "a VPC ingress rule for HTTPS from IPv6 anywhere", resources: [ingressRule("https6", { ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv6: "::/0" })] },
        { name: "a standalone rule opening SSH to the VPN range", resources: [groupRule("vpn-ssh", { type: "ingress", protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["10.20.0.0/16"] })] },
        {
            name: "port 8443 from anywhere where the team authorizes it",
            resources: [ingressRule("admin-api", { ipProtocol: "tcp", fromPort: 8443, toPort: 8443, cidrIpv4: "0.0.0.0/0" })],
            config: { "restrict-ingress-from-internet": { authorizedPorts: [443, 8443] } },
        },
    ],
    violating: [
        { name: "SSH from anywhere", resources: [group("ssh", [tcp(22, 22, { cidrBlocks: ["0.0.0.0/0"] })])], message: /admits tcp 22 from 0\.0\.0\.0\/0; only ports 80, 443 may be open/ },
        {
            name: "a standalone rule opening the range 80-443",
            resources: [groupRule("range", { type: "ingress", protocol: "tcp", fromPort: 80, toPort: 443, cidrBlocks: ["0.0.0.0/0"] })],
            message: /admits tcp 80-443 from 0\.0\.0\.0\/0/,
        },
        { name: "a VPC ingress rule allowing all traffic from IPv6 anywhere", resources: [ingressRule("all6", { ipProtocol: "-1", cidrIpv6: "::/0" })], message: /admits all traffic from ::\/0/ },
        {
            name: "plain HTTP from anywhere where the team authorizes 443 only",
            resources: [group("http", [tcp(80, 80, { cidrBlocks: ["0.0.0.0/0"] })])],
            config: { "restrict-ingress-from-internet": { authorizedPorts: [443] } },
            message: /admits tcp 80 from 0\.0\.0\.0\/0; only ports 443 may be open/,
        },
    ],
    unknown: [
        { name: "a rule whose source CIDRs are not known yet", resources: [groupRule("later", { type: "ingress", protocol: "tcp", fromPort: 5432, toPort: 5432, cidrBlocks: unknown })] },
    ],
});
