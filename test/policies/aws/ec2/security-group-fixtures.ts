/** Security groups and their rules declared the three ways a program can, for the ingress rules' corpora. */
import { resource } from "../../../harness/policy-cases";

export const group = (name: string, ingress: Record<string, unknown>[]) =>
    resource("aws:ec2/securityGroup:SecurityGroup", name, {
        vpcId: "vpc-0123456789abcdef0",
        description: `${name} tier`,
        ingress,
        egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }],
    });
export const tcp = (fromPort: number, toPort: number, sources: Record<string, unknown>) => ({ protocol: "tcp", fromPort, toPort, ...sources });
export const groupRule = (name: string, props: Record<string, unknown>) =>
    resource("aws:ec2/securityGroupRule:SecurityGroupRule", name, { securityGroupId: "sg-0123456789abcdef0", ...props });
export const ingressRule = (name: string, props: Record<string, unknown>) =>
    resource("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", name, { securityGroupId: "sg-0123456789abcdef0", ...props });
