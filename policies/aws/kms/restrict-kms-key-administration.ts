import { defineResourceRule, Props } from "../../lib/rule";
import { list } from "../../lib/values";

/**
 * A principal that stands for more than one identity: anyone ("*"), or a whole account (its root ARN or
 * its bare id), which delegates the decision to every IAM policy of that account.
 */
function isBroadPrincipal(value: unknown): boolean {
    return value === "*" || (typeof value === "string" && (/^\d{12}$/.test(value) || /^arn:[^:]+:iam::\d{12}:root$/.test(value)));
}

function broadPrincipals(principal: unknown): string[] {
    if (principal === "*") {
        return ["*"];
    }
    if (typeof principal !== "object" || principal === null) {
        return [];
    }
    const aws = (principal as Props).AWS;
    return (Array.isArray(aws) ? aws : [aws]).filter(isBroadPrincipal).map(String);
}

/** Whether an IAM action pattern such as `kms:Create*`, `kms:*` or `*` names `action` (case-insensitive). */
function patternCovers(pattern: unknown, action: string): boolean {
    if (typeof pattern !== "string") {
        return false;
    }
    const regex = pattern.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*");
    return new RegExp(`^${regex}$`, "i").test(action);
}

/** Whether an Allow statement grants `action`, through `Action` or a `NotAction` that leaves it out. */
function grants(statement: Props, action: string): boolean {
    if (statement.NotAction !== undefined) {
        const excluded = Array.isArray(statement.NotAction) ? statement.NotAction : [statement.NotAction];
        return !excluded.some((pattern: unknown) => patternCovers(pattern, action));
    }
    const actions = Array.isArray(statement.Action) ? statement.Action : [statement.Action];
    return actions.some((pattern: unknown) => patternCovers(pattern, action));
}

/** `Bool: {"kms:GrantIsForAWSResource": "true"}`: grants only an AWS service makes for a resource. */
function limitsGrantsToAwsResources(condition: unknown): boolean {
    if (typeof condition !== "object" || condition === null) {
        return false;
    }
    return Object.entries(condition as Props).some(([operator, clause]) =>
        operator.toLowerCase() === "bool" && typeof clause === "object" && clause !== null &&
        Object.entries(clause as Props).some(([key, value]) =>
            key.toLowerCase() === "kms:grantisforawsresource" && [value].flat().length === 1 && String([value].flat()[0]).toLowerCase() === "true"));
}

export default defineResourceRule({
    name: "restrict-kms-key-administration",
    description: "KMS key policies must not let a whole account or anyone change the key policy, or create grants other than for AWS resources: either lets any principal with the matching IAM permission give itself use of the key.",
    severity: "high",
    controls: ["NIST SP 800-53 AC-6", "NIST SP 800-53 AC-5"],
    remediation: "In the aws.kms.Key `policy`, give `kms:PutKeyPolicy` only to named administrator roles (the role that runs pulumi up must be one), and give the account `kms:CreateGrant` only with the condition `Bool: {\"kms:GrantIsForAWSResource\": \"true\"}`; list administration actions instead of `kms:*`, `kms:Create*` or `kms:Put*`.",
    resourceTypes: ["aws:kms/key:Key", "aws:kms/keyPolicy:KeyPolicy"],
    validate(props, _context, report) {
        const text = props.policy;
        if (text === undefined || text === null || text === "") {
            report("The key has no policy: KMS then applies its default key policy, which gives the whole account kms:*, key policy changes and grants included.");
            return;
        }
        if (typeof text !== "string") {
            return;
        }
        let document: Props;
        try {
            document = JSON.parse(text) as Props;
        } catch {
            report("The key policy is not valid JSON, so who can administer the key cannot be checked.");
            return;
        }
        const statements = Array.isArray(document.Statement) ? document.Statement : [document.Statement];
        for (const statement of list(statements)) {
            if (statement.Effect !== "Allow") {
                continue;
            }
            const broad = broadPrincipals(statement.Principal);
            if (broad.length === 0) {
                continue;
            }
            const problems: string[] = [];
            if (grants(statement, "kms:PutKeyPolicy")) {
                problems.push("kms:PutKeyPolicy (rewriting the policy to allow itself kms:Decrypt)");
            }
            if (grants(statement, "kms:CreateGrant") && !limitsGrantsToAwsResources(statement.Condition)) {
                problems.push("kms:CreateGrant without kms:GrantIsForAWSResource (granting itself kms:Decrypt)");
            }
            if (problems.length > 0) {
                report(`Statement ${statement.Sid ?? "(no Sid)"} lets ${broad.join(", ")} call ${problems.join(" and ")}; expected key policy changes for named administrators only and grants only for AWS resources.`);
            }
        }
    },
});
