import { resource, ruleCases, unknown } from "../../../harness/policy-cases";
import type { WireValue } from "../../../../engine/wire";

const recorder = (recordingGroup?: WireValue) => resource("aws:cfg/recorder:Recorder", "recorder", {
    name: "platform-prod",
    roleArn: "arn:aws:iam::111122223333:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig",
    ...(recordingGroup === undefined ? {} : { recordingGroup }),
});

export default ruleCases("require-config-recorder-coverage", {
    compliant: [
        { name: "every supported type with global ones", resources: [recorder({ allSupported: true, includeGlobalResourceTypes: true })] },
        { name: "every supported type without global ones (another region records them)", resources: [recorder({ allSupported: true, includeGlobalResourceTypes: false })] },
        { name: "no recording group: every type by default", resources: [recorder()] },
    ],
    violating: [
        { name: "a list of types", resources: [recorder({ allSupported: false, resourceTypes: ["AWS::S3::Bucket", "AWS::EC2::Instance"] })], message: /The recorder records 2 listed resource types \(recordingGroup.allSupported: false\)/ },
        {
            name: "every type but some",
            resources: [recorder({ allSupported: false, exclusionByResourceTypes: [{ resourceTypes: ["AWS::IAM::Role"] }], recordingStrategies: [{ useOnly: "EXCLUSION_BY_RESOURCE_TYPES" }] })],
            message: /The recorder records every type but AWS::IAM::Role/,
        },
    ],
    unknown: [
        { name: "whether it records every type not known yet", resources: [recorder({ allSupported: unknown })] },
    ],
});
