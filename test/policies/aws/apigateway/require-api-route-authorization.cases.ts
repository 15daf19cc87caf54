import { resource, ruleCases, unknown } from "../../../harness/policy-cases";
import { httpApi, route, websocketApi } from "./apigateway-fixtures";

const http = httpApi("orders");
const chat = websocketApi("chat");
const jwt = { authorizationType: "JWT", authorizerId: "auth123" };
const method = (name: string, props: Record<string, unknown>) =>
    resource("aws:apigateway/method:Method", name, { restApi: "a1b2c3d4e5", resourceId: "res123", ...props });

export default ruleCases("require-api-route-authorization", {
    compliant: [
        { name: "HTTP API routes with a JWT authorizer, and CORS preflight open", resources: [http, route("get", http, { routeKey: "GET /orders", ...jwt }), route("default", http, { routeKey: "$default", authorizationType: "AWS_IAM" }), route("preflight", http, { routeKey: "OPTIONS /orders" })] },
        { name: "a WebSocket API authorizing $connect only (its other routes cannot)", resources: [chat, route("connect", chat, { routeKey: "$connect", authorizationType: "CUSTOM", authorizerId: "auth123" }), route("message", chat, { routeKey: "sendMessage" }), route("ws-default", chat, { routeKey: "$default" })] },
        { name: "REST methods with IAM and Cognito, OPTIONS open", resources: [method("get", { httpMethod: "GET", authorization: "AWS_IAM" }), method("post", { httpMethod: "POST", authorization: "COGNITO_USER_POOLS", authorizerId: "pool123" }), method("options", { httpMethod: "OPTIONS", authorization: "NONE" })] },
        { name: "a route of an API outside the stack, authorized", resources: [route("external", undefined, { routeKey: "POST /orders", ...jwt })] },
    ],
    violating: [
        { name: "an HTTP API route without authorizationType", resources: [http, route("open", http, { routeKey: "GET /orders" })], message: /Route "GET \/orders" of HTTP API orders has authorizationType not set \(NONE\): anyone can call it/ },
        { name: "an HTTP API $default route with NONE", resources: [http, route("catch-all", http, { routeKey: "$default", authorizationType: "NONE" })], message: /Route "\$default" of HTTP API orders has authorizationType NONE/ },
        { name: "a WebSocket $connect without authorization", resources: [chat, route("connect", chat, { routeKey: "$connect" })], message: /Route "\$connect" of WebSocket API chat/ },
        { name: "an HTTP API made by quick create", resources: [httpApi("quick", { target: "arn:aws:lambda:eu-west-1:111122223333:function:app" })], message: /HTTP API quick is made by quick create \(target\): its \$default route has no authorization/ },
        { name: "a route of an API outside the stack, unauthorized", resources: [route("external", undefined, { routeKey: "DELETE /orders/{id}" })], message: /Route "DELETE \/orders\/\{id\}" \(external\) has authorizationType not set \(NONE\)/ },
        { name: "a REST method with authorization NONE and an API key", resources: [method("public", { httpMethod: "GET", authorization: "NONE", apiKeyRequired: true })], message: /REST method GET \(public\) has authorization NONE: anyone can call it \(an API key identifies a client; it does not authorize it\)/ },
    ],
    unknown: [
        { name: "a route's authorization type not known yet", resources: [http, route("later", http, { routeKey: "GET /orders", authorizationType: unknown })] },
    ],
});
