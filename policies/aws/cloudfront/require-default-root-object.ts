import { defineResourceRule } from "../../lib/rule";
import { isS3RestOrigin } from "../../lib/cloudfront-origins";
import { list } from "../../lib/values";

/** FSBP CloudFront.1 applies to distributions with S3 origins only: a request for "/" otherwise reaches the bucket's root. */
export default defineResourceRule({
    name: "require-default-root-object",
    description: "CloudFront distributions with an S3 origin must name a default root object, so a request for the root URL gets that object.",
    severity: "low",
    controls: ["FSBP CloudFront.1"],
    remediation: "Set `defaultRootObject: \"index.html\"` (or the object the root URL should serve) on the aws.cloudfront.Distribution.",
    resourceTypes: ["aws:cloudfront/distribution:Distribution"],
    validate(props, _context, report) {
        if (!list(props.origins).some(isS3RestOrigin)) {
            return;
        }
        if (!props.defaultRootObject) {
            report("defaultRootObject is not set on a distribution with an S3 origin: a request for the root URL is passed to the bucket as is. Expected the object to serve, e.g. index.html.");
        }
    },
});
