import { ruleCases, unknown } from "../../../harness/policy-cases";
import { cacheTemplate, repository } from "./baseline";

export default ruleCases("require-repository-cmk-encryption", {
    compliant: [
        { name: "a repository encrypted with a customer-managed key", resources: [repository("app")] },
        { name: "the platform's cache template, encrypted with the images key", resources: [cacheTemplate("image-cache-docker-hub")] },
    ],
    violating: [
        { name: "a repository without an encryption configuration", resources: [repository("app", { encryptionConfigurations: undefined })], message: /The repository is encrypted with S3-managed keys \(AES256, the default\)/ },
        { name: "AES256 asked for", resources: [repository("app", { encryptionConfigurations: [{ encryptionType: "AES256" }] })], message: /encrypted with AES256/ },
        { name: "KMS without a key (the AWS-managed aws/ecr key)", resources: [repository("app", { encryptionConfigurations: [{ encryptionType: "KMS" }] })], message: /the AWS-managed aws\/ecr key \(encryptionType KMS without kmsKey\)/ },
        { name: "the AWS-managed key by alias", resources: [repository("app", { encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: "arn:aws:kms:eu-west-1:111122223333:alias/aws/ecr" }] })], message: /encrypted with the AWS-managed key arn:aws:kms:eu-west-1:111122223333:alias\/aws\/ecr/ },
        { name: "a template without a KMS key", resources: [cacheTemplate("image-cache-quay", { encryptionConfigurations: undefined })], message: /The repositories the template creates are encrypted with S3-managed keys/ },
    ],
    unknown: [
        { name: "the images key, created in the same stack, not known yet", resources: [cacheTemplate("later", { encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: unknown }] })] },
    ],
});
