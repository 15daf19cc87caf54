/**
 * Why a render failed, told the way a user can act on it: the resource whose registration failed (by URN and type)
 * and the reason. Under mocks a failure can surface in three places the engine watches: the SDK failing a
 * resource's pending registration (an input that throws or cannot be serialised, an invoke with no answer), the
 * mock monitor refusing a registration, and a rejection nobody handles.
 */
import * as path from "node:path";

export type UrnOf = (parent: string | undefined, type: string, name: string) => string;

export interface Failure {
    readonly error: unknown;
    readonly resource?: { readonly urn: string; readonly type: string };
}

export type Fail = (error: unknown, resource?: Failure["resource"]) => void;

export function messageOf(error: unknown): string {
    return error instanceof Error ? error.message : String(error);
}

/**
 * The program could not be rendered: what failed and why. `resource` names the resource whose registration
 * failed (its inputs could not be computed or sent, or its provider refused it), when one did.
 */
export class RenderError extends Error {
    constructor(readonly reason: string, readonly resource?: Failure["resource"], readonly cause?: unknown, readonly more = 0) {
        super(`${resource ? `${resource.urn} (${resource.type}): ` : ""}${reason}${more > 0 ? ` (and ${more} more failure${more === 1 ? "" : "s"})` : ""}`);
        this.name = "RenderError";
    }

    /** The frames of the cause's stack trace in the program's own files (not the SDK's or the engine's). */
    programFrames(): string[] {
        const stack = this.cause instanceof Error ? this.cause.stack ?? "" : "";
        const engine = path.resolve(__dirname);
        return stack.split("\n")
            .filter((line) => /^\s+at (.*\()?(\/|[A-Za-z]:\\)/.test(line) && !line.includes("node_modules") && !line.includes(engine))
            .slice(0, 5).map((line) => line.trim());
    }
}

/**
 * Collects a render's failures. The first is reported, with the resource it belongs to when known; the same error
 * reaching an unhandled rejection later (as itself, or rewrapped by the SDK with its message) is not counted twice.
 */
export class RenderFailures {
    private readonly failures: Failure[] = [];

    readonly fail: Fail = (error, resource) => {
        const message = messageOf(error);
        if (!this.failures.some((f) => f.error === error || (messageOf(f.error) !== "" && message.includes(messageOf(f.error))))) {
            this.failures.push({ error, ...(resource ? { resource } : {}) });
        }
    };

    get count(): number {
        return this.failures.length;
    }

    /** Throws the first failure: as it is when it names no resource and is alone, else as a RenderError. */
    throwFirst(): void {
        const [first] = this.failures;
        if (!first) {
            return;
        }
        if (!first.resource && this.failures.length === 1) {
            throw first.error;
        }
        throw new RenderError(messageOf(first.error), first.resource, first.error, this.failures.length - 1);
    }
}

interface SdkResource {
    readonly __pulumiType?: string;
    readonly __name?: string;
    readonly __parentResource?: SdkResource;
}

interface RegistrationState {
    failPendingRegistration(res: unknown, err: unknown): void;
    getPendingResourceRegistrations(): Map<unknown, { readonly type?: string }>;
}

/** The URN the engine gives an SDK resource object, from its type, name and parents. */
function urnOfResource(resource: SdkResource, urnOf: UrnOf): string | undefined {
    const { __pulumiType: type, __name: name, __parentResource: parent } = resource;
    if (!type || !name) {
        return undefined;
    }
    const parentUrn = parent && parent.__pulumiType !== "pulumi:pulumi:Stack" ? urnOfResource(parent, urnOf) : undefined;
    return urnOf(parentUrn, type, name);
}

/**
 * A registration whose inputs cannot be computed or sent (an input that throws, a value that cannot be
 * serialised, an invoke the engine cannot answer) fails inside the SDK before the monitor sees it; the SDK
 * then fails the resource's pending registration (runtime/state.js), which names the resource. Record the
 * failure with it.
 */
export function attributeRegistrationFailures(state: RegistrationState, urnOf: UrnOf, fail: Fail): void {
    if (typeof state.failPendingRegistration !== "function" || typeof state.getPendingResourceRegistrations !== "function") {
        return;
    }
    const failPending = state.failPendingRegistration.bind(state);
    state.failPendingRegistration = (res, err) => {
        const resource = res as SdkResource;
        const type = state.getPendingResourceRegistrations().get(res)?.type ?? resource.__pulumiType;
        const urn = urnOfResource(resource, urnOf);
        fail(err, urn && type ? { urn, type } : undefined);
        failPending(res, err);
    };
}

/**
 * Promises the SDK still waits for once the program is done (a resource waiting on an output that never
 * resolves, a cycle): the CLI fails such a deployment with the SDK's message, and so does the engine, instead
 * of the SDK turning the check's exit code into 1 as the process exits (runtime/debuggable.js).
 */
export function failOnPendingPromises(fail: Fail): void {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const debuggable = require("@pulumi/pulumi/runtime/debuggable") as { leakedPromises(): [Set<unknown>, string] };
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const store = (require("@pulumi/pulumi/runtime/state") as { getStore(): { leakCandidates?: unknown } }).getStore();
    if (store.leakCandidates instanceof Set && store.leakCandidates.size > 0) {
        const [, message] = debuggable.leakedPromises();
        fail(new Error(message));
    }
}
