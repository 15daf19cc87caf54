/**
 * Drives a policy pack exactly as the Pulumi CLI does: launches it with the SDK's
 * `cmd/run-policy-pack` (ts-node with type-checking, pack folder as cwd, stack config in
 * PULUMI_CONFIG), reads the port it prints, and speaks the `pulumirpc.Analyzer` protocol:
 * ConfigureStack → GetPluginInfo → GetAnalyzerInfo → Configure → Analyze per resource → AnalyzeStack.
 * An Engine service stands in for the CLI's, collecting the pack's log messages.
 */
import { ChildProcess, spawn } from "node:child_process";
import * as path from "node:path";
import * as readline from "node:readline";
import * as grpc from "@grpc/grpc-js";
import * as analyzerrpc from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as analyzerproto from "@pulumi/pulumi/proto/analyzer_pb";
import * as enginerpc from "@pulumi/pulumi/proto/engine_grpc_pb";
import * as pluginproto from "@pulumi/pulumi/proto/plugin_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import Ajv from "ajv";
import { InputError } from "./stack-file";
import type { WireValue } from "./wire";

export type EnforcementLevel = "advisory" | "mandatory" | "disabled" | "remediate";
export type Severity = "unspecified" | "low" | "medium" | "high" | "critical";

const LEVELS: readonly EnforcementLevel[] = ["advisory", "mandatory", "disabled", "remediate"];
const SEVERITIES: readonly Severity[] = ["unspecified", "low", "medium", "high", "critical"];

export interface PolicyInfo {
    readonly name: string;
    readonly description: string;
    readonly enforcementLevel: EnforcementLevel;
    readonly severity: Severity;
    readonly remediationSteps: string;
    readonly url: string;
    readonly tags: readonly string[];
    readonly framework?: { readonly name: string; readonly version: string; readonly reference: string; readonly specification: string };
    readonly configSchema?: { readonly properties: Record<string, unknown>; readonly required: readonly string[] };
}

export interface AnalyzerInfo {
    readonly name: string;
    readonly version: string;
    readonly supportsConfig: boolean;
    readonly policies: readonly PolicyInfo[];
}

export interface Diagnostic {
    readonly policyName: string;
    readonly policyPackName: string;
    readonly policyPackVersion: string;
    readonly description: string;
    /** Description, then a newline, then the violation text, as the CLI shows it. */
    readonly message: string;
    readonly enforcementLevel: EnforcementLevel;
    readonly severity: Severity;
    readonly urn: string;
}

/** What the engine knows of a resource when it asks a pack about it. */
export interface AnalyzedResource {
    readonly urn: string;
    readonly type: string;
    readonly name: string;
    /** Inputs (Analyze) or outputs (AnalyzeStack) in wire form. */
    readonly properties: Record<string, WireValue>;
    readonly parent?: string;
    readonly protect?: boolean;
    readonly ignoreChanges?: readonly string[];
    readonly deleteBeforeReplace?: boolean;
    readonly additionalSecretOutputs?: readonly string[];
    readonly aliases?: readonly string[];
    readonly dependencies?: readonly string[];
    readonly propertyDependencies?: Readonly<Record<string, readonly string[]>>;
    readonly provider?: { readonly urn: string; readonly type: string; readonly name: string; readonly properties: Record<string, WireValue> };
}

export interface LaunchOptions {
    /** The pack folder (PulumiPolicy.yaml, package.json with a version). */
    readonly packDir: string;
    readonly project: string;
    readonly stack: string;
    readonly organization?: string;
    readonly dryRun?: boolean;
    /** Stack config as the CLI passes it, decrypted. */
    readonly config?: Readonly<Record<string, string>>;
    readonly secretKeys?: readonly string[];
    /** How long the pack may take to print its port. @default 120 s */
    readonly startTimeoutMs?: number;
}

/** Per-policy config, as `--policy-pack-config` gives it: a level, or properties plus an optional level. */
export type PolicyPackConfig = Readonly<Record<string, EnforcementLevel | ({ readonly enforcementLevel?: EnforcementLevel } & Readonly<Record<string, unknown>>)>>;

const RUN_POLICY_PACK = path.join(path.dirname(require.resolve("@pulumi/pulumi/package.json")), "cmd", "run-policy-pack");

