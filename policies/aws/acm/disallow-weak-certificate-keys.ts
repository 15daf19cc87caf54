import { defineResourceRule } from "../../lib/rule";

export default defineResourceRule({
    name: "disallow-weak-certificate-keys",
    description: "ACM certificates must use RSA keys of at least 2048 bits or ECDSA keys.",
    severity: "high",
    controls: ["FSBP ACM.2"],
    remediation: "Set `keyAlgorithm` on the aws.acm.Certificate to EC_prime256v1 (or RSA_2048 or larger) and re-issue it.",
    resourceTypes: ["aws:acm/certificate:Certificate"],
    validate(props, _context, report) {
        const algorithm = String(props.keyAlgorithm ?? "RSA_2048");
        const rsaBits = /^RSA_(\d+)$/.exec(algorithm);
        if (rsaBits && Number(rsaBits[1]) < 2048) {
            report(`keyAlgorithm is ${algorithm}; RSA keys need at least 2048 bits.`);
        }
    },
});
