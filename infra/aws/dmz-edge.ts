import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { GATEWAY_HEALTH_PATH, GATEWAY_PORTS } from "../lib/ports";
import { ALLOWED_TLS_POLICIES, TlsPolicy } from "../settings/edge";
import { AccessLogBucket } from "./access-log-bucket";
import { AwsContext } from "./aws-context";
import { WebAcl } from "./web-acl";

/**
 * Response headers the load balancer adds to every HTTPS response: HSTS for two years with
 * subdomains, no MIME sniffing, no framing by other origins, and no server banner.
 */
export const RESPONSE_HEADERS = {
    strictTransportSecurity: "max-age=63072000; includeSubDomains; preload",
    contentTypeOptions: "nosniff",
    frameOptions: "DENY",
} as const;

export interface DmzEdgeArgs {
    readonly context: AwsContext;
    readonly vpcId: pulumi.Input<string>;
    /** Public subnets of the DMZ tier, one per zone. */
    readonly subnetIds: readonly pulumi.Input<string>[];
    /** Security group of the nodes the gateway runs on. */
    readonly nodeSecurityGroupId: pulumi.Input<string>;
    /** The Auto Scaling group of the app node group (a managed node group has one), registered as targets. */
    readonly targetAutoScalingGroupName: pulumi.Input<string>;
    /**
     * TLS: a certificate ARN, or a domain and hosted zone to request and validate one, with further names in that
     * zone (`*.<domainName>` for tenants' hosts). @default no further names
     */
    readonly certificate: { readonly arn: string } | CertificateRequest;
    /** @default "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09" */
    readonly tlsPolicy: TlsPolicy;
    readonly wafRateLimit: number;
    /** Log retention for access logs and WAF logs, and the key for WAF logs. */
    readonly logs: { readonly kmsKeyArn: pulumi.Input<string>; readonly retentionInDays: number };
    /** Physical-name prefix for the WAF log group (`aws-waf-logs-<prefix>`). */
    readonly namePrefix: string;
    /** Deletion protection on the load balancer and `protect` on its logs (prod). @default false */
    readonly protect?: boolean;
}

/** A public ACM certificate to request, validated with DNS records in a Route 53 hosted zone. */
export interface CertificateRequest {
    readonly domainName: string;
    readonly hostedZoneId: string;
    readonly subjectAlternativeNames?: readonly string[];
}

/** Checks the arguments before any resource exists. */
export function validateDmzEdgeArgs(args: DmzEdgeArgs): void {
    if (!(ALLOWED_TLS_POLICIES as readonly string[]).includes(args.tlsPolicy)) {
        throw new Error(`DmzEdge: tlsPolicy ${JSON.stringify(args.tlsPolicy)} is not allowed; use one of ${ALLOWED_TLS_POLICIES.join(", ")}`);
    }
    if (args.subnetIds.length < 2) {
        throw new Error("DmzEdge: subnetIds must name DMZ subnets in at least two zones (an ALB needs two)");
    }
}

/**
 * The only entry point from the internet: an internet-facing ALB in the DMZ subnets that accepts
 * HTTPS (and HTTP, only to redirect it), speaks a TLS 1.3 policy, drops invalid headers, defends
 * against request desync, adds security headers, logs every request, sits behind a WAF web ACL, and
 * forwards re-encrypted traffic to the Istio ingress gateway's NodePort on the app nodes.
 */
export class DmzEdge extends pulumi.ComponentResource {
    readonly loadBalancer: aws.lb.LoadBalancer;
    readonly securityGroup: aws.ec2.SecurityGroup;
    readonly targetGroup: aws.lb.TargetGroup;
    readonly certificateArn: pulumi.Output<string>;
    /** The platform's log bucket: the load balancer's access logs, and the server access logs of the stack's other buckets. */
    readonly accessLogs: AccessLogBucket;

