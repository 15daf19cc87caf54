/**
 * The offline engine: validates a stack's settings with the program's own parser, renders the real
 * program under mocks, and runs the real policy pack over gRPC as the CLI does (Analyze for every
 * resource with its inputs, then AnalyzeStack with every resource's outputs and dependencies).
 */
import * as path from "node:path";
import * as v8 from "node:v8";
import { parseConfig, PlatformConfig } from "../infra/config";
import { ConfigError } from "../infra/lib/errors";
import { AnalyzedResource, BackgroundPolicyPackSession, Diagnostic, encodeAnalyzeRequest, encodeAnalyzerResource, PolicyInfo, PolicyPackConfig } from "./analyzer";
import { DEFAULT_MOCK_ACCOUNT } from "./mocks";
import { PREFLIGHT_CHECKS, PreflightFinding, runPreflight } from "./preflight";
import { RecordedResource, renderProgram } from "./program";
import { InputError, loadProject, loadStackSettings, stackFilePath } from "./stack-file";
import type { WireValue } from "./wire";

export interface CheckOptions {
    /** Folder holding Pulumi.yaml. */
    readonly root: string;
    readonly stack: string;
    /** Settings file to use instead of `<stackConfigDir>/Pulumi.<stack>.yaml`. */
    readonly configFile?: string;
    /** Values that replace or add to the file's settings (fully qualified keys). */
    readonly configOverrides?: Readonly<Record<string, string>>;
    /** As `--policy-pack-config`. */
    readonly policyPackConfig?: PolicyPackConfig;
    /** @default <root>/policies */
    readonly packDir?: string;
    /** Runs instead of the project's program (a fixture with hand-written resources). */
    readonly program?: string;
}

export interface CheckResult {
    readonly project: string;
    readonly stack: string;
    readonly settingsFile: string;
    readonly resources: readonly RecordedResource[];
    /** The stack's outputs in wire form (secrets tagged). */
    readonly outputs: Readonly<Record<string, WireValue>>;
    /** Every diagnostic, in the order the engine would show them (per resource, then the stack). */
    readonly violations: readonly Diagnostic[];
    /** What the real API server, Helm, nodes or AWS APIs would refuse (see engine/preflight/). */
    readonly preflight: readonly PreflightFinding[];
    /** The preflight checks that ran, with what each judges. */
    readonly preflightChecks: readonly { readonly name: string; readonly description: string }[];
    readonly policyPack: {
        readonly name: string;
        readonly version: string;
        readonly policies: number;
        readonly launchMs: number;
        /** The pack process's peak resident memory, where the system tells it (Linux). */
        readonly peakRssMiB?: number;
        /** Every policy of the pack as GetAnalyzerInfo describes it (controls, severity, remediation). */
        readonly rules: readonly PolicyInfo[];
    };
}

/** A path relative to the working directory when it lies below it, absolute otherwise. */
export function displayPath(file: string): string {
    const relative = path.relative(process.cwd(), file);
    return relative && !relative.startsWith("..") ? relative : file;
}

/** The resource providers a stack turned off with `pulumi:disable-default-providers`. */
function disabledDefaultProviders(config: Readonly<Record<string, string>>): string[] {
    const raw = config["pulumi:disable-default-providers"];
    if (raw === undefined) {
        return [];
    }
    try {
        const parsed = JSON.parse(raw) as unknown;
        if (Array.isArray(parsed) && parsed.every((p) => typeof p === "string")) {
            return parsed;
        }
    } catch {
        // reported below
    }
    throw new InputError(`pulumi:disable-default-providers must be a list of package names, got ${raw}`);
}

/** The engine refuses a resource that needs a default provider the stack turned off. */
function checkDefaultProviders(resources: readonly RecordedResource[], disabled: readonly string[]): void {
    for (const resource of resources) {
        const pkg = resource.type.split(":")[0];
        if (resource.custom && !resource.provider && pkg !== "pulumi" && (disabled.includes(pkg) || disabled.includes("*"))) {
            throw new Error(`${resource.urn} would use the default ${pkg} provider, which this stack disables (pulumi:disable-default-providers); pass an explicit provider`);
        }
    }
}

/** What the engine sends a pack about a recorded resource: its inputs (Analyze) or outputs (AnalyzeStack). */
export function toAnalyzed(resource: RecordedResource, byUrn: ReadonlyMap<string, RecordedResource>, properties: "inputs" | "outputs"): AnalyzedResource {
    const providerUrn = resource.provider?.split("::").slice(0, -1).join("::");
    const provider = providerUrn ? byUrn.get(providerUrn) : undefined;
    return {
        urn: resource.urn,
        type: resource.type,
        name: resource.name,
        properties: resource[properties],
        parent: resource.parent,
        protect: resource.protect,
        ignoreChanges: resource.ignoreChanges,
        deleteBeforeReplace: resource.deleteBeforeReplace,
        additionalSecretOutputs: resource.additionalSecretOutputs,
        aliases: resource.aliases,
        dependencies: resource.dependencies,
        propertyDependencies: resource.propertyDependencies,
        ...(provider ? { provider: { urn: provider.urn, type: provider.type, name: provider.name, properties: provider.inputs } } : {}),
    };
}

