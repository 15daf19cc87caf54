import { defineResourceRule } from "../../lib/rule";

/** FSBP CloudFront.5 checks standard (access) logs to S3, the distribution's `loggingConfig`. */
export default defineResourceRule({
    name: "require-distribution-logging",
    description: "CloudFront distributions must write standard access logs to an S3 bucket.",
    severity: "medium",
    controls: ["FSBP CloudFront.5", "NIST SP 800-53 AU-12"],
    remediation: "Set `loggingConfig: { bucket: \"<log bucket>.s3.amazonaws.com\", prefix: \"cloudfront/<name>/\" }` on the aws.cloudfront.Distribution; the bucket needs ACLs enabled (BucketOwnerPreferred) for CloudFront's log delivery.",
    resourceTypes: ["aws:cloudfront/distribution:Distribution"],
    validate(props, _context, report) {
        if (!props.loggingConfig?.bucket) {
            report(`loggingConfig${props.loggingConfig ? ".bucket" : ""} is not set: requests to the distribution leave no access log. Expected a log bucket.`);
        }
    },
});
