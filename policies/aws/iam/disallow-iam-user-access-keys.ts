import { defineResourceRule } from "../../lib/rule";

const CREDENTIALS = {
    "aws:iam/accessKey:AccessKey": "an access key",
    "aws:iam/serviceSpecificCredential:ServiceSpecificCredential": "a service-specific credential",
} as const;

/**
 * Long-term credentials of IAM users never expire, and the secret a program creates is kept in the
 * stack's state. Workloads get temporary credentials from their role (EKS Pod Identity, an instance
 * profile, a Lambda or ECS task role); CI gets them through OIDC federation; people through IAM Identity
 * Center. A key created inactive (`status: "Inactive"`) fails too: it exists to be turned on.
 */
export default defineResourceRule({
    name: "disallow-iam-user-access-keys",
    description: "Stacks must not create long-term credentials for IAM users (access keys, service-specific credentials); workloads and people use temporary credentials.",
    severity: "high",
    controls: ["AWS WA SEC02-BP02", "NIST SP 800-53 IA-5"],
    remediation: "Remove the aws.iam.AccessKey (or aws.iam.ServiceSpecificCredential); give the workload a role (EKS Pod Identity association, aws.iam.InstanceProfile, the Lambda function's or ECS task's `role`), CI an OIDC-federated role, and people access through IAM Identity Center.",
    resourceTypes: Object.keys(CREDENTIALS) as [keyof typeof CREDENTIALS, ...(keyof typeof CREDENTIALS)[]],
    validate(_props, { type, name }, report) {
        // Nothing of the resource is read: whoever the user is (even unknown during a preview), the key is the finding.
        report(`${name} creates ${CREDENTIALS[type as keyof typeof CREDENTIALS]} for an IAM user: a long-term credential that never expires, its secret kept in the stack's state. Expected temporary credentials from a role.`);
    },
});
