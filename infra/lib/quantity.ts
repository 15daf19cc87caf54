/**
 * Kubernetes resource quantities ("500m", "2Gi", "1e3") as the API server reads them, compared the way the
 * LimitRanger and ResourceQuota plugins compare them: in milli-units, rounded up
 * (k8s.io/apimachinery/pkg/api/resource, Quantity.MilliValue).
 */

const QUANTITY = /^([+-]?(?:\d+\.?\d*|\.\d+))(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\d+)?$/;

const SUFFIX: Readonly<Record<string, number>> = {
    n: 1e-9, u: 1e-6, m: 1e-3, "": 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
    Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
};

/** A quantity's value in thousandths of its unit (cores → millicores, bytes → millibytes), or undefined when it is not a quantity. */
export function milliValue(quantity: unknown): number | undefined {
    if (typeof quantity === "number" && Number.isFinite(quantity)) {
        return Math.ceil(quantity * 1000 - 1e-9);
    }
    if (typeof quantity !== "string") {
        return undefined;
    }
    const match = QUANTITY.exec(quantity.trim());
    if (!match) {
        return undefined;
    }
    const suffix = match[2] ?? "";
    const scale = /^[eE]/.test(suffix) ? 10 ** Number(suffix.slice(1)) : SUFFIX[suffix];
    // Rounded up as MilliValue does; the epsilon absorbs binary floating point noise (0.1 * 1000).
    return Math.ceil(Number(match[1]) * scale * 1000 - 1e-6);
}

/** Readable form of a milli-value for messages: "1500m" / "2" for cpu, "512Mi" / "3Gi" / bytes for memory and storage. */
export function formatQuantity(resource: string, milli: number): string {
    if (resource.endsWith("cpu")) {
        return milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`;
    }
    if (!/memory|storage/.test(resource)) {
        return milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`;
    }
    const bytes = milli / 1000;
    for (const [suffix, size] of [["Ti", 2 ** 40], ["Gi", 2 ** 30], ["Mi", 2 ** 20], ["Ki", 2 ** 10]] as const) {
        if (bytes >= size && bytes % size === 0) {
            return `${bytes / size}${suffix}`;
        }
    }
    return String(bytes);
}
