import { defineResourceRule } from "../../lib/rule";

/**
 * API Gateway's security policies: the legacy TLS_1_0 (TLS 1.0 to 1.3) and TLS_1_2, and enhanced policies
 * named `SecurityPolicy_TLS1x_...`, all of which refuse TLS 1.0 and 1.1 ("Supported security policies",
 * API Gateway developer guide). New custom domain names default to TLS_1_2; a REST API's own execute-api
 * endpoint defaults to TLS_1_0 when regional or edge-optimized, TLS_1_2 when private. HTTP and WebSocket
 * APIs accept TLS_1_2 only, so aws.apigatewayv2 resources need no check.
 */
function acceptsOldTls(policy: unknown): boolean {
    return policy !== "TLS_1_2" && !(typeof policy === "string" && /^SecurityPolicy_TLS1[23]_/.test(policy));
}

export default defineResourceRule({
    name: "require-api-tls-policy",
    description: "REST API custom domains and execute-api endpoints must refuse TLS 1.0 and 1.1 (security policy TLS_1_2 or an enhanced SecurityPolicy_TLS1x policy).",
    severity: "medium",
    controls: ["NIST SP 800-53 SC-8"],
    remediation: "Set `securityPolicy: \"TLS_1_2\"` (or an enhanced policy such as `SecurityPolicy_TLS13_1_2_2021_06` with `endpointAccessMode`) on the aws.apigateway.DomainName and the aws.apigateway.RestApi, or turn off the REST API's default endpoint with `disableExecuteApiEndpoint: true` and serve it through the custom domain only.",
    resourceTypes: ["aws:apigateway/domainName:DomainName", "aws:apigateway/restApi:RestApi"],
    validate(props, { type, name }, report) {
        if (type === "aws:apigateway/domainName:DomainName") {
            // Unset, a new custom domain gets TLS_1_2.
            if (props.securityPolicy !== undefined && acceptsOldTls(props.securityPolicy)) {
                report(`Custom domain ${name} uses securityPolicy ${props.securityPolicy}, which accepts TLS 1.0 and 1.1. Expected TLS_1_2 or an enhanced SecurityPolicy_TLS1x policy.`);
            }
            return;
        }
        if (props.disableExecuteApiEndpoint === true) {
            return;
        }
        const types = props.endpointConfiguration?.types;
        if ((Array.isArray(types) ? types : [types]).includes("PRIVATE") && props.securityPolicy === undefined) {
            return;
        }
        if (acceptsOldTls(props.securityPolicy)) {
            report(`The REST API's execute-api endpoint uses securityPolicy ${props.securityPolicy ?? "not set (TLS_1_0 for regional and edge-optimized APIs)"}, which accepts TLS 1.0 and 1.1. Expected TLS_1_2, or disableExecuteApiEndpoint with a TLS 1.2 custom domain.`);
        }
    },
});
