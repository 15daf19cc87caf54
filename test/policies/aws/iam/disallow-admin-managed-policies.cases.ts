import { resource, ruleCases, unknown } from "../../../harness/policy-cases";
import { EC2_TRUST, managed, role } from "./iam-fixtures";

const attach = (name: string, policyArn: unknown, props: Record<string, unknown> = {}) =>
    resource("aws:iam/rolePolicyAttachment:RolePolicyAttachment", name, { role: "app-role", policyArn, ...props });

export default ruleCases("disallow-admin-managed-policies", {
    compliant: [
        { name: "the node role's policies: join the cluster, pull images", resources: [role("node", { assumeRolePolicy: EC2_TRUST }), attach("worker", managed("AmazonEKSWorkerNodePolicy")), attach("pull", managed("AmazonEC2ContainerRegistryPullOnly"))] },
        { name: "an AWS managed policy under a path (the backup role's)", resources: [attach("backup", managed("service-role/AWSBackupServiceRolePolicyForBackup"))] },
        { name: "a customer managed policy named like an AWS one", resources: [attach("own", "arn:aws:iam::111122223333:policy/AdministratorAccess")] },
        { name: "a role with read-only managedPolicyArns", resources: [role("auditor", { managedPolicyArns: [managed("ReadOnlyAccess")] })] },
        { name: "PowerUserAccess where the team allows it (only AdministratorAccess refused)", resources: [attach("power", managed("PowerUserAccess"))], config: { "disallow-admin-managed-policies": { disallowedPolicies: ["AdministratorAccess"] } } },
    ],
    violating: [
        { name: "AdministratorAccess on a Pod Identity role", resources: [role("app"), attach("admin", managed("AdministratorAccess"))], message: /arn:aws:iam::aws:policy\/AdministratorAccess is attached to a role: the AWS managed policy AdministratorAccess grants administrative access/ },
        { name: "PowerUserAccess in a role's managedPolicyArns", resources: [role("ec2", { assumeRolePolicy: EC2_TRUST, managedPolicyArns: [managed("AmazonSSMManagedInstanceCore"), managed("PowerUserAccess")] })], message: /PowerUserAccess is attached to a role \(managedPolicyArns\)/ },
        { name: "IAMFullAccess in the GovCloud partition, to a user", resources: [resource("aws:iam/userPolicyAttachment:UserPolicyAttachment", "iam", { user: "ci", policyArn: "arn:aws-us-gov:iam::aws:policy/IAMFullAccess" })], message: /IAMFullAccess is attached to a user/ },
        { name: "AdministratorAccess to a group", resources: [resource("aws:iam/groupPolicyAttachment:GroupPolicyAttachment", "admins", { group: "admins", policyArn: managed("AdministratorAccess") })], message: /is attached to a group/ },
        { name: "AdministratorAccess through aws.iam.PolicyAttachment", resources: [resource("aws:iam/policyAttachment:PolicyAttachment", "everyone", { roles: ["app-role"], policyArn: managed("AdministratorAccess") })], message: /is attached to a roles, users or groups/ },
        { name: "AWSCloudShellFullAccess", resources: [attach("shell", managed("AWSCloudShellFullAccess"))], message: /AWSCloudShellFullAccess grants full use of CloudShell/ },
        { name: "AdministratorAccess in RolePolicyAttachmentsExclusive", resources: [resource("aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive", "exclusive", { roleName: "app-role", policyArns: [managed("AdministratorAccess")] })], message: /AdministratorAccess is attached to a role/ },
    ],
    unknown: [
        { name: "the attached policy's ARN not known yet", resources: [attach("later", unknown)] },
    ],
});
