import { defineResourceRule } from "../../lib/rule";
import { stringList } from "../../lib/iam-policy-document";

/** Each resource type that gives an IAM user permissions directly, and how to tell it does. */
const USER_GRANTS: Readonly<Record<string, { readonly what: string; readonly grants: (props: Record<string, unknown>) => boolean }>> = {
    "aws:iam/userPolicy:UserPolicy": { what: "an inline policy (aws.iam.UserPolicy)", grants: () => true },
    "aws:iam/userPolicyAttachment:UserPolicyAttachment": { what: "a managed policy (aws.iam.UserPolicyAttachment)", grants: () => true },
    "aws:iam/policyAttachment:PolicyAttachment": { what: "a managed policy (aws.iam.PolicyAttachment `users`)", grants: (p) => Array.isArray(p.users) && p.users.length > 0 },
    "aws:iam/userPoliciesExclusive:UserPoliciesExclusive": { what: "inline policies (aws.iam.UserPoliciesExclusive)", grants: (p) => stringList(p.policyNames).length > 0 },
    "aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive": { what: "managed policies (aws.iam.UserPolicyAttachmentsExclusive)", grants: (p) => stringList(p.policyArns).length > 0 },
};

export default defineResourceRule({
    name: "disallow-user-policies",
    description: "IAM users must not have policies of their own (inline or attached); they receive permissions only through groups.",
    severity: "low",
    controls: ["FSBP IAM.2", "CIS AWS 1.15"],
    remediation: "Attach the policy to an aws.iam.Group (GroupPolicyAttachment or GroupPolicy) and add the user with aws.iam.UserGroupMembership; remove the UserPolicy, UserPolicyAttachment or the user from the PolicyAttachment `users`.",
    resourceTypes: Object.keys(USER_GRANTS) as [string, ...string[]],
    validate(props, { type }, report) {
        const grant = USER_GRANTS[type];
        if (grant.grants(props)) {
            report(`An IAM user gets permissions directly through ${grant.what}. Expected the user to receive them only through a group.`);
        }
    },
});
