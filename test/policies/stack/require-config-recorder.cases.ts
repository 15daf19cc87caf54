import { resource, ruleCases, unknown } from "../../harness/policy-cases";
import type { WireValue } from "../../../engine/wire";

const SERVICE_LINKED_ROLE_ARN = "arn:aws:iam::111122223333:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig";
const serviceLinkedRole = resource("aws:iam/serviceLinkedRole:ServiceLinkedRole", "config-service-role", { awsServiceName: "config.amazonaws.com" });
const customRole = resource("aws:iam/role:Role", "config-role", { assumeRolePolicy: "{}" });
const recorder = (role: ReturnType<typeof resource> | string, recordingGroup: WireValue = { allSupported: true, includeGlobalResourceTypes: true }) =>
    resource("aws:cfg/recorder:Recorder", "recorder", {
        name: "platform-prod",
        roleArn: typeof role === "string" ? role : "arn:aws:iam::111122223333:role/whatever",
        recordingGroup,
    }, typeof role === "string" ? {} : { from: { roleArn: [role] } });
const status = (target: ReturnType<typeof recorder>, isEnabled: WireValue = true) =>
    resource("aws:cfg/recorderStatus:RecorderStatus", "recorder-status", { name: "platform-prod", isEnabled }, { from: { name: [target] } });
const channel = resource("aws:cfg/deliveryChannel:DeliveryChannel", "channel", { name: "platform-prod", s3BucketName: "config-bucket" });
const bucket = resource("aws:s3/bucket:Bucket", "reports", { forceDestroy: false });
const namespace = resource("kubernetes:core/v1:Namespace", "shop", { metadata: { name: "shop" } });
const recording = recorder(serviceLinkedRole);
const byArn = recorder(SERVICE_LINKED_ROLE_ARN);

export default ruleCases("require-config-recorder", {
    compliant: [
        { name: "a recorder of everything, as the service-linked role, delivering and switched on", resources: [bucket, serviceLinkedRole, recording, channel, status(recording)] },
        { name: "the service-linked role named by its ARN", resources: [bucket, byArn, channel, status(byArn)] },
        { name: "a recorder with no recording group (every type, the provider's default)", resources: [bucket, serviceLinkedRole, recorder(serviceLinkedRole, null), channel, status(recording)] },
        { name: "a stack with no AWS resource (on-prem)", resources: [namespace] },
    ],
    violating: [
        { name: "AWS resources and no recorder", resources: [bucket], message: /declares AWS resources but no AWS Config recorder, and secure-platform:securityServices does not declare \{config: organization\}/ },
        { name: "a recorder never switched on", resources: [bucket, serviceLinkedRole, recording, channel], message: /AWS Config recorder recorder is never switched on/ },
        { name: "a recorder switched off", resources: [bucket, serviceLinkedRole, recording, channel, status(recording, false)], message: /is never switched on \(no RecorderStatus with isEnabled: true names it\)/ },
        { name: "a recorder without a delivery channel", resources: [bucket, serviceLinkedRole, recording, status(recording)], message: /has no delivery channel/ },
        { name: "a recorder of a few types", resources: [bucket, serviceLinkedRole, recorder(serviceLinkedRole, { allSupported: false, resourceTypes: ["AWS::S3::Bucket"] }), channel, status(recording)], message: /records only some resource types/ },
        { name: "a recorder with a custom role", resources: [bucket, customRole, recorder(customRole), channel, status(recording)], message: /records as a role other than AWSServiceRoleForConfig/ },
    ],
    unknown: [
        { name: "whether the recorder is switched on not known yet", resources: [bucket, serviceLinkedRole, recording, channel, status(recording, unknown)] },
    ],
});
