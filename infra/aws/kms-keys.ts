import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AwsContext, withAwsContext } from "./aws-context";
import { CoreKeyPurpose, KEY_DESCRIPTIONS, KEY_PURPOSES, KeyPrincipals, KeyPurpose, keyPolicy, OptionalKeyPurpose } from "./kms-policy";

export interface KmsKeysArgs {
    readonly context: AwsContext;
    /** Prefix of the key aliases: `alias/<aliasPrefix>/<purpose>`. */
    readonly aliasPrefix: string;
    /** Days KMS waits before deleting a key scheduled for deletion (7 to 30). @default 30 */
    readonly deletionWindowInDays?: number;
    /** Days between automatic rotations of the key material (90 to 2560). @default 365 */
    readonly rotationPeriodInDays?: number;
    /**
     * IAM roles or users allowed to change the key policies: the principal that runs `pulumi up` must be
     * one of them, or KMS refuses the policy. The account administers the keys without them but cannot
     * change a policy or grant itself use.
     */
    readonly keyAdmins: readonly string[];
    /** Roles allowed to use a key directly, per purpose (e.g. the EKS cluster role). @default none */
    readonly keyUsers?: Readonly<Partial<Record<KeyPurpose, readonly pulumi.Input<string>[]>>>;
    /** Roles that decrypt tenant keys sealed with the `secrets` key (kms-policy.ts `tenantKeys`). @default no tenant keys */
    readonly tenantKeyReaders?: readonly pulumi.Input<string>[];
    /**
     * The ARN of the CloudTrail trail the stack creates: with it, an `audit` key that only this trail
     * encrypts with. @default no audit key (the stack creates no trail)
     */
    readonly auditTrailArn?: pulumi.Input<string>;
    /** Protect the keys from deletion by Pulumi (prod). Losing a key loses everything encrypted with it. @default false */
    readonly protect?: boolean;
}

/** Checks the arguments before any key exists; each error names the option and the fix. */
export function validateKmsKeysArgs(args: KmsKeysArgs): void {
    const window = args.deletionWindowInDays ?? 30;
    if (!Number.isInteger(window) || window < 7 || window > 30) {
        throw new Error(`KmsKeys: deletionWindowInDays must be a whole number from 7 to 30, got ${window}`);
    }
    const rotation = args.rotationPeriodInDays ?? 365;
    if (!Number.isInteger(rotation) || rotation < 90 || rotation > 2560) {
        throw new Error(`KmsKeys: rotationPeriodInDays must be a whole number from 90 to 2560, got ${rotation}`);
    }
    if (args.keyAdmins.length === 0) {
        throw new Error("KmsKeys: keyAdmins is empty; name the role that runs pulumi up (KMS refuses a key policy its caller could not change again)");
    }
    if (!/^[a-zA-Z0-9/_-]+$/.test(args.aliasPrefix) || args.aliasPrefix.startsWith("aws")) {
        throw new Error(`KmsKeys: aliasPrefix ${JSON.stringify(args.aliasPrefix)} must use letters, digits, '/', '_' or '-' and not start with "aws"`);
    }
}

/**
 * One customer-managed KMS key per purpose, with automatic rotation (FSBP KMS.4), a policy that
 * names its principals (FSBP KMS.5) and an alias.
 */
export class KmsKeys extends pulumi.ComponentResource {
    readonly keys: Readonly<Record<CoreKeyPurpose, aws.kms.Key> & Partial<Record<OptionalKeyPurpose, aws.kms.Key>>>;

    constructor(name: string, args: KmsKeysArgs, opts?: pulumi.ComponentResourceOptions) {
        validateKmsKeysArgs(args);
        super("secure-platform:aws:KmsKeys", name, {}, opts);

        const keys = {} as Record<CoreKeyPurpose, aws.kms.Key> & Partial<Record<OptionalKeyPurpose, aws.kms.Key>>;
        const purposes: KeyPurpose[] = [...KEY_PURPOSES, ...(args.auditTrailArn !== undefined ? ["audit" as const] : [])];
        for (const purpose of purposes) {
            const users = pulumi.all([...(args.keyUsers?.[purpose] ?? [])]);
            const tenantKeyReaders = purpose === "secrets" && args.tenantKeyReaders ? pulumi.all([...args.tenantKeyReaders]) : undefined;
            const key = new aws.kms.Key(`${name}-${purpose}`, {
                description: `${args.aliasPrefix}: ${KEY_DESCRIPTIONS[purpose]}`,
                keyUsage: "ENCRYPT_DECRYPT",
                customerMasterKeySpec: "SYMMETRIC_DEFAULT",
                enableKeyRotation: true,
                rotationPeriodInDays: args.rotationPeriodInDays ?? 365,
                deletionWindowInDays: args.deletionWindowInDays ?? 30,
                policy: pulumi.all([withAwsContext(args.context, (c) => c), users, tenantKeyReaders, purpose === "audit" ? args.auditTrailArn : undefined]).apply(([context, keyUsers, readers, auditTrailArn]) => {
                    const principals: KeyPrincipals = { keyAdmins: args.keyAdmins, keyUsers, ...(readers ? { tenantKeys: { readers } } : {}), ...(auditTrailArn ? { auditTrailArn } : {}) };
                    return JSON.stringify(keyPolicy(purpose, context, principals));
                }),
                // KMS's lockout check stays on: a policy its caller could not change again is refused.
                bypassPolicyLockoutSafetyCheck: false,
                tags: { Name: `${args.aliasPrefix}-${purpose}`, Purpose: purpose },
            }, { parent: this, protect: args.protect });
            new aws.kms.Alias(`${name}-${purpose}`, {
                name: `alias/${args.aliasPrefix}/${purpose}`,
                targetKeyId: key.keyId,
            }, { parent: this });
            keys[purpose] = key;
        }
        this.keys = keys;

        this.registerOutputs(Object.fromEntries(purposes.map((p) => [`${p}KeyArn`, keys[p]!.arn])));
    }
}
