/**
 * Runs the real Pulumi program in this process under `pulumi.runtime.setMocks`, inside a root Stack
 * resource as the CLI's language host does, and records every registration with what the mock
 * monitor forgets: parent, dependencies, provider reference and resource options.
 *
 * The SDK reads its configuration when it loads, so this module loads it only after PULUMI_CONFIG is
 * set. Mocks are process-wide: render one program per process.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type * as grpc from "@grpc/grpc-js";
import type * as resproto from "@pulumi/pulumi/proto/resource_pb";
import type * as structproto from "google-protobuf/google/protobuf/struct_pb";
import { DEFAULT_MOCK_ACCOUNT, DEFAULT_MOCK_ORGANIZATION, MockEnvironment, PlatformMocks, UNKNOWN_RESULT_KEY } from "./mocks";
import { downgradeResourceReferences, WireValue } from "./wire";
import { attributeRegistrationFailures, type Fail, failOnPendingPromises, RenderFailures, type UrnOf } from "./render-failure";
import { CONFIG_FILE_V2, CONFIG_GROUP_V2, expandYamlComponent, type ExpansionContext } from "./yaml-manifests";

export interface RecordedResource {
    readonly urn: string;
    readonly type: string;
    readonly name: string;
    readonly parent?: string;
    readonly custom: boolean;
    readonly id?: string;
    /** Provider reference `<provider urn>::<provider id>`; absent for a default provider. */
    readonly provider?: string;
    readonly protect: boolean;
    readonly retainOnDelete: boolean;
    readonly deleteBeforeReplace?: boolean;
    readonly ignoreChanges: readonly string[];
    /** The `replaceOnChanges` resource option (property paths whose change replaces the resource), when set. */
    readonly replaceOnChanges?: readonly string[];
    readonly additionalSecretOutputs: readonly string[];
    /** The `replacementTrigger` resource option, when set. */
    readonly replacementTrigger?: unknown;
    readonly aliases: readonly string[];
    readonly dependencies: readonly string[];
    readonly propertyDependencies: Readonly<Record<string, readonly string[]>>;
    /** Inputs in wire form (secrets tagged), resource references replaced by ids as a provider sees them. */
    readonly inputs: Record<string, WireValue>;
    /** Outputs in wire form: the mock provider's state, or a component's registered outputs. */
    outputs: Record<string, WireValue>;
}

export interface RenderOptions {
    /**
     * Folder or file of the program, as `main` in Pulumi.yaml, or a function that declares resources
     * (component tests).
     */
    readonly program: string | (() => unknown);
    readonly project: string;
    readonly stack: string;
    /** As `pulumi.getOrganization()` returns it. @default "organization" (a self-managed backend's) */
    readonly organization?: string;
    /** Fully qualified config keys → values, as the CLI passes them. */
    readonly config: Readonly<Record<string, string>>;
    readonly secretKeys: readonly string[];
    readonly mockEnvironment: MockEnvironment;
    /** Called with each resource as it is registered (also when the program then fails). */
    readonly onRegister?: (urn: string, resource: RecordedResource) => void;
}

export interface RenderResult {
    /** In registration order. */
    readonly resources: readonly RecordedResource[];
    readonly outputs: Record<string, unknown>;
}

type Callback<T> = (error: grpc.ServiceError | null, response?: T) => void;

let rendered = false;
let collecting = false;

/** True while a render collects the errors nobody catches as its own failures (see renderProgram). */
export function renderCollectsStrayErrors(): boolean {
    return collecting;
}

