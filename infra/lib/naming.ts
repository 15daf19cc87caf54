/** Naming rules and helpers shared by config validation and components. Pure functions. */

const DNS1123_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/**
 * A Kubernetes DNS-1123 label that also starts with a letter (namespaces, and names reused in AWS
 * resource names where a leading digit is not always accepted).
 */
export function isDns1123Label(value: string): boolean {
    return value.length <= 63 && DNS1123_LABEL.test(value);
}

/** Edit distance between two strings (insertions, deletions, substitutions). */
export function editDistance(a: string, b: string): number {
    let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        for (let j = 1; j <= b.length; j++) {
            const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
            current.push(Math.min(previous[j] + 1, current[j - 1] + 1, substitution));
        }
        previous = current;
    }
    return previous[b.length];
}

/** The candidate closest to `value` when it is plausibly a typo of it (case-insensitive), else undefined. */
export function closestMatch(value: string, candidates: readonly string[]): string | undefined {
    let best: string | undefined;
    let bestDistance = Infinity;
    for (const candidate of candidates) {
        const distance = editDistance(value.toLowerCase(), candidate.toLowerCase());
        if (distance < bestDistance) {
            best = candidate;
            bestDistance = distance;
        }
    }
    return bestDistance <= Math.max(2, Math.floor(value.length / 3)) ? best : undefined;
}
