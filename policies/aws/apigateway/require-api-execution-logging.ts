import { defineStackRule } from "../../lib/rule";
import { list, ofType, referrers } from "../../lib/values";

const LOGGING = ["ERROR", "INFO"];

/**
 * REST stages log execution through aws.apigateway.MethodSettings (`methodPath: "*\/*"` covers every
 * method); WebSocket stages through the stage's `defaultRouteSettings`. HTTP APIs have no execution logs
 * (their access logs are require-api-access-logs'), so an aws.apigatewayv2 stage is judged only when its
 * API is in the stack and is a WebSocket API.
 */
export default defineStackRule({
    name: "require-api-execution-logging",
    description: "Every REST and WebSocket API stage must log the execution of all its methods and routes at ERROR or INFO.",
    severity: "medium",
    controls: ["FSBP APIGateway.1", "NIST SP 800-53 AU-12"],
    remediation: "For a REST stage add an aws.apigateway.MethodSettings with `restApi`, `stageName` set to the stage's, `methodPath: \"*/*\"` and `settings: { loggingLevel: \"ERROR\", metricsEnabled: true }` (the account needs an aws.apigateway.Account with a CloudWatch role); for a WebSocket stage set `defaultRouteSettings: { loggingLevel: \"ERROR\" }` on the aws.apigatewayv2.Stage. Never set a method or route to `OFF`.",
    validate(resources, _context, report) {
        const settingsOf = referrers(ofType(resources, "aws:apigateway/methodSettings:MethodSettings"), "stageName", "stageName");
        for (const stage of ofType(resources, "aws:apigateway/stage:Stage")) {
            const settings = settingsOf(stage);
            const off = settings.filter((s) => s.props.settings?.loggingLevel === "OFF");
            if (off.length > 0) {
                report(stage, `REST stage ${stage.name} turns execution logging off for ${off.map((s) => s.props.methodPath).join(", ")}. Expected ERROR or INFO for every method.`);
            } else if (!settings.some((s) => s.props.methodPath === "*/*" && LOGGING.includes(s.props.settings?.loggingLevel))) {
                report(stage, `REST stage ${stage.name} has no method settings for "*/*" with loggingLevel ERROR or INFO: its executions are not logged.`);
            }
        }
        const stagesOf = referrers(ofType(resources, "aws:apigatewayv2/stage:Stage"), "apiId");
        for (const api of ofType(resources, "aws:apigatewayv2/api:Api")) {
            if (api.props.protocolType !== "WEBSOCKET") {
                continue;
            }
            for (const stage of stagesOf(api)) {
                const level = stage.props.defaultRouteSettings?.loggingLevel;
                const off = list(stage.props.routeSettings).filter((r) => r.loggingLevel === "OFF").map((r) => r.routeKey);
                if (!LOGGING.includes(level)) {
                    report(stage, `WebSocket stage ${stage.name} of API ${api.name} has defaultRouteSettings.loggingLevel ${level ?? "not set (OFF)"}: its executions are not logged. Expected ERROR or INFO.`);
                } else if (off.length > 0) {
                    report(stage, `WebSocket stage ${stage.name} of API ${api.name} turns execution logging off for route ${off.join(", ")}. Expected ERROR or INFO for every route.`);
                }
            }
        }
    },
});
