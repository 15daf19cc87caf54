import { defineResourceRule } from "../../lib/rule";
import { allActionPatterns, appliesToEveryResource, forEachIdentityAllow, IDENTITY_POLICY_TYPES, stringList } from "../../lib/iam-policy-document";

/**
 * FSBP IAM.1 and CIS 1.16 name the statement `"Effect": "Allow", "Action": "*", "Resource": "*"`. A
 * `NotAction` on every resource is judged the same way: it grants every action of every service but the
 * few it lists (PowerUserAccess is written so), which is administration in all but name.
 */
export default defineResourceRule({
    name: "disallow-full-admin-policies",
    description: "IAM policies (managed, inline on roles, users and groups) must not allow every action (\"*\", or a NotAction) on every resource.",
    severity: "critical",
    controls: ["FSBP IAM.1", "CIS AWS 1.16", "NIST SP 800-53 AC-6"],
    remediation: "In the aws.iam.Policy, RolePolicy, UserPolicy or GroupPolicy `policy` (or the aws.iam.Role `inlinePolicies`), list the actions the principal needs (e.g. `s3:GetObject`) and the ARNs of the resources it needs them on instead of `\"Action\": \"*\"`/`NotAction` with `\"Resource\": \"*\"`.",
    resourceTypes: [...IDENTITY_POLICY_TYPES],
    validate(props, { type }, report) {
        forEachIdentityAllow(type, props, report, (statement, label, where) => {
            const all = allActionPatterns(statement);
            const notAction = statement.NotAction !== undefined;
            if ((all.length === 0 && !notAction) || !appliesToEveryResource(statement)) {
                return;
            }
            const granted = notAction
                ? `every action except ${stringList(statement.NotAction).join(", ") || "none"} (NotAction)`
                : `Action "${all[0]}"`;
            report(`${label} of ${where} allows ${granted} on every resource: full administrative access. Expected the actions and resource ARNs the principal needs.`);
        });
    },
});
