/** REST, HTTP and WebSocket APIs with their stages, shaped as a team would add them behind the platform. */
import { resource } from "../../../harness/policy-cases";

export const ACCOUNT = "111122223333";
export const LOG_GROUP = `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:/aws/apigateway/orders`;
export const ACCESS_LOG = { destinationArn: LOG_GROUP, format: JSON.stringify({ requestId: "$context.requestId", ip: "$context.identity.sourceIp", status: "$context.status" }) };
export const WEB_ACL = `arn:aws:wafv2:eu-west-1:${ACCOUNT}:regional/webacl/api/a1b2c3d4-5678-490a-bcde-f0123456789a`;

export type Resource = ReturnType<typeof resource>;

/** The properties without those given as undefined: a program leaves them unset. */
export const defined = (props: Record<string, unknown>): Record<string, unknown> => Object.fromEntries(Object.entries(props).filter(([, v]) => v !== undefined));

export const restApi = (name: string, props: Record<string, unknown> = {}) =>
    resource("aws:apigateway/restApi:RestApi", name, defined({ name, endpointConfiguration: { types: "REGIONAL" }, securityPolicy: "TLS_1_2", ...props }));
export const restStage = (name: string, props: Record<string, unknown> = {}) =>
    resource("aws:apigateway/stage:Stage", name, defined({
        restApi: "a1b2c3d4e5",
        deployment: "dep123",
        stageName: name,
        accessLogSettings: ACCESS_LOG,
        xrayTracingEnabled: true,
        arn: `arn:aws:apigateway:eu-west-1::/restapis/a1b2c3d4e5/stages/${name}`,
        ...props,
    }));
export const methodSettings = (name: string, stage: Resource, settings: Record<string, unknown>, methodPath = "*/*") =>
    resource("aws:apigateway/methodSettings:MethodSettings", name, { restApi: "a1b2c3d4e5", stageName: stage.props.stageName, methodPath, settings }, { from: { stageName: [stage] } });
export const association = (name: string, stage: Resource) =>
    resource("aws:wafv2/webAclAssociation:WebAclAssociation", name, { resourceArn: stage.props.arn, webAclArn: WEB_ACL }, { from: { resourceArn: [stage] } });

export const httpApi = (name: string, props: Record<string, unknown> = {}) => resource("aws:apigatewayv2/api:Api", name, { name, protocolType: "HTTP", ...props });
export const websocketApi = (name: string) => resource("aws:apigatewayv2/api:Api", name, { name, protocolType: "WEBSOCKET", routeSelectionExpression: "$request.body.action" });
export const v2Stage = (name: string, api: Resource, props: Record<string, unknown> = {}) =>
    resource("aws:apigatewayv2/stage:Stage", name, { apiId: "x1y2z3", name: "$default", autoDeploy: true, accessLogSettings: ACCESS_LOG, ...props }, { from: { apiId: [api] } });
export const route = (name: string, api: Resource | undefined, props: Record<string, unknown>) =>
    resource("aws:apigatewayv2/route:Route", name, { apiId: "x1y2z3", target: "integrations/abc123", ...props }, api ? { from: { apiId: [api] } } : {});
