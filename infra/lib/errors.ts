/**
 * Errors raised before any resource is registered. They carry the Pulumi SDK's RunError marker so the
 * CLI prints the message alone (no stack trace), without this module importing the SDK: config is
 * validated before the SDK loads.
 */
export class ConfigError extends Error {
    /** Read by `pulumi.RunError.isInstance`, which makes the Pulumi CLI hide the stack trace. */
    readonly __pulumiRunError = true;

    constructor(readonly problems: readonly string[], readonly source?: string) {
        super(formatProblems(problems, source));
        this.name = "ConfigError";
    }

    /** A copy of this error that names the file the settings came from. */
    withSource(source: string): ConfigError {
        return new ConfigError(this.problems, source);
    }

    static isInstance(value: unknown): value is ConfigError {
        return value instanceof Error && (value as { name?: string }).name === "ConfigError" &&
            Array.isArray((value as { problems?: unknown }).problems);
    }
}

function formatProblems(problems: readonly string[], source?: string): string {
    const where = source ? ` in ${source}` : "";
    const header = problems.length === 1
        ? `Invalid stack configuration${where}:`
        : `Invalid stack configuration${where} (${problems.length} problems):`;
    return [header, ...problems.map((p) => `  - ${p}`)].join("\n");
}