export async function renderProgram(options: RenderOptions): Promise<RenderResult> {
    if (rendered) {
        throw new Error("renderProgram runs once per process: Pulumi mocks are process-wide");
    }
    rendered = true;

    process.env.PULUMI_CONFIG = JSON.stringify(options.config);
    process.env.PULUMI_CONFIG_SECRET_KEYS = JSON.stringify(options.secretKeys);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const pulumi = require("@pulumi/pulumi") as typeof import("@pulumi/pulumi");
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const settings = require("@pulumi/pulumi/runtime/settings") as { getMonitor(): MonitorLike; waitForRPCs(): Promise<void> };
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    skipUnreadPromiseStacks(require("@pulumi/pulumi/runtime/debuggable") as Debuggable, require("@pulumi/pulumi/runtime/state") as PromiseStore);
    skipSourcePositions(pulumi.Resource as unknown as Positioned);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    keepStructsPlain(require(require.resolve("google-protobuf/google/protobuf/struct_pb", { paths: [path.dirname(require.resolve("@pulumi/pulumi/package.json"))] })) as StructModule);

    pulumi.runtime.setAllConfig({ ...options.config }, [...options.secretKeys]);
    const organization = options.organization ?? DEFAULT_MOCK_ORGANIZATION;
    const self = { organization, project: options.project, stack: options.stack };
    const resources: RecordedResource[] = [];
    const byUrn = new Map<string, RecordedResource>();
    const providerInputs = (reference: string) => byUrn.get(reference.split("::").slice(0, -1).join("::"))?.inputs;
    const mocks = new PlatformMocks(options.mockEnvironment, self, undefined, (reference) => {
        const region = providerInputs(reference)?.region;
        return typeof region === "string" && region !== "" ? region : undefined;
    });
    await pulumi.runtime.setMocks(mocks, options.project, options.stack, false, organization);
    const monitor = settings.getMonitor();
    const urnOf: UrnOf = (parent, type, name) => engineUrn(options.stack, options.project, parent, type, name);
    monitor.newUrn = urnOf;

    const failures = new RenderFailures();
    const { fail } = failures;
    const onFailure = (error: unknown) => fail(error);
    process.on("unhandledRejection", onFailure);
    process.on("uncaughtException", onFailure);
    collecting = true;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    attributeRegistrationFailures(require("@pulumi/pulumi/runtime/state"), urnOf, fail);
    answerInvokes(monitor);
    const programDir = typeof options.program === "string" ? programFolder(options.program) : undefined;
    recordRegistrations(monitor, (resource) => {
        resources.push(resource);
        byUrn.set(resource.urn, resource);
        options.onRegister?.(resource.urn, resource);
    }, byUrn, urnOf, fail, {
        programDir: programDir ?? process.cwd(),
        urnOf,
        providerInputs,
        newResource: (type, name, inputs, provider) => mocks.newResource({ type, name, inputs, custom: true, ...(provider ? { provider } : {}) }),
    });

    const cwd = process.cwd();
    try {
        // The CLI runs a program in its folder (the project's `main`), so relative paths it reads resolve there.
        if (programDir) {
            process.chdir(programDir);
        }
        const outputs = await pulumi.runtime.runInPulumiStack(async () => {
            // A program error is caught here rather than left to the root stack, whose outputs would
            // reject it again on promises nobody awaits.
            try {
                if (typeof options.program === "function") {
                    return await options.program();
                }
                // eslint-disable-next-line @typescript-eslint/no-require-imports
                const exported = require(options.program);
                return await (typeof exported === "function" ? exported() : exported);
            } catch (error) {
                fail(error);
                return {};
            }
        });
        await settings.waitForRPCs();
        // A rejection nobody handles is reported after the microtasks that follow it have run: let the
        // failures of this render arrive before it is judged, not once the check has moved on.
        await nextTurn();
        await nextTurn();
        if (failures.count === 0) {
            failOnPendingPromises(fail);
        }
        failures.throwFirst();
        return { resources, outputs: (outputs ?? {}) as Record<string, unknown> };
    } finally {
        process.chdir(cwd);
        collecting = false;
        process.off("unhandledRejection", onFailure);
        process.off("uncaughtException", onFailure);
    }
}

function nextTurn(): Promise<void> {
    return new Promise((resolve) => setImmediate(resolve));
}

/** The folder a program runs in: `main` itself when it is a folder, else the folder holding it. */
function programFolder(program: string): string {
    const absolute = path.resolve(program);
    try {
        return fs.statSync(absolute).isDirectory() ? absolute : path.dirname(absolute);
    } catch {
        return path.dirname(absolute);
    }
}

interface InvokeMonitor {
    invoke(req: resproto.ResourceInvokeRequest, callback: Callback<resproto.ResourceInvokeResponse>): unknown;
}

/**
 * Two things the mock monitor does not do for invokes: answer "unknown" (the mocks return a result holding
 * UNKNOWN_RESULT_KEY for a lookup only the account could answer; the SDK then resolves an unknown output, as
 * during a preview), and keep a failed invoke's reason (the SDK reads the gRPC `details`, which a mock's
 * error lacks, and would report an empty message).
 */
