import { defineResourceRule } from "../../lib/rule";
import { forEachIdentityAllow, IDENTITY_POLICY_TYPES, stringList } from "../../lib/iam-policy-document";

/**
 * FSBP IAM.21 fails an Allow statement whose Action is `<service>:*`. It judges customer managed policies
 * only; inline policies on roles, users and groups grant the same, so they are judged too. Prefixes such
 * as `ec2:Describe*` stay allowed, as the control allows them.
 */
export default defineResourceRule({
    name: "disallow-wildcard-service-actions",
    description: "IAM policies (managed, inline on roles, users and groups) must not allow every action of a service (\"s3:*\") or of all services (\"*\").",
    severity: "medium",
    controls: ["FSBP IAM.21", "NIST SP 800-53 AC-6"],
    remediation: "In the aws.iam.Policy, RolePolicy, UserPolicy or GroupPolicy `policy` (or the aws.iam.Role `inlinePolicies`), replace `\"<service>:*\"` with the actions needed (e.g. `s3:GetObject`, `s3:PutObject`), or with a prefix of related actions such as `ec2:Describe*`.",
    resourceTypes: [...IDENTITY_POLICY_TYPES],
    validate(props, { type }, report) {
        forEachIdentityAllow(type, props, report, (statement, label, where) => {
            const wildcards = stringList(statement.Action).filter((a) => a === "*" || /^[a-z0-9-]+:\*$/i.test(a));
            if (wildcards.length > 0) {
                report(`${label} of ${where} allows ${wildcards.map((a) => `"${a}"`).join(", ")}: every action of ${wildcards.includes("*") ? "every service" : "the service"}. Expected the actions the principal needs.`);
            }
        });
    },
});
