import { resource, ruleCases, unknown } from "../../../harness/policy-cases";
import { ACCESS_LOG, httpApi, restStage, v2Stage } from "./apigateway-fixtures";

const api = httpApi("orders");

export default ruleCases("require-api-access-logs", {
    compliant: [
        { name: "a REST stage with access logs (the baseline)", resources: [restStage("prod")] },
        { name: "an HTTP API stage with access logs", resources: [api, v2Stage("default", api)] },
    ],
    violating: [
        { name: "a REST stage without accessLogSettings", resources: [restStage("prod", { accessLogSettings: undefined })], message: /aws\.apigateway\.Stage prod has no accessLogSettings: requests to the API leave no access log/ },
        { name: "an HTTP API stage without accessLogSettings", resources: [api, resource("aws:apigatewayv2/stage:Stage", "http-default", { apiId: "x1y2z3", name: "$default", autoDeploy: true })], message: /aws\.apigatewayv2\.Stage http-default has no accessLogSettings/ },
        { name: "access logs without a format", resources: [restStage("noformat", { accessLogSettings: { destinationArn: ACCESS_LOG.destinationArn } })], message: /has no accessLogSettings\.format/ },
        { name: "access logs without a destination", resources: [api, v2Stage("nodest", api, { accessLogSettings: { format: ACCESS_LOG.format } })], message: /has no accessLogSettings\.destinationArn/ },
    ],
    unknown: [
        { name: "log group ARN not known yet (created in the same stack)", resources: [restStage("later", { accessLogSettings: { destinationArn: unknown, format: ACCESS_LOG.format } })] },
    ],
});
