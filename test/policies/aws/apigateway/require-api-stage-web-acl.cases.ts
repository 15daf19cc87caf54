import { resource, ruleCases, unknown } from "../../../harness/policy-cases";
import { association, restStage, WEB_ACL } from "./apigateway-fixtures";

const prod = restStage("prod");
const fresh = restStage("fresh", { arn: unknown });

export default ruleCases("require-api-stage-web-acl", {
    compliant: [
        { name: "a REST stage associated with a web ACL", resources: [prod, association("prod-waf", prod)] },
        { name: "a stage whose ARN is not known yet, matched through the engine's dependency record", resources: [fresh, association("fresh-waf", fresh)] },
        { name: "an association by the stage's literal ARN", resources: [prod, resource("aws:wafv2/webAclAssociation:WebAclAssociation", "by-arn", { resourceArn: "arn:aws:apigateway:eu-west-1::/restapis/a1b2c3d4e5/stages/prod", webAclArn: WEB_ACL })] },
    ],
    violating: [
        { name: "a REST stage without a web ACL", resources: [prod], message: /REST stage prod is not associated with a WAF web ACL/ },
        { name: "the web ACL protects the other stage", resources: [prod, restStage("staging"), association("staging-waf", restStage("staging"))], message: /REST stage prod is not associated/ },
    ],
    unknown: [
        { name: "an association naming a stage by an ARN not known yet", resources: [prod, resource("aws:wafv2/webAclAssociation:WebAclAssociation", "later", { resourceArn: unknown, webAclArn: WEB_ACL })] },
    ],
});
