/**
 * Drives a policy pack exactly as the Pulumi CLI does: launches it with the SDK's
 * `cmd/run-policy-pack` (ts-node with type-checking, pack folder as cwd, stack config in
 * PULUMI_CONFIG), reads the port it prints, and speaks the `pulumirpc.Analyzer` protocol:
 * ConfigureStack → GetPluginInfo → GetAnalyzerInfo → Configure → Analyze per resource → AnalyzeStack.
 * An Engine service stands in for the CLI's, collecting the pack's log messages.
 */
import { ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import * as readline from "node:readline";
import { parentPort, Worker, workerData } from "node:worker_threads";
import * as grpc from "@grpc/grpc-js";
import * as analyzerrpc from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as analyzerproto from "@pulumi/pulumi/proto/analyzer_pb";
import * as enginerpc from "@pulumi/pulumi/proto/engine_grpc_pb";
import * as pluginproto from "@pulumi/pulumi/proto/plugin_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import Ajv from "ajv";
import { InputError } from "./stack-file";
import { ProtoWriter, type WireValue } from "./wire";

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
    /** Called with the pack's process once it is spawned, before it serves. */
    readonly onSpawn?: (child: ChildProcess) => void;
}

/** Per-policy config, as `--policy-pack-config` gives it: a level, or properties plus an optional level. */
export type PolicyPackConfig = Readonly<Record<string, EnforcementLevel | ({ readonly enforcementLevel?: EnforcementLevel } & Readonly<Record<string, unknown>>)>>;

/** What one policy is configured with, once `--policy-pack-config` is reconciled with the pack's defaults. */
export interface ReconciledPolicyConfig {
    readonly enforcementLevel: EnforcementLevel;
    readonly properties: Readonly<Record<string, unknown>>;
}

function isEnforcementLevel(value: unknown): value is EnforcementLevel {
    return typeof value === "string" && (LEVELS as readonly string[]).includes(value);
}

/**
 * Reads a `--policy-pack-config` document as the CLI does (pulumi/pulumi pkg/resource/analyzer/config.go,
 * `parsePolicyPackConfig`): each entry is an enforcement level, or an object of settings with an optional
 * `enforcementLevel`; anything else, or a level the CLI does not know, is refused naming the entry. An entry with
 * neither a level nor settings is dropped, as the CLI drops it. `environments` (Pulumi ESC environments the CLI
 * would resolve) is refused: nothing can resolve them offline.
 */
export function parsePolicyPackConfig(document: unknown, source: string): PolicyPackConfig {
    if (typeof document !== "object" || document === null || Array.isArray(document)) {
        throw new InputError(`${source} must hold a JSON object of policy names to settings`);
    }
    const result: Record<string, PolicyPackConfig[string]> = {};
    for (const [name, entry] of Object.entries(document)) {
        if (name === "environments") {
            throw new InputError(`${source}: "environments" imports Pulumi ESC environments, which cannot be resolved offline; put their policy settings in the file`);
        }
        if (typeof entry === "string") {
            if (!isEnforcementLevel(entry)) {
                throw new InputError(`${source}: ${name}: ${JSON.stringify(entry)} is not an enforcement level; use one of ${LEVELS.join(", ")}`);
            }
            result[name] = entry;
        } else if (typeof entry === "object" && entry !== null && !Array.isArray(entry)) {
            const { enforcementLevel, ...settings } = entry as Record<string, unknown>;
            if (enforcementLevel !== undefined && !isEnforcementLevel(enforcementLevel)) {
                throw new InputError(`${source}: ${name}.enforcementLevel ${JSON.stringify(enforcementLevel)} is not an enforcement level; use one of ${LEVELS.join(", ")}`);
            }
            if (enforcementLevel !== undefined || Object.keys(settings).length > 0) {
                result[name] = { ...(enforcementLevel !== undefined ? { enforcementLevel } : {}), ...settings };
            }
        } else {
            throw new InputError(`${source}: ${name}: ${JSON.stringify(entry)} is not a valid value; give an enforcement level or an object of settings`);
        }
    }
    return result;
}

