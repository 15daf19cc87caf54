import { defineStackRule, Props } from "../../lib/rule";
import { ofType, referrers } from "../../lib/values";

/** `GET /orders`, `ANY /{proxy+}`: a route key of an HTTP API. */
const HTTP_ROUTE = /^[A-Z]+ \//;

function authorization(props: Props): string {
    return String(props.authorizationType ?? "NONE");
}

/** Whether an HTTP API route (or one of an unknown API, judged as HTTP) must be authorized: every route but CORS preflight. */
function httpRouteNeedsAuth(routeKey: string): boolean {
    return (routeKey === "$default" || HTTP_ROUTE.test(routeKey)) && !routeKey.startsWith("OPTIONS ");
}

/**
 * HTTP API routes authorize each request; a WebSocket API authorizes the connection on `$connect` only (its
 * other routes cannot have an authorizer). A route whose API is not in the stack is judged by its key:
 * `$connect` and HTTP-style keys need authorization, `$default` is taken for an HTTP API's catch-all. REST
 * API methods (aws.apigateway.Method) are judged the same way: `authorization: "NONE"` is a public method.
 * OPTIONS (CORS preflight) is the exception everywhere.
 */
export default defineStackRule({
    name: "require-api-route-authorization",
    description: "API Gateway routes and REST methods must require authorization (IAM, a JWT or Lambda authorizer, or Cognito), except CORS preflight (OPTIONS).",
    severity: "high",
    controls: ["FSBP APIGateway.8", "NIST SP 800-53 AC-3"],
    remediation: "Set `authorizationType` to AWS_IAM, JWT or CUSTOM (with `authorizerId`) on the aws.apigatewayv2.Route (a WebSocket API's `$connect` route), or `authorization` to AWS_IAM, CUSTOM or COGNITO_USER_POOLS on the aws.apigateway.Method; an HTTP API made by quick create (aws.apigatewayv2.Api `target`) has an unauthorized default route: declare the routes instead.",
    validate(resources, _context, report) {
        const routes = ofType(resources, "aws:apigatewayv2/route:Route");
        const routesOf = referrers(routes, "apiId");
        const judged = new Set<unknown>();
        for (const api of ofType(resources, "aws:apigatewayv2/api:Api")) {
            const websocket = api.props.protocolType === "WEBSOCKET";
            if (!websocket && api.props.target !== undefined) {
                report(api, `HTTP API ${api.name} is made by quick create (target): its $default route has no authorization.`);
            }
            for (const route of routesOf(api)) {
                judged.add(route);
                const key = String(route.props.routeKey);
                const needs = websocket ? key === "$connect" : httpRouteNeedsAuth(key);
                if (needs && authorization(route.props) === "NONE") {
                    report(route, `Route "${key}" of ${websocket ? "WebSocket" : "HTTP"} API ${api.name} has authorizationType ${route.props.authorizationType ?? "not set (NONE)"}: anyone can call it.`);
                }
            }
        }
        for (const route of routes) {
            if (judged.has(route)) {
                continue;
            }
            const key = String(route.props.routeKey);
            if ((key === "$connect" || httpRouteNeedsAuth(key)) && authorization(route.props) === "NONE") {
                report(route, `Route "${key}" (${route.name}) has authorizationType ${route.props.authorizationType ?? "not set (NONE)"}: anyone can call it.`);
            }
        }
        for (const method of ofType(resources, "aws:apigateway/method:Method")) {
            if (String(method.props.httpMethod).toUpperCase() !== "OPTIONS" && String(method.props.authorization).toUpperCase() === "NONE") {
                report(method, `REST method ${method.props.httpMethod} (${method.name}) has authorization NONE: anyone can call it${method.props.apiKeyRequired === true ? " (an API key identifies a client; it does not authorize it)" : ""}.`);
            }
        }
    },
});
