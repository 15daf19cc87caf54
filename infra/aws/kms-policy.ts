/**
 * Key policies for the platform's customer-managed keys. Pure functions over plain values: every
 * statement names its principal, and no key is usable by "*" (FSBP KMS.5).
 */
import type { AccessEntrySettings } from "../settings/cluster";
import type { ResolvedAwsContext } from "./aws-context";

export const KEY_PURPOSES = ["cluster", "ebs", "logs", "backup", "secrets", "images"] as const;
/** Keys a stack has only when it uses them: `audit` when the stack creates its own CloudTrail trail. */
export const OPTIONAL_KEY_PURPOSES = ["audit"] as const;
/** The keys every AWS stack has. */
export type CoreKeyPurpose = (typeof KEY_PURPOSES)[number];
export type OptionalKeyPurpose = (typeof OPTIONAL_KEY_PURPOSES)[number];
/**
 * `cluster`: envelope encryption of Kubernetes secrets. `ebs`: node and data volumes and their
 * snapshots. `logs`: CloudWatch log groups. `backup`: the AWS Backup vault. `secrets`: Secrets Manager.
 * `images`: the ECR repositories of the image pull-through cache. `audit`: the CloudTrail trail's log
 * files, apart from `logs` so that no user of the logs key (the deploy runner) can read the audit trail.
 */
export type KeyPurpose = CoreKeyPurpose | OptionalKeyPurpose;

