import { defineResourceRule } from "../../lib/rule";
import { isS3RestOrigin, isS3WebsiteOrigin, originLabel } from "../../lib/cloudfront-origins";
import { list } from "../../lib/values";

/**
 * An S3 origin is read through an origin access control, so the bucket can stay private to everyone but
 * this distribution. A legacy origin access identity (OAI) cannot sign requests for SSE-KMS objects or
 * POSTs; a website endpoint serves only a public bucket and cannot use either.
 */
export default defineResourceRule({
    name: "require-origin-access-control",
    description: "CloudFront distributions must read S3 origins through an origin access control, not a legacy origin access identity or a public website endpoint.",
    severity: "medium",
    controls: ["FSBP CloudFront.13", "NIST SP 800-53 AC-3"],
    remediation: "Create an aws.cloudfront.OriginAccessControl (`originAccessControlOriginType: \"s3\"`, `signingBehavior: \"always\"`, `signingProtocol: \"sigv4\"`), set its id as the origin's `originAccessControlId` with the bucket's REST endpoint (`bucketRegionalDomainName`) as `domainName`, leave `s3OriginConfig.originAccessIdentity` empty, and allow `cloudfront.amazonaws.com` with an `aws:SourceArn` condition naming the distribution in the bucket policy.",
    resourceTypes: ["aws:cloudfront/distribution:Distribution"],
    validate(props, _context, report) {
        list(props.origins).forEach((origin, i) => {
            const label = originLabel(origin, i);
            if (isS3WebsiteOrigin(origin)) {
                report(`${label} is the S3 website endpoint ${origin.domainName}: it serves only a public bucket. Expected the bucket's REST endpoint with an origin access control.`);
                return;
            }
            if (!isS3RestOrigin(origin)) {
                return;
            }
            if (origin.s3OriginConfig?.originAccessIdentity) {
                report(`${label} reads the bucket through the legacy origin access identity ${origin.s3OriginConfig.originAccessIdentity}. Expected an origin access control.`);
            } else if (!origin.originAccessControlId) {
                report(`${label} is an S3 bucket with no originAccessControlId: CloudFront can read it only if it is public. Expected an origin access control.`);
            }
        });
    },
});
