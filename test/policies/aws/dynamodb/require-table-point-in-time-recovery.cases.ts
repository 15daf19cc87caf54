import { ruleCases, unknown } from "../../../harness/policy-cases";
import { replicaBlock, table, tableReplica } from "./baseline";

export default ruleCases("require-table-point-in-time-recovery", {
    compliant: [
        { name: "a table with point-in-time recovery", resources: [table("orders")] },
        { name: "a global table whose replica has point-in-time recovery", resources: [table("orders", { replicas: [replicaBlock()] })] },
        { name: "a standalone replica with point-in-time recovery", resources: [tableReplica("orders-eu-central-1")] },
    ],
    violating: [
        { name: "point-in-time recovery off", resources: [table("orders", { pointInTimeRecovery: { enabled: false } })], message: /pointInTimeRecovery\.enabled is not true \(the default is false\)/ },
        { name: "no pointInTimeRecovery block", resources: [table("orders", { pointInTimeRecovery: undefined })], message: /pointInTimeRecovery\.enabled is not true/ },
        { name: "a replica block without point-in-time recovery", resources: [table("orders", { replicas: [replicaBlock({ pointInTimeRecovery: undefined })] })], message: /The replica in eu-central-1 has no point-in-time recovery/ },
        { name: "a standalone replica without point-in-time recovery", resources: [tableReplica("orders-eu-central-1", { pointInTimeRecovery: false })], message: /The table replica has no point-in-time recovery/ },
    ],
    unknown: [
        { name: "pointInTimeRecovery not known yet", resources: [table("later", { pointInTimeRecovery: unknown })] },
    ],
});
