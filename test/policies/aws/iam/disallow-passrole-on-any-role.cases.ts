import { ruleCases, unknown } from "../../../harness/policy-cases";
import { ACCOUNT, doc, policy, role, rolePolicy, RUNNER_POLICY, userPolicy } from "./iam-fixtures";

const TASK_ROLE = `arn:aws:iam::${ACCOUNT}:role/app-task`;
const passedToEcs = { StringEquals: { "iam:PassedToService": "ecs-tasks.amazonaws.com" } };

export default ruleCases("disallow-passrole-on-any-role", {
    compliant: [
        { name: "the deploy runner's policy (no iam:PassRole)", resources: [rolePolicy("runner", RUNNER_POLICY)] },
        { name: "iam:PassRole on one named role, to one service", resources: [policy("deploy-tasks", doc({ Effect: "Allow", Action: "iam:PassRole", Resource: TASK_ROLE, Condition: passedToEcs }))] },
        { name: "iam:PassRole on the roles under one path", resources: [rolePolicy("path", doc({ Effect: "Allow", Action: "iam:PassRole", Resource: `arn:aws:iam::${ACCOUNT}:role/app/*` }))] },
        { name: "iam:PassRole denied on every role", resources: [policy("guard", doc({ Effect: "Deny", Action: "iam:PassRole", Resource: "*" }))] },
        { name: "iam:Get* on every role (reading is not passing)", resources: [policy("read", doc({ Effect: "Allow", Action: ["iam:GetRole", "iam:List*"], Resource: "*" }))] },
    ],
    violating: [
        { name: "iam:PassRole on \"*\", even limited to one service", resources: [policy("any-role", doc({ Sid: "Pass", Effect: "Allow", Action: "iam:PassRole", Resource: "*", Condition: passedToEcs }))], message: /Statement Pass of policy allows iam:PassRole on "\*": any role can be handed to a service/ },
        { name: "iam:Pass* on every role of the account", resources: [rolePolicy("pattern", doc({ Sid: "Pass", Effect: "Allow", Action: ["iam:Pass*"], Resource: `arn:aws:iam::${ACCOUNT}:role/*` }))], message: /allows iam:PassRole on "arn:aws:iam::111122223333:role\/\*"/ },
        { name: "iam:* on every role of every account, lower-case action", resources: [userPolicy("iam-star", doc({ Effect: "Allow", Action: "iam:*", Resource: "arn:aws:iam::*:role/*" }))], message: /Statement 1 \(no Sid\) of policy allows iam:PassRole on "arn:aws:iam::\*:role\/\*"/ },
        { name: "iam:passrole spelled in lower case", resources: [policy("lower", doc({ Sid: "Lower", Effect: "Allow", Action: "iam:passrole", Resource: "*" }))], message: /Statement Lower of policy allows iam:PassRole/ },
        { name: "a NotAction that leaves iam:PassRole in, on a NotResource", resources: [policy("not-action", doc({ Sid: "Broad", Effect: "Allow", NotAction: "s3:*", NotResource: TASK_ROLE }))], message: /Statement Broad of policy allows iam:PassRole on every resource but those in NotResource/ },
        { name: "iam:PassRole on \"*\" in a role's inline policy", resources: [role("ci", { inlinePolicies: [{ name: "deploy", policy: doc({ Sid: "Pass", Effect: "Allow", Action: "iam:PassRole", Resource: ["*"] }) }] })], message: /Statement Pass of inlinePolicies\[deploy\] allows iam:PassRole on "\*"/ },
    ],
    unknown: [
        { name: "the roles a PassRole statement names not known yet", resources: [policy("later", { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "iam:PassRole", Resource: unknown }] })] },
    ],
});
