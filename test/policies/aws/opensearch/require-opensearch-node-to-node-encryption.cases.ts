import { ruleCases, unknown } from "../../../harness/policy-cases";
import { domain, elasticsearchDomain } from "./baseline";

export default ruleCases("require-opensearch-node-to-node-encryption", {
    compliant: [
        { name: "a domain encrypting traffic between nodes", resources: [domain("search")] },
        { name: "a legacy Elasticsearch domain encrypting traffic between nodes", resources: [elasticsearchDomain("logs")] },
    ],
    violating: [
        { name: "node-to-node encryption off", resources: [domain("search", { nodeToNodeEncryption: { enabled: false } })], message: /nodeToNodeEncryption\.enabled is not true .*in plain text/ },
        { name: "no nodeToNodeEncryption block", resources: [elasticsearchDomain("logs", { nodeToNodeEncryption: undefined })], message: /nodeToNodeEncryption\.enabled is not true/ },
    ],
    unknown: [
        { name: "node-to-node encryption not known yet", resources: [domain("later", { nodeToNodeEncryption: unknown })] },
    ],
});