export class PolicyPackSession {
    /** Milliseconds from spawning the pack to reading its port. */
    readonly launchMs: number;
    private info?: AnalyzerInfo;
    private readonly logs: string[] = [];

    private constructor(
        private readonly child: ChildProcess,
        private readonly client: analyzerrpc.AnalyzerClient,
        private readonly engine: grpc.Server,
        private readonly stderr: string[],
        launchMs: number,
        engineLogs: string[],
    ) {
        this.launchMs = launchMs;
        this.logs = engineLogs;
    }

    /** Launches the pack and performs the CLI's opening calls up to GetAnalyzerInfo. */
    static async launch(options: LaunchOptions): Promise<PolicyPackSession> {
        const engineLogs: string[] = [];
        const engine = new grpc.Server();
        engine.addService(enginerpc.EngineService, {
            log: (call: grpc.ServerUnaryCall<{ getMessage(): string; getSeverity(): number }, Empty>, cb: grpc.sendUnaryData<Empty>) => {
                engineLogs.push(call.request.getMessage());
                cb(null, new Empty());
            },
        });
        const enginePort = await new Promise<number>((resolve, reject) =>
            engine.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, port) => (err ? reject(err) : resolve(port))));

        const started = performance.now();
        const child = spawn(process.execPath, [RUN_POLICY_PACK, `127.0.0.1:${enginePort}`, options.packDir], {
            cwd: options.packDir,
            env: {
                ...process.env,
                PULUMI_CONFIG: JSON.stringify(options.config ?? {}),
                PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(options.secretKeys ?? []),
                PULUMI_NODEJS_PROJECT: options.project,
                PULUMI_NODEJS_STACK: options.stack,
                PULUMI_NODEJS_ORGANIZATION: options.organization ?? "organization",
                PULUMI_NODEJS_DRY_RUN: String(options.dryRun ?? false),
            },
            stdio: ["ignore", "pipe", "pipe"],
        });
        const stderr: string[] = [];
        child.stderr!.setEncoding("utf8").on("data", (chunk: string) => stderr.push(chunk));

        let port: number;
        try {
            port = await readPort(child, options.startTimeoutMs ?? 120_000, stderr);
        } catch (error) {
            child.kill("SIGKILL");
            engine.forceShutdown();
            throw error;
        }
        const launchMs = performance.now() - started;

        const client = new analyzerrpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
            "grpc.max_receive_message_length": 400 * 1024 * 1024,
            "grpc.max_send_message_length": 400 * 1024 * 1024,
        });
        const session = new PolicyPackSession(child, client, engine, stderr, launchMs, engineLogs);
        try {
            await session.configureStack(options);
            await session.unary<Empty, pluginproto.PluginInfo>("getPluginInfo", new Empty());
            session.info = toAnalyzerInfo(await session.unary<Empty, analyzerproto.AnalyzerInfo>("getAnalyzerInfo", new Empty()));
        } catch (error) {
            session.close();
            throw error;
        }
        return session;
    }

    get analyzerInfo(): AnalyzerInfo {
        return this.info!;
    }

    /** What the pack wrote to stderr and to the engine's log. */
    get output(): string {
        return [...this.stderr, ...this.logs].join("");
    }

    private configureStack(options: LaunchOptions): Promise<unknown> {
        const req = new analyzerproto.AnalyzerStackConfigureRequest();
        req.setStack(options.stack);
        req.setProject(options.project);
        req.setOrganization(options.organization ?? "organization");
        req.setDryRun(options.dryRun ?? false);
        for (const [key, value] of Object.entries(options.config ?? {})) {
            req.getConfigMap().set(key, value);
        }
        req.setConfigSecretKeysList([...(options.secretKeys ?? [])]);
        return this.unary("configureStack", req);
    }

    /**
     * Sends Configure with one entry for every policy of the pack, as the CLI does: the level from
     * `config` or the policy's own, and the properties (possibly empty).
     */
    async configure(config: PolicyPackConfig = {}): Promise<void> {
        const known = new Set(this.analyzerInfo.policies.map((p) => p.name));
        const unknown = Object.keys(config).filter((name) => name !== "all" && !known.has(name));
        if (unknown.length > 0) {
            throw new InputError(`policy pack config names policies the pack does not have: ${unknown.join(", ")}`);
        }
        const all = config.all;
        const req = new analyzerproto.ConfigureAnalyzerRequest();
        for (const policy of this.analyzerInfo.policies) {
            const entry = config[policy.name] ?? all;
            const { enforcementLevel, ...given } = typeof entry === "string" ? { enforcementLevel: entry } : entry ?? {};
            const level = enforcementLevel ?? policy.enforcementLevel;
            if (!LEVELS.includes(level)) {
                throw new InputError(`policy pack config: ${policy.name}.enforcementLevel ${JSON.stringify(level)} is not one of ${LEVELS.join(", ")}`);
            }
            const properties = withSchemaDefaults(policy, given);
            const policyConfig = new analyzerproto.PolicyConfig();
            policyConfig.setEnforcementlevel(LEVELS.indexOf(level));
            policyConfig.setProperties(Struct.fromJavaScript(properties as Record<string, never>));
            req.getPolicyconfigMap().set(policy.name, policyConfig);
        }
        await this.unary("configure", req);
    }

    async analyze(resource: AnalyzedResource): Promise<Diagnostic[]> {
        const req = new analyzerproto.AnalyzeRequest();
        req.setType(resource.type);
        req.setUrn(resource.urn);
        req.setName(resource.name);
        req.setProperties(Struct.fromJavaScript(resource.properties as Record<string, never>));
        req.setOptions(toOptions(resource));
        if (resource.provider) {
            req.setProvider(toProvider(resource.provider));
        }
        return toDiagnostics(await this.unary<analyzerproto.AnalyzeRequest, analyzerproto.AnalyzeResponse>("analyze", req));
    }

    async analyzeStack(resources: readonly AnalyzedResource[]): Promise<Diagnostic[]> {
        const req = new analyzerproto.AnalyzeStackRequest();
        req.setResourcesList(resources.map((resource) => {
            const r = new analyzerproto.AnalyzerResource();
            r.setType(resource.type);
            r.setUrn(resource.urn);
            r.setName(resource.name);
            r.setProperties(Struct.fromJavaScript(resource.properties as Record<string, never>));
            r.setOptions(toOptions(resource));
            r.setParent(resource.parent ?? "");
            r.setDependenciesList([...(resource.dependencies ?? [])]);
            for (const [key, urns] of Object.entries(resource.propertyDependencies ?? {})) {
                const deps = new analyzerproto.AnalyzerPropertyDependencies();
                deps.setUrnsList([...urns]);
                r.getPropertydependenciesMap().set(key, deps);
            }
            if (resource.provider) {
                r.setProvider(toProvider(resource.provider));
            }
            return r;
        }));
        return toDiagnostics(await this.unary<analyzerproto.AnalyzeStackRequest, analyzerproto.AnalyzeResponse>("analyzeStack", req));
    }

    close(): void {
        this.client.close();
        this.child.kill("SIGTERM");
        this.engine.forceShutdown();
    }

    private unary<Req, Res>(method: string, request: Req): Promise<Res> {
        return new Promise<Res>((resolve, reject) => {
            const call = (this.client as unknown as Record<string, (r: Req, cb: (e: grpc.ServiceError | null, res: Res) => void) => void>)[method];
            call.call(this.client, request, (error, response) => {
                if (error) {
                    const output = this.output.trim();
                    reject(new Error(`policy pack ${method} failed: ${error.details || error.message}${output ? `\n${output}` : ""}`));
                } else {
                    resolve(response);
                }
            });
        });
    }
}

