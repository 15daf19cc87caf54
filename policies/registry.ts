/**
 * Every rule of the pack, by domain. The pack, the generated catalogue (docs/policies.md) and the
 * tests all read this list; a second rule with a name already taken stops the pack from loading.
 */
import disallowNaclAdminPortsFromInternet from "./aws/ec2/disallow-nacl-admin-ports-from-internet";
import disallowSubnetPublicIp from "./aws/ec2/disallow-subnet-public-ip";
import requireLogGroupEncryption from "./aws/cloudwatch/require-log-group-encryption";
import requireLogGroupRetention from "./aws/cloudwatch/require-log-group-retention";
import disallowPublicKeyPolicy from "./aws/kms/disallow-public-kms-key-policy";
import requireKeyRotation from "./aws/kms/require-kms-key-rotation";
import type { Rule } from "./lib/rule";
import requireVpcFlowLogs from "./stack/require-vpc-flow-logs";
import restrictDefaultSecurityGroup from "./stack/restrict-default-security-group";

export function buildRegistry(rules: readonly Rule[]): readonly Rule[] {
    const seen = new Set<string>();
    for (const rule of rules) {
        const name = rule.metadata.name;
        if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(name)) {
            throw new Error(`policy name "${name}" must be kebab-case`);
        }
        if (seen.has(name)) {
            throw new Error(`policy name "${name}" is registered twice`);
        }
        seen.add(name);
    }
    return rules;
}

export const RULES: readonly Rule[] = buildRegistry([
    // aws/cloudwatch
    requireLogGroupEncryption,
    requireLogGroupRetention,
    // aws/ec2
    disallowNaclAdminPortsFromInternet,
    disallowSubnetPublicIp,
    // aws/kms
    disallowPublicKeyPolicy,
    requireKeyRotation,
    // stack
    requireVpcFlowLogs,
    restrictDefaultSecurityGroup,
]);
