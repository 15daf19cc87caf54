import { defineResourceRule } from "../../lib/rule";
import { isAwsManagedKey } from "../../lib/kms-keys";

const CLUSTER = "aws:rds/cluster:Cluster";

export default defineResourceRule<{ requireCustomerManagedKey: boolean }>({
    name: "require-db-encryption",
    description: "RDS DB instances and Aurora and Multi-AZ DB clusters must encrypt their storage, and with it their automated backups, snapshots and read replicas, at rest.",
    severity: "medium",
    controls: ["FSBP RDS.3", "FSBP RDS.27", "CIS AWS 2.3.1"],
    remediation: "Set `storageEncrypted: true` on the aws.rds.Instance or aws.rds.Cluster, with `kmsKeyId` set to a customer-managed key's ARN (required for a cross-Region read replica). Encryption is chosen at creation: re-create an existing database from an encrypted copy of its snapshot.",
    config: {
        requireCustomerManagedKey: {
            type: "boolean",
            default: false,
            description: "Also require `kmsKeyId` to name a customer-managed key rather than the AWS-managed aws/rds key (FSBP RDS.3 and RDS.27 accept either).",
        },
    },
    resourceTypes: ["aws:rds/instance:Instance", CLUSTER],
    validate(props, { type, config }, report) {
        const kind = type === CLUSTER ? "DB cluster" : "DB instance";
        const encrypted = props.storageEncrypted;
        // Read only when it decides: a key created in the same stack is not known during a preview.
        const keyOf = (): string | undefined => (typeof props.kmsKeyId === "string" && props.kmsKeyId !== "" ? props.kmsKeyId : undefined);
        if (encrypted !== true) {
            const replicaOf = type === CLUSTER ? undefined : props.replicateSourceDb;
            if (typeof replicaOf === "string" && replicaOf !== "") {
                // A read replica takes its source's encryption; kmsKeyId encrypts one in another Region.
                if (keyOf() === undefined) {
                    report(`The read replica of ${replicaOf} sets neither storageEncrypted nor kmsKeyId: it is encrypted only if its source is; expected storageEncrypted: true (kmsKeyId for a replica in another Region).`);
                    return;
                }
            } else if (!(type === CLUSTER && encrypted === undefined && props.engineMode === "serverless")) {
                // (Aurora Serverless v1 clusters are encrypted unless told otherwise.)
                report(`storageEncrypted is ${encrypted === undefined ? "not set (the default is false)" : String(encrypted)}: the ${kind}'s storage, automated backups, snapshots and read replicas are not encrypted at rest; expected storageEncrypted: true.`);
                return;
            }
        }
        const key = config.requireCustomerManagedKey ? keyOf() : "";
        if (key === undefined || (key !== "" && isAwsManagedKey(key))) {
            report(`The ${kind} is encrypted with ${key ?? "the AWS-managed aws/rds key (no kmsKeyId)"}, whose key policy cannot be narrowed; expected kmsKeyId naming a customer-managed key.`);
        }
    },
});
