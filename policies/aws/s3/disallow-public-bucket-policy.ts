import { defineResourceRule, Props } from "../../lib/rule";
import { list } from "../../lib/values";

/**
 * Condition keys that tie a statement granted to everyone back to the caller's account or organization,
 * a VPC or VPC endpoint, or one AWS resource acting through a service. Amazon S3 counts a policy that
 * grants "*" as public unless such a key holds a fixed value (PublicAccessBlockConfiguration, "The
 * meaning of public"); `aws:SourceIp` is left out on purpose: an address range still admits anonymous
 * callers from it.
 */
export const RESTRICTING_CONDITION_KEYS: readonly string[] = [
    "aws:sourcevpce", "aws:sourcevpc", "aws:principalorgid", "aws:principalaccount", "aws:principalarn",
    "aws:sourceaccount", "aws:sourceowner", "aws:sourcearn", "aws:sourceorgid",
];

/** Operators that require the key to be present and equal to (or match) the values given. */
const POSITIVE_OPERATOR = /^(foranyvalue:)?(stringequals|stringequalsignorecase|stringlike|arnequals|arnlike)$/;

/** A value S3 treats as fixed: no wildcard and no policy variable. */
function isFixed(value: unknown): boolean {
    return typeof value === "string" && value !== "" && !/[*?]|\$\{/.test(value);
}

/**
 * Whether a statement's condition limits it with a positive test of fixed values of a restricting key.
 * Negated operators, `...IfExists` and `ForAllValues:` hold when the key is absent, so they limit nothing.
 */
function restricts(condition: unknown): boolean {
    if (typeof condition !== "object" || condition === null) {
        return false;
    }
    return Object.entries(condition as Props).some(([operator, clause]) =>
        POSITIVE_OPERATOR.test(operator.toLowerCase()) && typeof clause === "object" && clause !== null &&
        Object.entries(clause as Props).some(([key, value]) => {
            const values = [value].flat();
            return RESTRICTING_CONDITION_KEYS.includes(key.toLowerCase()) && values.length > 0 && values.every(isFixed);
        }));
}

/** How a statement names everyone, or undefined when it names particular principals. */
function everyone(statement: Props): string | undefined {
    if (statement.NotPrincipal !== undefined) {
        // Allow with NotPrincipal grants every principal but the ones listed.
        return `everyone but ${JSON.stringify(statement.NotPrincipal)} (NotPrincipal)`;
    }
    const principal = statement.Principal;
    if (principal === "*") {
        return "Principal \"*\"";
    }
    if (typeof principal === "object" && principal !== null) {
        const wildcard = Object.entries(principal as Props).find(([, value]) => [value].flat().includes("*"));
        return wildcard ? `Principal {${wildcard[0]}: "*"}` : undefined;
    }
    return undefined;
}

export interface OpenStatement {
    readonly sid: string;
    readonly who: string;
    readonly actions: string;
}

/**
 * The Allow statements of a resource policy (a JSON string or a document object) that grant everyone
 * without a restricting condition; `invalid` when the text is not JSON.
 */
export function openStatements(policy: unknown): { readonly invalid: boolean; readonly statements: readonly OpenStatement[] } {
    if (policy === undefined || policy === null || policy === "") {
        return { invalid: false, statements: [] };
    }
    let document: Props;
    if (typeof policy === "string") {
        try {
            document = JSON.parse(policy) as Props;
        } catch {
            return { invalid: true, statements: [] };
        }
    } else if (typeof policy === "object") {
        document = policy as Props;
    } else {
        return { invalid: true, statements: [] };
    }
    const statements = Array.isArray(document.Statement) ? document.Statement : [document.Statement];
    const open: OpenStatement[] = [];
    for (const statement of list(statements)) {
        if (typeof statement !== "object" || statement === null || statement.Effect !== "Allow") {
            continue;
        }
        const who = everyone(statement);
        if (who !== undefined && !restricts(statement.Condition)) {
            const actions = statement.NotAction !== undefined
                ? `every action but ${[statement.NotAction].flat().join(", ")}`
                : [statement.Action].flat().join(", ");
            open.push({ sid: String(statement.Sid ?? "(no Sid)"), who, actions });
        }
    }
    return { invalid: false, statements: open };
}

export default defineResourceRule({
    name: "disallow-public-bucket-policy",
    description: "S3 bucket policies must not allow everyone (Principal \"*\", {AWS: \"*\"} or NotPrincipal) unless a fixed condition limits the statement to an account, organization, VPC, VPC endpoint or source resource.",
    severity: "critical",
    controls: ["FSBP S3.2", "FSBP S3.3"],
    remediation: "In the aws.s3.BucketPolicy `policy` (or the bucket's inline `policy`), name the principals (role or account ARNs, or a service principal) instead of \"*\", or give every such Allow statement a condition with a fixed value of `aws:SourceVpce`, `aws:PrincipalOrgID`, `aws:PrincipalAccount`, `aws:SourceAccount` or `aws:SourceArn` (StringEquals or ArnEquals, not IfExists or a negated operator); serve public content through CloudFront with origin access control instead.",
    resourceTypes: ["aws:s3/bucketPolicy:BucketPolicy", "aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"],
    validate(props, { type }, report) {
        const where = type === "aws:s3/bucketPolicy:BucketPolicy" ? "the bucket policy" : "the bucket's inline policy";
        const { invalid, statements } = openStatements(props.policy);
        if (invalid) {
            report(`${where[0].toUpperCase()}${where.slice(1)} is not valid JSON, so who it admits cannot be checked.`);
        }
        for (const statement of statements) {
            report(`Statement ${statement.sid} of ${where} allows ${statement.who} to ${statement.actions} with no condition limiting it to an account, organization, VPC, VPC endpoint or source resource; expected named principals or a fixed aws:SourceVpce, aws:PrincipalOrgID, aws:PrincipalAccount, aws:SourceAccount or aws:SourceArn condition.`);
        }
    },
});
