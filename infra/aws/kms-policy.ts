/**
 * Key policies for the platform's customer-managed keys. Pure functions over plain values: every
 * statement names its principal, and no key is usable by "*" (FSBP KMS.5).
 */
import type { ResolvedAwsContext } from "./aws-context";

export const KEY_PURPOSES = ["cluster", "ebs", "logs", "backup", "secrets"] as const;
/**
 * `cluster`: envelope encryption of Kubernetes secrets. `ebs`: node and data volumes and their
 * snapshots. `logs`: CloudWatch log groups. `backup`: the AWS Backup vault. `secrets`: Secrets Manager.
 */
export type KeyPurpose = (typeof KEY_PURPOSES)[number];

export const KEY_DESCRIPTIONS: Readonly<Record<KeyPurpose, string>> = {
    cluster: "Envelope encryption of Kubernetes secrets in EKS",
    ebs: "EBS volumes and snapshots of nodes and data",
    logs: "CloudWatch Logs log groups",
    backup: "AWS Backup vault recovery points",
    secrets: "Secrets Manager secrets of the platform keystore",
};

export interface PolicyStatement {
    readonly Sid: string;
    readonly Effect: "Allow" | "Deny";
    readonly Principal: { readonly AWS?: string | readonly string[]; readonly Service?: string };
    readonly Action: readonly string[];
    readonly Resource: "*";
    readonly Condition?: Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;
}

export interface PolicyDocument {
    readonly Version: "2012-10-17";
    readonly Statement: readonly PolicyStatement[];
}

/**
 * Administration without use: the account can manage, rotate and schedule deletion of the key (and
 * the caller passes KMS's lockout check), but cannot encrypt or decrypt with it through IAM alone.
 */
export const KEY_ADMIN_ACTIONS = [
    "kms:Create*", "kms:Describe*", "kms:Enable*", "kms:List*", "kms:Put*", "kms:Update*", "kms:Revoke*",
    "kms:Disable*", "kms:Get*", "kms:Delete*", "kms:TagResource", "kms:UntagResource",
    "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion", "kms:RotateKeyOnDemand",
] as const;

export const KEY_USE_ACTIONS = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"] as const;

/** The AWS service a key is used through, per purpose (the `kms:ViaService` prefix). */
const VIA_SERVICE: Readonly<Partial<Record<KeyPurpose, string>>> = {
    ebs: "ec2",
    backup: "backup",
    secrets: "secretsmanager",
};

export function accountRoot(context: ResolvedAwsContext): string {
    return `arn:${context.partition}:iam::${context.accountId}:root`;
}

/** The Auto Scaling service-linked role, which exists once an account has used Auto Scaling. */
export function autoScalingServiceLinkedRole(context: ResolvedAwsContext): string {
    return `arn:${context.partition}:iam::${context.accountId}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`;
}

/**
 * The policy of the key for `purpose`. `keyUsers` are role ARNs allowed to use the key directly (e.g.
 * the EKS cluster role for the `cluster` key); they get use and grants for AWS resources, never admin.
 */
export function keyPolicy(purpose: KeyPurpose, context: ResolvedAwsContext, keyUsers: readonly string[] = []): PolicyDocument {
    const root = accountRoot(context);
    const statements: PolicyStatement[] = [
        { Sid: "KeyAdministration", Effect: "Allow", Principal: { AWS: root }, Action: [...KEY_ADMIN_ACTIONS], Resource: "*" },
    ];

    const service = VIA_SERVICE[purpose];
    if (service) {
        const via = {
            "kms:ViaService": `${service}.${context.region}.${context.dnsSuffix}`,
            "kms:CallerAccount": context.accountId,
        };
        statements.push(
            { Sid: `UseThrough${capitalize(service)}`, Effect: "Allow", Principal: { AWS: root }, Action: [...KEY_USE_ACTIONS], Resource: "*", Condition: { StringEquals: via } },
            {
                Sid: `GrantsThrough${capitalize(service)}`, Effect: "Allow", Principal: { AWS: root }, Action: ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"], Resource: "*",
                Condition: { StringEquals: via, Bool: { "kms:GrantIsForAWSResource": "true" } },
            },
        );
    }

    if (purpose === "ebs") {
        // Managed node groups launch instances through Auto Scaling, whose service-linked role encrypts
        // the nodes' volumes: it must be named in the key policy (its own IAM policy has no KMS rights).
        const autoScaling = autoScalingServiceLinkedRole(context);
        statements.push(
            { Sid: "AutoScalingUse", Effect: "Allow", Principal: { AWS: autoScaling }, Action: [...KEY_USE_ACTIONS], Resource: "*" },
            {
                Sid: "AutoScalingGrants", Effect: "Allow", Principal: { AWS: autoScaling }, Action: ["kms:CreateGrant"], Resource: "*",
                Condition: { Bool: { "kms:GrantIsForAWSResource": "true" } },
            },
        );
    }

    if (purpose === "logs") {
        statements.push({
            Sid: "CloudWatchLogsUse",
            Effect: "Allow",
            Principal: { Service: `logs.${context.region}.${context.dnsSuffix}` },
            Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
            Resource: "*",
            Condition: {
                ArnLike: { "kms:EncryptionContext:aws:logs:arn": `arn:${context.partition}:logs:${context.region}:${context.accountId}:log-group:*` },
            },
        });
    }

    if (keyUsers.length > 0) {
        const users = [...keyUsers].sort();
        statements.push(
            { Sid: "KeyUsers", Effect: "Allow", Principal: { AWS: users }, Action: [...KEY_USE_ACTIONS], Resource: "*" },
            {
                Sid: "KeyUserGrants", Effect: "Allow", Principal: { AWS: users }, Action: ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"], Resource: "*",
                Condition: { Bool: { "kms:GrantIsForAWSResource": "true" } },
            },
        );
    }
    return { Version: "2012-10-17", Statement: statements };
}

function capitalize(text: string): string {
    return text.charAt(0).toUpperCase() + text.slice(1);
}
