import { ruleCases, unknown } from "../../../harness/policy-cases";
import { storageClass } from "../data/percona-fixtures";

const KEY = "arn:aws:kms:eu-west-1:111122223333:key/0b1c2d3e-4f50-4a61-8b72-93a4b5c6d7e8";

export default ruleCases("require-encrypted-storage-class", {
    compliant: [
        { name: "EBS CSI class encrypted with a customer-managed key", resources: [storageClass("fast", "ebs.csi.aws.com", { type: "gp3", encrypted: "true", kmsKeyId: KEY })] },
        { name: "in-tree EBS class encrypted with a customer-managed key", resources: [storageClass("legacy", "kubernetes.io/aws-ebs", { type: "gp2", encrypted: "true", kmsKeyId: KEY })] },
        { name: "EBS class with the default key where the team allows it", resources: [storageClass("fast", "ebs.csi.aws.com", { encrypted: "true" })], config: { "require-encrypted-storage-class": { requireCustomerManagedKey: false } } },
        { name: "parameter keys in another case, which the EBS CSI driver reads alike", resources: [storageClass("upper", "ebs.csi.aws.com", { Encrypted: "true", KmsKeyId: KEY })] },
        { name: "a class of another provisioner is not judged here", resources: [storageClass("nfs", "nfs.csi.k8s.io", { server: "nfs.internal" })] },
    ],
    violating: [
        { name: "EBS CSI class without encryption", resources: [storageClass("plain", "ebs.csi.aws.com", { type: "gp3" })], message: /StorageClass plain provisions unencrypted EBS volumes \(parameters.encrypted: not set;/ },
        { name: "EBS CSI class with encryption off", resources: [storageClass("off", "ebs.csi.aws.com", { type: "gp3", encrypted: "false" })], message: /parameters.encrypted: "false"/ },
        { name: "encrypted spelled True, which the driver does not take for true", resources: [storageClass("capital", "ebs.csi.aws.com", { encrypted: "True", kmsKeyId: KEY })], message: /parameters.encrypted: "True"; only "true" encrypts/ },
        { name: "in-tree EBS class without parameters", resources: [storageClass("gp2", "kubernetes.io/aws-ebs", {})], message: /provisions unencrypted EBS volumes/ },
        { name: "EBS class encrypted with the account's default key", resources: [storageClass("default-key", "ebs.csi.aws.com", { encrypted: "true" })], message: /encrypts with the account's default EBS key/ },
        { name: "EBS class naming the AWS-managed key", resources: [storageClass("managed-key", "ebs.csi.aws.com", { encrypted: "true", kmsKeyId: "arn:aws:kms:eu-west-1:111122223333:alias/aws/ebs" })], message: /encrypts with the AWS-managed key arn:aws:kms:eu-west-1:111122223333:alias\/aws\/ebs/ },
    ],
    unknown: [
        { name: "encryption flag not known yet", resources: [storageClass("later", "ebs.csi.aws.com", { encrypted: unknown, kmsKeyId: KEY })] },
        { name: "key not known yet", resources: [storageClass("later", "ebs.csi.aws.com", { encrypted: "true", kmsKeyId: unknown })] },
    ],
});
