import { defineStackRule } from "../../lib/rule";
import { ofType, referrers } from "../../lib/values";

export default defineStackRule({
    name: "require-alb-web-acl",
    description: "Every internet-facing application load balancer must be protected by a WAF web ACL.",
    severity: "high",
    controls: ["AWS Config alb-waf-enabled"],
    remediation: "Add an aws.wafv2.WebAclAssociation with `resourceArn` set to the load balancer and `webAclArn` to a regional web ACL.",
    validate(resources, _context, report) {
        const associationsOf = referrers(ofType(resources, "aws:wafv2/webAclAssociation:WebAclAssociation"), "resourceArn", "arn");
        const balancers = [...ofType(resources, "aws:lb/loadBalancer:LoadBalancer"), ...ofType(resources, "aws:alb/loadBalancer:LoadBalancer")];
        for (const lb of balancers) {
            if ((lb.props.loadBalancerType ?? "application") !== "application" || lb.props.internal === true) {
                continue;
            }
            if (associationsOf(lb).length === 0) {
                report(lb, `Load balancer ${lb.name} faces the internet without a WAF web ACL.`);
            }
        }
    },
});
