"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.RULES = void 0;
exports.buildRegistry = buildRegistry;
/**
 * Every rule of the pack, by domain. The pack, the generated catalogue (docs/policies.md) and the
 * tests all read this list; a second rule with a name already taken stops the pack from loading.
 */
const disallow_nacl_admin_ports_from_internet_1 = __importDefault(require("./aws/ec2/disallow-nacl-admin-ports-from-internet"));
const disallow_subnet_public_ip_1 = __importDefault(require("./aws/ec2/disallow-subnet-public-ip"));
const require_log_group_encryption_1 = __importDefault(require("./aws/cloudwatch/require-log-group-encryption"));
const require_log_group_retention_1 = __importDefault(require("./aws/cloudwatch/require-log-group-retention"));
const disallow_public_kms_key_policy_1 = __importDefault(require("./aws/kms/disallow-public-kms-key-policy"));
const require_kms_key_rotation_1 = __importDefault(require("./aws/kms/require-kms-key-rotation"));
const require_vpc_flow_logs_1 = __importDefault(require("./stack/require-vpc-flow-logs"));
const restrict_default_security_group_1 = __importDefault(require("./stack/restrict-default-security-group"));
function buildRegistry(rules) {
    const seen = new Set();
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
exports.RULES = buildRegistry([
    // aws/cloudwatch
    require_log_group_encryption_1.default,
    require_log_group_retention_1.default,
    // aws/ec2
    disallow_nacl_admin_ports_from_internet_1.default,
    disallow_subnet_public_ip_1.default,
    // aws/kms
    disallow_public_kms_key_policy_1.default,
    require_kms_key_rotation_1.default,
    // stack
    require_vpc_flow_logs_1.default,
    restrict_default_security_group_1.default,
]);
