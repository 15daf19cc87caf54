import { defineResourceRule } from "../../lib/rule";

/**
 * A function URL with `authorizationType: "NONE"` is an HTTPS endpoint anyone on the internet can call:
 * Lambda adds a resource-based policy statement for principal "*" (lambda:InvokeFunctionUrl) when the URL
 * is created, and does not remove it when the URL is destroyed.
 */
export default defineResourceRule({
    name: "require-function-url-auth",
    description: "Lambda function URLs must require IAM authentication (authorizationType AWS_IAM): a URL without it is a public endpoint.",
    severity: "critical",
    controls: ["FSBP Lambda.1", "NIST SP 800-53 AC-3"],
    remediation: "Set `authorizationType: \"AWS_IAM\"` on the aws.lambda.FunctionUrl and grant callers lambda:InvokeFunctionUrl; to serve the public, put the URL behind an aws.cloudfront.Distribution with an origin access control of type `lambda` and a WAF web ACL.",
    resourceTypes: ["aws:lambda/functionUrl:FunctionUrl"],
    validate(props, _context, report) {
        if (props.authorizationType !== "AWS_IAM") {
            report(`authorizationType is ${props.authorizationType ?? "not set"}: anyone on the internet can invoke the function through its URL. Expected AWS_IAM.`);
        }
    },
});
