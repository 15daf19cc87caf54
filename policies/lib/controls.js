"use strict";
/**
 * The public controls the pack enforces, with the title each framework publishes. A rule refers to
 * controls by key only, so a typo is a compile error and every rule's controls appear in the catalogue.
 */
Object.defineProperty(exports, "__esModule", { value: true });
exports.CONTROLS = exports.FRAMEWORKS = void 0;
exports.controlLabel = controlLabel;
exports.FRAMEWORKS = {
    fsbp: {
        name: "AWS Foundational Security Best Practices",
        short: "AWS FSBP",
        version: "1.0.0",
        reference: "https://docs.aws.amazon.com/securityhub/latest/userguide/fsbp-standard.html",
    },
    awsConfig: {
        name: "AWS Config managed rules",
        short: "AWS Config",
        version: "managed rules",
        reference: "https://docs.aws.amazon.com/config/latest/developerguide/managed-rules-by-aws-config.html",
    },
};
/** Security Hub documents each service's controls on one page, anchored by the control ID. */
function fsbp(id, title) {
    const [service] = id.split(".");
    return {
        framework: "fsbp",
        id,
        title,
        url: `https://docs.aws.amazon.com/securityhub/latest/userguide/${service.toLowerCase()}-controls.html#${id.toLowerCase().replace(".", "-")}`,
    };
}
/** AWS Config documents each managed rule on a page named after its identifier. */
function awsConfig(id, title) {
    return { framework: "awsConfig", id, title, url: `https://docs.aws.amazon.com/config/latest/developerguide/${id}.html` };
}
exports.CONTROLS = {
    "AWS Config cloudwatch-log-group-encrypted": awsConfig("cloudwatch-log-group-encrypted", "Checks if Amazon CloudWatch Log Groups are encrypted with any AWS KMS key or a specified AWS KMS key Id"),
    "FSBP CloudWatch.16": fsbp("CloudWatch.16", "CloudWatch log groups should be retained for a specified time period"),
    "FSBP EC2.2": fsbp("EC2.2", "VPC default security groups should not allow inbound or outbound traffic"),
    "FSBP EC2.6": fsbp("EC2.6", "VPC flow logging should be enabled in all VPCs"),
    "FSBP EC2.15": fsbp("EC2.15", "EC2 subnets should not automatically assign public IP addresses"),
    "FSBP EC2.21": fsbp("EC2.21", "Network ACLs should not allow ingress from 0.0.0.0/0 to port 22 or port 3389"),
    "FSBP KMS.4": fsbp("KMS.4", "AWS KMS key rotation should be enabled"),
    "FSBP KMS.5": fsbp("KMS.5", "KMS keys should not be publicly accessible"),
};
/** "AWS FSBP EC2.6". */
function controlLabel(key) {
    const control = exports.CONTROLS[key];
    return `${exports.FRAMEWORKS[control.framework].short} ${control.id}`;
}