function answerInvokes(monitor: InvokeMonitor): void {
    const invoke = monitor.invoke.bind(monitor);
    monitor.invoke = (req, callback) => invoke(req, (error, response) => {
        if (error) {
            const reason = (error as { details?: string }).details || error.message;
            callback(Object.assign(error, { details: reason.includes(req.getTok()) ? reason : `invoke ${req.getTok()}: ${reason}` }), response);
            return;
        }
        const result = response?.getReturn()?.toJavaScript();
        if (response && result && result[UNKNOWN_RESULT_KEY] === true) {
            response.clearReturn();
            response.setUnknown(true);
        }
        callback(error, response);
    });
}

export interface Debuggable {
    debugPromiseLeaks: boolean;
    debuggablePromise<T>(promise: Promise<T>, context: unknown): Promise<T>;
}

export interface PromiseStore {
    getStore(): { leakCandidates?: unknown };
}

/**
 * The SDK tracks every promise it makes (four per output property of every resource) to report those
 * still pending when the program exits. For each it also records an id, a context and a stack trace,
 * read only to print the leaks when PULUMI_DEBUG_PROMISE_LEAKS is set: a fifth of a large render's time
 * and most of its memory. Unless that is set, the first promise goes through the SDK (which schedules
 * the leak report at exit) and the others are tracked as the SDK does, in the same leak candidates and
 * with the same two callbacks, without the records. The leak report is unchanged.
 */
export function skipUnreadPromiseStacks(debuggable: Debuggable, state: PromiseStore): void {
    if (debuggable.debugPromiseLeaks || typeof debuggable.debuggablePromise !== "function" || typeof state.getStore !== "function"
        || !(state.getStore().leakCandidates instanceof Set)) {
        return;
    }
    const track = debuggable.debuggablePromise;
    let reportScheduled = false;
    debuggable.debuggablePromise = <T>(promise: Promise<T>, context: unknown): Promise<T> => {
        if (!reportScheduled) {
            reportScheduled = true;
            return track(promise, context);
        }
        const candidates = state.getStore().leakCandidates as Set<Promise<unknown>>;
        candidates.add(promise);
        return promise.then((value) => {
            candidates.delete(promise);
            return value;
        }).catch((error: { promise?: unknown }) => {
            candidates.delete(promise);
            error.promise = promise;
            throw error;
        });
    };
}

interface Positioned {
    stackTrace(skip: number): unknown[];
}

/**
 * Every resource the SDK constructs records the program's call stack (a full `new Error().stack`,
 * parsed, each frame turned into a file URL) and sends it with the registration, where the CLI uses
 * it to point diagnostics at the program's lines. The mock monitor drops it and this engine reports
 * by resource, so the stack is not taken: a tenth of a large render's time.
 */
function skipSourcePositions(resource: Positioned): void {
    if (typeof resource.stackTrace === "function") {
        resource.stackTrace = () => [];
    }
}

type StructModule = typeof structproto;
type Plain = Record<string, structproto.JavaScriptValue>;

/**
 * Under mocks, every property bag travels between the SDK and the mock monitor as a
 * `google.protobuf.Struct` built with `Struct.fromJavaScript` and read back with `toJavaScript`, never
 * serialised: twice per registration, four reads, each an object per value (a tenth of a large
 * render's time, and much of its garbage). Here `fromJavaScript` keeps a checked copy of the value
 * instead (refusing what google-protobuf refuses, keys in its sorted order) and `toJavaScript` returns
 * a fresh copy of it, which is what a Struct round trip yields. Anything else asked of such a Struct
 * (its fields map, serialising it) first builds the real message.
 */
