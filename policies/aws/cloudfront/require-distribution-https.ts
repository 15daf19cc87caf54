import { defineResourceRule } from "../../lib/rule";
import { cacheBehaviors } from "../../lib/cloudfront-origins";

export default defineResourceRule({
    name: "require-distribution-https",
    description: "Every cache behavior of a CloudFront distribution must serve viewers over HTTPS only, or redirect HTTP to HTTPS.",
    severity: "medium",
    controls: ["FSBP CloudFront.3", "NIST SP 800-53 SC-8"],
    remediation: "Set `viewerProtocolPolicy: \"redirect-to-https\"` (or `\"https-only\"`) in the aws.cloudfront.Distribution `defaultCacheBehavior` and every `orderedCacheBehaviors` entry.",
    resourceTypes: ["aws:cloudfront/distribution:Distribution"],
    validate(props, _context, report) {
        for (const { where, behavior } of cacheBehaviors(props)) {
            if (behavior.viewerProtocolPolicy === "allow-all") {
                report(`${where}.viewerProtocolPolicy is allow-all: viewers can fetch over plain HTTP. Expected redirect-to-https or https-only.`);
            }
        }
    },
});