/**
 * The configuration the CLI sends each policy of the pack (pulumi/pulumi pkg/resource/analyzer/config.go,
 * `ReconcilePolicyPackConfig` and `applyConfig`):
 * - every policy starts from its own enforcement level and its schema's defaults (the CLI would then apply an initial
 *   config the pack passes to `new PolicyPack`, which this pack does not);
 * - `all` sets only the enforcement level, of every policy (settings given under `all` reach no policy);
 * - a policy's own entry then wins: its level if it gives one (else the level so far, `all`'s included), its
 *   settings merged over the defaults;
 * - a name that is no policy of the pack configures nothing and is no error (see {@link unknownPolicyNames});
 * - settings are checked against the policy's schema only where it has one, as `{type: object, properties,
 *   required}`, which admits settings the schema does not list.
 * A refusal is an `InputError` naming every policy and problem.
 */
export function reconcilePolicyPackConfig(policies: readonly PolicyInfo[], config: PolicyPackConfig = {}): Map<string, ReconciledPolicyConfig> {
    const levelOf = (entry: PolicyPackConfig[string] | undefined) => (typeof entry === "string" ? entry : entry?.enforcementLevel);
    const settingsOf = (entry: PolicyPackConfig[string] | undefined): Record<string, unknown> => {
        if (entry === undefined || typeof entry === "string") {
            return {};
        }
        const { enforcementLevel: _level, ...settings } = entry;
        return settings;
    };
    const allLevel = levelOf(config.all);
    const result = new Map<string, ReconciledPolicyConfig>();
    const problems: string[] = [];
    for (const policy of policies) {
        const own = config[policy.name];
        const enforcementLevel = levelOf(own) ?? allLevel ?? policy.enforcementLevel;
        if (!isEnforcementLevel(enforcementLevel)) {
            // Only a config that did not come through parsePolicyPackConfig (a test's, say) can get here.
            problems.push(`${policy.name}: enforcement level ${JSON.stringify(enforcementLevel)} is not one of ${LEVELS.join(", ")}`);
        }
        const properties = { ...schemaDefaults(policy), ...settingsOf(own) };
        problems.push(...schemaProblems(policy, properties));
        result.set(policy.name, { enforcementLevel, properties });
    }
    if (problems.length > 0) {
        throw new InputError(`policy pack config: ${problems.sort().join("; ")}`);
    }
    return result;
}

/** Names in `config` that are no policy of the pack (and not `all`): the CLI ignores them silently. */
export function unknownPolicyNames(policies: readonly Pick<PolicyInfo, "name">[], config: PolicyPackConfig): string[] {
    const known = new Set(policies.map((p) => p.name));
    return Object.keys(config).filter((name) => name !== "all" && !known.has(name)).sort();
}

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
        // Whatever happens to the session, the pack does not outlive the process (or worker) that started it.
        const stopAtExit = () => child.kill("SIGKILL");
        process.once("exit", stopAtExit);
        child.once("exit", () => process.off("exit", stopAtExit));
        options.onSpawn?.(child);
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
     * Sends Configure with one entry for every policy of the pack, as the CLI does: `config` reconciled with
     * each policy's level and schema defaults ({@link reconcilePolicyPackConfig}).
     */
    async configure(config: PolicyPackConfig = {}): Promise<void> {
        const req = new analyzerproto.ConfigureAnalyzerRequest();
        for (const [name, { enforcementLevel, properties }] of reconcilePolicyPackConfig(this.analyzerInfo.policies, config)) {
            const policyConfig = new analyzerproto.PolicyConfig();
            policyConfig.setEnforcementlevel(LEVELS.indexOf(enforcementLevel));
            policyConfig.setProperties(Struct.fromJavaScript(properties as Record<string, never>));
            req.getPolicyconfigMap().set(name, policyConfig);
        }
        await this.unary("configure", req);
    }

    async analyze(resource: AnalyzedResource): Promise<Diagnostic[]> {
        return this.analyzeEncoded(encodeAnalyzeRequest(resource));
    }

    /** Analyze with a request already encoded (`encodeAnalyzeRequest`). */
    async analyzeEncoded(request: Uint8Array): Promise<Diagnostic[]> {
        return toDiagnostics(await this.send("analyze", request));
    }

    async analyzeStack(resources: readonly AnalyzedResource[]): Promise<Diagnostic[]> {
        return this.analyzeStackEncoded(resources.map(encodeAnalyzerResource));
    }

    /** AnalyzeStack with each resource already encoded (`encodeAnalyzerResource`), in order. */
    async analyzeStackEncoded(resources: readonly Uint8Array[]): Promise<Diagnostic[]> {
        const writer = new ProtoWriter();
        for (const resource of resources) {
            writer.bytes(1, resource);
        }
        return toDiagnostics(await this.send("analyzeStack", writer.finish()));
    }

    close(): void {
        this.client.close();
        this.child.kill("SIGTERM");
        this.engine.forceShutdown();
    }

    /** A call whose request is already in protobuf form (as google-protobuf would have written it). */
    private send(method: "analyze" | "analyzeStack", request: Uint8Array): Promise<analyzerproto.AnalyzeResponse> {
        const definition = analyzerrpc.AnalyzerService[method];
        return new Promise((resolve, reject) => {
            this.client.makeUnaryRequest(definition.path, (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length), definition.responseDeserialize, request, (error, response) => {
                if (error || !response) {
                    reject(this.failure(method, error));
                } else {
                    resolve(response);
                }
            });
        });
    }

    private failure(method: string, error: grpc.ServiceError | null): Error {
        const output = this.output.trim();
        return new Error(`policy pack ${method} failed: ${error ? error.details || error.message : "no response"}${output ? `\n${output}` : ""}`);
    }

    private unary<Req, Res>(method: string, request: Req): Promise<Res> {
        return new Promise<Res>((resolve, reject) => {
            const call = (this.client as unknown as Record<string, (r: Req, cb: (e: grpc.ServiceError | null, res: Res) => void) => void>)[method];
            call.call(this.client, request, (error, response) => {
                if (error) {
                    reject(this.failure(method, error));
                } else {
                    resolve(response);
                }
            });
        });
    }
}

