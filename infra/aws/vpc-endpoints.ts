import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/**
 * Interface endpoints the isolated data tier needs to run EKS nodes without internet access: image
 * pulls (ECR), credentials (STS, EKS Pod Identity), encryption (KMS), logs, the EC2 API used by the
 * EBS CSI driver, and Secrets Manager for the keystore.
 */
export const DEFAULT_INTERFACE_ENDPOINTS = ["ecr.api", "ecr.dkr", "sts", "kms", "logs", "ec2", "secretsmanager", "eks-auth"] as const;

export interface VpcEndpointsArgs {
    readonly vpcId: pulumi.Input<string>;
    readonly region: string;
    /** The VPC's range; the only source allowed to reach the endpoints (HTTPS). */
    readonly vpcCidr: string;
    /** Subnets that hold the endpoint network interfaces, one per zone. */
    readonly subnetIds: readonly pulumi.Input<string>[];
    /** Route tables that get the S3 gateway endpoint (image layers are served from S3). */
    readonly gatewayRouteTableIds: readonly pulumi.Input<string>[];
    /** Service names after `com.amazonaws.<region>.`. @default DEFAULT_INTERFACE_ENDPOINTS */
    readonly interfaceServices?: readonly string[];
}

/** Private access to AWS APIs: an S3 gateway endpoint and interface endpoints with private DNS. */
export class VpcEndpoints extends pulumi.ComponentResource {
    readonly securityGroup: aws.ec2.SecurityGroup;
    readonly endpoints: Readonly<Record<string, aws.ec2.VpcEndpoint>>;

    constructor(name: string, args: VpcEndpointsArgs, opts?: pulumi.ComponentResourceOptions) {
        const services = args.interfaceServices ?? DEFAULT_INTERFACE_ENDPOINTS;
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
