/**
 * What teams commonly add to the program, each in an insecure and a secure twin. Every resource of an addition is
 * named `<addition>-insecure…` or `<addition>-secure…` (a YAML component's objects `<addition>-<twin>:<object>`), so
 * a violation's URN says which twin drew it. Data only: the programs beside this file declare the resources.
 */

export type Twin = "insecure" | "secure";
export const TWINS: readonly Twin[] = ["insecure", "secure"];

export interface Addition {
    /** Prefix of every resource name of the addition. */
    readonly name: string;
    /** What a team adds, in words. */
    readonly what: string;
    /** Mandatory rules the insecure twin must draw (each registered in policies/registry.ts). */
    readonly rules: readonly [string, ...string[]];
}

/** The resource name belongs to the addition's twin. */
export function belongsTo(resourceName: string, addition: string, twin: Twin): boolean {
    const prefix = `${addition}-${twin}`;
    return resourceName === prefix || resourceName.startsWith(`${prefix}-`) || resourceName.startsWith(`${prefix}:`);
}

/** The name part of a URN. */
export function nameOf(urn: string): string {
    return urn.split("::").slice(3).join("::");
}

/** AWS resources (aws-program.ts). */
export const AWS_ADDITIONS: readonly Addition[] = [
    { name: "bucket", what: "an S3 bucket with a bucket policy", rules: ["disallow-public-bucket-policy", "require-bucket-public-access-block", "require-bucket-kms-encryption", "require-bucket-ssl-only", "require-bucket-access-logging"] },
    { name: "rds", what: "an RDS PostgreSQL instance", rules: ["disallow-public-db-instance", "require-db-encryption", "require-db-backup-retention"] },
    { name: "queue", what: "an SQS queue", rules: ["require-queue-kms-encryption"] },
    { name: "topic", what: "an SNS topic", rules: ["require-topic-kms-encryption"] },
    { name: "function-url", what: "a Lambda function with a function URL", rules: ["require-function-url-auth", "require-function-vpc", "disallow-plaintext-function-secrets"] },
    { name: "role", what: "an IAM role and inline policy from getPolicyDocument", rules: ["restrict-role-trust-policy", "disallow-full-admin-policies"] },
    { name: "instance", what: "an EC2 instance on an AMI from getAmi", rules: ["require-imdsv2", "disallow-public-ip-assignment", "require-launch-template-ebs-encryption"] },
    { name: "launch-template", what: "an EC2 launch template", rules: ["require-imdsv2", "require-launch-template-ebs-encryption"] },
    { name: "node-group", what: "an EKS managed node group", rules: ["require-node-group-launch-template"] },
    { name: "security-group", what: "a security group with an ingress rule", rules: ["disallow-high-risk-ports-from-internet", "restrict-ingress-from-internet"] },
    { name: "log-group", what: "a CloudWatch log group", rules: ["require-log-group-retention", "require-log-group-encryption"] },
    { name: "kms-key", what: "a KMS key with a key policy from getPolicyDocument", rules: ["disallow-public-kms-key-policy", "require-kms-key-rotation"] },
    { name: "secret", what: "a Secrets Manager secret", rules: ["require-secret-cmk"] },
    { name: "volume", what: "an EBS volume in a zone from getAvailabilityZones", rules: ["require-ebs-volume-encryption"] },
    { name: "table", what: "a DynamoDB table", rules: ["require-table-cmk-encryption", "require-table-point-in-time-recovery"] },
    { name: "repository", what: "an ECR repository", rules: ["require-immutable-image-tags", "require-repository-cmk-encryption"] },
];

/** Kubernetes objects, keys and generated secrets (kubernetes-program.ts). */
export const KUBERNETES_ADDITIONS: readonly Addition[] = [
    { name: "deployment", what: "a Deployment in a yaml/v2 ConfigGroup", rules: ["disallow-privileged-containers", "require-run-as-non-root", "require-trusted-images", "require-verified-images"] },
    { name: "daemonset", what: "a DaemonSet in a v1 ConfigGroup", rules: ["disallow-host-namespaces", "disallow-host-paths"] },
    { name: "authorization-policy", what: "an Istio AuthorizationPolicy", rules: ["restrict-authorization-policy-allows"] },
    { name: "peer-authentication", what: "an Istio PeerAuthentication", rules: ["require-strict-mtls"] },
    { name: "service", what: "a Service", rules: ["restrict-service-exposure"] },
    { name: "network-policy", what: "a NetworkPolicy admitting callers", rules: ["restrict-network-policy-peers"] },
    { name: "egress-policy", what: "a NetworkPolicy for calling an external API", rules: ["restrict-internet-egress"] },
    { name: "egress-entry", what: "an Istio ServiceEntry for an external API", rules: ["require-egress-gateway-routing"] },
    { name: "cluster-role-binding", what: "a role binding for a team's group", rules: ["disallow-cluster-admin-bindings"] },
    { name: "role", what: "a Role for a team's operator", rules: ["disallow-wildcard-rbac"] },
    { name: "namespace", what: "a Namespace", rules: ["require-pod-security-labels", "require-default-deny-network-policy"] },
    { name: "storage-class", what: "an EBS StorageClass", rules: ["require-encrypted-storage-class"] },
    { name: "statefulset", what: "a StatefulSet with a volume claim template", rules: ["require-encrypted-data-volumes"] },
    { name: "config-map", what: "a ConfigMap of settings", rules: ["disallow-plaintext-credentials"] },
    { name: "private-key", what: "a TLS private key", rules: ["require-strong-private-keys"] },
    { name: "password", what: "a generated password", rules: ["require-long-random-secrets"] },
];
