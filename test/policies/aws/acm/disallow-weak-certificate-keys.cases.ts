import { resource, ruleCases, unknown } from "../../../harness/policy-cases";

const PRIVATE_CA = "arn:aws:acm-pca:eu-west-1:111122223333:certificate-authority/1f2e3d4c-5b6a-4980-9a2b-3c4d5e6f7a8b";

const publicCertificate = (name: string, props: Record<string, unknown>) =>
    resource("aws:acm/certificate:Certificate", name, { domainName: `${name}.example.com`, subjectAlternativeNames: [`www.${name}.example.com`], validationMethod: "DNS", ...props });
const privateCertificate = (name: string, props: Record<string, unknown>) =>
    resource("aws:acm/certificate:Certificate", name, { domainName: `${name}.internal.example.com`, certificateAuthorityArn: PRIVATE_CA, ...props });

export default ruleCases("disallow-weak-certificate-keys", {
    compliant: [
        { name: "keyAlgorithm left at the ACM default (RSA_2048)", resources: [publicCertificate("default", {})] },
        { name: "an ECDSA P-256 key", resources: [publicCertificate("ecdsa", { keyAlgorithm: "EC_prime256v1" })] },
        { name: "an explicit RSA_2048 key", resources: [publicCertificate("rsa2048", { keyAlgorithm: "RSA_2048" })] },
        { name: "a private CA certificate with an RSA 4096 key", resources: [privateCertificate("mtls", { keyAlgorithm: "RSA_4096" })] },
    ],
    violating: [
        { name: "a public certificate with an RSA 1024 key", resources: [publicCertificate("legacy", { keyAlgorithm: "RSA_1024" })], message: /keyAlgorithm is RSA_1024; RSA keys need at least 2048 bits/ },
        { name: "a private CA certificate with an RSA 1024 key", resources: [privateCertificate("device", { keyAlgorithm: "RSA_1024" })], message: /keyAlgorithm is RSA_1024/ },
    ],
    unknown: [
        { name: "key algorithm not known yet", resources: [publicCertificate("later", { keyAlgorithm: unknown })] },
    ],
});
