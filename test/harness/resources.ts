/** Queries over rendered resources for tests: find by type or name, follow ids between resources. */
import type { RecordedResource } from "../../engine/program";
import { isSecretValue, mapWire, KEEP } from "../../engine/wire";

export function ofType(resources: readonly RecordedResource[], type: string): RecordedResource[] {
    return resources.filter((r) => r.type === type);
}

export function named(resources: readonly RecordedResource[], name: string): RecordedResource {
    const found = resources.find((r) => r.name === name);
    if (!found) {
        throw new Error(`no resource named ${name}; have ${resources.map((r) => r.name).join(", ")}`);
    }
    return found;
}

/** The resource whose id is `id` (what a reference such as `vpcId` points at). */
export function byId(resources: readonly RecordedResource[], id: unknown): RecordedResource {
    const found = resources.find((r) => r.id !== undefined && r.id === id);
    if (!found) {
        throw new Error(`no resource has id ${String(id)}`);
    }
    return found;
}

/** Direct and indirect children of `parent`. */
export function descendantsOf(resources: readonly RecordedResource[], parent: RecordedResource): RecordedResource[] {
    const result: RecordedResource[] = [];
    const frontier = [parent.urn];
    while (frontier.length > 0) {
        const urn = frontier.pop()!;
        for (const child of resources.filter((r) => r.parent === urn)) {
            result.push(child);
            frontier.push(child.urn);
        }
    }
    return result;
}

/** Inputs with secrets unwrapped, for assertions on values. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function plain(value: unknown): any {
    return mapWire(value, (v) => (isSecretValue(v) ? plain(v.value) : KEEP));
}

/** Every string anywhere in a value, with its path (`a.b[0]`). */
export function stringsWithPaths(value: unknown, at = ""): Array<{ path: string; text: string }> {
    if (typeof value === "string") {
        return [{ path: at, text: value }];
    }
    if (Array.isArray(value)) {
        return value.flatMap((item, i) => stringsWithPaths(item, `${at}[${i}]`));
    }
    if (typeof value === "object" && value !== null) {
        return Object.entries(value).flatMap(([key, item]) => stringsWithPaths(item, at ? `${at}.${key}` : key));
    }
    return [];
}
