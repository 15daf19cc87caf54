import { ruleCases, unknown } from "../../../harness/policy-cases";
import { cluster, instance } from "./baseline";

export default ruleCases("require-db-encryption", {
    compliant: [
        { name: "an instance encrypted with a customer-managed key", resources: [instance("orders")] },
        { name: "an Aurora cluster encrypted with a customer-managed key", resources: [cluster("orders")] },
        { name: "an instance encrypted with the AWS-managed key (no kmsKeyId)", resources: [instance("orders", { kmsKeyId: undefined })] },
        { name: "an Aurora Serverless v1 cluster, encrypted by default", resources: [cluster("sessions", { engineMode: "serverless", storageEncrypted: undefined })] },
        { name: "a cross-Region read replica encrypted with kmsKeyId", resources: [instance("replica", { replicateSourceDb: "arn:aws:rds:eu-central-1:111122223333:db:orders", storageEncrypted: undefined })] },
        {
            name: "a customer-managed key where the team requires one",
            resources: [cluster("orders")],
            config: { "require-db-encryption": { requireCustomerManagedKey: true } },
        },
    ],
    violating: [
        { name: "an instance with storageEncrypted false", resources: [instance("orders", { storageEncrypted: false })], message: /storageEncrypted is false: the DB instance's storage, automated backups, snapshots and read replicas are not encrypted/ },
        { name: "an instance without storageEncrypted", resources: [instance("orders", { storageEncrypted: undefined, kmsKeyId: undefined })], message: /storageEncrypted is not set \(the default is false\)/ },
        { name: "an Aurora cluster with storageEncrypted false", resources: [cluster("orders", { storageEncrypted: false })], message: /storageEncrypted is false: the DB cluster's storage/ },
        { name: "a provisioned cluster without storageEncrypted", resources: [cluster("orders", { storageEncrypted: undefined })], message: /storageEncrypted is not set/ },
        {
            name: "a read replica stating neither storageEncrypted nor kmsKeyId",
            resources: [instance("replica", { replicateSourceDb: "orders", storageEncrypted: undefined, kmsKeyId: undefined })],
            message: /The read replica of orders sets neither storageEncrypted nor kmsKeyId/,
        },
        {
            name: "the AWS-managed key where the team requires a customer-managed one",
            resources: [instance("orders", { kmsKeyId: "alias/aws/rds" })],
            config: { "require-db-encryption": { requireCustomerManagedKey: true } },
            message: /encrypted with alias\/aws\/rds, whose key policy cannot be narrowed/,
        },
        {
            name: "no kmsKeyId where the team requires a customer-managed key",
            resources: [cluster("orders", { kmsKeyId: undefined })],
            config: { "require-db-encryption": { requireCustomerManagedKey: true } },
            message: /the AWS-managed aws\/rds key \(no kmsKeyId\)/,
        },
    ],
    unknown: [
        { name: "storageEncrypted not known yet", resources: [instance("later", { storageEncrypted: unknown })] },
        {
            name: "a customer-managed key created in the same stack, not known yet, where the team requires one",
            resources: [cluster("later", { kmsKeyId: unknown })],
            config: { "require-db-encryption": { requireCustomerManagedKey: true } },
        },
    ],
});
