import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/**
 * Ports the control plane calls on nodes: 10250 kubelet (logs, exec, metrics), 443 extension API
 * servers and webhooks, 15017 the Istio sidecar-injection webhook.
 */
export const CONTROL_PLANE_TO_NODE_PORTS: readonly { readonly port: number; readonly purpose: string }[] = [
    { port: 10250, purpose: "kubelet API" },
    { port: 443, purpose: "webhooks and extension API servers" },
    { port: 15017, purpose: "Istio sidecar injection webhook" },
];

export interface NodeSecurityGroupArgs {
    readonly vpcId: pulumi.Input<string>;
    readonly vpcCidr: string;
    /** The control plane's security group (EksCluster.securityGroup). */
    readonly clusterSecurityGroupId: pulumi.Input<string>;
}

/**
 * The security group of every node (set in the launch templates, so EKS does not attach its permissive
 * cluster security group): nodes and pods talk freely among themselves, the control plane reaches only
 * the listed ports, and outbound traffic stays in the VPC except HTTPS. Nothing from the internet.
 */
export class NodeSecurityGroup extends pulumi.ComponentResource {
    readonly securityGroup: aws.ec2.SecurityGroup;

    constructor(name: string, args: NodeSecurityGroupArgs, opts?: pulumi.ComponentResourceOptions) {
        super("secure-platform:aws:NodeSecurityGroup", name, {}, opts);
        const parent = { parent: this };
        this.securityGroup = new aws.ec2.SecurityGroup(name, {
            vpcId: args.vpcId,
            description: "EKS nodes: node-to-node, control plane to kubelet and webhooks, no internet ingress",
            tags: { Name: `${name}` },
        }, parent);
        const nodes = this.securityGroup.id;

        new aws.vpc.SecurityGroupIngressRule(`${name}-node-to-node`, {
            securityGroupId: nodes,
            referencedSecurityGroupId: nodes,
            ipProtocol: "-1",
            description: "Nodes and pods to each other (pod networking, DNS, mesh)",
        }, parent);
        for (const { port, purpose } of CONTROL_PLANE_TO_NODE_PORTS) {
            new aws.vpc.SecurityGroupIngressRule(`${name}-control-plane-${port}`, {
                securityGroupId: nodes,
                referencedSecurityGroupId: args.clusterSecurityGroupId,
                ipProtocol: "tcp",
                fromPort: port,
                toPort: port,
                description: `Control plane to ${purpose}`,
            }, parent);
        }
        new aws.vpc.SecurityGroupIngressRule(`${name}-api-from-nodes`, {
            securityGroupId: args.clusterSecurityGroupId,
            referencedSecurityGroupId: nodes,
            ipProtocol: "tcp",
            fromPort: 443,
            toPort: 443,
            description: "Kubernetes API from nodes and pods",
        }, parent);

        new aws.vpc.SecurityGroupEgressRule(`${name}-to-vpc`, {
            securityGroupId: nodes,
            cidrIpv4: args.vpcCidr,
            ipProtocol: "-1",
            description: "Anything inside the VPC: control plane, endpoints, other tiers",
        }, parent);
        new aws.vpc.SecurityGroupEgressRule(`${name}-https-out`, {
            securityGroupId: nodes,
            cidrIpv4: "0.0.0.0/0",
            ipProtocol: "tcp",
            fromPort: 443,
            toPort: 443,
            description: "HTTPS out (through NAT from the app tier; the data tier has no route)",
        }, parent);

        this.registerOutputs({ securityGroupId: nodes });
    }
}
