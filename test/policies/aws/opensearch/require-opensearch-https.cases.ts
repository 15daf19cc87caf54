import { ruleCases, unknown } from "../../../harness/policy-cases";
import { domain, elasticsearchDomain } from "./baseline";

export default ruleCases("require-opensearch-https", {
    compliant: [
        { name: "HTTPS only with the latest TLS policy", resources: [domain("search")] },
        { name: "a legacy Elasticsearch domain with the latest TLS policy", resources: [elasticsearchDomain("logs")] },
        { name: "enforceHttps left to its default (true)", resources: [domain("search", { domainEndpointOptions: { tlsSecurityPolicy: "Policy-Min-TLS-1-2-PFS-2023-10" } })] },
        {
            name: "TLS 1.2 without forward secrecy where the team accepts it",
            resources: [domain("search", { domainEndpointOptions: { enforceHttps: true, tlsSecurityPolicy: "Policy-Min-TLS-1-2-2019-07" } })],
            config: { "require-opensearch-https": { allowedTlsPolicies: ["Policy-Min-TLS-1-2-PFS-2023-10", "Policy-Min-TLS-1-2-2019-07"] } },
        },
    ],
    violating: [
        { name: "plain HTTP allowed", resources: [domain("search", { domainEndpointOptions: { enforceHttps: false, tlsSecurityPolicy: "Policy-Min-TLS-1-2-PFS-2023-10" } })], message: /domainEndpointOptions\.enforceHttps is false: the domain answers plain HTTP/ },
        { name: "TLS 1.0 allowed", resources: [domain("search", { domainEndpointOptions: { enforceHttps: true, tlsSecurityPolicy: "Policy-Min-TLS-1-0-2019-07" } })], message: /tlsSecurityPolicy is Policy-Min-TLS-1-0-2019-07; expected Policy-Min-TLS-1-2-PFS-2023-10/ },
        { name: "TLS 1.2 without forward secrecy", resources: [domain("search", { domainEndpointOptions: { enforceHttps: true, tlsSecurityPolicy: "Policy-Min-TLS-1-2-2019-07" } })], message: /tlsSecurityPolicy is Policy-Min-TLS-1-2-2019-07/ },
        { name: "no domainEndpointOptions", resources: [elasticsearchDomain("logs", { domainEndpointOptions: undefined })], message: /tlsSecurityPolicy is not set/ },
    ],
    unknown: [
        { name: "the TLS policy not known yet", resources: [domain("later", { domainEndpointOptions: { enforceHttps: true, tlsSecurityPolicy: unknown } })] },
    ],
});
