import { ruleCases, unknown } from "../../../harness/policy-cases";
import { BUCKET, doc, groupPolicy, policy, role, rolePolicy, RUNNER_POLICY, userPolicy } from "./iam-fixtures";

export default ruleCases("disallow-wildcard-service-actions", {
    compliant: [
        { name: "the deploy runner's policy: named actions and the ec2:Describe* prefix", resources: [rolePolicy("runner", RUNNER_POLICY)] },
        { name: "named S3 actions on one bucket, in the object form", resources: [policy("uploads", { Version: "2012-10-17", Statement: { Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: `${BUCKET}/*` } })] },
        { name: "s3:* denied (a guard, not a grant)", resources: [groupPolicy("guard", doc({ Effect: "Deny", Action: "s3:*", Resource: BUCKET, Condition: { Bool: { "aws:SecureTransport": "false" } } }))] },
        { name: "a role whose inline policy names its actions", resources: [role("app", { inlinePolicies: [{ name: "logs", policy: doc({ Effect: "Allow", Action: "logs:PutLogEvents", Resource: "*" }) }] })] },
    ],
    violating: [
        { name: "s3:* on one bucket", resources: [policy("bucket-all", doc({ Sid: "Bucket", Effect: "Allow", Action: ["s3:*"], Resource: [BUCKET, `${BUCKET}/*`] }))], message: /Statement Bucket of policy allows "s3:\*": every action of the service/ },
        { name: "\"*\" on one resource", resources: [rolePolicy("star", doc({ Sid: "Star", Effect: "Allow", Action: "*", Resource: BUCKET }))], message: /Statement Star of policy allows "\*": every action of every service/ },
        { name: "dynamodb:* in a user's inline policy, among named actions", resources: [userPolicy("table", doc({ Effect: "Allow", Action: ["sqs:SendMessage", "dynamodb:*"], Resource: "*" }))], message: /Statement 1 \(no Sid\) of policy allows "dynamodb:\*"/ },
        { name: "kms:* in a role's inline policy", resources: [role("keys", { inlinePolicies: [{ name: "keys", policy: doc({ Sid: "Keys", Effect: "Allow", Action: "kms:*", Resource: "*" }) }] })], message: /Statement Keys of inlinePolicies\[keys\] allows "kms:\*"/ },
        { name: "a policy that is not JSON", resources: [rolePolicy("broken", "[")], message: /policy is not a valid policy document/ },
    ],
    unknown: [
        { name: "policy document not known yet", resources: [policy("later", unknown)] },
        { name: "the actions of a statement not known yet", resources: [policy("later-object", { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: unknown, Resource: BUCKET }] })] },
    ],
});
