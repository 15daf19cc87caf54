import { defineResourceRule } from "../../lib/rule";
import { cacheBehaviors, originLabel } from "../../lib/cloudfront-origins";
import { list } from "../../lib/values";

/**
 * FSBP CloudFront.10 fails SSLv3 only; TLSv1 and TLSv1.1 are deprecated too (RFC 8996), so an origin may
 * list TLSv1.2 only. `match-viewer` encrypts only what viewers encrypt: it passes when no behavior that
 * targets the origin lets viewers in over HTTP.
 */
const DEPRECATED_PROTOCOLS = ["SSLv3", "TLSv1", "TLSv1.1"];

export default defineResourceRule({
    name: "require-origin-https",
    description: "CloudFront must reach custom origins over HTTPS with TLS 1.2, never plain HTTP or SSLv3, TLS 1.0 or 1.1.",
    severity: "medium",
    controls: ["FSBP CloudFront.9", "FSBP CloudFront.10", "NIST SP 800-53 SC-8"],
    remediation: "In each aws.cloudfront.Distribution `origins[].customOriginConfig`, set `originProtocolPolicy: \"https-only\"` and `originSslProtocols: [\"TLSv1.2\"]`; the origin (a load balancer, API Gateway) serves a certificate for the origin's `domainName`.",
    resourceTypes: ["aws:cloudfront/distribution:Distribution"],
    validate(props, _context, report) {
        const origins = list(props.origins);
        if (!origins.some((o) => o.customOriginConfig)) {
            return;
        }
        const httpViewers = new Set(cacheBehaviors(props).filter(({ behavior }) => behavior.viewerProtocolPolicy === "allow-all").map(({ behavior }) => behavior.targetOriginId));
        origins.forEach((origin, i) => {
            const custom = origin.customOriginConfig;
            if (!custom) {
                return;
            }
            const label = originLabel(origin, i);
            if (custom.originProtocolPolicy === "http-only") {
                report(`${label} has originProtocolPolicy http-only: CloudFront reaches it over plain HTTP. Expected https-only.`);
                return;
            }
            if (custom.originProtocolPolicy === "match-viewer" && httpViewers.has(origin.originId)) {
                report(`${label} has originProtocolPolicy match-viewer while a behavior targeting it allows HTTP viewers: those requests reach it over plain HTTP. Expected https-only.`);
            }
            const deprecated = list(custom.originSslProtocols).map(String).filter((p) => DEPRECATED_PROTOCOLS.includes(p));
            if (deprecated.length > 0) {
                report(`${label} allows ${deprecated.join(", ")} in originSslProtocols. Expected TLSv1.2 only.`);
            }
        });
    },
});
