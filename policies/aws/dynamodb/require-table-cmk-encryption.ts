import { defineResourceRule } from "../../lib/rule";
import { list } from "../../lib/values";
import { isAwsManagedKey } from "../../lib/kms-keys";

const REPLICA = "aws:dynamodb/tableReplica:TableReplica";

/**
 * DynamoDB encrypts every table, by default with an AWS-owned key that is not in the account: nothing
 * records its use and no key policy limits who can read the table. A KMS key in the account is what
 * AWS Config's dynamodb-table-encrypted-kms asks for; this rule asks, by default, for a customer-managed
 * one, as the platform keeps one per purpose (the AWS-managed aws/dynamodb key has a fixed policy that
 * admits every principal of the account allowed to use DynamoDB).
 */
export default defineResourceRule<{ requireCustomerManagedKey: boolean }>({
    name: "require-table-cmk-encryption",
    description: "DynamoDB tables and their replicas must be encrypted with a KMS key in the account (a customer-managed key by default), not DynamoDB's AWS-owned default key.",
    severity: "medium",
    controls: ["AWS Config dynamodb-table-encrypted-kms", "NIST SP 800-53 SC-28"],
    remediation: "Set `serverSideEncryption: { enabled: true, kmsKeyArn: <customer-managed key ARN> }` on the aws.dynamodb.Table, `kmsKeyArn` (a key in the replica's Region) on each of its `replicas`, and `kmsKeyArn` on each aws.dynamodb.TableReplica.",
    config: {
        requireCustomerManagedKey: {
            type: "boolean",
            default: true,
            description: "Require a customer-managed key; false also accepts the AWS-managed aws/dynamodb key (serverSideEncryption.enabled without kmsKeyArn), as AWS Config's rule does.",
        },
    },
    resourceTypes: ["aws:dynamodb/table:Table", REPLICA],
    validate(props, { type, config }, report) {
        const judgeKey = (where: string, key: unknown) => {
            if (typeof key !== "string" || key === "") {
                if (config.requireCustomerManagedKey) {
                    report(`${where} has no kmsKeyArn: it is encrypted with the AWS-managed aws/dynamodb key, whose key policy cannot be narrowed; expected a customer-managed key.`);
                }
            } else if (config.requireCustomerManagedKey && isAwsManagedKey(key)) {
                report(`${where} is encrypted with the AWS-managed key ${key}; expected a customer-managed key.`);
            }
        };
        if (type === REPLICA) {
            judgeKey("The table replica", props.kmsKeyArn);
            return;
        }
        const sse = props.serverSideEncryption;
        if (sse?.enabled !== true) {
            report("serverSideEncryption.enabled is not true: the table is encrypted with DynamoDB's AWS-owned key, which is not in the account, whose use is not logged in CloudTrail and whose policy no one in the account controls; expected serverSideEncryption: { enabled: true, kmsKeyArn }.");
            return;
        }
        judgeKey("The table", sse.kmsKeyArn);
        for (const replica of list(props.replicas)) {
            judgeKey(`The replica in ${String(replica.regionName)}`, replica.kmsKeyArn);
        }
    },
});
