import { resource, ruleCases, unknown } from "../../harness/policy-cases";
import { perconaCluster, replset, storageClass, volumeSpec } from "../kubernetes/data/percona-fixtures";

const KEY = "arn:aws:kms:eu-west-1:111122223333:key/0b1c2d3e-4f50-4a61-8b72-93a4b5c6d7e8";
const key = (name: string, protect: boolean) => resource("aws:kms/key:Key", name, { enableKeyRotation: true, deletionWindowInDays: 30 }, { protect });
const secret = (name: string, protect: boolean) => resource("aws:secretsmanager/secret:Secret", name, { kmsKeyId: KEY }, { protect });
const vault = (name: string, protect: boolean) => resource("aws:backup/vault:Vault", name, { kmsKeyArn: KEY }, { protect });
const airGapped = (name: string, protect: boolean) => resource("aws:backup/logicallyAirGappedVault:LogicallyAirGappedVault", name, { minRetentionDays: 35, maxRetentionDays: 365, encryptionKeyArn: KEY }, { protect });
const bucket = (name: string, protect: boolean) => resource("aws:s3/bucket:Bucket", name, { bucket: name }, { protect });
const claim = (name: string, protect: boolean) => resource("kubernetes:core/v1:PersistentVolumeClaim", name, { metadata: { name, namespace: "db" }, spec: { storageClassName: "fast-encrypted" } }, { protect });
const retained = storageClass("fast-encrypted", "ebs.csi.aws.com", { encrypted: "true", kmsKeyId: KEY }, { reclaimPolicy: "Retain" });
const database = (protect: boolean) => resource(perconaCluster("orders").type, "orders", perconaCluster("orders").props, { protect });
const namespace = (name: string, protect: boolean) => resource("kubernetes:core/v1:Namespace", name, { metadata: { name } }, { protect });

export default ruleCases("require-protected-stateful-resources", {
    compliant: [
        {
            name: "every key, secret, vault, bucket, claim and database protected; the database's class retains volumes",
            resources: [key("data", true), secret("app", true), vault("daily", true), airGapped("isolated", true), bucket("backups", true), claim("data-0", true), retained, database(true), namespace("databases", true)],
        },
        { name: "a namespace without a database needs no protection", resources: [database(true), namespace("databases", true), namespace("tenant-acme", false)] },
        { name: "stateless resources need no protection", resources: [resource("aws:iam/role:Role", "reader", { assumeRolePolicy: "{}" })] },
        { name: "data stores a team added, protected", resources: [resource("aws:rds/cluster:Cluster", "orders", { engine: "aurora-postgresql" }, { protect: true }), resource("aws:elasticache/replicationGroup:ReplicationGroup", "cache", { description: "cache" }, { protect: true })] },
        { name: "a bucket the team does not count as stateful", resources: [bucket("scratch", false)], config: { "require-protected-stateful-resources": { statefulTypes: ["aws:kms/key:Key"] } } },
        { name: "a class that holds no database volume may delete them", resources: [storageClass("scratch", "ebs.csi.aws.com", { encrypted: "true", kmsKeyId: KEY })] },
    ],
    violating: [
        { name: "an unprotected KMS key", resources: [key("data", false)], message: /aws:kms\/key:Key data is not protected/ },
        { name: "an unprotected Secrets Manager secret", resources: [secret("app", false)], message: /aws:secretsmanager\/secret:Secret app is not protected/ },
        { name: "an unprotected backup vault", resources: [vault("daily", false)], message: /aws:backup\/vault:Vault daily is not protected/ },
        { name: "an unprotected logically air-gapped vault", resources: [airGapped("isolated", false)], message: /LogicallyAirGappedVault isolated is not protected/ },
        { name: "an unprotected bucket", resources: [bucket("backups", false)], message: /aws:s3\/bucket:Bucket backups is not protected/ },
        { name: "an unprotected claim", resources: [claim("data-0", false)], message: /PersistentVolumeClaim data-0 is not protected/ },
        { name: "an unprotected database resource", resources: [database(false)], message: /PerconaServerMongoDB orders is not protected/ },
        { name: "an unprotected RDS instance a team added", resources: [resource("aws:rds/instance:Instance", "orders", { engine: "postgres", storageEncrypted: true })], message: /aws:rds\/instance:Instance orders is not protected/ },
        { name: "an unprotected DynamoDB table", resources: [resource("aws:dynamodb/table:Table", "sessions", { hashKey: "id" })], message: /aws:dynamodb\/table:Table sessions is not protected/ },
        { name: "an unprotected EFS file system", resources: [resource("aws:efs/fileSystem:FileSystem", "shared", { encrypted: true })], message: /aws:efs\/fileSystem:FileSystem shared is not protected/ },
        { name: "an unprotected namespace holding the database", resources: [database(true), namespace("databases", false)], message: /Namespace databases holds a database resource and is not protected/ },
        {
            name: "the database's StorageClass deletes volumes with their claims",
            resources: [database(true), storageClass("fast-encrypted", "ebs.csi.aws.com", { encrypted: "true", kmsKeyId: KEY })],
            message: /StorageClass fast-encrypted holds database volumes with reclaimPolicy Delete \(the default\)/,
        },
        {
            name: "a second replica set on a deleting class",
            resources: [resource(perconaCluster("orders").type, "orders", perconaCluster("orders", { replsets: [replset(), replset({ name: "rs1", storageClassName: "cheap" })] }).props, { protect: true }), retained, storageClass("cheap", "ebs.csi.aws.com", { encrypted: "true", kmsKeyId: KEY }, { reclaimPolicy: "Delete" })],
            message: /StorageClass cheap holds database volumes with reclaimPolicy Delete/,
        },
        {
            name: "the hidden members' StorageClass deletes volumes with their claims",
            resources: [
                resource(perconaCluster("orders").type, "orders", perconaCluster("orders", { replsets: [replset({ extra: { hidden: { enabled: true, size: 1, volumeSpec: volumeSpec("hidden-copies") } } })] }).props, { protect: true }),
                retained,
                storageClass("hidden-copies", "ebs.csi.aws.com", { encrypted: "true", kmsKeyId: KEY }),
            ],
            message: /StorageClass hidden-copies holds database volumes/,
        },
    ],
    unknown: [
        { name: "the database's storage class not known yet", resources: [resource(perconaCluster("orders").type, "orders", perconaCluster("orders", { replsets: [replset({ storageClassName: unknown as string })] }).props, { protect: true }), storageClass(unknown as string, "ebs.csi.aws.com", { encrypted: "true", kmsKeyId: KEY })] },
    ],
});
