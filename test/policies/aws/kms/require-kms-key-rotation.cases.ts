import { resource, ruleCases, unknown } from "../../../harness/policy-cases";

const key = (name: string, props: Record<string, unknown>) => resource("aws:kms/key:Key", name, { description: name, ...props });

export default ruleCases("require-kms-key-rotation", {
    compliant: [
        { name: "rotation on", resources: [key("rotating", { enableKeyRotation: true })] },
        { name: "rotation on with a custom period", resources: [key("quarterly", { enableKeyRotation: true, rotationPeriodInDays: 90 })] },
        { name: "an asymmetric signing key (cannot rotate)", resources: [key("signing", { customerMasterKeySpec: "ECC_NIST_P256", keyUsage: "SIGN_VERIFY" })] },
        { name: "an HMAC key (cannot rotate)", resources: [key("hmac", { customerMasterKeySpec: "HMAC_256", keyUsage: "GENERATE_VERIFY_MAC" })] },
    ],
    violating: [
        { name: "rotation left at the default (off)", resources: [key("static", {})], message: /enableKeyRotation is not set/ },
        { name: "rotation turned off", resources: [key("off", { enableKeyRotation: false, keyUsage: "ENCRYPT_DECRYPT" })], message: /enableKeyRotation is false/ },
    ],
    unknown: [
        { name: "rotation flag not known yet", resources: [key("later", { enableKeyRotation: unknown })] },
    ],
});
