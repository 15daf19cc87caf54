"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const rule_1 = require("../../lib/rule");
const values_1 = require("../../lib/values");
/** Condition keys that tie a wildcard principal to an account, organization or caller. */
const RESTRICTING_CONDITION_KEYS = [
    "aws:principalaccount", "aws:principalorgid", "aws:principalarn", "aws:sourceaccount", "aws:sourcearn",
    "aws:sourceorgid", "kms:calleraccount",
];
function isWildcardPrincipal(principal) {
    if (principal === "*") {
        return true;
    }
    if (typeof principal === "object" && principal !== null) {
        const aws = principal.AWS;
        return aws === "*" || (Array.isArray(aws) && aws.includes("*"));
    }
    return false;
}
function isRestricted(condition) {
    if (typeof condition !== "object" || condition === null) {
        return false;
    }
    return Object.values(condition).some((clause) => typeof clause === "object" && clause !== null &&
        Object.keys(clause).some((key) => RESTRICTING_CONDITION_KEYS.includes(key.toLowerCase())));
}
exports.default = (0, rule_1.defineResourceRule)({
    name: "disallow-public-kms-key-policy",
    description: "KMS key policies must not allow any principal (\"*\") without a condition that limits it to an account or organization.",
    severity: "critical",
    controls: ["FSBP KMS.5"],
    remediation: "Name the principals in the aws.kms.Key `policy` (role or account ARNs), or add a condition such as `aws:PrincipalOrgID` or `kms:CallerAccount` to the statement.",
    resourceTypes: ["aws:kms/key:Key", "aws:kms/keyPolicy:KeyPolicy"],
    validate(props, _context, report) {
        const text = props.policy;
        if (typeof text !== "string" || text === "") {
            // No policy: KMS applies the default policy, which only names the key's own account.
            return;
        }
        let document;
        try {
            document = JSON.parse(text);
        }
        catch {
            report("The key policy is not valid JSON, so who can use the key cannot be checked.");
            return;
        }
        const statements = Array.isArray(document.Statement) ? document.Statement : [document.Statement];
        for (const statement of (0, values_1.list)(statements)) {
            if (statement.Effect === "Allow" && isWildcardPrincipal(statement.Principal) && !isRestricted(statement.Condition)) {
                report(`Statement ${statement.Sid ?? "(no Sid)"} allows any principal ("*") with no account or organization condition.`);
            }
        }
    },
});
