/**
 * Which values a pinned chart reads: its templates scanned once (lazily, cached per chart), plus, for
 * istiod, the injection templates its injector renders later with part of the chart's values.
 */
import type { PinnedChart } from "./pinned-charts";
import { emptyScan, scanTemplates, TemplateScan, ValuePath } from "./template-reads";

/** A chart's reads with its aliases applied: what a value path given to the chart does. */
export interface ChartReads {
    readonly scan: TemplateScan;
    /** True when the chart reads the value at `path` (or a path it is copied to). */
    reads(path: ValuePath): boolean;
    /** True when the chart looks at anything at or below `path` (or where it is copied to). */
    touches(path: ValuePath): boolean;
}

/**
 * istiod's sidecar injector: templates/istiod-injector-configmap.yaml writes part of the chart's values
 * into the `istio-sidecar-injector` ConfigMap (`values:`) together with the injection templates from
 * files/ (`config:`), and istiod renders those templates with those values when a pod is created. The
 * dump itself uses nothing; what the injection templates read is what the chart reads.
 */
export const ISTIOD_INJECTOR = {
    configMap: "templates/istiod-injector-configmap.yaml",
    /** The lines that dump the values, from the first to the last. */
    dumpStart: "{{ $vals := pick .Values",
    dumpEnd: "{{ $vals | toPrettyJson | indent 4 }}",
} as const;

/**
 * What the injection templates see as `.Values`, read from the dump's `pick` lines: top-level keys kept
 * as they are, `pilot` made of some top-level keys, `gateways` of some keys of `.Values.gateways`.
 */
export function injectorValueMap(dump: string): (path: ValuePath) => ValuePath | undefined {
    const keys = (pattern: RegExp): string[] => {
        const match = pattern.exec(dump);
        if (!match) {
            throw new Error(`the injector's values no longer match ${pattern}`);
        }
        return [...match[1].matchAll(/"([^"]+)"/g)].map((m) => m[1]);
    };
    const top = keys(/\$vals := pick \.Values((?:\s+"[^"]+")+)/);
    const pilot = keys(/\$pilotVals := pick \.Values((?:\s+"[^"]+")+)/);
    const gateways = keys(/\$gatewayVals := pick \.Values\.gateways((?:\s+"[^"]+")+)/);
    return (path) => {
        const [head, next] = path;
        if (top.includes(head)) {
            return path;
        }
        if (head === "pilot" && pilot.includes(next)) {
            return path.slice(1);
        }
        if (head === "gateways" && gateways.includes(next)) {
            return path;
        }
        return undefined;
    };
}

const cache = new WeakMap<PinnedChart, ChartReads>();

/** The templates that count: every file under templates/ but NOTES.txt (text shown after install, no resource). */
function renderedTemplates(chart: PinnedChart): { file: string; text: string }[] {
    return [...chart.templates].filter(([file]) => !file.endsWith("NOTES.txt")).map(([file, text]) => ({ file, text }));
}

export function chartReads(chart: PinnedChart): ChartReads {
    const cached = cache.get(chart);
    if (cached) {
        return cached;
    }
    const scan = emptyScan();
    const templates = renderedTemplates(chart);
    const injector = templates.find((t) => t.file === ISTIOD_INJECTOR.configMap);
    if (injector) {
        const start = injector.text.indexOf(ISTIOD_INJECTOR.dumpStart);
        const end = injector.text.indexOf(ISTIOD_INJECTOR.dumpEnd);
        if (start < 0 || end < start) {
            throw new Error(`${chart.folder}/${injector.file} no longer dumps the injector's values as preflight expects`);
        }
        const dump = injector.text.slice(start, end + ISTIOD_INJECTOR.dumpEnd.length);
        const rest = injector.text.slice(0, start) + injector.text.slice(end + ISTIOD_INJECTOR.dumpEnd.length);
        scanTemplates(templates.map((t) => (t === injector ? { file: t.file, text: rest } : t)), scan);
        const injectionTemplates = [...injector.text.matchAll(/\.Files\.Get "(files\/[^"]+)"/g)].map((m) => m[1]);
        scanTemplates(injectionTemplates.map((file) => ({ file, text: chart.file(file) ?? "" })), scan, { mapPath: injectorValueMap(dump) });
    } else {
        scanTemplates(templates, scan);
    }
    const aliases = [...scan.mergedIntoDefaults, ...scan.descoped];
    /** The path and every path it is copied to by the chart's merges. */
    const candidates = (path: ValuePath): ValuePath[] => [
        path,
        ...aliases.filter((alias) => alias.length <= path.length && alias.every((segment, i) => path[i] === segment)).map((alias) => path.slice(alias.length)),
    ];
    const reads: ChartReads = {
        scan,
        reads: (path) => candidates(path).some((p) => scan.reads.reads(p)),
        touches: (path) => candidates(path).some((p) => scan.reads.touches(p)),
    };
    cache.set(chart, reads);
    return reads;
}