const ajv = new Ajv({ allErrors: true, strict: false });

/**
 * What the CLI does with `--policy-pack-config` before Configure: fills in the schema's defaults and
 * refuses values the policy's schema does not allow.
 */
function withSchemaDefaults(policy: PolicyInfo, given: Record<string, unknown>): Record<string, unknown> {
    const schema = policy.configSchema;
    if (!schema) {
        if (Object.keys(given).length > 0) {
            throw new InputError(`policy pack config: ${policy.name} takes no settings, got ${Object.keys(given).join(", ")}`);
        }
        return {};
    }
    const defaults = Object.fromEntries(Object.entries(schema.properties)
        .filter(([, property]) => typeof property === "object" && property !== null && "default" in property)
        .map(([key, property]) => [key, (property as { default: unknown }).default]));
    const properties = { ...defaults, ...given };
    const validate = ajv.compile({ type: "object", properties: schema.properties, required: [...schema.required], additionalProperties: false });
    if (!validate(properties)) {
        const problems = (validate.errors ?? []).map((e) => `${e.instancePath || "(settings)"} ${e.message ?? "is invalid"}${e.params && "additionalProperty" in e.params ? ` (${String(e.params.additionalProperty)})` : ""}`);
        throw new InputError(`policy pack config: ${policy.name}: ${problems.join("; ")}`);
    }
    return properties;
}

