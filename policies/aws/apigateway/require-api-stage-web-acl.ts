import { defineStackRule } from "../../lib/rule";
import { ofType, referrers } from "../../lib/values";

/** A web ACL is associated with a REST API stage (HTTP and WebSocket APIs cannot have one). */
export default defineStackRule({
    name: "require-api-stage-web-acl",
    description: "Every REST API stage must be protected by a WAF web ACL.",
    severity: "medium",
    controls: ["FSBP APIGateway.4"],
    remediation: "Add an aws.wafv2.WebAclAssociation with `resourceArn` set to the aws.apigateway.Stage's `arn` and `webAclArn` to a regional web ACL (AWS managed rule groups and a rate-based rule).",
    validate(resources, _context, report) {
        const associationsOf = referrers(ofType(resources, "aws:wafv2/webAclAssociation:WebAclAssociation"), "resourceArn", "arn");
        for (const stage of ofType(resources, "aws:apigateway/stage:Stage")) {
            if (associationsOf(stage).length === 0) {
                report(stage, `REST stage ${stage.name} is not associated with a WAF web ACL: requests reach the API unfiltered.`);
            }
        }
    },
});
