/**
 * A read-only view of a rendered stack for the report formats: resources by type, references between
 * them (by URN, id or ARN), and inputs with every secret already replaced by "[secret]", so nothing a
 * format prints can leak a secret value.
 */
import type { CheckResult } from "../engine";
import type { RecordedResource } from "../program";
import { redactForReport } from "../wire";

// Inputs are untyped property bags; formats read them defensively.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Props = Record<string, any>;

export const SECRET = "[secret]";

export interface ResourceView {
    readonly resource: RecordedResource;
    readonly urn: string;
    readonly type: string;
    readonly name: string;
    /** Inputs with secrets as "[secret]" and unknowns as "[unknown]". */
    readonly props: Props;
}

/** Kubernetes objects in the stack: kind, name and namespace from their inputs. */
export interface KubernetesRef {
    readonly kind: string;
    readonly name: string;
    readonly namespace?: string;
}

export class StackView {
    readonly all: readonly ResourceView[];
    private readonly byUrn = new Map<string, ResourceView>();
    private readonly byValue = new Map<string, ResourceView>();
    private readonly referencesCache = new Map<string, readonly ResourceView[]>();
    private referrersIndex?: Map<string, ResourceView[]>;

    constructor(readonly result: CheckResult) {
        this.all = result.resources.map((resource) => ({
            resource,
            urn: resource.urn,
            type: resource.type,
            name: resource.name,
            props: (redactForReport(resource.inputs) ?? {}) as Props,
        }));
        for (const view of this.all) {
            this.byUrn.set(view.urn, view);
        }
        // What other resources use to point at a resource: its id, its ARN. The first registration of a
        // value wins, so a bucket's name resolves to the bucket rather than to its settings resources.
        for (const view of this.all.filter((v) => v.resource.custom)) {
            const outputs = (redactForReport(view.resource.outputs) ?? {}) as Props;
            for (const value of [view.resource.id, outputs.id, outputs.arn]) {
                if (typeof value === "string" && value.length > 3 && !this.byValue.has(value)) {
                    this.byValue.set(value, view);
                }
            }
        }
    }

    get stack(): string {
        return this.result.stack;
    }

    ofType(...types: string[]): ResourceView[] {
        return this.all.filter((v) => types.includes(v.type));
    }

    /** Resources whose type matches, e.g. every `kubernetes:*:SnapshotSchedule`. */
    matching(pattern: RegExp): ResourceView[] {
        return this.all.filter((v) => pattern.test(v.type));
    }

    get(urn: string | undefined): ResourceView | undefined {
        return urn ? this.byUrn.get(urn) : undefined;
    }

    /** The resource an input value points at (an id or ARN), if the stack holds it. */
    resolve(value: unknown): ResourceView | undefined {
        return typeof value === "string" ? this.byValue.get(value) ?? this.byUrn.get(value) : undefined;
    }

    /** Every resource `view` refers to: its dependencies and every id or ARN in its inputs. */
    references(view: ResourceView): readonly ResourceView[] {
        const cached = this.referencesCache.get(view.urn);
        if (cached) {
            return cached;
        }
        const found = new Map<string, ResourceView>();
        const add = (target: ResourceView | undefined) => {
            if (target && target.urn !== view.urn) {
                found.set(target.urn, target);
            }
        };
        for (const urn of view.resource.dependencies) {
            add(this.byUrn.get(urn));
        }
        for (const urns of Object.values(view.resource.propertyDependencies)) {
            for (const urn of urns) {
                add(this.byUrn.get(urn));
            }
        }
        for (const value of strings(view.props)) {
            add(this.resolve(value));
        }
        const list = [...found.values()];
        this.referencesCache.set(view.urn, list);
        return list;
    }

    /** Resources of the given types that `view` refers to. */
    referencedOfType(view: ResourceView, ...types: string[]): ResourceView[] {
        return this.references(view).filter((r) => types.includes(r.type));
    }

    /** Resources that refer to `view`. */
    referrers(view: ResourceView, ...types: string[]): ResourceView[] {
        if (!this.referrersIndex) {
            this.referrersIndex = new Map();
            for (const from of this.all) {
                for (const to of this.references(from)) {
                    const list = this.referrersIndex.get(to.urn) ?? [];
                    list.push(from);
                    this.referrersIndex.set(to.urn, list);
                }
            }
        }
        const list = this.referrersIndex.get(view.urn) ?? [];
        return types.length === 0 ? list : list.filter((r) => types.includes(r.type));
    }