const ajv = new Ajv({ allErrors: true, strict: false });

/** The defaults a policy's config schema declares. */
function schemaDefaults(policy: PolicyInfo): Record<string, unknown> {
    return Object.fromEntries(Object.entries(policy.configSchema?.properties ?? {})
        .filter(([, property]) => typeof property === "object" && property !== null && "default" in property)
        .map(([key, property]) => [key, (property as { default: unknown }).default]));
}

/**
 * Why a policy's settings fail its schema, as the CLI judges them (`validatePolicyConfig` with `convertSchema`):
 * `{type: object, properties, required}`, no check at all for a policy without a schema.
 */
function schemaProblems(policy: PolicyInfo, properties: Record<string, unknown>): string[] {
    const schema = policy.configSchema;
    if (!schema) {
        return [];
    }
    const validate = ajv.compile({ type: "object", properties: schema.properties, required: [...schema.required] });
    if (validate(properties)) {
        return [];
    }
    return (validate.errors ?? []).map((e) => `${policy.name}: ${e.instancePath || "(settings)"} ${e.message ?? "is invalid"}`);
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

/** Encoding is synchronous: one writer serves every request. */
const scratch = new ProtoWriter();

/** An AnalyzeRequest: the resource's inputs, options and provider. */
export function encodeAnalyzeRequest(resource: AnalyzedResource): Buffer {
    const writer = scratch;
    writeResource(writer, resource);
    return writer.finish();
}

/** An AnalyzerResource of an AnalyzeStack request: also its parent and dependencies. */
export function encodeAnalyzerResource(resource: AnalyzedResource): Buffer {
    const writer = scratch;
    writeResource(writer, resource);
    if (resource.parent) {
        writer.string(7, resource.parent);
    }
    for (const urn of resource.dependencies ?? []) {
        writer.string(8, urn);
    }
    const propertyDependencies = resource.propertyDependencies ?? {};
    for (const key of Object.keys(propertyDependencies).sort()) {
        const entry = writer.begin(9);
        writer.string(1, key);
        const deps = writer.begin(2);
        for (const urn of propertyDependencies[key]) {
            writer.string(1, urn);
        }
        writer.end(deps);
        writer.end(entry);
    }
    return writer.finish();
}

/**
 * Fields 1 to 4, which a resource and its provider number alike: type, properties, urn, name (empty
 * strings left out, as google-protobuf does; the properties always written).
 */
function writeIdentity(writer: ProtoWriter, resource: { readonly type: string; readonly urn: string; readonly name: string; readonly properties: Readonly<Record<string, unknown>> }): void {
    if (resource.type) {
        writer.string(1, resource.type);
    }
    const properties = writer.begin(2);
    writer.struct(resource.properties);
    writer.end(properties);
    if (resource.urn) {
        writer.string(3, resource.urn);
    }
    if (resource.name) {
        writer.string(4, resource.name);
    }
}

/** The fields AnalyzeRequest and AnalyzerResource share (type, properties, urn, name, options, provider). */
function writeResource(writer: ProtoWriter, resource: AnalyzedResource): void {
    writeIdentity(writer, resource);
    const options = writer.begin(5);
    if (resource.protect) {
        writer.bool(1, true);
    }
    for (const path of resource.ignoreChanges ?? []) {
        writer.string(2, path);
    }
    if (resource.deleteBeforeReplace !== undefined) {
        if (resource.deleteBeforeReplace) {
            writer.bool(3, true);
        }
        writer.bool(4, true);
    }
    for (const output of resource.additionalSecretOutputs ?? []) {
        writer.string(5, output);
    }
    for (const alias of resource.aliases ?? []) {
        writer.string(6, alias);
    }
    if (resource.parent) {
        writer.string(8, resource.parent);
    }
    writer.end(options);
    const provider = resource.provider;
    if (provider) {
        const message = writer.begin(6);
        writeIdentity(writer, provider);
        writer.end(message);
    }
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

/**
 * A session whose gRPC client lives in a worker thread. The program renders on the main thread in one
 * long run of promise callbacks that never lets the event loop turn, so requests made from there would
 * only leave when the render ends; from the worker, the pack is launched and configured, and each
 * resource is analysed, while the program is still rendering. Requests arrive encoded
 * (`encodeAnalyzeRequest`, `encodeAnalyzerResource`); each Analyze is sent as soon as the pack is
 * configured, a few at a time, and AnalyzeStack once every Analyze has been answered.
 */
export class BackgroundPolicyPackSession {
    /** The pack's description and launch time once it is configured; rejects as launching or configuring it failed. */
    readonly ready: Promise<{ readonly info: AnalyzerInfo; readonly launchMs: number }>;
    private readonly worker: Worker;
    private readonly replies = new Map<string, { resolve(value: unknown): void; reject(error: Error): void }>();
    private batch: Buffer[] = [];
    private analyzed = 0;
    private closed?: Promise<void>;
    /** The pack's process, once the worker has spawned it: stopped from here too, whatever the worker's state. */
    private packPid?: number;
    private readonly stopPackAtExit = () => this.stopPack();

    private constructor(options: LaunchOptions, config: PolicyPackConfig | undefined) {
        this.worker = new Worker(WORKER_MAIN, {
            eval: true,
            // No loader hooks of the parent's: the worker loads this module's TypeScript through tsx's
            // CommonJS hook only.
            execArgv: [],
            workerData: { role: "policy-pack-session", module: __filename, loader: __filename.endsWith(".ts") ? require.resolve("tsx/cjs") : undefined, options: { ...options }, config },
        });
        this.ready = this.reply("ready") as Promise<{ info: AnalyzerInfo; launchMs: number }>;
        this.ready.catch(() => undefined);
        this.worker.on("message", (message: WorkerReply) => {
            if (message.kind === "spawned") {
                this.packPid = message.pid;
                process.once("exit", this.stopPackAtExit);
                return;
            }
            if (message.kind === "packExited") {
                this.packPid = undefined;
                process.off("exit", this.stopPackAtExit);
                return;
            }
            const waiting = this.replies.get(message.kind);
            if (!waiting) {
                return;
            }
            this.replies.delete(message.kind);
            if ("error" in message) {
                waiting.reject(reviveError(message.error));
            } else {
                waiting.resolve(message);
            }
        });
        this.worker.on("error", (error) => this.failAll(error));
        this.worker.on("exit", () => this.failAll(new Error("the policy pack session's worker stopped")));
    }

    static start(options: LaunchOptions, config?: PolicyPackConfig): BackgroundPolicyPackSession {
        return new BackgroundPolicyPackSession(options, config);
    }

    /** Queues the Analyze of one resource; its diagnostics come back from `analyzeStack`, by position. */
    analyze(request: Buffer): void {
        this.batch.push(request);
        if (this.batch.length >= ANALYZE_BATCH) {
            this.flush();
        }
    }

    /** Requests go to the worker a few at a time: a message costs more than the request in it. */
    private flush(): void {
        if (this.batch.length > 0) {
            const requests = this.batch;
            this.batch = [];
            this.post({ kind: "analyze", first: this.analyzed, requests }, requests.map((r) => r.buffer as ArrayBuffer));
            this.analyzed += requests.length;
        }
    }

    /**
     * Waits for every Analyze, then sends AnalyzeStack. Returns each resource's diagnostics by the
     * position of its `analyze` call, the stack's, and the pack's peak memory so far where the system
     * tells it (Linux).
     */
    async analyzeStack(resources: readonly Buffer[]): Promise<{ readonly perResource: ReadonlyMap<number, Diagnostic[]>; readonly stack: Diagnostic[]; readonly packPeakRssMiB?: number }> {
        const done = this.reply("stackAnalyzed") as Promise<{ perResource: [number, Diagnostic[]][]; stack: Diagnostic[]; packPeakRssMiB?: number }>;
        this.flush();
        this.post({ kind: "analyzeStack", resources }, resources.map((r) => r.buffer as ArrayBuffer));
        const { perResource, stack, packPeakRssMiB } = await done;
        return { perResource: new Map(perResource), stack, ...(packPeakRssMiB !== undefined ? { packPeakRssMiB } : {}) };
    }

    /**
     * Stops the pack and the worker. The pack's process is stopped even when the worker cannot say it
     * did (a pack still launching under load, a worker that does not answer), and at the latest when
     * this process exits: a check that fails early leaves no pack behind.
     */
    close(): Promise<void> {
        this.closed ??= (async () => {
            const closed = this.reply("closed").catch(() => undefined);
            this.post({ kind: "close" });
            await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
            await this.worker.terminate();
            this.stopPack();
            process.off("exit", this.stopPackAtExit);
        })();
        return this.closed;
    }

    /** The pack's process id, from its spawn until its exit is known. */
    get packProcessId(): number | undefined {
        return this.packPid;
    }

    /**
     * Until the worker reports the pack's exit, its process id cannot have been reused: the worker has
     * not reaped it (and a terminated worker never does).
     */
    private stopPack(): void {
        if (this.packPid !== undefined) {
            try {
                process.kill(this.packPid, "SIGKILL");
            } catch {
                // Already gone.
            }
            this.packPid = undefined;
        }
    }

    private post(message: WorkerRequest, transfer: ArrayBuffer[] = []): void {
        this.worker.postMessage(message, transfer);
    }

    private reply(kind: WorkerReply["kind"]): Promise<unknown> {
        return new Promise((resolve, reject) => this.replies.set(kind, { resolve, reject }));
    }

    private failAll(error: Error): void {
        for (const waiting of this.replies.values()) {
            waiting.reject(error);
        }
        this.replies.clear();
    }
}

type WorkerRequest =
    | { readonly kind: "analyze"; readonly first: number; readonly requests: readonly Uint8Array[] }
    | { readonly kind: "analyzeStack"; readonly resources: readonly Uint8Array[] }
    | { readonly kind: "close" };

interface TransferredError {
    readonly message: string;
    readonly stack?: string;
    readonly input: boolean;
}

type WorkerReply =
    | { readonly kind: "spawned"; readonly pid: number }
    | { readonly kind: "packExited" }
    | { readonly kind: "ready"; readonly info: AnalyzerInfo; readonly launchMs: number }
    | { readonly kind: "stackAnalyzed"; readonly perResource: [number, Diagnostic[]][]; readonly stack: Diagnostic[]; readonly packPeakRssMiB?: number }
    | { readonly kind: "closed" }
    | { readonly kind: "ready" | "stackAnalyzed"; readonly error: TransferredError };

const WORKER_MAIN = `
const { workerData } = require("node:worker_threads");
if (workerData.loader) require(workerData.loader);
require(workerData.module).serveBackgroundSession();
`;

/** Analyze requests per message to the worker. */
const ANALYZE_BATCH = 16;

/** Analyze calls in flight at once: enough to keep the pack busy, few enough to keep its queue short. */
const ANALYZE_WINDOW = 16;

function transferError(error: unknown): TransferredError {
    return error instanceof Error
        ? { message: error.message, stack: error.stack, input: error instanceof InputError }
        : { message: String(error), input: false };
}

function reviveError(transferred: TransferredError): Error {
    const error = transferred.input ? new InputError(transferred.message) : new Error(transferred.message);
    if (transferred.stack) {
        error.stack = transferred.stack;
    }
    return error;
}

/** A process's peak resident memory (VmHWM), where /proc tells it. */
function peakRssMiB(pid: number): number | undefined {
    try {
        const found = /^VmHWM:\s+(\d+) kB$/m.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
        return found ? Math.round(Number(found[1]) / 1024) : undefined;
    } catch {
        return undefined;
    }
}

/** The worker's side of `BackgroundPolicyPackSession`. */
export function serveBackgroundSession(): void {
    const port = parentPort;
    const data = workerData as { role?: string; options: LaunchOptions; config?: PolicyPackConfig };
    if (!port || data?.role !== "policy-pack-session") {
        throw new Error("serveBackgroundSession runs in a BackgroundPolicyPackSession's worker");
    }
    let pack: ChildProcess | undefined;
    const launched = PolicyPackSession.launch({
        ...data.options,
        onSpawn: (child) => {
            if (child.pid === undefined) {
                return;
            }
            pack = child;
            port.postMessage({ kind: "spawned", pid: child.pid });
            child.once("exit", () => port.postMessage({ kind: "packExited" }));
        },
    });
    const configured = launched.then(async (session) => {
        await session.configure(data.config);
        return session;
    });
    configured.then(
        (session) => port.postMessage({ kind: "ready", info: session.analyzerInfo, launchMs: session.launchMs }),
        (error: unknown) => port.postMessage({ kind: "ready", error: transferError(error) }),
    );

    // Requests waiting for the pack, by arrival; a sent one is dropped from its slot.
    const queue: ({ index: number; request: Uint8Array } | undefined)[] = [];
    let next = 0;
    const diagnostics: [number, Diagnostic[]][] = [];
    let inFlight = 0;
    let failure: unknown;
    let whenIdle: (() => void) | undefined;
    const pump = (session: PolicyPackSession) => {
        while (inFlight < ANALYZE_WINDOW && next < queue.length) {
            const { index, request } = queue[next]!;
            queue[next++] = undefined;
            inFlight++;
            session.analyzeEncoded(request).then(
                (found) => {
                    if (found.length > 0) {
                        diagnostics.push([index, found]);
                    }
                },
                (error: unknown) => {
                    failure ??= error;
                },
            ).finally(() => {
                inFlight--;
                pump(session);
                if (inFlight === 0 && next === queue.length) {
                    whenIdle?.();
                }
            });
        }
    };

    port.on("message", (message: WorkerRequest) => {
        switch (message.kind) {
            case "analyze":
                message.requests.forEach((request, i) => queue.push({ index: message.first + i, request }));
                configured.then(pump, () => undefined);
                break;
            case "analyzeStack":
                configured.then(async (session) => {
                    if (inFlight > 0 || next < queue.length) {
                        await new Promise<void>((resolve) => (whenIdle = resolve));
                    }
                    if (failure !== undefined) {
                        throw failure;
                    }
                    const stack = await session.analyzeStackEncoded(message.resources);
                    const packPeakRssMiB = pack?.pid !== undefined ? peakRssMiB(pack.pid) : undefined;
                    port.postMessage({ kind: "stackAnalyzed", perResource: diagnostics, stack, ...(packPeakRssMiB !== undefined ? { packPeakRssMiB } : {}) });
                }).catch((error: unknown) => port.postMessage({ kind: "stackAnalyzed", error: transferError(error) }));
                break;
            case "close": {
                // A pack still launching is stopped now, not once it serves; "closed" follows its exit
                // (and so the "packExited" it causes), within a bound.
                const running = pack && pack.exitCode === null && pack.signalCode === null ? pack : undefined;
                const exited = running ? new Promise((resolve) => running.once("exit", resolve)) : Promise.resolve();
                running?.kill("SIGTERM");
                launched.then((session) => session.close(), () => undefined)
                    .then(() => Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 3000).unref())]))
                    .finally(() => port.postMessage({ kind: "closed" }));
                break;
            }
        }
    });
}
