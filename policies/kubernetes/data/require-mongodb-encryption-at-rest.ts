import { mongodSecurityOption, PERCONA_MONGODB_TYPES, replicaSets } from "../../lib/percona";
import { defineResourceRule } from "../../lib/rule";

export default defineResourceRule({
    name: "require-mongodb-encryption-at-rest",
    description: "A Percona MongoDB cluster must keep data-at-rest encryption on in every replica set, with an AES-256 cipher mode.",
    severity: "high",
    controls: ["EKS BP encryption-at-rest"],
    remediation: "Remove `security.enableEncryption: false` from the replica sets' `configuration` (and `spec.mongod.security.enableEncryption: false` in older resources); use `encryptionCipherMode: AES256-GCM` or `AES256-CBC`, and set `spec.secrets.encryptionKey` to a Secret holding a generated 256-bit key.",
    resourceTypes: [...PERCONA_MONGODB_TYPES],
    validate(props, _context, report) {
        if (props.spec?.mongod?.security?.enableEncryption === false) {
            report("spec.mongod.security.enableEncryption is false.");
        }
        for (const replset of replicaSets(props)) {
            const where = `replica set ${replset.name ?? "(unnamed)"}`;
            const enabled = mongodSecurityOption(replset.configuration, "enableEncryption");
            if (enabled !== undefined && enabled.toLowerCase() === "false") {
                report(`${where}: configuration sets security.enableEncryption: false.`);
            }
            const cipher = mongodSecurityOption(replset.configuration, "encryptionCipherMode");
            if (cipher !== undefined && !["AES256-GCM", "AES256-CBC"].includes(cipher)) {
                report(`${where}: encryptionCipherMode ${cipher} is not AES256-GCM or AES256-CBC.`);
            }
        }
    },
});