/**
 * For the check command and the benchmark, in the process that renders:
 * - Error stack traces are not mapped through source maps, which cost a fifth of a large check's
 *   time while the SDK still took a stack per resource. Test processes keep source maps, for readable
 *   failures.
 * - The heap grows to 1.7 times what survives a full collection before the next one (V8's default lets
 *   it grow up to four times). Prod with 1000 tenants then peaks at about 1.6 GiB instead of 2.0 GiB
 *   (growing to twice) or 2.2 GiB (V8's default), for about 0.5 s more CPU (3 runs each).
 */
export function prepareCheckProcess(): void {
    process.setSourceMapsEnabled(false);
    v8.setFlagsFromString("--heap-growing-percent=70");
}

export async function runCheck(options: CheckOptions): Promise<CheckResult> {
    const project = loadProject(options.root);
    const settingsFile = options.configFile ? path.resolve(options.configFile) : stackFilePath(project, options.stack);
    const settings = loadStackSettings(settingsFile, project.name);
    const config = { ...settings.config, ...options.configOverrides };

    // The program's own validation, before anything loads: a bad setting never reaches the engine.
    let platformConfig: PlatformConfig | undefined;
    try {
        platformConfig = parseConfig(config, { stack: options.stack, project: project.name, secretKeys: settings.secretKeys });
    } catch (error) {
        throw ConfigError.isInstance(error) ? error.withSource(displayPath(settingsFile)) : error;
    }
    const disabled = disabledDefaultProviders(config);

    const packDir = options.packDir ?? path.join(options.root, "policies");
    // Start the pack first: it loads while the program renders. As the CLI does, each resource is
    // analysed as soon as it is registered, so the pack works while the program is still rendering
    // (the session's client runs in a worker thread: the render never yields to this thread's loop).
    const session = BackgroundPolicyPackSession.start({
        packDir,
        project: project.name,
        stack: options.stack,
        config,
        secretKeys: settings.secretKeys,
    }, options.policyPackConfig);
    try {
        const byUrn = new Map<string, RecordedResource>();
        const rendered = await renderProgram({
            program: options.program ?? project.main,
            project: project.name,
            stack: options.stack,
            config,
            secretKeys: settings.secretKeys,
            mockEnvironment: {
                region: config["aws:region"] ?? "us-east-1",
                accountId: config[`${project.name}:awsAccountId`] ?? DEFAULT_MOCK_ACCOUNT,
            },
            onRegister: (urn, resource) => {
                byUrn.set(urn, resource);
                session.analyze(encodeAnalyzeRequest(toAnalyzed(resource, byUrn, "inputs")));
            },
        });
        checkDefaultProviders(rendered.resources, disabled);

        const { info, launchMs } = await session.ready;
        const analysing = session.analyzeStack(rendered.resources.map((r) => encodeAnalyzerResource(toAnalyzed(r, byUrn, "outputs"))));
        // Preflight judges the stack in this thread while the pack runs its stack rules in its own process.
        // A fixture program has no settings of the stack's program to read.
        const preflight = runPreflight(rendered.resources, options.program ? undefined : platformConfig);
        const analysed = await analysing;
        // Each resource's diagnostics, in registration order (the order of the analyze calls), then the stack's.
        const perResource = rendered.resources.flatMap((resource, index) => (analysed.perResource.get(index) ?? []).map((d) => ({ ...d, urn: resource.urn })));
        const stackUrn = rendered.resources.find((r) => r.type === "pulumi:pulumi:Stack")?.urn ?? "";
        const stackDiagnostics = analysed.stack.map((d) => ({ ...d, urn: d.urn && byUrn.has(d.urn) ? d.urn : stackUrn }));
        return {
            project: project.name,
            stack: options.stack,
            settingsFile,
            resources: rendered.resources,
            outputs: rendered.outputs as Record<string, WireValue>,
            violations: [...perResource, ...stackDiagnostics],
            preflight,
            preflightChecks: PREFLIGHT_CHECKS.map((c) => ({ name: c.name, description: c.description })),
            policyPack: {
                name: info.name,
                version: info.version,
                policies: info.policies.length,
                launchMs,
                ...(analysed.packPeakRssMiB !== undefined ? { peakRssMiB: analysed.packPeakRssMiB } : {}),
                rules: info.policies,
            },
        };
    } finally {
        await session.close();
    }
}
