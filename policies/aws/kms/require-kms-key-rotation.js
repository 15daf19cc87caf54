"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const rule_1 = require("../../lib/rule");
exports.default = (0, rule_1.defineResourceRule)({
    name: "require-kms-key-rotation",
    description: "Symmetric KMS keys must rotate their key material automatically.",
    severity: "medium",
    controls: ["FSBP KMS.4"],
    remediation: "Set `enableKeyRotation: true` on the aws.kms.Key (optionally `rotationPeriodInDays`, 90 to 2560).",
    resourceTypes: ["aws:kms/key:Key"],
    validate(props, _context, report) {
        // Only symmetric encryption keys can rotate automatically; asymmetric and HMAC keys cannot.
        const spec = props.customerMasterKeySpec ?? "SYMMETRIC_DEFAULT";
        const usage = props.keyUsage ?? "ENCRYPT_DECRYPT";
        if (spec !== "SYMMETRIC_DEFAULT" || usage !== "ENCRYPT_DECRYPT") {
            return;
        }
        if (props.enableKeyRotation !== true) {
            report(`enableKeyRotation is ${props.enableKeyRotation ?? "not set (false)"}: the key material never changes.`);
        }
    },
});
