import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import * as aws from "@pulumi/aws";
import { lookupAwsContext } from "../../../infra/aws/aws-context";
import { DmzEdge, DmzEdgeArgs, RESPONSE_HEADERS, validateDmzEdgeArgs } from "../../../infra/aws/dmz-edge";
import { MANAGED_RULE_GROUPS } from "../../../infra/aws/web-acl";
import { GATEWAY_HEALTH_PATH, GATEWAY_PORTS } from "../../../infra/lib/ports";
import { RecordedResource, renderComponents } from "../../../engine/program";
import { byId, descendantsOf, named, ofType, plain } from "../../harness/resources";

const CERT = "arn:aws:acm:eu-west-1:123456789012:certificate/3f1c9a52-6f0e-4c1b-9d7e-2b5a8c4e1f07";
let prod: RecordedResource[];
let dev: RecordedResource[];
let tenants: RecordedResource[];

function edgeArgs(overrides: Partial<DmzEdgeArgs>): DmzEdgeArgs {
    return {
        context: { region: "eu-west-1" } as DmzEdgeArgs["context"],
        vpcId: "vpc-1",
        subnetIds: ["subnet-dmz-a", "subnet-dmz-b", "subnet-dmz-c"],
        nodeSecurityGroupId: "sg-nodes",
        targetAutoScalingGroupName: "eks-app-asg",
        certificate: { arn: CERT },
        tlsPolicy: "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09",
        wafRateLimit: 1000,
        logs: { kmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/logs", retentionInDays: 731 },
        namePrefix: "secure-platform-test",
        ...overrides,
    };
}

before(async () => {
    const { resources } = await renderComponents(() => {
        const provider = new aws.Provider("aws", { region: "eu-west-1" });
        const context = lookupAwsContext("eu-west-1", provider);
        new DmzEdge("prod", edgeArgs({ context, protect: true }), { provider });
        new DmzEdge("dev", edgeArgs({ context, certificate: { domainName: "dev.example.com", hostedZoneId: "Z0123456789ABCDEFGHIJ" }, namePrefix: "secure-platform-dev" }), { provider });
        new DmzEdge("tenants", edgeArgs({
            context,
            certificate: { domainName: "app.example.com", hostedZoneId: "Z0123456789ABCDEFGHIJ", subjectAlternativeNames: ["*.app.example.com", "*.eu.app.example.com"] },
            namePrefix: "secure-platform-tenants",
        }), { provider });
    });
    prod = descendantsOf(resources, named(resources, "prod"));
    dev = descendantsOf(resources, named(resources, "dev"));
    tenants = descendantsOf(resources, named(resources, "tenants"));
});

const input = (r: RecordedResource, key: string) => plain(r.inputs)[key];
const listener = (resources: RecordedResource[], port: number) => ofType(resources, "aws:lb/listener:Listener").find((l) => input(l, "port") === port)!;

describe("DmzEdge", () => {
    it("puts an internet-facing ALB in the DMZ subnets that drops invalid headers and defends against desync", () => {
        const [lb] = ofType(prod, "aws:lb/loadBalancer:LoadBalancer");
        assert.equal(input(lb, "internal"), false);
        assert.equal(input(lb, "loadBalancerType"), "application");
        assert.deepEqual(input(lb, "subnets"), ["subnet-dmz-a", "subnet-dmz-b", "subnet-dmz-c"]);
        assert.equal(input(lb, "dropInvalidHeaderFields"), true);
        assert.equal(input(lb, "desyncMitigationMode"), "strictest");
    });

    it("logs every request to the hardened bucket, and is deletion-protected in prod only", () => {
        const [lb] = ofType(prod, "aws:lb/loadBalancer:LoadBalancer");
        const [bucket] = ofType(prod, "aws:s3/bucket:Bucket");
        assert.deepEqual(input(lb, "accessLogs"), { bucket: bucket.id, prefix: "alb", enabled: true });
        assert.ok(lb.propertyDependencies.accessLogs.includes(bucket.urn));
        assert.equal(input(lb, "enableDeletionProtection"), true);
        assert.equal(input(ofType(dev, "aws:lb/loadBalancer:LoadBalancer")[0], "enableDeletionProtection"), false);
    });

    it("serves HTTPS with the TLS 1.3 policy and security headers, forwarding to the gateway", () => {
        const https = listener(prod, 443);
        assert.equal(input(https, "protocol"), "HTTPS");
        assert.equal(input(https, "sslPolicy"), "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09");
        assert.equal(input(https, "certificateArn"), CERT);
        assert.equal(input(https, "routingHttpResponseStrictTransportSecurityHeaderValue"), RESPONSE_HEADERS.strictTransportSecurity);
        assert.equal(input(https, "routingHttpResponseXContentTypeOptionsHeaderValue"), "nosniff");
        assert.equal(input(https, "routingHttpResponseXFrameOptionsHeaderValue"), "DENY");
        assert.equal(input(https, "routingHttpResponseServerEnabled"), false);
        const [targetGroup] = ofType(prod, "aws:lb/targetGroup:TargetGroup");
        assert.deepEqual(input(https, "defaultActions"), [{ type: "forward", targetGroupArn: plain(targetGroup.outputs).arn }]);
    });

    it("only redirects plain HTTP to HTTPS", () => {
        const http = listener(prod, 80);
        assert.equal(input(http, "protocol"), "HTTP");
        assert.deepEqual(input(http, "defaultActions"), [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }]);
    });

    it("re-encrypts to the gateway NodePort and health-checks its readiness endpoint", () => {
        const [targetGroup] = ofType(prod, "aws:lb/targetGroup:TargetGroup");
        assert.equal(input(targetGroup, "protocol"), "HTTPS");
        assert.equal(input(targetGroup, "port"), GATEWAY_PORTS.httpsNodePort);
        assert.equal(input(targetGroup, "targetType"), "instance");
        assert.deepEqual([input(targetGroup, "healthCheck").port, input(targetGroup, "healthCheck").path], [String(GATEWAY_PORTS.statusNodePort), GATEWAY_HEALTH_PATH]);
        const [attachment] = ofType(prod, "aws:autoscaling/attachment:Attachment");
        assert.equal(input(attachment, "autoscalingGroupName"), "eks-app-asg");
        assert.equal(input(attachment, "lbTargetGroupArn"), plain(targetGroup.outputs).arn);
    });

    it("opens only 443 and 80 to the internet, and reaches the nodes only on the gateway's two NodePorts", () => {
        const [group] = ofType(prod, "aws:ec2/securityGroup:SecurityGroup");
        const ingress = ofType(prod, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule");
        const internet = ingress.filter((r) => input(r, "cidrIpv4") === "0.0.0.0/0");
        assert.deepEqual(internet.map((r) => input(r, "fromPort")).sort(), [443, 80]);
        assert.ok(internet.every((r) => input(r, "securityGroupId") === group.id));
        const toNodes = ingress.filter((r) => input(r, "securityGroupId") === "sg-nodes");
        assert.deepEqual(toNodes.map((r) => input(r, "fromPort")).sort(), [GATEWAY_PORTS.httpsNodePort, GATEWAY_PORTS.statusNodePort].sort());
        assert.ok(toNodes.every((r) => input(r, "referencedSecurityGroupId") === group.id));
        const egress = ofType(prod, "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule");
        assert.ok(egress.every((r) => input(r, "referencedSecurityGroupId") === "sg-nodes" && input(r, "cidrIpv4") === undefined));
    });

    it("protects the load balancer with a logged WAF web ACL", () => {
        const [acl] = ofType(prod, "aws:wafv2/webAcl:WebAcl");
        const rules = input(acl, "rules");
        assert.deepEqual(rules.filter((r: { statement: { managedRuleGroupStatement?: { name: string } } }) => r.statement.managedRuleGroupStatement).map((r: { name: string }) => r.name), [...MANAGED_RULE_GROUPS]);
        const rate = rules.find((r: { name: string }) => r.name === "rate-limit-per-ip");
        assert.deepEqual(rate.statement.rateBasedStatement, { limit: 1000, aggregateKeyType: "IP", evaluationWindowSec: 300 });
        assert.deepEqual(rate.action, { block: {} });
        const [association] = ofType(prod, "aws:wafv2/webAclAssociation:WebAclAssociation");
        assert.equal(input(association, "resourceArn"), plain(ofType(prod, "aws:lb/loadBalancer:LoadBalancer")[0].outputs).arn);
        const [logging] = ofType(prod, "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration");
        const group = ofType(prod, "aws:cloudwatch/logGroup:LogGroup").find((g) => input(g, "name").startsWith("aws-waf-logs-"))!;
        assert.deepEqual(input(logging, "logDestinationConfigs"), [plain(group.outputs).arn]);
        assert.deepEqual(input(logging, "redactedFields"), [{ singleHeader: { name: "authorization" } }, { singleHeader: { name: "cookie" } }]);
        assert.equal(input(group, "kmsKeyId"), "arn:aws:kms:eu-west-1:123456789012:key/logs");
    });

    it("requests an ECDSA certificate with DNS validation when given a domain and zone", () => {
        const [certificate] = ofType(dev, "aws:acm/certificate:Certificate");
        assert.deepEqual([input(certificate, "domainName"), input(certificate, "validationMethod"), input(certificate, "keyAlgorithm")], ["dev.example.com", "DNS", "EC_prime256v1"]);
        const [record] = ofType(dev, "aws:route53/record:Record");
        assert.equal(input(record, "zoneId"), "Z0123456789ABCDEFGHIJ");
        assert.equal(input(record, "type"), "CNAME");
        const [validation] = ofType(dev, "aws:acm/certificateValidation:CertificateValidation");
        assert.equal(input(listener(dev, 443), "certificateArn"), byId(dev, validation.id).id);
        assert.equal(ofType(prod, "aws:acm/certificate:Certificate").length, 0, "a given certificate is used as is");
        assert.equal(input(ofType(dev, "aws:acm/certificate:Certificate")[0], "subjectAlternativeNames"), undefined);
    });

    it("requests the tenants' names with the domain, validating each with one record, a wildcard with its domain's", () => {
        const [certificate] = ofType(tenants, "aws:acm/certificate:Certificate");
        assert.deepEqual(input(certificate, "subjectAlternativeNames"), ["*.app.example.com", "*.eu.app.example.com"]);
        const records = ofType(tenants, "aws:route53/record:Record").map((r) => input(r, "name"));
        assert.equal(records.length, 2, "app.example.com and *.app.example.com share one record; *.eu.app.example.com has its own");
        assert.equal(new Set(records).size, 2);
        assert.ok(records.some((name: string) => name.endsWith(".app.example.com.") && !name.endsWith(".eu.app.example.com.")));
        assert.ok(records.some((name: string) => name.endsWith(".eu.app.example.com.")));
        const [validation] = ofType(tenants, "aws:acm/certificateValidation:CertificateValidation");
        assert.equal(input(validation, "validationRecordFqdns").length, 2);
    });
});

describe("validateDmzEdgeArgs", () => {
    it("rejects a TLS policy outside the allowed list and a single subnet", () => {
        assert.throws(() => validateDmzEdgeArgs(edgeArgs({ tlsPolicy: "ELBSecurityPolicy-2016-08" as never })), /tlsPolicy "ELBSecurityPolicy-2016-08" is not allowed/);
        assert.throws(() => validateDmzEdgeArgs(edgeArgs({ subnetIds: ["subnet-a"] })), /at least two zones/);
    });
});
