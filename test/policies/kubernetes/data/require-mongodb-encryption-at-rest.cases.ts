import { ruleCases, unknown } from "../../../harness/policy-cases";
import { perconaCluster, replset } from "./percona-fixtures";

export default ruleCases("require-mongodb-encryption-at-rest", {
    compliant: [
        { name: "encryption left at the operator's default (on)", resources: [perconaCluster("orders")] },
        { name: "encryption on with AES256-GCM", resources: [perconaCluster("orders", { replsets: [replset({ configuration: "security:\n  enableEncryption: true\n  encryptionCipherMode: AES256-GCM\n" })] })] },
        { name: "other mongod options only", resources: [perconaCluster("orders", { replsets: [replset({ configuration: "operationProfiling:\n  mode: slowOp\n" })] })] },
    ],
    violating: [
        { name: "encryption turned off in a replica set's configuration", resources: [perconaCluster("orders", { replsets: [replset({ configuration: "security:\n  enableEncryption: false\n" })] })], message: /replica set rs0: configuration sets security.enableEncryption: false/ },
        { name: "encryption turned off in dotted form", resources: [perconaCluster("orders", { replsets: [replset({ name: "rs1", configuration: "security.enableEncryption: false\n" })] })], message: /replica set rs1/ },
        { name: "encryption turned off on the config servers of a sharded cluster", resources: [perconaCluster("orders", { sharding: { enabled: true, configsvrReplSet: { size: 3, configuration: "security:\n  enableEncryption: \"false\"\n" } } })], message: /replica set cfg/ },
        { name: "a weak cipher mode", resources: [perconaCluster("orders", { replsets: [replset({ configuration: "security:\n  encryptionCipherMode: AES128-CBC\n" })] })], message: /encryptionCipherMode AES128-CBC is not AES256-GCM or AES256-CBC/ },
        { name: "encryption off in an older resource's mongod section", resources: [perconaCluster("legacy", { mongod: { security: { enableEncryption: false } } })], message: /spec.mongod.security.enableEncryption is false/ },
    ],
    unknown: [
        { name: "configuration not known yet", resources: [perconaCluster("later", { replsets: [replset({ configuration: unknown })] })] },
    ],
});
