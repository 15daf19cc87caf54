import { defineResourceRule } from "../../lib/rule";
import { forEachIdentityAllow, grantsAction, IDENTITY_POLICY_TYPES, patternMatches, stringList } from "../../lib/iam-policy-document";

/** Resource patterns that take in every role of an account (`arn:aws:iam::<account>:role/*`), or of every account. */
function coversEveryRole(resource: string): boolean {
    if (resource === "*") {
        return true;
    }
    const [arn, , service, , , ...rest] = resource.split(":");
    const name = rest.join(":");
    return arn === "arn" && patternMatches(service ?? "", "iam") && patternMatches(name, "role/any-role") && patternMatches(name, "role/a/path/other-role");
}

/**
 * `iam:PassRole` lets a principal hand a role to a service (a Lambda function, an EC2 instance, an ECS
 * task, a CodeBuild project) that then acts with that role's permissions. On every role, a principal
 * allowed to create any such resource can run code as the most privileged role of the account. A
 * `iam:PassedToService` condition narrows the services, not the roles, so it does not make it safe.
 */
export default defineResourceRule({
    name: "disallow-passrole-on-any-role",
    description: "IAM policies must not allow iam:PassRole on every role (\"*\" or a role/* pattern): passing a role is acting with its permissions.",
    severity: "high",
    controls: ["NIST SP 800-53 AC-6"],
    remediation: "In the statement of the aws.iam.Policy, RolePolicy, UserPolicy or GroupPolicy `policy` (or the aws.iam.Role `inlinePolicies`) that allows `iam:PassRole`, set `Resource` to the ARNs of the roles to pass (e.g. `arn:aws:iam::<account>:role/app-task`), and add a `iam:PassedToService` condition.",
    resourceTypes: [...IDENTITY_POLICY_TYPES],
    validate(props, { type }, report) {
        forEachIdentityAllow(type, props, report, (statement, label, where) => {
            if (!grantsAction(statement, "iam:PassRole")) {
                return;
            }
            const broad = statement.NotResource !== undefined ? ["every resource but those in NotResource"] : stringList(statement.Resource).filter(coversEveryRole);
            if (broad.length > 0) {
                report(`${label} of ${where} allows iam:PassRole on ${broad.map((r) => (r.startsWith("every") ? r : `"${r}"`)).join(", ")}: any role can be handed to a service. Expected the ARNs of the roles to pass.`);
            }
        });
    },
});
