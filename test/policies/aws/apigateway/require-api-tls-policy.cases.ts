import { resource, ruleCases, unknown } from "../../../harness/policy-cases";
import { ACCOUNT, restApi } from "./apigateway-fixtures";

const CERT = `arn:aws:acm:eu-west-1:${ACCOUNT}:certificate/0b1c2d3e-4f50-4a61-8b72-93a4b5c6d7e8`;
const domain = (name: string, props: Record<string, unknown> = {}) =>
    resource("aws:apigateway/domainName:DomainName", name, { domainName: "api.example.com", regionalCertificateArn: CERT, endpointConfiguration: { types: "REGIONAL" }, ...props });

export default ruleCases("require-api-tls-policy", {
    compliant: [
        { name: "a REST API and custom domain on TLS_1_2 (the baseline)", resources: [restApi("orders"), domain("api", { securityPolicy: "TLS_1_2" })] },
        { name: "a custom domain left at its default (TLS_1_2 for new domains)", resources: [domain("default")] },
        { name: "an enhanced TLS 1.3 policy", resources: [restApi("strict", { securityPolicy: "SecurityPolicy_TLS13_1_3_2025_09", endpointAccessMode: "STRICT" }), domain("pq", { securityPolicy: "SecurityPolicy_TLS13_1_2_PQ_2025_09", endpointAccessMode: "STRICT" })] },
        { name: "a REST API whose execute-api endpoint is disabled", resources: [restApi("custom-only", { securityPolicy: undefined, disableExecuteApiEndpoint: true })] },
        { name: "a private REST API left at its default (TLS_1_2)", resources: [restApi("private", { securityPolicy: undefined, endpointConfiguration: { types: "PRIVATE", vpcEndpointIds: ["vpce-0123456789abcdef0"] } })] },
    ],
    violating: [
        { name: "a REST API without a securityPolicy (TLS_1_0 for a regional API)", resources: [restApi("legacy", { securityPolicy: undefined })], message: /execute-api endpoint uses securityPolicy not set \(TLS_1_0 for regional and edge-optimized APIs\), which accepts TLS 1\.0 and 1\.1/ },
        { name: "a REST API on TLS_1_0", resources: [restApi("old", { securityPolicy: "TLS_1_0" })], message: /uses securityPolicy TLS_1_0/ },
        { name: "an edge-optimized REST API on TLS_1_0", resources: [restApi("edge", { securityPolicy: "TLS_1_0", endpointConfiguration: { types: "EDGE" } })], message: /uses securityPolicy TLS_1_0/ },
        { name: "a custom domain on TLS_1_0", resources: [domain("old-domain", { securityPolicy: "TLS_1_0" })], message: /Custom domain old-domain uses securityPolicy TLS_1_0, which accepts TLS 1\.0 and 1\.1/ },
    ],
    unknown: [
        { name: "security policy not known yet", resources: [restApi("later", { securityPolicy: unknown })] },
    ],
});