export const KEY_DESCRIPTIONS: Readonly<Record<KeyPurpose, string>> = {
    cluster: "Envelope encryption of Kubernetes secrets in EKS",
    ebs: "EBS volumes and snapshots of nodes and data",
    logs: "CloudWatch Logs log groups",
    backup: "AWS Backup vault recovery points",
    secrets: "Secrets Manager secrets of the platform keystore",
    images: "ECR repositories of the image pull-through cache",
    audit: "CloudTrail trail log files",
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
 * Administration without use: the account can describe, tag, enable, disable, rotate and schedule
 * deletion of the key, but cannot encrypt or decrypt with it through IAM alone. Two actions a broad
 * `kms:Create*` / `kms:Put*` would include are left out on purpose, since either lets a principal with
 * the matching IAM permission give itself `kms:Decrypt`: `kms:CreateGrant` (the account may create grants
 * only for AWS resources, through the key's service) and `kms:PutKeyPolicy` (only the named key
 * administrators may rewrite the policy).
 */
export const KEY_ADMIN_ACTIONS = [
    "kms:CreateAlias", "kms:Describe*", "kms:Enable*", "kms:List*", "kms:Update*", "kms:Revoke*",
    "kms:Disable*", "kms:Get*", "kms:Delete*", "kms:TagResource", "kms:UntagResource",
    "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion", "kms:RotateKeyOnDemand",
] as const;

/**
 * What the key administrators get beyond the account's administration: changing the key policy.
 * KMS refuses (CreateKey, PutKeyPolicy) a policy that would not let the caller change it again unless
 * `BypassPolicyLockoutSafetyCheck` is set, which the platform never does; so the principal that runs
 * `pulumi up` must be one of them (AWS KMS API reference, CreateKey and PutKeyPolicy:
 * "BypassPolicyLockoutSafetyCheck").
 */
export const KEY_POLICY_ADMIN_ACTIONS = ["kms:PutKeyPolicy"] as const;

export const KEY_USE_ACTIONS = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"] as const;

/** The AWS service a key is used through, per purpose (the `kms:ViaService` prefix). */
const VIA_SERVICE: Readonly<Partial<Record<KeyPurpose, string>>> = {
    ebs: "ec2",
    backup: "backup",
    secrets: "secretsmanager",
    images: "ecr",
};

export function accountRoot(context: ResolvedAwsContext): string {
    return `arn:${context.partition}:iam::${context.accountId}:root`;
}

/** The Auto Scaling service-linked role, which exists once an account has used Auto Scaling. */
export function autoScalingServiceLinkedRole(context: ResolvedAwsContext): string {
    return `arn:${context.partition}:iam::${context.accountId}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`;
}

/** Who a key policy names besides the account and AWS services. */
export interface KeyPrincipals {
    /**
     * IAM role or user ARNs allowed to change the key policy: at least the principal that runs
     * `pulumi up`, or KMS refuses the policy (see KEY_POLICY_ADMIN_ACTIONS).
     */
    readonly keyAdmins: readonly string[];
    /** Role ARNs allowed to use the key directly (e.g. the EKS cluster role for the `cluster` key). @default none */
    readonly keyUsers?: readonly string[];
    /**
     * Tenant keys sealed with this key (infra/aws/tenant-key-store.ts; the `secrets` key only): the key
     * administrators (who run `pulumi up`) may encrypt and `readers` decrypt, both only with a `tenant` in the
     * encryption context. @default none
     */
    readonly tenantKeys?: { readonly readers: readonly string[] };
    /** The trail that encrypts its log files with the key (the `audit` key only): its `aws:SourceArn`. */
    readonly auditTrailArn?: string;
}

/**
 * The key administrators of a stack: the principals of its `cluster-admin` access entries. The role
 * that runs `pulumi up` is one of them (it must administer the cluster to deploy into it), and whoever
 * may administer the cluster can read every Kubernetes Secret already, so changing the key policies
 * gives them no data they could not reach.
 */
export function keyAdministrators(accessEntries: readonly AccessEntrySettings[]): string[] {
    return [...new Set(accessEntries.filter((e) => e.access === "cluster-admin").map((e) => e.principalArn))].sort();
}

/**
 * The policy of the key for `purpose`. The account administers the key without using it; `keyAdmins`
 * may also change its policy; `keyUsers` get use and grants for AWS resources, never administration.
 */
export function keyPolicy(purpose: KeyPurpose, context: ResolvedAwsContext, principals: KeyPrincipals): PolicyDocument {
    if (principals.keyAdmins.length === 0) {
        throw new Error(`keyPolicy(${purpose}): keyAdmins is empty; name the principal that runs pulumi up, or KMS refuses a policy nobody could change`);
    }
    const root = accountRoot(context);
    const statements: PolicyStatement[] = [
        { Sid: "KeyAdministration", Effect: "Allow", Principal: { AWS: root }, Action: [...KEY_ADMIN_ACTIONS], Resource: "*" },
        { Sid: "KeyPolicyAdministration", Effect: "Allow", Principal: { AWS: [...new Set(principals.keyAdmins)].sort() }, Action: [...KEY_POLICY_ADMIN_ACTIONS], Resource: "*" },
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

    if (purpose === "cluster") {
        // Whoever creates or updates an EKS cluster with secrets encryption needs kms:CreateGrant on the
        // key (EKS user guide, "Encrypt Kubernetes secrets with KMS on existing clusters"); EKS makes the
        // grant for the cluster, so it is one for an AWS resource.
        statements.push({
            Sid: "ClusterCreatorGrants", Effect: "Allow", Principal: { AWS: root }, Action: ["kms:CreateGrant"], Resource: "*",
            Condition: { Bool: { "kms:GrantIsForAWSResource": "true" } },
        });
    }

    if (purpose === "images") {
        // ECR makes two grants per repository and retires them when the repository is deleted; whoever
        // creates or deletes an encrypted repository needs kms:RetireGrant on the key as well
        // (docs.aws.amazon.com/AmazonECR/latest/userguide/encryption-at-rest.html, "Required IAM permissions").
        statements.push({
            Sid: "RetireGrantsThroughEcr", Effect: "Allow", Principal: { AWS: root }, Action: ["kms:RetireGrant"], Resource: "*",
            Condition: { StringEquals: { "kms:ViaService": `ecr.${context.region}.${context.dnsSuffix}`, "kms:CallerAccount": context.accountId } },
        });
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

    if (purpose === "secrets" && principals.tenantKeys) {
        // A request without a `tenant` in its encryption context has a null kms:EncryptionContext:tenant
        // (AWS KMS developer guide, "kms:EncryptionContext:context-key"), so neither statement covers it.
        const forATenant = { Null: { "kms:EncryptionContext:tenant": "false" } };
        statements.push({ Sid: "TenantKeySealing", Effect: "Allow", Principal: { AWS: [...new Set(principals.keyAdmins)].sort() }, Action: ["kms:Encrypt"], Resource: "*", Condition: forATenant });
        if (principals.tenantKeys.readers.length > 0) {
            statements.push({ Sid: "TenantKeyReading", Effect: "Allow", Principal: { AWS: [...new Set(principals.tenantKeys.readers)].sort() }, Action: ["kms:Decrypt"], Resource: "*", Condition: forATenant });
        }
    }

    if (purpose === "audit") {
        statements.push(...auditKeyStatements(context, principals.auditTrailArn));
    }

    const keyUsers = principals.keyUsers ?? [];
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

/**
 * What the trail's key lets CloudTrail and the account do (CloudTrail user guide, "Configure AWS KMS key
 * policies for CloudTrail"): CloudTrail encrypts log files for this trail only (`aws:SourceArn`, the
 * security best practice the guide gives) with the account's trail ARN in the encryption context, and
 * describes the key; principals of the account whose IAM policies allow it decrypt log files, only
 * through S3 (reading the objects) and only with a CloudTrail encryption context, so the key decrypts
 * nothing else even for an administrator of the account.
 */
function auditKeyStatements(context: ResolvedAwsContext, trailArn: string | undefined): PolicyStatement[] {
    if (!trailArn) {
        throw new Error("keyPolicy(audit): auditTrailArn is missing; name the trail that encrypts with the key, or CloudTrail cannot use it");
    }
    const trailsOfAccount = `arn:${context.partition}:cloudtrail:*:${context.accountId}:trail/*`;
    const cloudTrail = { Service: "cloudtrail.amazonaws.com" };
    return [
        {
            Sid: "CloudTrailEncrypt", Effect: "Allow", Principal: cloudTrail, Action: ["kms:GenerateDataKey*"], Resource: "*",
            Condition: { StringEquals: { "aws:SourceArn": trailArn }, StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": trailsOfAccount } },
        },
        { Sid: "CloudTrailDescribeKey", Effect: "Allow", Principal: cloudTrail, Action: ["kms:DescribeKey"], Resource: "*", Condition: { StringEquals: { "aws:SourceArn": trailArn } } },
        {
            Sid: "ReadTrailLogsThroughS3", Effect: "Allow", Principal: { AWS: accountRoot(context) }, Action: ["kms:Decrypt"], Resource: "*",
            Condition: {
                StringEquals: { "kms:CallerAccount": context.accountId, "kms:ViaService": `s3.${context.region}.${context.dnsSuffix}` },
                StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": trailsOfAccount },
            },
        },
    ];
}

function capitalize(text: string): string {
    return text.charAt(0).toUpperCase() + text.slice(1);
}
