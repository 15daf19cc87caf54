import { defineResourceRule, Props } from "../../lib/rule";
import { stringList } from "../../lib/iam-policy-document";

/** Where each attaching resource names its policies, and what it attaches them to. */
const ATTACHMENTS: Readonly<Record<string, { readonly arns: (props: Props) => string[]; readonly to: string }>> = {
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment": { arns: (p) => stringList(p.policyArn), to: "role" },
    "aws:iam/userPolicyAttachment:UserPolicyAttachment": { arns: (p) => stringList(p.policyArn), to: "user" },
    "aws:iam/groupPolicyAttachment:GroupPolicyAttachment": { arns: (p) => stringList(p.policyArn), to: "group" },
    "aws:iam/policyAttachment:PolicyAttachment": { arns: (p) => stringList(p.policyArn), to: "roles, users or groups" },
    "aws:iam/role:Role": { arns: (p) => stringList(p.managedPolicyArns), to: "role (managedPolicyArns)" },
    "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive": { arns: (p) => stringList(p.policyArns), to: "role" },
    "aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive": { arns: (p) => stringList(p.policyArns), to: "user" },
    "aws:iam/groupPolicyAttachmentsExclusive:GroupPolicyAttachmentsExclusive": { arns: (p) => stringList(p.policyArns), to: "group" },
};

/** `arn:<partition>:iam::aws:policy/<path/>Name` → `Name` for AWS managed policies, else undefined. */
function awsManagedPolicyName(arn: string): string | undefined {
    return /^arn:aws[a-z-]*:iam::aws:policy\/(?:.*\/)?([^/]+)$/.exec(arn)?.[1];
}

/**
 * Decision: these policies fail whatever they are attached to. The rule cannot see the trust of a role an
 * attachment names, and the principals a stack declares are the workload's (Pod Identity, EC2, Lambda,
 * ECS task and CI roles): the one role that needs wide permissions, the deploy role, is created once per
 * account outside the stacks (README, "Once per account"). Administrators get their access through IAM
 * Identity Center permission sets, which this rule does not judge.
 */
export default defineResourceRule<{ disallowedPolicies: string[] }>({
    name: "disallow-admin-managed-policies",
    description: "AWS managed policies that grant administration (AdministratorAccess, PowerUserAccess, IAMFullAccess, AWSCloudShellFullAccess) must not be attached to roles, users or groups.",
    severity: "critical",
    controls: ["CIS AWS 1.16", "CIS AWS 1.22", "NIST SP 800-53 AC-6"],
    remediation: "Remove the policy from the aws.iam.RolePolicyAttachment/UserPolicyAttachment/GroupPolicyAttachment/PolicyAttachment `policyArn`, the aws.iam.Role `managedPolicyArns` or the `*PolicyAttachmentsExclusive` `policyArns`; attach a policy listing the actions and resources the principal needs (aws.iam.Policy or RolePolicy).",
    config: {
        disallowedPolicies: {
            type: "array",
            items: { type: "string" },
            default: ["AdministratorAccess", "PowerUserAccess", "IAMFullAccess", "AWSCloudShellFullAccess"],
            description: "Names of AWS managed policies that may not be attached (compared with the last part of arn:aws:iam::aws:policy/...).",
        },
    },
    resourceTypes: Object.keys(ATTACHMENTS) as [string, ...string[]],
    validate(props, { type, config }, report) {
        const attachment = ATTACHMENTS[type];
        for (const arn of attachment.arns(props)) {
            const name = awsManagedPolicyName(arn);
            if (name !== undefined && config.disallowedPolicies.includes(name)) {
                const grants = name === "AWSCloudShellFullAccess"
                    ? "full use of CloudShell, whose file upload and download move data in and out of the account"
                    : "administrative access";
                report(`${arn} is attached to a ${attachment.to}: the AWS managed policy ${name} grants ${grants}. Expected a policy limited to the actions and resources the principal needs.`);
            }
        }
    },
});
