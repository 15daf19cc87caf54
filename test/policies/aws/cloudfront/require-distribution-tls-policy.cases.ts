import { ruleCases, unknown } from "../../../harness/policy-cases";
import { CERT, distribution } from "./cloudfront-fixtures";

const certificate = (props: Record<string, unknown>) => ({ viewerCertificate: { acmCertificateArn: CERT, sslSupportMethod: "sni-only", minimumProtocolVersion: "TLSv1.2_2021", ...props } });

export default ruleCases("require-distribution-tls-policy", {
    compliant: [
        { name: "the baseline: an ACM certificate over SNI with TLSv1.2_2021", resources: [distribution("www")] },
        { name: "TLSv1.3_2025", resources: [distribution("tls13", certificate({ minimumProtocolVersion: "TLSv1.3_2025" }))] },
        { name: "only the 2025 policies where the team asks for them", resources: [distribution("strict", certificate({ minimumProtocolVersion: "TLSv1.2_2025" }))], config: { "require-distribution-tls-policy": { allowedPolicies: ["TLSv1.2_2025", "TLSv1.3_2025"] } } },
    ],
    violating: [
        { name: "the default *.cloudfront.net certificate", resources: [distribution("default-cert", { aliases: undefined, viewerCertificate: { cloudfrontDefaultCertificate: true } })], message: /cloudfrontDefaultCertificate is true: the \*\.cloudfront\.net certificate forces the TLSv1 security policy/ },
        { name: "TLSv1.2_2019 (CBC ciphers)", resources: [distribution("old-ciphers", certificate({ minimumProtocolVersion: "TLSv1.2_2019" }))], message: /minimumProtocolVersion is TLSv1\.2_2019: viewers may connect with ciphers weaker than allowed/ },
        { name: "TLSv1.1_2016", resources: [distribution("tls11", certificate({ minimumProtocolVersion: "TLSv1.1_2016" }))], message: /minimumProtocolVersion is TLSv1\.1_2016: viewers may connect with TLS 1\.0 or 1\.1/ },
        { name: "no minimumProtocolVersion", resources: [distribution("unset", { viewerCertificate: { acmCertificateArn: CERT, sslSupportMethod: "sni-only" } })], message: /minimumProtocolVersion is not set/ },
        { name: "a dedicated IP (vip)", resources: [distribution("vip", certificate({ sslSupportMethod: "vip" }))], message: /sslSupportMethod is vip/ },
        { name: "TLSv1.2_2021 where the team allows the 2025 policies only", resources: [distribution("strict", certificate({}))], config: { "require-distribution-tls-policy": { allowedPolicies: ["TLSv1.2_2025", "TLSv1.3_2025"] } }, message: /minimumProtocolVersion is TLSv1\.2_2021/ },
    ],
    unknown: [
        { name: "the security policy not known yet", resources: [distribution("later", certificate({ minimumProtocolVersion: unknown }))] },
    ],
});
