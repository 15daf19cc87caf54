import { defineResourceRule } from "../lib/rule";

/** Curves with at least 128 bits of security; the provider's default (P224) has 112. */
const STRONG_CURVES = ["P256", "P384", "P521"];

export default defineResourceRule<{ minRsaBits: number }>({
    name: "require-strong-private-keys",
    description: "Private keys generated in the program must give at least 128 bits of security: RSA of 3072 bits or more, ECDSA on P-256 or larger, or Ed25519.",
    severity: "high",
    controls: ["NIST SP 800-57 5.6.1"],
    remediation: "Set `algorithm: \"ECDSA\"` with `ecdsaCurve: \"P256\"` (or P384), `algorithm: \"ED25519\"`, or `algorithm: \"RSA\"` with `rsaBits: 3072` or more on the tls.PrivateKey; the provider defaults (RSA 2048, P224) are too weak.",
    config: {
        minRsaBits: { type: "integer", default: 3072, minimum: 2048, description: "Smallest RSA modulus accepted, in bits." },
    },
    resourceTypes: ["tls:index/privateKey:PrivateKey"],
    validate(props, { config }, report) {
        const algorithm = String(props.algorithm ?? "");
        if (algorithm === "RSA") {
            const bits = props.rsaBits ?? 2048;
            if (!(Number(bits) >= config.minRsaBits)) {
                report(`RSA key of ${bits} bits${props.rsaBits === undefined ? " (the provider default)" : ""}; at least ${config.minRsaBits} are required.`);
            }
        } else if (algorithm === "ECDSA") {
            const curve = props.ecdsaCurve ?? "P224";
            if (!STRONG_CURVES.includes(String(curve))) {
                report(`ECDSA key on ${curve}${props.ecdsaCurve === undefined ? " (the provider default)" : ""}; use ${STRONG_CURVES.join(", ")}.`);
            }
        } else if (algorithm !== "ED25519") {
            report(`Unknown key algorithm ${JSON.stringify(props.algorithm)}.`);
        }
    },
});
