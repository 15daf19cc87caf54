/**
 * The Helm charts pinned in infra/upstream/charts/ (see its SOURCES.md), indexed by chart name and
 * version: `<chart>@<version>/` holds the chart's Chart.yaml, values.yaml, values.schema.json, templates/
 * and the files/ its templates read. Each chart is read from disk once per process, when first asked for.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import type { Plain } from "../stack";

/** Where the pinned charts live, beside infra/versions.ts. */
export const PINNED_CHARTS_DIR = path.resolve(__dirname, "..", "..", "..", "infra", "upstream", "charts");

export interface PinnedChart {
    /** The chart's name as a release names it (`cni`, `istiod`, `psmdb-operator`). */
    readonly name: string;
    readonly version: string;
    /** Chart.yaml's `appVersion`: the version of what the chart installs. */
    readonly appVersion?: string;
    /** The chart's folder, for messages: `infra/upstream/charts/cni@1.29.0`. */
    readonly folder: string;
    /** The chart's values.yaml (its defaults). */
    readonly values: Plain;
    /** The chart's values.schema.json, where it ships one. */
    readonly schema?: Plain;
    /** Every file under templates/ by its path in the chart (`templates/deployment.yaml`). */
    readonly templates: ReadonlyMap<string, string>;
    /** A file of the chart by its path in the chart (`files/injection-template.yaml`), read when first asked. */
    file(relative: string): string | undefined;
}

const cache = new Map<string, PinnedChart | null>();

/** `<chart>@<version>` folder names. */
export function pinnedChartFolders(dir: string = PINNED_CHARTS_DIR): { name: string; version: string }[] {
    return fs.readdirSync(dir, { withFileTypes: true })
        .filter((entry) => entry.isDirectory() && entry.name.includes("@"))
        .map((entry) => {
            const at = entry.name.lastIndexOf("@");
            return { name: entry.name.slice(0, at), version: entry.name.slice(at + 1) };
        })
        .sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
}

function readTree(root: string, sub: string): Map<string, string> {
    const out = new Map<string, string>();
    const dir = path.join(root, sub);
    if (!fs.existsSync(dir)) {
        return out;
    }
    for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
        if (entry.isFile()) {
            const full = path.join(entry.parentPath, entry.name);
            out.set(path.relative(root, full).split(path.sep).join("/"), fs.readFileSync(full, "utf8"));
        }
    }
    return new Map([...out].sort(([a], [b]) => a.localeCompare(b)));
}

/** The pinned chart `name` at `version`, or undefined when it is not pinned. */
export function pinnedChart(name: string, version: string, dir: string = PINNED_CHARTS_DIR): PinnedChart | undefined {
    const key = `${dir}\0${name}@${version}`;
    const cached = cache.get(key);
    if (cached !== undefined) {
        return cached ?? undefined;
    }
    const root = path.join(dir, `${name}@${version}`);
    if (!fs.existsSync(path.join(root, "Chart.yaml"))) {
        cache.set(key, null);
        return undefined;
    }
    const chartYaml = parse(fs.readFileSync(path.join(root, "Chart.yaml"), "utf8")) as Plain;
    if (chartYaml.name !== name) {
        throw new Error(`${path.relative(process.cwd(), root)}/Chart.yaml names the chart ${JSON.stringify(chartYaml.name)}, not ${name}`);
    }
    const schemaFile = path.join(root, "values.schema.json");
    const files = new Map<string, string | undefined>();
    const chart: PinnedChart = {
        name,
        version,
        ...(chartYaml.appVersion !== undefined ? { appVersion: String(chartYaml.appVersion) } : {}),
        folder: path.relative(path.resolve(dir, "..", "..", ".."), root).split(path.sep).join("/"),
        values: (parse(fs.readFileSync(path.join(root, "values.yaml"), "utf8")) ?? {}) as Plain,
        ...(fs.existsSync(schemaFile) ? { schema: JSON.parse(fs.readFileSync(schemaFile, "utf8")) as Plain } : {}),
        templates: readTree(root, "templates"),
        file(relative: string) {
            if (!files.has(relative)) {
                const full = path.join(root, relative);
                files.set(relative, fs.existsSync(full) ? fs.readFileSync(full, "utf8") : undefined);
            }
            return files.get(relative);
        },
    };
    cache.set(key, chart);
    return chart;
}
