import { defineResourceRule } from "../../lib/rule";

/**
 * Each trail on its own: a trail that records one Region, whose log files cannot be checked for tampering,
 * or that leaves them under S3's own keys fails even where another trail of the account is sound, since
 * FSBP CloudTrail.2 and CloudTrail.4 are evaluated per trail and CIS AWS 3.1 asks for every trail to cover
 * all Regions. Whether the account has a trail at all is require-audit-trail's question.
 */
export default defineResourceRule({
    name: "require-trail-hardening",
    description: "Every CloudTrail trail must record all Regions (with global service events), validate its log files with signed digests, and encrypt them with a KMS key.",
    severity: "high",
    controls: ["FSBP CloudTrail.1", "FSBP CloudTrail.2", "FSBP CloudTrail.4", "CIS AWS 3.1", "CIS AWS 3.2", "CIS AWS 3.5"],
    remediation: "On the aws.cloudtrail.Trail set `isMultiRegionTrail: true`, leave `includeGlobalServiceEvents` at true, set `enableLogFileValidation: true`, and set `kmsKeyId` to a customer-managed key whose policy lets CloudTrail encrypt for this trail (aws:SourceArn).",
    resourceTypes: ["aws:cloudtrail/trail:Trail"],
    validate(props, { name }, report) {
        const problems: string[] = [];
        if (props.isMultiRegionTrail !== true) {
            problems.push("records only its own Region (isMultiRegionTrail is not true)");
        }
        if (props.includeGlobalServiceEvents === false) {
            problems.push("leaves out global service events such as IAM and STS (includeGlobalServiceEvents: false)");
        }
        if (props.enableLogFileValidation !== true) {
            problems.push("writes no signed digests, so a changed or deleted log file goes unnoticed (enableLogFileValidation is not true)");
        }
        if (typeof props.kmsKeyId !== "string" || props.kmsKeyId === "") {
            problems.push("encrypts its log files with S3's own keys only (no kmsKeyId)");
        }
        if (problems.length > 0) {
            report(`Trail ${name} ${problems.join("; ")}. Expected a multi-Region trail with log file validation and a KMS key.`);
        }
    },
});
