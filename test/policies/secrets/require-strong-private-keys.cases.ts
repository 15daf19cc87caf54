import { resource, ruleCases, unknown } from "../../harness/policy-cases";

const key = (name: string, props: Record<string, unknown>) => resource("tls:index/privateKey:PrivateKey", name, props);

export default ruleCases("require-strong-private-keys", {
    compliant: [
        { name: "ECDSA on P-256", resources: [key("ca", { algorithm: "ECDSA", ecdsaCurve: "P256" })] },
        { name: "ECDSA on P-384", resources: [key("signing", { algorithm: "ECDSA", ecdsaCurve: "P384" })] },
        { name: "Ed25519", resources: [key("ssh", { algorithm: "ED25519" })] },
        { name: "RSA 4096", resources: [key("legacy", { algorithm: "RSA", rsaBits: 4096 })] },
        { name: "RSA 2048 where the team accepts it", resources: [key("legacy", { algorithm: "RSA", rsaBits: 2048 })], config: { "require-strong-private-keys": { minRsaBits: 2048 } } },
    ],
    violating: [
        { name: "RSA with the provider's default size", resources: [key("web", { algorithm: "RSA" })], message: /RSA key of 2048 bits \(the provider default\); at least 3072 are required/ },
        { name: "RSA 2048", resources: [key("web", { algorithm: "RSA", rsaBits: 2048 })], message: /RSA key of 2048 bits; at least 3072/ },
        { name: "ECDSA with the provider's default curve", resources: [key("jwt", { algorithm: "ECDSA" })], message: /ECDSA key on P224 \(the provider default\)/ },
        { name: "ECDSA on P-224", resources: [key("jwt", { algorithm: "ECDSA", ecdsaCurve: "P224" })], message: /ECDSA key on P224; use P256, P384, P521/ },
    ],
    unknown: [
        { name: "size not known yet", resources: [key("later", { algorithm: "RSA", rsaBits: unknown })] },
    ],
});
