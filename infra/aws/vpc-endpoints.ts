import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/**
 * Interface endpoints the isolated data tier needs to run EKS nodes without internet access, from the
 * EKS user guide's list for clusters without outbound internet access ("Deploy private clusters with
 * limited internet access": docs.aws.amazon.com/eks/latest/userguide/private-clusters.html): the EC2 API
 * (node names, the EBS CSI driver), image pulls (`ecr.api`, `ecr.dkr`, with the S3 gateway endpoint for
 * layers), CloudWatch Logs, STS, EKS Pod Identity (`eks-auth`) and the EKS API (`eks`, which a deploy
 * runner in the VPC calls for the cluster it deploys to); plus KMS and Secrets Manager for the keystore.
 * Not listed, because nothing here uses them: `elasticloadbalancing` (no load balancer controller: the
 * program creates the ALB itself), `autoscaling` (no cluster autoscaler), `xray`, `ssm` (no SSH or
 * session access to nodes) and `oidc-eks` (Pod Identity, not IAM roles for service accounts).
 */
export const DEFAULT_INTERFACE_ENDPOINTS = ["ecr.api", "ecr.dkr", "sts", "kms", "logs", "ec2", "secretsmanager", "eks-auth", "eks"] as const;

/**
 * Regions without AWS PrivateLink for the EKS API (EKS user guide, "Access Amazon EKS using AWS
 * PrivateLink", Considerations: docs.aws.amazon.com/eks/latest/userguide/vpc-interface-endpoints.html):
 * there the `eks` endpoint service does not exist, and a runner reaches the EKS API through NAT.
 */
export const REGIONS_WITHOUT_EKS_PRIVATELINK: readonly string[] = ["ap-southeast-5", "ap-southeast-7", "mx-central-1", "ap-east-2"];

/** The default interface endpoints that exist in `region`. */
export function defaultInterfaceEndpoints(region: string): string[] {
    return DEFAULT_INTERFACE_ENDPOINTS.filter((service) => service !== "eks" || !REGIONS_WITHOUT_EKS_PRIVATELINK.includes(region));
}

export interface VpcEndpointsArgs {
    readonly vpcId: pulumi.Input<string>;
    readonly region: string;
    /** The VPC's range; the only source allowed to reach the endpoints (HTTPS). */
    readonly vpcCidr: string;
    /** Subnets that hold the endpoint network interfaces, one per zone. */
    readonly subnetIds: readonly pulumi.Input<string>[];
    /** Route tables that get the S3 gateway endpoint (image layers are served from S3). */
    readonly gatewayRouteTableIds: readonly pulumi.Input<string>[];
    /** Service names after `com.amazonaws.<region>.`. @default defaultInterfaceEndpoints(region) */
    readonly interfaceServices?: readonly string[];
}

/** Private access to AWS APIs: an S3 gateway endpoint and interface endpoints with private DNS. */
export class VpcEndpoints extends pulumi.ComponentResource {
    readonly securityGroup: aws.ec2.SecurityGroup;
    readonly endpoints: Readonly<Record<string, aws.ec2.VpcEndpoint>>;

    constructor(name: string, args: VpcEndpointsArgs, opts?: pulumi.ComponentResourceOptions) {
        const services = args.interfaceServices ?? defaultInterfaceEndpoints(args.region);
        const invalid = services.filter((s) => !/^[a-z0-9-]+(\.[a-z0-9-]+)*$/.test(s));
        if (invalid.length > 0 || new Set(services).size !== services.length) {
            throw new Error(`VpcEndpoints: interfaceServices must be distinct service names like "ecr.api"; invalid: ${JSON.stringify(invalid)}`);
        }
        super("secure-platform:aws:VpcEndpoints", name, {}, opts);

        this.securityGroup = new aws.ec2.SecurityGroup(`${name}-sg`, {
            vpcId: args.vpcId,
            description: "Interface VPC endpoints: HTTPS from inside the VPC only",
            tags: { Name: `${name}-sg` },
        }, { parent: this });
        new aws.vpc.SecurityGroupIngressRule(`${name}-https-from-vpc`, {
            securityGroupId: this.securityGroup.id,
            description: "HTTPS from the VPC to AWS service endpoints",
            ipProtocol: "tcp",
            fromPort: 443,
            toPort: 443,
            cidrIpv4: args.vpcCidr,
        }, { parent: this });

        const endpoints: Record<string, aws.ec2.VpcEndpoint> = {
            s3: new aws.ec2.VpcEndpoint(`${name}-s3`, {
                vpcId: args.vpcId,
                serviceName: `com.amazonaws.${args.region}.s3`,
                vpcEndpointType: "Gateway",
                routeTableIds: [...args.gatewayRouteTableIds],
                tags: { Name: `${name}-s3` },
            }, { parent: this }),
        };
        for (const service of services) {
            const resourceName = `${name}-${service.replace(/\./g, "-")}`;
            endpoints[service] = new aws.ec2.VpcEndpoint(resourceName, {
                vpcId: args.vpcId,
                serviceName: `com.amazonaws.${args.region}.${service}`,
                vpcEndpointType: "Interface",
                privateDnsEnabled: true,
                subnetIds: [...args.subnetIds],
                securityGroupIds: [this.securityGroup.id],
                tags: { Name: resourceName },
            }, { parent: this });
        }
        this.endpoints = endpoints;

        this.registerOutputs({ securityGroupId: this.securityGroup.id });
    }
}
