/** Compliant DynamoDB resources the DynamoDB rules' corpora change one field of. */
import { resource } from "../../../harness/policy-cases";
import { defined } from "../defined";

export const TABLE_KEY = "arn:aws:kms:eu-west-1:111122223333:key/1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f";
export const REPLICA_KEY = "arn:aws:kms:eu-central-1:111122223333:key/2d3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f6a";

/** A global-table replica block of aws.dynamodb.Table. */
export const replicaBlock = (overrides: Record<string, unknown> = {}) =>
    ({ regionName: "eu-central-1", kmsKeyArn: REPLICA_KEY, pointInTimeRecovery: true, deletionProtectionEnabled: true, ...overrides });

/** A table with point-in-time recovery, a customer-managed key and deletion protection. */
export const table = (name: string, overrides: Record<string, unknown> = {}) =>
    resource("aws:dynamodb/table:Table", name, defined({
        name,
        billingMode: "PAY_PER_REQUEST",
        hashKey: "id",
        attributes: [{ name: "id", type: "S" }],
        pointInTimeRecovery: { enabled: true },
        serverSideEncryption: { enabled: true, kmsKeyArn: TABLE_KEY },
        deletionProtectionEnabled: true,
        ...overrides,
    }));

/** A standalone replica resource of a global table. */
export const tableReplica = (name: string, overrides: Record<string, unknown> = {}) =>
    resource("aws:dynamodb/tableReplica:TableReplica", name, defined({
        globalTableArn: "arn:aws:dynamodb:eu-west-1:111122223333:table/orders",
        kmsKeyArn: REPLICA_KEY,
        pointInTimeRecovery: true,
        deletionProtectionEnabled: true,
        ...overrides,
    }));
