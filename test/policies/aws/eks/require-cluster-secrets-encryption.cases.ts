import { resource, ruleCases, unknown } from "../../../harness/policy-cases";

const EKS_KEY = "arn:aws:kms:eu-west-1:111122223333:key/5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9";
const cluster = (name: string, props: Record<string, unknown>) =>
    resource("aws:eks/cluster:Cluster", name, {
        roleArn: "arn:aws:iam::111122223333:role/platform-cluster",
        version: "1.34",
        vpcConfig: { subnetIds: ["subnet-0a1b2c3d4e5f60718", "subnet-0b2c3d4e5f6071829"], endpointPublicAccess: false },
        ...props,
    });

export default ruleCases("require-cluster-secrets-encryption", {
    compliant: [
        { name: "secrets encrypted with a customer-managed key", resources: [cluster("platform", { encryptionConfig: { resources: ["secrets"], provider: { keyArn: EKS_KEY } } })] },
        {
            name: "secrets encrypted with a key in another account",
            resources: [cluster("shared", { encryptionConfig: { resources: ["secrets"], provider: { keyArn: "arn:aws:kms:eu-west-1:444455556666:key/7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d" } } })],
        },
    ],
    violating: [
        { name: "encryptionConfig not set", resources: [cluster("plain", {})], message: /encryptionConfig is not set: secrets are stored in etcd without envelope encryption/ },
        { name: "a resources list without secrets", resources: [cluster("empty", { encryptionConfig: { resources: [], provider: { keyArn: EKS_KEY } } })], message: /encryptionConfig\.resources does not include "secrets"/ },
        { name: "an empty key ARN", resources: [cluster("nokey", { encryptionConfig: { resources: ["secrets"], provider: { keyArn: "" } } })], message: /encryptionConfig\.provider\.keyArn is not set/ },
    ],
    unknown: [
        { name: "the key ARN not known yet (key created in the same stack)", resources: [cluster("later", { encryptionConfig: { resources: ["secrets"], provider: { keyArn: unknown } } })] },
    ],
});