    constructor(name: string, args: DmzEdgeArgs, opts?: pulumi.ComponentResourceOptions) {
        validateDmzEdgeArgs(args);
        super("secure-platform:aws:DmzEdge", name, {}, opts);
        const parent = { parent: this };

        this.securityGroup = new aws.ec2.SecurityGroup(`${name}-sg`, {
            vpcId: args.vpcId,
            description: "Internet-facing load balancer: HTTPS and HTTP (redirect) in, gateway NodePorts out",
            tags: { Name: `${name}-alb` },
        }, parent);
        for (const port of [443, 80]) {
            new aws.vpc.SecurityGroupIngressRule(`${name}-from-internet-${port}`, {
                securityGroupId: this.securityGroup.id,
                cidrIpv4: "0.0.0.0/0",
                ipProtocol: "tcp",
                fromPort: port,
                toPort: port,
                description: port === 443 ? "HTTPS from the internet" : "HTTP from the internet, redirected to HTTPS",
            }, parent);
        }
        for (const [purpose, port] of [["gateway-https", GATEWAY_PORTS.httpsNodePort], ["gateway-health", GATEWAY_PORTS.statusNodePort]] as const) {
            new aws.vpc.SecurityGroupEgressRule(`${name}-to-${purpose}`, {
                securityGroupId: this.securityGroup.id,
                referencedSecurityGroupId: args.nodeSecurityGroupId,
                ipProtocol: "tcp",
                fromPort: port,
                toPort: port,
                description: `To the ingress gateway NodePort (${purpose})`,
            }, parent);
            new aws.vpc.SecurityGroupIngressRule(`${name}-${purpose}-from-alb`, {
                securityGroupId: args.nodeSecurityGroupId,
                referencedSecurityGroupId: this.securityGroup.id,
                ipProtocol: "tcp",
                fromPort: port,
                toPort: port,
                description: `Load balancer to the ingress gateway NodePort (${purpose})`,
            }, parent);
        }

        const accessLogs = this.accessLogs = new AccessLogBucket(`${name}-access-logs`, {
            context: args.context,
            prefix: "alb",
            retentionInDays: args.logs.retentionInDays,
            protect: args.protect,
        }, parent);

        this.loadBalancer = new aws.lb.LoadBalancer(name, {
            loadBalancerType: "application",
            internal: false,
            subnets: [...args.subnetIds],
            securityGroups: [this.securityGroup.id],
            dropInvalidHeaderFields: true,
            desyncMitigationMode: "strictest",
            enableDeletionProtection: args.protect ?? false,
            enableHttp2: true,
            idleTimeout: 60,
            xffHeaderProcessingMode: "append",
            accessLogs: { bucket: accessLogs.ready, prefix: "alb", enabled: true },
            tags: { Name: name },
        }, parent);

        this.certificateArn = "arn" in args.certificate
            ? pulumi.output(args.certificate.arn)
            : this.requestCertificate(name, args.certificate);

        this.targetGroup = new aws.lb.TargetGroup(`${name}-gateway`, {
            vpcId: args.vpcId,
            targetType: "instance",
            protocol: "HTTPS",
            protocolVersion: "HTTP1",
            port: GATEWAY_PORTS.httpsNodePort,
            deregistrationDelay: 30,
            healthCheck: {
                enabled: true,
                protocol: "HTTP",
                port: String(GATEWAY_PORTS.statusNodePort),
                path: GATEWAY_HEALTH_PATH,
                matcher: "200",
                interval: 15,
                healthyThreshold: 2,
                unhealthyThreshold: 2,
            },
            tags: { Name: `${name}-gateway` },
        }, parent);
        new aws.autoscaling.Attachment(`${name}-gateway-nodes`, {
            autoscalingGroupName: args.targetAutoScalingGroupName,
            lbTargetGroupArn: this.targetGroup.arn,
        }, parent);

        new aws.lb.Listener(`${name}-https`, {
            loadBalancerArn: this.loadBalancer.arn,
            port: 443,
            protocol: "HTTPS",
            sslPolicy: args.tlsPolicy,
            certificateArn: this.certificateArn,
            defaultActions: [{ type: "forward", targetGroupArn: this.targetGroup.arn }],
            routingHttpResponseStrictTransportSecurityHeaderValue: RESPONSE_HEADERS.strictTransportSecurity,
            routingHttpResponseXContentTypeOptionsHeaderValue: RESPONSE_HEADERS.contentTypeOptions,
            routingHttpResponseXFrameOptionsHeaderValue: RESPONSE_HEADERS.frameOptions,
            routingHttpResponseServerEnabled: false,
            tags: { Name: `${name}-https` },
        }, parent);
        new aws.lb.Listener(`${name}-http-redirect`, {
            loadBalancerArn: this.loadBalancer.arn,
            port: 80,
            protocol: "HTTP",
            defaultActions: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }],
            tags: { Name: `${name}-http-redirect` },
        }, parent);

        new WebAcl(`${name}-waf`, {
            context: args.context,
            resourceArn: this.loadBalancer.arn,
            rateLimit: args.wafRateLimit,
            logs: args.logs,
            logGroupName: `aws-waf-logs-${args.namePrefix}`,
            protect: args.protect,
        }, parent);

        this.registerOutputs({ dnsName: this.loadBalancer.dnsName, certificateArn: this.certificateArn });
    }

    /** A public ACM certificate for `domainName` and its further names, validated with DNS records in the hosted zone. */
    private requestCertificate(name: string, request: CertificateRequest): pulumi.Output<string> {
        const alternativeNames = request.subjectAlternativeNames ?? [];
        const certificate = new aws.acm.Certificate(`${name}-cert`, {
            domainName: request.domainName,
            ...(alternativeNames.length > 0 ? { subjectAlternativeNames: [...alternativeNames] } : {}),
            validationMethod: "DNS",
            keyAlgorithm: "EC_prime256v1",
            tags: { Name: request.domainName },
        }, { parent: this });
        // One record per name without its wildcard: ACM validates `*.<name>` with the record of `<name>`, and
        // creating both would write the same record twice (hashicorp/terraform-provider-aws#7918,
        // terraform-aws-modules/terraform-aws-acm#89). The first record keeps its original logical name.
        const validated = [...new Set([request.domainName, ...alternativeNames].map((n) => n.replace(/^\*\./, "")))];
        const records = validated.map((domain, i) => {
            const option = certificate.domainValidationOptions.apply((options) => options.find((o) => o.domainName === domain || o.domainName === `*.${domain}`)!);
            return new aws.route53.Record(i === 0 ? `${name}-cert-validation` : `${name}-cert-validation-${domain}`, {
                zoneId: request.hostedZoneId,
                name: option.resourceRecordName,
                type: option.resourceRecordType,
                records: [option.resourceRecordValue],
                ttl: 300,
                allowOverwrite: true,
            }, { parent: this });
        });
        const validation = new aws.acm.CertificateValidation(`${name}-cert`, {
            certificateArn: certificate.arn,
            validationRecordFqdns: records.map((record) => record.fqdn),
        }, { parent: this });
        return validation.certificateArn;
    }
}
