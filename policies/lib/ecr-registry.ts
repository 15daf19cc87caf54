/**
 * A stack's own private ECR registry (`<account>.dkr.ecr.<region>.amazonaws.com`), as the pack can tell it
 * from the stack's configuration alone: the region from `aws:region`, the account from the first of the
 * listed keys that holds an account ID or an ARN. Rules that accept the platform's own registry (its
 * pull-through cache of upstream images) derive it here instead of asking for another setting.
 */
import type { JsonValue, PolicyConfigJSONSchema } from "./policy-api";

export interface EcrRegistryKeys {
    /** Stack config keys holding the account: an account ID, or an ARN in that account; the first that has one wins. */
    readonly ecrAccountKeys: readonly string[];
    /** Stack config key holding the region. */
    readonly ecrRegionKey: string;
}

/** The config properties of a rule that derives the stack's registry, with their defaults. */
export const ECR_REGISTRY_CONFIG: Readonly<Record<keyof EcrRegistryKeys, PolicyConfigJSONSchema & { readonly default: JsonValue }>> = {
    ecrAccountKeys: {
        type: "array",
        items: { type: "string" },
        default: ["secure-platform:awsAccountId", "secure-platform:dockerHubCredentialArn"],
        description: "Stack config keys naming the stack's AWS account (an account ID, or an ARN in the account), tried in order; with the region they name the stack's own ECR registry.",
    },
    ecrRegionKey: { type: "string", default: "aws:region", description: "Stack config key naming the stack's AWS region." },
};

const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;
const ACCOUNT = /^\d{12}$/;
const ARN_ACCOUNT = /^arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:(\d{12}):/;

/** The host of the stack's own ECR registry, or undefined when the stack names no AWS account and region. */
export function stackEcrRegistry(stack: Readonly<Record<string, string>>, keys: EcrRegistryKeys): string | undefined {
    const region = stack[keys.ecrRegionKey];
    if (typeof region !== "string" || !REGION.test(region)) {
        return undefined;
    }
    for (const key of keys.ecrAccountKeys) {
        const value = stack[key];
        const account = typeof value !== "string" ? undefined : ACCOUNT.test(value) ? value : ARN_ACCOUNT.exec(value)?.[1];
        if (account) {
            return `${account}.dkr.ecr.${region}.${region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com"}`;
        }
    }
    return undefined;
}
