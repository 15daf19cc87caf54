import { resource, ruleCases, unknown } from "../../../harness/policy-cases";

const ALB = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/50dc6c495c0c9188";
const NLB = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/net/tcp/3c6d8f1e2a4b5c7d";
const TARGETS = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/web/73e2d6bc24d8a067";
const CERT = "arn:aws:acm:eu-west-1:111122223333:certificate/9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d";

const listener = (name: string, props: Record<string, unknown>, type = "aws:lb/listener:Listener") =>
    resource(type, name, { loadBalancerArn: ALB, certificateArn: CERT, defaultActions: [{ type: "forward", targetGroupArn: TARGETS }], ...props });
const https = (sslPolicy: unknown) => ({ port: 443, protocol: "HTTPS", sslPolicy });
const fipsOnly = { "require-tls-security-policy": { allowedPolicies: ["ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04", "ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04"] } };

export default ruleCases("require-tls-security-policy", {
    compliant: [
        { name: "HTTPS with the recommended post-quantum TLS 1.3 policy", resources: [listener("https", https("ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09"))] },
        { name: "a TLS listener of an NLB with a TLS 1.3-only policy", resources: [listener("tls", { loadBalancerArn: NLB, port: 8443, protocol: "TLS", sslPolicy: "ELBSecurityPolicy-TLS13-1-3-2021-06" }, "aws:alb/listener:Listener")] },
        {
            name: "a plain HTTP redirect listener (no TLS policy)",
            resources: [resource("aws:lb/listener:Listener", "http", { loadBalancerArn: ALB, port: 80, protocol: "HTTP", defaultActions: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }] })],
        },
        { name: "a FIPS policy where the team allows FIPS policies only", resources: [listener("fips", https("ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04"))], config: fipsOnly },
    ],
    violating: [
        { name: "HTTPS without sslPolicy", resources: [listener("default", { port: 443, protocol: "HTTPS" })], message: /sslPolicy is not set \(ELBSecurityPolicy-2016-08, which allows TLS 1\.0\)/ },
        {
            name: "a TLS listener on a TLS 1.2 policy",
            resources: [listener("tls12", { loadBalancerArn: NLB, port: 8443, protocol: "TLS", sslPolicy: "ELBSecurityPolicy-TLS-1-2-2017-01" })],
            message: /sslPolicy is ELBSecurityPolicy-TLS-1-2-2017-01; use one of ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09/,
        },
        {
            name: "an aws.alb HTTPS listener on the 2016 policy",
            resources: [listener("legacy", https("ELBSecurityPolicy-2016-08"), "aws:alb/listener:Listener")],
            message: /sslPolicy is ELBSecurityPolicy-2016-08/,
        },
        {
            name: "a non-FIPS TLS 1.3 policy where the team allows FIPS policies only",
            resources: [listener("nonfips", https("ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09"))],
            config: fipsOnly,
            message: /use one of ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04, ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04\./,
        },
    ],
    unknown: [
        { name: "security policy not known yet", resources: [listener("later", https(unknown))] },
    ],
});