export function keepStructsPlain(structs: StructModule): void {
    const { Struct, Value } = structs;
    if ((Struct as { plainValues?: boolean }).plainValues) {
        return;
    }
    const plainOf = new WeakMap<object, Plain>();
    class PlainStruct extends Struct {
        override toJavaScript(): Plain {
            const plain = plainOf.get(this);
            return plain ? (copyPlain(plain) as Plain) : super.toJavaScript();
        }

        // google-protobuf's generated code passes `noLazyCreate`, which its typings leave out.
        override getFieldsMap(...args: unknown[]): ReturnType<structproto.Struct["getFieldsMap"]> {
            this.materialize();
            return (super.getFieldsMap as (...a: unknown[]) => ReturnType<structproto.Struct["getFieldsMap"]>).apply(this, args);
        }

        override toArray(): unknown[] {
            this.materialize();
            return super.toArray();
        }

        private materialize(): void {
            const plain = plainOf.get(this);
            if (plain) {
                plainOf.delete(this);
                const fields = super.getFieldsMap();
                for (const key of Object.keys(plain)) {
                    fields.set(key, Value.fromJavaScript(plain[key]));
                }
            }
        }
    }
    Struct.fromJavaScript = (value: Plain) => {
        const struct = new PlainStruct();
        plainOf.set(struct, checkedStruct(value));
        return struct;
    };
    (Struct as { plainValues?: boolean }).plainValues = true;
}

/** What `Struct.fromJavaScript(value).toJavaScript()` returns, or its error. */
function checkedStruct(value: Plain): Plain {
    const keys: string[] = [];
    for (const key in value) {
        keys.push(key);
    }
    keys.sort();
    const struct: Plain = {};
    for (const key of keys) {
        struct[key] = checkedValue(value[key]) as structproto.JavaScriptValue;
    }
    return struct;
}

function checkedValue(value: unknown): unknown {
    switch (protobufTypeOf(value)) {
        case "string":
        case "number":
        case "boolean":
        case "null":
            return value;
        case "array": {
            const items = value as ArrayLike<unknown>;
            const list = new Array<unknown>(items.length);
            for (let i = 0; i < items.length; i++) {
                list[i] = checkedValue(items[i]);
            }
            return list;
        }
        case "object":
            return checkedStruct(value as Plain);
        default:
            throw new Error("Unexpected struct type.");
    }
}

/** google-protobuf's `goog.typeOf`, which decides how `Value.fromJavaScript` stores a value. */
function protobufTypeOf(value: unknown): string {
    const type = typeof value;
    if (type !== "object") {
        return type;
    }
    if (value === null) {
        return "null";
    }
    if (value instanceof Array) {
        return "array";
    }
    if (value instanceof Object) {
        return type;
    }
    const tag = Object.prototype.toString.call(value);
    const v = value as Record<string, unknown> & { propertyIsEnumerable?: (key: string) => boolean };
    if (tag === "[object Window]") {
        return "object";
    }
    if (tag === "[object Array]" || (typeof v.length === "number" && v.splice !== undefined && v.propertyIsEnumerable !== undefined && !v.propertyIsEnumerable("splice"))) {
        return "array";
    }
    if (tag === "[object Function]" || (v.call !== undefined && v.propertyIsEnumerable !== undefined && !v.propertyIsEnumerable("call"))) {
        return "function";
    }
    return type;
}

/** A deep copy of a checked value (plain objects, arrays and scalars only). */
function copyPlain(value: unknown): unknown {
    if (typeof value !== "object" || value === null) {
        return value;
    }
    if (Array.isArray(value)) {
        const list = new Array<unknown>(value.length);
        for (let i = 0; i < value.length; i++) {
            list[i] = copyPlain(value[i]);
        }
        return list;
    }
    const copy: Plain = {};
    for (const key of Object.keys(value)) {
        copy[key] = copyPlain((value as Plain)[key]) as structproto.JavaScriptValue;
    }
    return copy;
}

/**
 * URNs as the engine builds them: a child's type is qualified by its parent's whole type chain, except
 * under the root stack (the mock monitor only prefixes the parent's last type, stack included).
 */
export function engineUrn(stack: string, project: string, parent: string | undefined, type: string, name: string): string {
    let qualified = type;
    if (parent) {
        const parentType = parent.split("::")[2];
        if (parentType !== "pulumi:pulumi:Stack") {
            qualified = `${parentType}$${type}`;
        }
    }
    return `urn:pulumi:${stack}::${project}::${qualified}::${name}`;
}

interface MonitorLike extends InvokeMonitor {
    newUrn(parent: string | undefined, type: string, name: string): string;
    registerResource(req: resproto.RegisterResourceRequest, callback: Callback<resproto.RegisterResourceResponse>): unknown;
    registerResourceOutputs(req: resproto.RegisterResourceOutputsRequest, callback: Callback<unknown>): unknown;
    readResource(req: resproto.ReadResourceRequest, callback: Callback<resproto.ReadResourceResponse>): unknown;
}

