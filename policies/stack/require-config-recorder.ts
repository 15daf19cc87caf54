import type { PolicyResource } from "../lib/policy-api";
import { defineStackRule } from "../lib/rule";
import { declaresAwsResources, declaresOrganizationService, DECLARATION_CONFIG } from "../lib/security-services";
import { ofType, referrers } from "../lib/values";

const RECORDER_TYPE = "aws:cfg/recorder:Recorder";
const SERVICE_LINKED_ROLE_TYPE = "aws:iam/serviceLinkedRole:ServiceLinkedRole";
/** AWS Config's service-linked role, by ARN (AWS Config developer guide, using-service-linked-roles-config). */
const CONFIG_SERVICE_LINKED_ROLE = /^arn:aws[a-z-]*:iam::\d{12}:role\/aws-service-role\/config\.amazonaws\.com\/AWSServiceRoleForConfig$/;

/** Whether the recorder records every supported resource type (the provider's default when no group is given). */
function recordsEverything(recorder: PolicyResource): boolean {
    const group = recorder.props.recordingGroup;
    return group === undefined || group === null
        || (group.allSupported !== false && !(Array.isArray(group.resourceTypes) && group.resourceTypes.length > 0));
}

/** Whether the recorder records as AWS Config's service-linked role: by its ARN, or from the role resource. */
function usesServiceLinkedRole(recorder: PolicyResource): boolean {
    const sources = recorder.propertyDependencies.roleArn ?? [];
    if (sources.length > 0) {
        return sources.some((role) => role.type === SERVICE_LINKED_ROLE_TYPE && role.props.awsServiceName === "config.amazonaws.com");
    }
    return CONFIG_SERVICE_LINKED_ROLE.test(String(recorder.props.roleArn));
}

/**
 * AWS Config is never silently absent from an AWS stack: either the stack creates a recorder of every
 * resource type, as Config's service-linked role, with a delivery channel and its status switched on, or it
 * declares that the organisation runs Config in its account (Security Hub's controls read what it records).
 */
export default defineStackRule<{ declarationKey: string }>({
    name: "require-config-recorder",
    description: "A stack that declares AWS resources must create an AWS Config recorder of every supported resource type that records as Config's service-linked role, with a delivery channel and a recorder status that is enabled, or declare in its configuration that the organisation provides AWS Config in its account.",
    severity: "high",
    controls: ["FSBP Config.1", "CIS AWS 3.3", "NIST SP 800-53 CA-7"],
    remediation: "Add an aws.cfg.Recorder (`recordingGroup: {allSupported: true}`, `roleArn` of an aws.iam.ServiceLinkedRole for config.amazonaws.com), an aws.cfg.DeliveryChannel and an aws.cfg.RecorderStatus with `isEnabled: true` and the recorder's `name` (the platform's `securityServices.config: create`, its default); or, where the organisation's delegated administrator runs Config in the account, set `secure-platform:securityServices` to `{config: organization}`.",
    config: DECLARATION_CONFIG,
    validate(resources, { config }, report) {
        if (!declaresAwsResources(resources) || declaresOrganizationService(config.declarationKey, "config")) {
            return;
        }
        const missing = `and ${config.declarationKey} does not declare {config: organization}`;
        const recorders = ofType(resources, RECORDER_TYPE);
        if (recorders.length === 0) {
            report(undefined, `The stack declares AWS resources but no AWS Config recorder, ${missing}. Expected a recorder with a delivery channel and its status enabled, or the declaration.`);
            return;
        }
        const statusesOf = referrers(ofType(resources, "aws:cfg/recorderStatus:RecorderStatus"), "name", "name");
        const channels = ofType(resources, "aws:cfg/deliveryChannel:DeliveryChannel");
        for (const recorder of recorders) {
            const gaps: string[] = [];
            if (!recordsEverything(recorder)) {
                gaps.push("records only some resource types");
            }
            if (!usesServiceLinkedRole(recorder)) {
                gaps.push("records as a role other than AWSServiceRoleForConfig (Config.1 fails a custom role)");
            }
            if (!statusesOf(recorder).some((status) => status.props.isEnabled === true)) {
                gaps.push("is never switched on (no RecorderStatus with isEnabled: true names it)");
            }
            if (channels.length === 0) {
                gaps.push("has no delivery channel");
            }
            if (gaps.length > 0) {
                report(recorder, `AWS Config recorder ${recorder.name} ${gaps.join(", ")}, ${missing}.`);
            }
        }
    },
});
