import { resource, ruleCases, unknown } from "../../../harness/policy-cases";
import { defined } from "../defined";

const KEY = "arn:aws:kms:eu-west-1:111122223333:key/6b7c8d9e-0f1a-4b2c-3d4e-5f6a7b8c9d0e";
const fileSystem = (name: string, overrides: Record<string, unknown> = {}) =>
    resource("aws:efs/fileSystem:FileSystem", name, defined({ creationToken: name, encrypted: true, kmsKeyId: KEY, performanceMode: "generalPurpose", ...overrides }));
const cmk = { "require-efs-encryption": { requireCustomerManagedKey: true } };

export default ruleCases("require-efs-encryption", {
    compliant: [
        { name: "a file system encrypted with a customer-managed key", resources: [fileSystem("shared")] },
        { name: "a file system encrypted with the AWS-managed key", resources: [fileSystem("shared", { kmsKeyId: undefined })] },
        { name: "a customer-managed key where the team requires one", resources: [fileSystem("shared")], config: cmk },
    ],
    violating: [
        { name: "encrypted false", resources: [fileSystem("shared", { encrypted: false, kmsKeyId: undefined })], message: /encrypted is false: files and metadata are stored unencrypted/ },
        { name: "encrypted not set", resources: [fileSystem("shared", { encrypted: undefined, kmsKeyId: undefined })], message: /encrypted is not set \(the default is false\)/ },
        { name: "the AWS-managed key where the team requires a customer-managed one", resources: [fileSystem("shared", { kmsKeyId: undefined })], config: cmk, message: /the AWS-managed aws\/elasticfilesystem key \(no kmsKeyId\)/ },
    ],
    unknown: [
        { name: "encrypted not known yet", resources: [fileSystem("later", { encrypted: unknown })] },
    ],
});