/**
 * The mock monitor drops parent, dependencies and options; wrap it to keep them. A registration the mock
 * provider refuses is a failure of that resource; a YAML component (yaml/v2 ConfigGroup, ConfigFile) is
 * followed by the children its provider would register (engine/yaml-manifests.ts).
 */
function recordRegistrations(monitor: MonitorLike, record: (r: RecordedResource) => void, byUrn: Map<string, RecordedResource>,
    urnOf: UrnOf, fail: Fail, expansion: ExpansionContext): void {
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req, callback) => register(req, (error, response) => {
        if (error) {
            fail(error, { urn: urnOf(req.getParent() || undefined, req.getType(), req.getName()), type: req.getType() });
        } else if (response) {
            const recorded = fromRegistration(req, response);
            record(recorded);
            if (recorded.type === CONFIG_GROUP_V2 || recorded.type === CONFIG_FILE_V2) {
                const provider = recorded.provider ?? req.getProvidersMap().get("kubernetes");
                try {
                    for (const child of expandYamlComponent(provider ? { ...recorded, provider } : recorded, expansion)) {
                        record(child);
                    }
                } catch (expansionError) {
                    fail(expansionError, { urn: recorded.urn, type: recorded.type });
                }
            }
        }
        callback(error, response);
    });

    const read = monitor.readResource.bind(monitor);
    monitor.readResource = (req, callback) => read(req, (error, response) => {
        if (error) {
            fail(error, { urn: urnOf(req.getParent() || undefined, req.getType(), req.getName()), type: req.getType() });
        }
        callback(error, response);
    });

    const registerOutputs = monitor.registerResourceOutputs.bind(monitor);
    monitor.registerResourceOutputs = (req, callback) => {
        const recorded = byUrn.get(req.getUrn());
        if (recorded) {
            recorded.outputs = (req.getOutputs()?.toJavaScript() ?? {}) as Record<string, WireValue>;
        }
        return registerOutputs(req, callback);
    };
}

function fromRegistration(req: resproto.RegisterResourceRequest, response: resproto.RegisterResourceResponse): RecordedResource {
    const propertyDependencies: Record<string, string[]> = {};
    req.getPropertydependenciesMap().forEach((deps, key) => {
        propertyDependencies[key] = deps.getUrnsList();
    });
    const custom = req.getCustom();
    const inputs = (req.getObject()?.toJavaScript() ?? {}) as Record<string, WireValue>;
    return {
        urn: response.getUrn(),
        type: req.getType(),
        name: req.getName(),
        ...(req.getParent() ? { parent: req.getParent() } : {}),
        custom,
        ...(custom && response.getId() ? { id: response.getId() } : {}),
        ...(req.getProvider() ? { provider: req.getProvider() } : {}),
        protect: req.getProtect() === true,
        retainOnDelete: req.getRetainondelete() === true,
        ...(req.getDeletebeforereplacedefined() ? { deleteBeforeReplace: req.getDeletebeforereplace() } : {}),
        ignoreChanges: req.getIgnorechangesList(),
        ...(req.getReplaceonchangesList().length > 0 ? { replaceOnChanges: req.getReplaceonchangesList() } : {}),
        additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
        ...(req.hasReplacementTrigger() ? { replacementTrigger: req.getReplacementTrigger()!.toJavaScript() } : {}),
        aliases: req.getAliasesList().filter((a) => a.hasUrn()).map((a) => a.getUrn()),
        dependencies: req.getDependenciesList(),
        propertyDependencies,
        inputs: (custom ? downgradeResourceReferences(inputs) : inputs) as Record<string, WireValue>,
        outputs: downgradeResourceReferences(response.getObject()?.toJavaScript() ?? {}) as Record<string, WireValue>,
    };
}

/** Renders components declared by `build` (component tests), in a `test` stack of the project. */
export function renderComponents(build: () => unknown, environment: Partial<MockEnvironment> = {}): Promise<RenderResult> {
    return renderProgram({
        program: build,
        project: "secure-platform",
        stack: "test",
        config: {},
        secretKeys: [],
        mockEnvironment: { region: environment.region ?? "eu-west-1", accountId: environment.accountId ?? DEFAULT_MOCK_ACCOUNT },
    });
}
