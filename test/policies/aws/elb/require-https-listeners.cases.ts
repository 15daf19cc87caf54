import { resource, ruleCases, unknown } from "../../../harness/policy-cases";

const ALB = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/50dc6c495c0c9188";
const NLB = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/net/tcp/3c6d8f1e2a4b5c7d";
const GWLB = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/gwy/inspection/8e9f0a1b2c3d4e5f";
const TARGETS = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/web/73e2d6bc24d8a067";
const CERT = "arn:aws:acm:eu-west-1:111122223333:certificate/9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d";

const listener = (name: string, props: Record<string, unknown>, type = "aws:lb/listener:Listener") =>
    resource(type, name, { loadBalancerArn: ALB, ...props });
const forward = { type: "forward", targetGroupArn: TARGETS };
const toHttps = { type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } };

export default ruleCases("require-https-listeners", {
    compliant: [
        { name: "an HTTP listener redirecting to HTTPS", resources: [listener("http", { port: 80, protocol: "HTTP", defaultActions: [toHttps] })] },
        {
            name: "an HTTPS listener forwarding to the targets",
            resources: [listener("https", { port: 443, protocol: "HTTPS", sslPolicy: "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09", certificateArn: CERT, defaultActions: [forward] })],
        },
        { name: "an aws.alb listener without a protocol (HTTP) redirecting to HTTPS", resources: [listener("alb-http", { port: 80, defaultActions: [toHttps] }, "aws:alb/listener:Listener")] },
        { name: "a TCP listener of a network load balancer", resources: [listener("tcp", { loadBalancerArn: NLB, port: 5432, protocol: "TCP", defaultActions: [forward] })] },
        {
            name: "a Gateway Load Balancer listener (no port, no protocol)",
            resources: [listener("geneve", { loadBalancerArn: GWLB, defaultActions: [{ type: "forward", targetGroupArn: "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/appliances/0f1e2d3c4b5a6978" }] })],
        },
    ],
    violating: [
        {
            name: "a redirect-only HTTP listener where the team applies ELB.18 strictly",
            resources: [listener("strict", { port: 80, protocol: "HTTP", defaultActions: [toHttps] })],
            config: { "require-https-listeners": { allowRedirectListener: false } },
            message: /redirects to HTTPS, but this stack allows no plain HTTP listener/,
        },
        { name: "an HTTP listener forwarding traffic", resources: [listener("plain", { port: 80, protocol: "HTTP", defaultActions: [forward] })], message: /The HTTP listener on port 80 does forward instead of redirecting to HTTPS/ },
        {
            name: "an aws.alb listener without a protocol answering with a fixed response",
            resources: [listener("maintenance", { port: 8080, defaultActions: [{ type: "fixed-response", fixedResponse: { contentType: "text/plain", statusCode: "503", messageBody: "down" } }] }, "aws:alb/listener:Listener")],
            message: /The HTTP listener on port 8080 does fixed-response instead of redirecting to HTTPS/,
        },
        {
            name: "a redirect that keeps the request's protocol",
            resources: [listener("same", { port: 80, protocol: "HTTP", defaultActions: [{ type: "redirect", redirect: { protocol: "#{protocol}", host: "www.example.com", statusCode: "HTTP_301" } }] })],
            message: /does redirect instead of redirecting to HTTPS/,
        },
    ],
    unknown: [
        { name: "default actions not known yet", resources: [listener("later", { port: 80, protocol: "HTTP", defaultActions: unknown })] },
    ],
});
