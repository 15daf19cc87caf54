import { defineResourceRule } from "../../lib/rule";

/**
 * The default certificate (`*.cloudfront.net`) forces the TLSv1 security policy whatever the distribution
 * asks for, so a custom certificate is what makes a TLS 1.2 minimum possible. Dedicated-IP (`vip`) serving
 * exists for clients without SNI, that is, clients too old for the policies allowed here.
 */
export default defineResourceRule<{ allowedPolicies: string[] }>({
    name: "require-distribution-tls-policy",
    description: "CloudFront distributions must serve viewers with a custom certificate over SNI and a TLS 1.2+ security policy (TLSv1.2_2021 or later).",
    severity: "medium",
    controls: ["FSBP CloudFront.15", "FSBP CloudFront.7", "FSBP CloudFront.8"],
    remediation: "In the aws.cloudfront.Distribution `viewerCertificate`, set `acmCertificateArn` (an ACM certificate in us-east-1 for the `aliases`), `sslSupportMethod: \"sni-only\"` and `minimumProtocolVersion: \"TLSv1.2_2021\"` (or TLSv1.2_2025, TLSv1.3_2025); do not use `cloudfrontDefaultCertificate`.",
    config: {
        allowedPolicies: {
            type: "array",
            items: { type: "string" },
            minItems: 1,
            default: ["TLSv1.2_2021", "TLSv1.2_2025", "TLSv1.3_2025"],
            description: "Security policies (minimumProtocolVersion) a distribution may use; a stricter profile can keep the 2025 policies only.",
        },
    },
    resourceTypes: ["aws:cloudfront/distribution:Distribution"],
    validate(props, { config }, report) {
        const certificate = props.viewerCertificate ?? {};
        if (certificate.cloudfrontDefaultCertificate === true) {
            report("viewerCertificate.cloudfrontDefaultCertificate is true: the *.cloudfront.net certificate forces the TLSv1 security policy. Expected an ACM certificate for the distribution's aliases.");
            return;
        }
        if (certificate.sslSupportMethod === "vip") {
            report("viewerCertificate.sslSupportMethod is vip (a dedicated IP for clients without SNI). Expected sni-only.");
        }
        const policy = certificate.minimumProtocolVersion;
        if (!config.allowedPolicies.includes(String(policy))) {
            report(`viewerCertificate.minimumProtocolVersion is ${policy ?? "not set"}: viewers may connect with ${/^TLSv1\.[23]/.test(String(policy)) ? "ciphers weaker than allowed" : "TLS 1.0 or 1.1"}. Expected ${config.allowedPolicies.join(", ")}.`);
        }
    },
});
