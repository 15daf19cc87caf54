import { ruleCases, unknown } from "../../../harness/policy-cases";
import { replicaBlock, table, tableReplica } from "./baseline";

export default ruleCases("require-table-deletion-protection", {
    compliant: [
        { name: "a protected table", resources: [table("orders")] },
        { name: "a protected global table and replica", resources: [table("orders", { replicas: [replicaBlock()] })] },
        { name: "a protected standalone replica", resources: [tableReplica("orders-eu-central-1")] },
    ],
    violating: [
        {
            name: "no deletion protection in a stack without an environment",
            resources: [table("orders", { deletionProtectionEnabled: undefined })],
            message: /deletionProtectionEnabled is not true \(the default is false\) in a stack without an environment \(treated as production\): one DeleteTable call/,
        },
        { name: "deletion protection off", resources: [table("orders", { deletionProtectionEnabled: false })], message: /deletes the table and its data/ },
        { name: "a replica block without deletion protection", resources: [table("orders", { replicas: [replicaBlock({ deletionProtectionEnabled: false })] })], message: /The replica in eu-central-1 has no deletion protection/ },
        { name: "a standalone replica without deletion protection", resources: [tableReplica("orders-eu-central-1", { deletionProtectionEnabled: undefined })], message: /deletes the replica/ },
    ],
    unknown: [
        { name: "deletionProtectionEnabled not known yet", resources: [table("later", { deletionProtectionEnabled: unknown })] },
    ],
});
