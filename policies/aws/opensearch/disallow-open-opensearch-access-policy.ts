import type { PolicyResource } from "../../lib/policy-api";
import { defineStackRule } from "../../lib/rule";
import { list, ofType, referrers } from "../../lib/values";
import { openStatements } from "../s3/disallow-public-bucket-policy";

const DOMAIN_TYPES = ["aws:opensearch/domain:Domain", "aws:elasticsearch/domain:Domain"];
const POLICY_TYPES = ["aws:opensearch/domainPolicy:DomainPolicy", "aws:elasticsearch/domainPolicy:DomainPolicy"];

/**
 * An access policy that allows everyone is what AWS recommends for a domain in a VPC with fine-grained
 * access control: the security group decides who reaches the domain and fine-grained access control
 * authenticates every request. Anywhere else it hands the domain to whoever reaches its endpoint. A
 * standalone policy for a domain this stack does not declare is judged on its own.
 */
function guarded(domain: PolicyResource | undefined): boolean {
    return domain !== undefined && domain.props.advancedSecurityOptions?.enabled === true
        && domain.props.advancedSecurityOptions?.anonymousAuthEnabled !== true && list(domain.props.vpcOptions?.subnetIds).length > 0;
}

export default defineStackRule({
    name: "disallow-open-opensearch-access-policy",
    description: "OpenSearch Service (and Elasticsearch) domain access policies must not allow everyone without a condition limiting the caller, unless the domain is in a VPC with fine-grained access control on.",
    severity: "high",
    controls: ["NIST SP 800-53 AC-3", "NIST SP 800-53 AC-6"],
    remediation: "In the domain's `accessPolicies` (aws.opensearch.Domain or aws.opensearch.DomainPolicy), name the IAM roles that may call `es:ESHttp*` instead of \"*\", or add a fixed `aws:PrincipalOrgID`, `aws:PrincipalAccount` or `aws:SourceVpce` condition; or place the domain in a VPC (`vpcOptions`) with fine-grained access control (`advancedSecurityOptions.enabled`).",
    validate(resources, _context, report) {
        const domains = DOMAIN_TYPES.flatMap((type) => ofType(resources, type));
        const policies = POLICY_TYPES.flatMap((type) => ofType(resources, type));
        const policiesOf = referrers(policies, "domainName", "domainName");
        const judge = (resource: PolicyResource, text: unknown, domain: PolicyResource | undefined, where: string) => {
            const { invalid, statements } = openStatements(text);
            if (invalid) {
                report(resource, `${where} is not valid JSON, so who it admits cannot be checked.`);
                return;
            }
            if (statements.length === 0 || guarded(domain)) {
                return;
            }
            const why = domain === undefined ? "its domain is not in this stack, so nothing shows a VPC and fine-grained access control guard it" : "the domain is not in a VPC with fine-grained access control";
            for (const statement of statements) {
                report(resource, `Statement ${statement.sid} of ${where} allows ${statement.who} to ${statement.actions} with no condition limiting the caller, and ${why}; expected named principals or a fixed aws:PrincipalOrgID, aws:PrincipalAccount or aws:SourceVpce condition.`);
            }
        };
        const judged = new Set<PolicyResource>();
        for (const domain of domains) {
            judge(domain, domain.props.accessPolicies, domain, `the access policy of domain ${domain.name}`);
            for (const policy of policiesOf(domain)) {
                judged.add(policy);
                judge(policy, policy.props.accessPolicies, domain, `domain policy ${policy.name}`);
            }
        }
        for (const policy of policies) {
            if (!judged.has(policy)) {
                judge(policy, policy.props.accessPolicies, undefined, `domain policy ${policy.name}`);
            }
        }
    },
});
