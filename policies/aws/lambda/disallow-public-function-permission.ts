import { defineResourceRule, Props } from "../../lib/rule";
import { isAllow, limitedBy, limitsValue, policyStatements, principalsOf, statementLabel } from "../../lib/iam-policy-document";

/** An AWS service principal (`s3.amazonaws.com`, `logs.eu-west-1.amazonaws.com`). */
function isService(principal: string): boolean {
    return /\.amazonaws\.com(\.cn)?$/.test(principal);
}

/** Keys that tie a statement for anyone to an organization, account or calling resource. */
const ANYONE_KEYS = ["aws:SourceArn", "aws:SourceAccount", "aws:PrincipalOrgID", "aws:PrincipalAccount", "aws:PrincipalArn", "aws:SourceOrgID"];
/** Keys that tie a service principal to the resource (or account) calling through it: the confused deputy defence. */
const SERVICE_KEYS = ["aws:SourceArn", "aws:SourceAccount", "aws:SourceOrgID"];

/** A value of an aws.lambda.Permission argument that limits the caller (set, fixed, not a wildcard for everything). */
function limits(argument: string, value: unknown): boolean {
    return value !== undefined && value !== null && value !== "" && limitsValue(argument, value);
}

function judgePermission(props: Props, report: (message: string) => void): void {
    const principal = String(props.principal);
    if (props.functionUrlAuthType === "NONE") {
        report(`The permission grants ${principal} ${props.action ?? "invocation"} through a function URL with functionUrlAuthType NONE: a public endpoint. Expected AWS_IAM.`);
        return;
    }
    if (principal === "*") {
        if (!limits("aws:SourceArn", props.sourceArn) && !limits("aws:SourceAccount", props.sourceAccount) && !limits("aws:PrincipalOrgID", props.principalOrgId)) {
            report(`principal is "*" with no sourceArn, sourceAccount or principalOrgId: anyone can invoke the function. Expected a named principal or one of those arguments.`);
        }
    } else if (isService(principal) && !limits("aws:SourceArn", props.sourceArn) && !limits("aws:SourceAccount", props.sourceAccount)) {
        report(`principal is the service ${principal} with no sourceArn or sourceAccount: the service can invoke the function on behalf of any account's resources. Expected sourceArn (the bucket, topic, rule or API) or sourceAccount.`);
    }
}

function judgeResourcePolicy(props: Props, report: (message: string) => void): void {
    const statements = policyStatements(props.policy);
    if (statements === "invalid") {
        report("policy is not a valid policy document, so who can invoke the function cannot be checked.");
        return;
    }
    (statements ?? []).forEach((statement, i) => {
        if (!isAllow(statement)) {
            return;
        }
        const principals = principalsOf(statement);
        if (principals.anyone && !limitedBy(statement.Condition, ANYONE_KEYS)) {
            report(`${statementLabel(statement, i)} allows any principal ("*") with no aws:SourceArn, aws:SourceAccount or aws:PrincipalOrgID condition: anyone can invoke the function.`);
        } else if (!principals.anyone && principals.service.length > 0 && !limitedBy(statement.Condition, SERVICE_KEYS)) {
            report(`${statementLabel(statement, i)} allows ${principals.service.join(", ")} with no aws:SourceArn or aws:SourceAccount condition: the service can invoke the function on behalf of any account's resources.`);
        }
    });
}

export default defineResourceRule({
    name: "disallow-public-function-permission",
    description: "Lambda resource-based policies must not let anyone invoke a function, nor an AWS service on behalf of any account (no source ARN or account).",
    severity: "critical",
    controls: ["FSBP Lambda.1", "NIST SP 800-53 AC-3"],
    remediation: "On the aws.lambda.Permission set `principal` to the service or account that calls the function and `sourceArn` (the bucket, topic, rule or API stage) or `sourceAccount`; in an aws.lambda.ResourcePolicy `policy`, add a `Condition` on aws:SourceArn or aws:SourceAccount. Use `principalOrgId` to admit an organization instead of \"*\".",
    resourceTypes: ["aws:lambda/permission:Permission", "aws:lambda/resourcePolicy:ResourcePolicy"],
    validate(props, { type }, report) {
        if (type === "aws:lambda/permission:Permission") {
            judgePermission(props, report);
        } else {
            judgeResourcePolicy(props, report);
        }
    },
});
