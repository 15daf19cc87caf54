import { resource, ruleCases, unknown } from "../../../harness/policy-cases";
import { BUCKET, doc, groupPolicy, policy, role, rolePolicy, RUNNER_POLICY, RUNNER_STATEMENTS, userPolicy } from "./iam-fixtures";

const admin = { Sid: "Admin", Effect: "Allow", Action: "*", Resource: "*" };

export default ruleCases("disallow-full-admin-policies", {
    compliant: [
        { name: "the deploy runner's policy: named actions, describe calls on \"*\"", resources: [rolePolicy("runner", RUNNER_POLICY)] },
        { name: "a managed policy in the object form of aws.iam.PolicyDocument", resources: [policy("uploads", { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: `${BUCKET}/*` }] })] },
        { name: "\"*\" actions denied on every resource", resources: [policy("guard", doc({ Sid: "DenyAll", Effect: "Deny", Action: "*", Resource: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } }))] },
        { name: "\"*\" actions on one bucket only", resources: [rolePolicy("bucket-admin", doc({ Effect: "Allow", Action: "*", Resource: [BUCKET, `${BUCKET}/*`] }))] },
        { name: "a role with a named inline policy", resources: [role("app", { inlinePolicies: [{ name: "read", policy: doc({ Effect: "Allow", Action: "s3:GetObject", Resource: `${BUCKET}/*` }) }] })] },
        { name: "a role without inline policies (its trust policy is not judged here)", resources: [role("plain")] },
    ],
    violating: [
        { name: "Action \"*\" on Resource \"*\" in a managed policy", resources: [policy("admin", doc(...RUNNER_STATEMENTS, admin))], message: /Statement Admin of policy allows Action "\*" on every resource: full administrative access/ },
        { name: "the same statement written as a single object with lists", resources: [policy("single", JSON.stringify({ Version: "2012-10-17", Statement: { Effect: "Allow", Action: ["*"], Resource: ["*"] } }))], message: /Statement 1 \(no Sid\) of policy allows Action "\*" on every resource/ },
        { name: "\"*:*\" with a condition (a condition does not make it less than admin)", resources: [rolePolicy("conditional", doc({ Sid: "Region", Effect: "Allow", Action: "*:*", Resource: "*", Condition: { StringEquals: { "aws:RequestedRegion": "eu-west-1" } } }))], message: /Statement Region of policy allows Action "\*:\*"/ },
        { name: "NotAction on every resource (power user in all but name)", resources: [userPolicy("power", doc({ Sid: "Power", Effect: "Allow", NotAction: ["iam:*", "organizations:*"], Resource: "*" }))], message: /Statement Power of policy allows every action except iam:\*, organizations:\* \(NotAction\) on every resource/ },
        { name: "\"*\" on every resource but a NotResource", resources: [groupPolicy("not-resource", doc({ Sid: "AllBut", Effect: "Allow", Action: "*", NotResource: BUCKET }))], message: /Statement AllBut of policy allows Action "\*" on every resource/ },
        { name: "an admin statement in a role's inline policy", resources: [role("inline-admin", { inlinePolicies: [{ name: "everything", policy: doc(admin) }] })], message: /Statement Admin of inlinePolicies\[everything\] allows Action "\*"/ },
        { name: "an admin statement in the object form", resources: [policy("object", { Version: "2012-10-17", Statement: [admin] })], message: /Statement Admin of policy allows Action "\*"/ },
        { name: "a policy that is not JSON", resources: [policy("broken", "{not json")], message: /policy is not a valid policy document/ },
    ],
    unknown: [
        { name: "policy document not known yet", resources: [rolePolicy("later", unknown)] },
        { name: "the resource of an Action \"*\" statement not known yet", resources: [policy("later-object", { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: unknown }] })] },
        { name: "a role's inline policy not known yet", resources: [resource("aws:iam/role:Role", "later-role", { assumeRolePolicy: unknown, inlinePolicies: [{ name: "later", policy: unknown }] })] },
    ],
});
