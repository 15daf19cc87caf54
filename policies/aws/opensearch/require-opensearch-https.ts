import { defineResourceRule } from "../../lib/rule";

export default defineResourceRule<{ allowedTlsPolicies: string[] }>({
    name: "require-opensearch-https",
    description: "OpenSearch Service domains (and legacy Elasticsearch domains) must accept HTTPS only, with the latest TLS security policy (TLS 1.2 and later with forward secrecy).",
    severity: "medium",
    controls: ["FSBP Opensearch.8", "FSBP ES.8"],
    remediation: "Set `domainEndpointOptions: { enforceHttps: true, tlsSecurityPolicy: \"Policy-Min-TLS-1-2-PFS-2023-10\" }` on the aws.opensearch.Domain (or aws.elasticsearch.Domain).",
    config: {
        allowedTlsPolicies: {
            type: "array",
            items: { type: "string" },
            default: ["Policy-Min-TLS-1-2-PFS-2023-10"],
            description: "TLS security policies a domain endpoint may use (FSBP Opensearch.8 accepts only Policy-Min-TLS-1-2-PFS-2023-10; add Policy-Min-TLS-1-2-2019-07 to accept TLS 1.2 without forward secrecy).",
        },
    },
    resourceTypes: ["aws:opensearch/domain:Domain", "aws:elasticsearch/domain:Domain"],
    validate(props, { config }, report) {
        const options = props.domainEndpointOptions;
        if (options?.enforceHttps === false) {
            report("domainEndpointOptions.enforceHttps is false: the domain answers plain HTTP, so credentials, documents and queries can cross the network unencrypted; expected enforceHttps: true.");
        }
        const policy = options?.tlsSecurityPolicy;
        if (typeof policy !== "string" || !config.allowedTlsPolicies.includes(policy)) {
            report(`domainEndpointOptions.tlsSecurityPolicy is ${policy === undefined ? "not set (the service then chooses a policy that may allow older TLS versions)" : String(policy)}; expected ${config.allowedTlsPolicies.join(" or ")}.`);
        }
    },
});
