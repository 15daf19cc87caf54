import type { AwsPlatformConfig } from "../config";

/**
 * Tags every AWS resource carries (applied as the provider's default tags). The platform's own keys
 * come last so stack tags cannot replace them; `parseConfig` already rejects such stack tags.
 */
export function platformTags(config: AwsPlatformConfig): Record<string, string> {
    return {
        ...config.tags,
        Project: config.project,
        Environment: config.environment,
        Stack: config.stack,
        ManagedBy: "pulumi",
    };
}

/**
 * `<project>/<stack>`: the path physical names hang under (log groups, key aliases), unique per stack
 * within an account and region.
 */
export function namePath(config: Pick<AwsPlatformConfig, "project" | "stack">): string {
    return `${config.project}/${config.stack}`;
}
