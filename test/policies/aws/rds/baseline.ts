/**
 * Compliant RDS resources every RDS rule's corpus starts from: each violating case changes one field.
 * They pass every rule under policies/aws/rds at once.
 */
import { resource } from "../../../harness/policy-cases";
import { defined } from "../defined";

export const RDS_KEY = "arn:aws:kms:eu-west-1:111122223333:key/0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e";

/** An RDS for PostgreSQL instance: encrypted with a CMK, private, backed up for 7 days, protected, IAM auth, logs exported. */
export const instance = (name: string, overrides: Record<string, unknown> = {}) =>
    resource("aws:rds/instance:Instance", name, defined({
        identifier: name,
        engine: "postgres",
        engineVersion: "16",
        instanceClass: "db.t4g.medium",
        allocatedStorage: 20,
        dbSubnetGroupName: "data",
        vpcSecurityGroupIds: ["sg-0a1b2c3d4e5f60718"],
        storageEncrypted: true,
        kmsKeyId: RDS_KEY,
        publiclyAccessible: false,
        backupRetentionPeriod: 7,
        deletionProtection: true,
        iamDatabaseAuthenticationEnabled: true,
        enabledCloudwatchLogsExports: ["postgresql", "upgrade"],
        autoMinorVersionUpgrade: true,
        ...overrides,
    }));

/** An Aurora PostgreSQL cluster with the same settings. */
export const cluster = (name: string, overrides: Record<string, unknown> = {}) =>
    resource("aws:rds/cluster:Cluster", name, defined({
        clusterIdentifier: name,
        engine: "aurora-postgresql",
        engineVersion: "16",
        dbSubnetGroupName: "data",
        storageEncrypted: true,
        kmsKeyId: RDS_KEY,
        backupRetentionPeriod: 14,
        deletionProtection: true,
        iamDatabaseAuthenticationEnabled: true,
        enabledCloudwatchLogsExports: ["postgresql"],
        ...overrides,
    }));

/** A writer of that cluster. */
export const clusterInstance = (name: string, overrides: Record<string, unknown> = {}) =>
    resource("aws:rds/clusterInstance:ClusterInstance", name, defined({
        identifier: name,
        clusterIdentifier: "orders",
        engine: "aurora-postgresql",
        instanceClass: "db.r6g.large",
        publiclyAccessible: false,
        autoMinorVersionUpgrade: true,
        ...overrides,
    }));