    /** The component resources `view` sits in, nearest first. */
    ancestors(view: ResourceView): ResourceView[] {
        const chain: ResourceView[] = [];
        let parent = this.get(view.resource.parent);
        while (parent && parent.type !== "pulumi:pulumi:Stack") {
            chain.push(parent);
            parent = this.get(parent.resource.parent);
        }
        return chain;
    }

    /** Custom resources only: what a cloud or cluster would hold. */
    get customResources(): ResourceView[] {
        return this.all.filter((v) => v.resource.custom && !v.type.startsWith("pulumi:"));
    }
}

/** Every string leaf of a property bag (keys excluded). */
export function strings(value: unknown): string[] {
    const out: string[] = [];
    const walk = (v: unknown) => {
        if (typeof v === "string") {
            out.push(v);
        } else if (Array.isArray(v)) {
            v.forEach(walk);
        } else if (v && typeof v === "object") {
            Object.values(v).forEach(walk);
        }
    };
    walk(value);
    return out;
}

export function isKubernetes(view: ResourceView): boolean {
    return view.type.startsWith("kubernetes:");
}

/** Kind, name and namespace of a Kubernetes object (a Helm release: its release name and namespace). */
export function kubernetesRef(view: ResourceView): KubernetesRef {
    const kind = view.type.split(":").pop() ?? view.type;
    const metadata = (view.props.metadata ?? {}) as Props;
    const name = text(metadata.name) ?? text(view.props.name) ?? view.name;
    const namespace = text(metadata.namespace) ?? text(view.props.namespace);
    return { kind, name, ...(namespace ? { namespace } : {}) };
}

export function text(value: unknown): string | undefined {
    return typeof value === "string" && value !== "" ? value : undefined;
}

export function list<T = unknown>(value: unknown): T[] {
    return Array.isArray(value) ? (value as T[]) : value === undefined || value === null ? [] : [value as T];
}

export function record(value: unknown): Props {
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Props) : {};
}

/** An IAM or key policy document given as a JSON string (or already an object); undefined when secret or unknown. */
export function policyDocument(value: unknown): Props | undefined {
    if (typeof value === "string") {
        try {
            const parsed = JSON.parse(value) as unknown;
            return record(parsed);
        } catch {
            return undefined;
        }
    }
    return value && typeof value === "object" ? record(value) : undefined;
}

export const WORLD_CIDRS = ["0.0.0.0/0", "::/0"];

export function isWorld(cidr: unknown): boolean {
    return typeof cidr === "string" && WORLD_CIDRS.includes(cidr);
}

/** RFC 1918, carrier-grade NAT, link-local and loopback ranges, and IPv6 unique-local. */
export function isPrivateCidr(cidr: unknown): boolean {
    if (typeof cidr !== "string") {
        return false;
    }
    const [address, bitsText] = cidr.split("/");
    const bits = bitsText === undefined ? 32 : Number(bitsText);
    const octets = address.split(".").map(Number);
    if (octets.length !== 4 || octets.some((o) => !Number.isInteger(o))) {
        return /^f[cd]/i.test(address) && bits >= 7;
    }
    const [a, b] = octets;
    return (a === 10 && bits >= 8)
        || (a === 172 && b >= 16 && b <= 31 && bits >= 12)
        || (a === 192 && b === 168 && bits >= 16)
        || (a === 100 && b >= 64 && b <= 127 && bits >= 10)
        || (a === 169 && b === 254 && bits >= 16)
        || (a === 127 && bits >= 8);
}

/** The short type name: `aws:lb/listener:Listener` → `Listener`. */
export function kindOf(type: string): string {
    return type.split(":").pop() ?? type;
}

/** Counts by a key, in first-seen order. */
export function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
    const counts = new Map<string, number>();
    for (const item of items) {
        const k = key(item);
        counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    return counts;
}

export function unique<T>(items: Iterable<T>): T[] {
    return [...new Set(items)];
}
