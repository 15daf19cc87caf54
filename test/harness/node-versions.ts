/**
 * Whether a Node.js version satisfies an `engines.node` range, for the forms npm packages use (`>=22`,
 * `^20.17.0 || >=22.9.0`, `18 || 20 || >=22`, `>= 12.11.*`, `4.x`, `>=8.10.0 <9.0.0`). A test helper, not
 * a full semver implementation: an unknown form throws rather than guess.
 */
type Version = readonly [number, number, number];

function compare(a: Version, b: Version): number {
    return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/** `12`, `12.11`, `12.11.*`, `v12.22.7` → the lowest version it names and how many parts it fixes. */
function partial(text: string): { version: Version; parts: number } {
    const match = /^v?(\d+)(?:\.(\d+|[x*]))?(?:\.(\d+|[x*]))?$/i.exec(text);
    if (!match) {
        throw new Error(`unsupported version ${JSON.stringify(text)}`);
    }
    const fields = [match[1], match[2], match[3]];
    const parts = fields.findIndex((f) => f === undefined || /^[x*]$/i.test(f));
    const fixed = parts === -1 ? 3 : parts;
    const version = fields.map((f, i) => (i < fixed ? Number(f) : 0)) as unknown as Version;
    return { version, parts: fixed };
}

function next(version: Version, parts: number): Version {
    if (parts <= 1) {
        return [version[0] + 1, 0, 0];
    }
    return parts === 2 ? [version[0], version[1] + 1, 0] : [version[0], version[1], version[2] + 1];
}

function comparatorHolds(version: Version, comparator: string): boolean {
    if (comparator === "*" || comparator.toLowerCase() === "x") {
        return true;
    }
    const match = /^(>=|<=|>|<|=|\^|~)?(.+)$/.exec(comparator)!;
    const operator = match[1] ?? "";
    const { version: bound, parts } = partial(match[2]);
    switch (operator) {
        case ">=": return compare(version, bound) >= 0;
        case ">": return parts === 3 ? compare(version, bound) > 0 : compare(version, next(bound, parts)) >= 0;
        case "<=": return parts === 3 ? compare(version, bound) <= 0 : compare(version, next(bound, parts)) < 0;
        case "<": return compare(version, bound) < 0;
        case "^": {
            const upper: Version = bound[0] > 0 || parts === 1 ? [bound[0] + 1, 0, 0] : [0, bound[1] + 1, 0];
            return compare(version, bound) >= 0 && compare(version, upper) < 0;
        }
        case "~": return compare(version, bound) >= 0 && compare(version, next(bound, Math.min(parts, 2))) < 0;
        default: return compare(version, bound) >= 0 && compare(version, next(bound, parts)) < 0;
    }
}

/** Whether `version` (e.g. "22.13.0") satisfies `range` (e.g. "^20.17.0 || >=22.9.0"). */
export function satisfies(version: string, range: string): boolean {
    const { version: v } = partial(version);
    return range.split("||").some((alternative) => {
        const comparators = alternative.trim().replace(/(>=|<=|>|<|=|\^|~)\s+/g, "$1").split(/\s+/).filter(Boolean);
        return comparators.every((comparator) => comparatorHolds(v, comparator));
    });
}

/** The lowest version each alternative of `range` accepts, e.g. "^22.13.0 || >=24" → ["22.13.0", "24.0.0"]. */
export function lowestAccepted(range: string): string[] {
    return range.split("||").map((alternative) => {
        const lower = alternative.trim().replace(/(>=|\^|~)\s+/g, "$1").split(/\s+/).find((c) => /^(>=|\^|~)?v?\d/.test(c));
        if (!lower) {
            throw new Error(`no lower bound in ${JSON.stringify(alternative)}`);
        }
        return partial(lower.replace(/^(>=|\^|~)/, "")).version.join(".");
    });
}
