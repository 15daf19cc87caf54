/**
 * Which environment a stack is, for rules that apply to production only (deletion protection, resource
 * protection). The CLI hands a pack the stack's configuration in PULUMI_CONFIG; a rule reads the key a
 * team names (`secure-platform:environment` by default). A stack that does not set the key is treated
 * as production: the strict reading is the safe one.
 */

let cached: Readonly<Record<string, string>> | undefined;

/** The stack's configuration as the CLI passed it (empty when it passed none). */
export function stackConfig(): Readonly<Record<string, string>> {
    if (cached === undefined) {
        try {
            cached = JSON.parse(process.env.PULUMI_CONFIG ?? "{}") as Record<string, string>;
        } catch {
            cached = {};
        }
    }
    return cached;
}

export interface EnvironmentScope {
    /** Stack config key holding the environment name. */
    readonly environmentKey: string;
    /** Environments the rule is enforced in. */
    readonly enforcedEnvironments: readonly string[];
}

/** Config properties every environment-scoped rule takes. */
export const ENVIRONMENT_SCOPE_CONFIG = {
    environmentKey: {
        type: "string" as const,
        default: "secure-platform:environment",
        description: "Stack config key that names the environment; stacks without it are treated as production.",
    },
    enforcedEnvironments: {
        type: "array" as const,
        items: { type: "string" as const },
        default: ["prod"],
        description: "Environments the rule applies to.",
    },
};

/** Whether the rule applies to this stack, and the environment it saw. */
export function inScope(scope: EnvironmentScope): { readonly applies: boolean; readonly environment: string | undefined } {
    const environment = stackConfig()[scope.environmentKey];
    return { applies: environment === undefined || scope.enforcedEnvironments.includes(environment), environment };
}
