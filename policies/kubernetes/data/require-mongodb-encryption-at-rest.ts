import { dataMembers, mongodSecurityOption, PERCONA_MONGODB_TYPES } from "../../lib/percona";
import { defineResourceRule } from "../../lib/rule";

/** The cipher modes Percona Server for MongoDB offers for data-at-rest encryption. */
const CIPHER_MODES = ["AES256-GCM", "AES256-CBC"];
/** How a YAML 1.1 parser may read "off". */
const FALSE = ["false", "no", "off", "n", "0"];

export default defineResourceRule({
    name: "require-mongodb-encryption-at-rest",
    description: "A Percona MongoDB cluster must keep data-at-rest encryption on for every member that holds data (replica sets, config servers, non-voting and hidden members), with an AES-256 cipher mode.",
    severity: "high",
    controls: ["EKS BP encryption-at-rest"],
    remediation: "Remove `security.enableEncryption: false` from every `configuration` of the replica sets (including `nonvoting` and `hidden`) and of `sharding.configsvrReplSet` (and `spec.mongod.security.enableEncryption: false` in older resources); use `encryptionCipherMode: AES256-GCM` or `AES256-CBC`, and set `spec.secrets.encryptionKey` to a Secret holding a generated 256-bit key.",
    resourceTypes: [...PERCONA_MONGODB_TYPES],
    validate(props, _context, report) {
        const legacy = props.spec?.mongod?.security;
        if (legacy?.enableEncryption === false) {
            report("spec.mongod.security.enableEncryption is false.");
        }
        if (legacy?.encryptionCipherMode !== undefined && legacy.encryptionCipherMode !== "" && !CIPHER_MODES.includes(legacy.encryptionCipherMode)) {
            report(`spec.mongod.security.encryptionCipherMode ${legacy.encryptionCipherMode} is not ${CIPHER_MODES.join(" or ")}.`);
        }
        for (const { label, spec } of dataMembers(props)) {
            const enabled = mongodSecurityOption(spec.configuration, "enableEncryption");
            if (enabled !== undefined && FALSE.includes(enabled.toLowerCase())) {
                report(`${label}: configuration sets security.enableEncryption: ${enabled}.`);
            }
            const cipher = mongodSecurityOption(spec.configuration, "encryptionCipherMode");
            if (cipher !== undefined && !CIPHER_MODES.includes(cipher)) {
                report(`${label}: encryptionCipherMode ${cipher} is not ${CIPHER_MODES.join(" or ")}.`);
            }
        }
    },
});
