import { defineResourceRule } from "../../lib/rule";

const STAGES = {
    "aws:apigateway/stage:Stage": "aws.apigateway.Stage",
    "aws:apigatewayv2/stage:Stage": "aws.apigatewayv2.Stage",
} as const;

/** FSBP APIGateway.9 asks this of HTTP and WebSocket stages; REST stages get the same: who called what is not in execution logs alone. */
export default defineResourceRule({
    name: "require-api-access-logs",
    description: "API Gateway stages (REST, HTTP and WebSocket) must write access logs to a log destination, with a format.",
    severity: "medium",
    controls: ["FSBP APIGateway.9", "NIST SP 800-53 AU-12"],
    remediation: "Set `accessLogSettings: { destinationArn: <a KMS-encrypted aws.cloudwatch.LogGroup ARN with retention, or a Firehose stream>, format: <JSON with $context.requestId, $context.identity.sourceIp, $context.status ...> }` on the aws.apigateway.Stage or aws.apigatewayv2.Stage.",
    resourceTypes: Object.keys(STAGES) as [keyof typeof STAGES, ...(keyof typeof STAGES)[]],
    validate(props, { type, name }, report) {
        const settings = props.accessLogSettings;
        const missing = !settings ? "accessLogSettings" : !settings.destinationArn ? "accessLogSettings.destinationArn" : !settings.format ? "accessLogSettings.format" : undefined;
        if (missing) {
            report(`${STAGES[type as keyof typeof STAGES]} ${name} has no ${missing}: requests to the API leave no access log. Expected a log destination and a format.`);
        }
    },
});