function readPort(child: ChildProcess, timeoutMs: number, stderr: string[]): Promise<number> {
    return new Promise<number>((resolve, reject) => {
        const lines = readline.createInterface({ input: child.stdout! });
        const fail = (reason: string) => {
            clearTimeout(timer);
            lines.close();
            reject(new Error(`policy pack did not start: ${reason}${stderr.length ? `\n${stderr.join("").trim()}` : ""}`));
        };
        const timer = setTimeout(() => fail(`no port within ${timeoutMs} ms`), timeoutMs);
        lines.once("line", (line) => {
            clearTimeout(timer);
            const port = Number(line.trim());
            if (Number.isInteger(port) && port > 0) {
                // Keep draining stdout so a chatty pack never blocks on a full pipe.
                child.stdout!.resume();
                resolve(port);
            } else {
                fail(`expected a port on the first line of stdout, got ${JSON.stringify(line)}`);
            }
        });
        child.once("exit", (code, signal) => fail(`exited with ${signal ?? `code ${code}`}`));
        child.once("error", (error) => fail(error.message));
    });
}

function toOptions(resource: AnalyzedResource): analyzerproto.AnalyzerResourceOptions {
    const options = new analyzerproto.AnalyzerResourceOptions();
    options.setProtect(resource.protect ?? false);
    options.setIgnorechangesList([...(resource.ignoreChanges ?? [])]);
    options.setAdditionalsecretoutputsList([...(resource.additionalSecretOutputs ?? [])]);
    options.setAliasesList([...(resource.aliases ?? [])]);
    if (resource.deleteBeforeReplace !== undefined) {
        options.setDeletebeforereplacedefined(true);
        options.setDeletebeforereplace(resource.deleteBeforeReplace);
    }
    options.setParent(resource.parent ?? "");
    return options;
}

function toProvider(provider: NonNullable<AnalyzedResource["provider"]>): analyzerproto.AnalyzerProviderResource {
    const p = new analyzerproto.AnalyzerProviderResource();
    p.setType(provider.type);
    p.setUrn(provider.urn);
    p.setName(provider.name);
    p.setProperties(Struct.fromJavaScript(provider.properties as Record<string, never>));
    return p;
}

function toDiagnostics(response: analyzerproto.AnalyzeResponse): Diagnostic[] {
    return response.getDiagnosticsList().map((d) => ({
        policyName: d.getPolicyname(),
        policyPackName: d.getPolicypackname(),
        policyPackVersion: d.getPolicypackversion(),
        description: d.getDescription(),
        message: d.getMessage(),
        enforcementLevel: LEVELS[d.getEnforcementlevel()] ?? "advisory",
        severity: SEVERITIES[d.getSeverity()] ?? "unspecified",
        urn: d.getUrn(),
    }));
}

function toAnalyzerInfo(info: analyzerproto.AnalyzerInfo): AnalyzerInfo {
    return {
        name: info.getName(),
        version: info.getVersion(),
        supportsConfig: info.getSupportsconfig(),
        policies: info.getPoliciesList().map((p) => {
            const framework = p.getFramework();
            const schema = p.getConfigschema();
            return {
                name: p.getName(),
                description: p.getDescription(),
                enforcementLevel: LEVELS[p.getEnforcementlevel()] ?? "advisory",
                severity: SEVERITIES[p.getSeverity()] ?? "unspecified",
                remediationSteps: p.getRemediationSteps(),
                url: p.getUrl(),
                tags: p.getTagsList(),
                ...(framework ? { framework: { name: framework.getName(), version: framework.getVersion(), reference: framework.getReference(), specification: framework.getSpecification() } } : {}),
                ...(schema ? { configSchema: { properties: (schema.getProperties()?.toJavaScript() ?? {}) as Record<string, unknown>, required: schema.getRequiredList() } } : {}),
            };
        }),
    };
}
