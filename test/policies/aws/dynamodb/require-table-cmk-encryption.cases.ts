import { ruleCases, unknown } from "../../../harness/policy-cases";
import { replicaBlock, table, tableReplica } from "./baseline";

export default ruleCases("require-table-cmk-encryption", {
    compliant: [
        { name: "a table encrypted with a customer-managed key", resources: [table("orders")] },
        { name: "a global table whose replica has its own customer-managed key", resources: [table("orders", { replicas: [replicaBlock()] })] },
        { name: "a standalone replica with a customer-managed key", resources: [tableReplica("orders-eu-central-1")] },
        {
            name: "the AWS-managed key where the team accepts it",
            resources: [table("orders", { serverSideEncryption: { enabled: true } })],
            config: { "require-table-cmk-encryption": { requireCustomerManagedKey: false } },
        },
    ],
    violating: [
        { name: "no serverSideEncryption (the AWS-owned key)", resources: [table("orders", { serverSideEncryption: undefined })], message: /serverSideEncryption\.enabled is not true: the table is encrypted with DynamoDB's AWS-owned key/ },
        { name: "serverSideEncryption disabled", resources: [table("orders", { serverSideEncryption: { enabled: false, kmsKeyArn: undefined } })], message: /AWS-owned key/ },
        { name: "no kmsKeyArn (the AWS-managed aws/dynamodb key)", resources: [table("orders", { serverSideEncryption: { enabled: true } })], message: /The table has no kmsKeyArn: it is encrypted with the AWS-managed aws\/dynamodb key/ },
        { name: "the AWS-managed key named by alias", resources: [table("orders", { serverSideEncryption: { enabled: true, kmsKeyArn: "arn:aws:kms:eu-west-1:111122223333:alias/aws/dynamodb" } })], message: /encrypted with the AWS-managed key arn:aws:kms:eu-west-1:111122223333:alias\/aws\/dynamodb/ },
        { name: "a replica block without its own key", resources: [table("orders", { replicas: [replicaBlock({ kmsKeyArn: undefined })] })], message: /The replica in eu-central-1 has no kmsKeyArn/ },
        { name: "a standalone replica without a key", resources: [tableReplica("orders-eu-central-1", { kmsKeyArn: undefined })], message: /The table replica has no kmsKeyArn/ },
        {
            name: "the AWS-owned key even where the team accepts the AWS-managed one",
            resources: [table("orders", { serverSideEncryption: undefined })],
            config: { "require-table-cmk-encryption": { requireCustomerManagedKey: false } },
            message: /AWS-owned key/,
        },
    ],
    unknown: [
        { name: "the table's key not known yet", resources: [table("later", { serverSideEncryption: { enabled: true, kmsKeyArn: unknown } })] },
    ],
});
