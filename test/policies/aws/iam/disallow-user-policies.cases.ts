import { resource, ruleCases, unknown } from "../../../harness/policy-cases";
import { BUCKET, doc, groupPolicy, managed } from "./iam-fixtures";

const read = doc({ Effect: "Allow", Action: "s3:GetObject", Resource: `${BUCKET}/*` });

export default ruleCases("disallow-user-policies", {
    compliant: [
        { name: "a group policy and the user's membership", resources: [groupPolicy("readers", read), resource("aws:iam/userGroupMembership:UserGroupMembership", "ci-readers", { user: "ci", groups: ["readers"] })] },
        { name: "a PolicyAttachment to roles only", resources: [resource("aws:iam/policyAttachment:PolicyAttachment", "roles", { roles: ["app-role"], users: [], policyArn: managed("ReadOnlyAccess") })] },
        { name: "an empty UserPolicyAttachmentsExclusive (removes every attached policy)", resources: [resource("aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive", "none", { userName: "ci", policyArns: [] })] },
    ],
    violating: [
        { name: "an inline user policy", resources: [resource("aws:iam/userPolicy:UserPolicy", "ci-read", { user: "ci", policy: read })], message: /An IAM user gets permissions directly through an inline policy \(aws\.iam\.UserPolicy\)/ },
        { name: "a managed policy attached to a user", resources: [resource("aws:iam/userPolicyAttachment:UserPolicyAttachment", "ci-ro", { user: "ci", policyArn: managed("ReadOnlyAccess") })], message: /through a managed policy \(aws\.iam\.UserPolicyAttachment\)/ },
        { name: "a PolicyAttachment naming users", resources: [resource("aws:iam/policyAttachment:PolicyAttachment", "users", { roles: ["app-role"], users: ["ci"], policyArn: managed("ReadOnlyAccess") })], message: /PolicyAttachment `users`/ },
        { name: "UserPoliciesExclusive keeping inline policies", resources: [resource("aws:iam/userPoliciesExclusive:UserPoliciesExclusive", "inline", { userName: "ci", policyNames: ["ci-read"] })], message: /inline policies \(aws\.iam\.UserPoliciesExclusive\)/ },
        { name: "UserPolicyAttachmentsExclusive keeping a managed policy", resources: [resource("aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive", "managed", { userName: "ci", policyArns: [managed("ReadOnlyAccess")] })], message: /managed policies \(aws\.iam\.UserPolicyAttachmentsExclusive\)/ },
    ],
    unknown: [
        { name: "the users of a PolicyAttachment not known yet", resources: [resource("aws:iam/policyAttachment:PolicyAttachment", "later", { users: unknown, policyArn: managed("ReadOnlyAccess") })] },
    ],
});
