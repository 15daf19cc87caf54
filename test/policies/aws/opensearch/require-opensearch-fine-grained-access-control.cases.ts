import { ruleCases, unknown } from "../../../harness/policy-cases";
import { domain, elasticsearchDomain } from "./baseline";

export default ruleCases("require-opensearch-fine-grained-access-control", {
    compliant: [
        { name: "fine-grained access control with an IAM master role", resources: [domain("search")] },
        { name: "a legacy Elasticsearch domain with fine-grained access control", resources: [elasticsearchDomain("logs")] },
    ],
    violating: [
        { name: "fine-grained access control off", resources: [domain("search", { advancedSecurityOptions: { enabled: false } })], message: /advancedSecurityOptions\.enabled is not true: fine-grained access control is off/ },
        { name: "no advancedSecurityOptions", resources: [elasticsearchDomain("logs", { advancedSecurityOptions: undefined })], message: /fine-grained access control is off/ },
        { name: "anonymous access on", resources: [domain("search", { advancedSecurityOptions: { enabled: true, anonymousAuthEnabled: true } })], message: /anonymousAuthEnabled is true: requests without credentials are served/ },
    ],
    unknown: [
        { name: "fine-grained access control not known yet", resources: [domain("later", { advancedSecurityOptions: { enabled: unknown } })] },
    ],
});
