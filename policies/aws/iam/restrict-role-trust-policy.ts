import { defineResourceRule, Props } from "../../lib/rule";
import { grantsAction, isAllow, limitedBy, policyStatements, principalsOf, statementLabel, wholeAccount } from "../../lib/iam-policy-document";

/** The actions that let a principal take a role's credentials. */
const ASSUME_ACTIONS = ["sts:AssumeRole", "sts:AssumeRoleWithWebIdentity", "sts:AssumeRoleWithSAML"];

/** Keys that tie a statement open to anyone to an organization, an account or one calling resource. */
const ANYONE_KEYS = [
    "aws:PrincipalOrgID", "aws:PrincipalOrgPaths", "aws:PrincipalAccount", "aws:PrincipalArn",
    "aws:SourceAccount", "aws:SourceArn", "aws:SourceOrgID", "aws:SourceOrgPaths",
];

/**
 * Keys that tie a whole-account principal to the party meant: the external ID agreed with a third party
 * (the confused deputy defence), the organization, or named principals of the account.
 */
const ACCOUNT_KEYS = ["sts:ExternalId", "aws:PrincipalOrgID", "aws:PrincipalOrgPaths", "aws:PrincipalArn", "aws:SourceAccount", "aws:SourceArn"];

/** The condition key naming who an OIDC token was issued to, for a federated web identity principal. */
function subjectKeys(federated: string): string[] {
    if (federated === "cognito-identity.amazonaws.com") {
        return ["cognito-identity.amazonaws.com:aud"];
    }
    const provider = /:oidc-provider\/(.+)$/.exec(federated)?.[1];
    return provider ? [`${provider}:sub`] : [];
}

/**
 * Service principals are not judged: only the service can present them. A statement passes on a
 * condition only when the condition limits something: `StringLike aws:PrincipalArn "*"`, an `...IfExists`
 * operator or a policy variable limit nothing and count as no condition.
 */
export default defineResourceRule<{ trustedAccounts: string[] }>({
    name: "restrict-role-trust-policy",
    description: "Role trust policies must not let anyone assume the role, nor a whole account or an OIDC provider's every subject without a condition that names who may.",
    severity: "critical",
    controls: ["NIST SP 800-53 AC-3", "NIST SP 800-53 AC-6"],
    remediation: "In the aws.iam.Role `assumeRolePolicy`, name the roles that may assume it (`arn:aws:iam::<account>:role/<name>`) instead of `\"*\"` or an account root; for a third party's account add `Condition: { StringEquals: { \"sts:ExternalId\": \"<agreed id>\" } }` (or `aws:PrincipalOrgID` for your organization); for an OIDC provider add `StringEquals` (or `StringLike`) on `<provider>:sub` naming the subject, e.g. `repo:<owner>/<repo>:environment:prod`. List accounts whose root you trust as a whole in the rule's trustedAccounts.",
    config: {
        trustedAccounts: {
            type: "array",
            items: { type: "string", pattern: "^\\d{12}$" },
            default: [],
            description: "Accounts whose root (every principal IAM allows there) may be trusted without a condition, e.g. the stack's own account.",
        },
    },
    resourceTypes: ["aws:iam/role:Role"],
    validate(props, { config }, report) {
        const statements = policyStatements(props.assumeRolePolicy);
        if (statements === "invalid") {
            report("assumeRolePolicy is not a valid policy document, so who can assume the role cannot be checked.");
            return;
        }
        (statements ?? []).forEach((statement: Props, i) => {
            if (!isAllow(statement) || !ASSUME_ACTIONS.some((action) => grantsAction(statement, action))) {
                return;
            }
            const label = statementLabel(statement, i);
            const principals = principalsOf(statement);
            if (principals.anyone) {
                if (!limitedBy(statement.Condition, ANYONE_KEYS)) {
                    report(`${label} lets any principal ("*") assume the role with no condition naming an organization, account or caller. Expected named roles, or a fixed aws:PrincipalOrgID.`);
                }
                return;
            }
            const accounts = principals.aws.map(wholeAccount).filter((a): a is string => a !== undefined && !config.trustedAccounts.includes(a));
            if (accounts.length > 0 && !limitedBy(statement.Condition, ACCOUNT_KEYS)) {
                report(`${label} lets every principal of account ${[...new Set(accounts)].join(", ")} assume the role with no sts:ExternalId, aws:PrincipalOrgID or aws:PrincipalArn condition. Expected named roles, or an external ID for a third party.`);
            }
            for (const federated of principals.federated) {
                const keys = subjectKeys(federated);
                if (keys.length > 0 && grantsAction(statement, "sts:AssumeRoleWithWebIdentity") && !limitedBy(statement.Condition, keys)) {
                    report(`${label} lets every identity of ${federated} assume the role: no condition on ${keys[0]}. Expected the subject (e.g. one repository and environment) named.`);
                }
            }
        });
    },
});
