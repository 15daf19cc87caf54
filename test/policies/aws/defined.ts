/**
 * Corpus props with every `undefined` left out, at any depth: a case removes a field of its baseline by
 * overriding it with undefined, and the engine's wire format (which the corpus test sends through) has
 * no undefined.
 */
export function defined<T>(value: T): T {
    if (Array.isArray(value)) {
        return value.map(defined) as T;
    }
    if (typeof value !== "object" || value === null) {
        return value;
    }
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, defined(v)])) as T;
}
