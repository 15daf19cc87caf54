import { resource, ruleCases, unknown } from "../../../harness/policy-cases";

type Resource = ReturnType<typeof resource>;

const WEB_ACL = "arn:aws:wafv2:eu-west-1:111122223333:regional/webacl/edge/a1b2c3d4-5678-490a-bcde-f0123456789a";
const lb = (name: string, props: Record<string, unknown>, type = "aws:lb/loadBalancer:LoadBalancer") =>
    resource(type, name, {
        name,
        subnets: ["subnet-0a1b2c3d4e5f60718", "subnet-0b2c3d4e5f6071829"],
        arn: `arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/${name}/50dc6c495c0c9188`,
        ...props,
    });
const association = (name: string, target: Resource | string) =>
    typeof target === "string"
        ? resource("aws:wafv2/webAclAssociation:WebAclAssociation", name, { resourceArn: target, webAclArn: WEB_ACL })
        : resource("aws:wafv2/webAclAssociation:WebAclAssociation", name, { resourceArn: target.props.arn, webAclArn: WEB_ACL }, { from: { resourceArn: [target] } });

const web = lb("web", { loadBalancerType: "application", internal: false });
const api = lb("api", { internal: false }, "aws:alb/loadBalancer:LoadBalancer");
const fresh = lb("fresh", { loadBalancerType: "application", internal: false, arn: unknown });

export default ruleCases("require-alb-web-acl", {
    compliant: [
        { name: "an internet-facing ALB associated with a web ACL", resources: [web, association("web-waf", web)] },
        { name: "an aws.alb load balancer associated by ARN", resources: [api, association("api-waf", "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/api/50dc6c495c0c9188")] },
        { name: "an ALB whose ARN is not known yet, matched through the engine's dependency record", resources: [fresh, association("fresh-waf", fresh)] },
        { name: "an internal ALB without a web ACL", resources: [lb("admin", { loadBalancerType: "application", internal: true })] },
        { name: "an internet-facing network load balancer", resources: [lb("tcp", { loadBalancerType: "network", internal: false })] },
    ],
    violating: [
        { name: "an internet-facing ALB without a web ACL", resources: [web], message: /Load balancer web faces the internet without a WAF web ACL\./ },
        { name: "an aws.alb load balancer, type and scheme left at their defaults, without a web ACL", resources: [lb("default", {}, "aws:alb/loadBalancer:LoadBalancer")], message: /Load balancer default faces the internet without a WAF web ACL\./ },
        { name: "the web ACL is associated with the other load balancer", resources: [web, api, association("api-waf", api)], message: /Load balancer web faces the internet/ },
    ],
    unknown: [
        { name: "an association naming an unmanaged load balancer by an ARN not known yet", resources: [web, association("later", unknown)] },
    ],
});
