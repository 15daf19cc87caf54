import { ruleCases, unknown } from "../../../harness/policy-cases";
import { perconaCluster, replset, volumeSpec } from "./percona-fixtures";

const OFF = "security:\n  enableEncryption: false\n";
const members = (kind: "nonvoting" | "hidden", enabled: boolean, configuration: unknown) =>
    replset({ extra: { [kind]: { enabled, size: 1, configuration, volumeSpec: volumeSpec() } } });

export default ruleCases("require-mongodb-encryption-at-rest", {
    compliant: [
        { name: "encryption left at the operator's default (on)", resources: [perconaCluster("orders")] },
        { name: "encryption on with AES256-GCM", resources: [perconaCluster("orders", { replsets: [replset({ configuration: "security:\n  enableEncryption: true\n  encryptionCipherMode: AES256-GCM\n" })] })] },
        { name: "other mongod options only", resources: [perconaCluster("orders", { replsets: [replset({ configuration: "operationProfiling:\n  mode: slowOp\n" })] })] },
        { name: "non-voting members turned off hold no data, whatever their configuration", resources: [perconaCluster("orders", { replsets: [members("nonvoting", false, OFF)] })] },
        { name: "an older resource with the AES256-CBC cipher", resources: [perconaCluster("legacy", { mongod: { security: { enableEncryption: true, encryptionCipherMode: "AES256-CBC" } } })] },
    ],
    violating: [
        { name: "encryption turned off in a replica set's configuration", resources: [perconaCluster("orders", { replsets: [replset({ configuration: OFF })] })], message: /replica set rs0: configuration sets security.enableEncryption: false/ },
        { name: "encryption turned off in dotted form", resources: [perconaCluster("orders", { replsets: [replset({ name: "rs1", configuration: "security.enableEncryption: false\n" })] })], message: /replica set rs1/ },
        { name: "encryption turned off in flow form, with a YAML 1.1 no", resources: [perconaCluster("orders", { replsets: [replset({ configuration: "security: {enableEncryption: no}\n" })] })], message: /security.enableEncryption: no/ },
        { name: "encryption turned off on the config servers of a sharded cluster", resources: [perconaCluster("orders", { sharding: { enabled: true, configsvrReplSet: { size: 3, configuration: "security:\n  enableEncryption: \"false\"\n" } } })], message: /replica set cfg/ },
        { name: "encryption turned off on non-voting members", resources: [perconaCluster("orders", { replsets: [members("nonvoting", true, OFF)] })], message: /replica set rs0 non-voting members: configuration sets security.enableEncryption: false/ },
        { name: "encryption turned off on hidden members", resources: [perconaCluster("orders", { replsets: [members("hidden", true, OFF)] })], message: /replica set rs0 hidden members/ },
        { name: "a weak cipher mode", resources: [perconaCluster("orders", { replsets: [replset({ configuration: "security:\n  encryptionCipherMode: AES128-CBC\n" })] })], message: /encryptionCipherMode AES128-CBC is not AES256-GCM or AES256-CBC/ },
        { name: "encryption off in an older resource's mongod section", resources: [perconaCluster("legacy", { mongod: { security: { enableEncryption: false } } })], message: /spec.mongod.security.enableEncryption is false/ },
        { name: "a weak cipher in an older resource's mongod section", resources: [perconaCluster("legacy", { mongod: { security: { encryptionCipherMode: "AES128-GCM" } } })], message: /spec.mongod.security.encryptionCipherMode AES128-GCM is not AES256-GCM or AES256-CBC/ },
    ],
    unknown: [
        { name: "configuration not known yet", resources: [perconaCluster("later", { replsets: [replset({ configuration: unknown })] })] },
        { name: "whether non-voting members run not known yet", resources: [perconaCluster("later", { replsets: [replset({ extra: { nonvoting: { enabled: unknown, size: 1, configuration: OFF } } })] })] },
    ],
});
