/**
 * Helm values as the chart reads them. For each Helm release the program installs:
 * - the chart and version must be pinned in infra/upstream/charts/ (otherwise nothing below can be judged);
 * - every value the program passes must be read by the chart's templates (the value itself, or an ancestor
 *   the templates use whole, e.g. `toYaml .Values.nodeSelector`): Helm accepts any value and silently
 *   ignores one no template reads, so a misspelt or misplaced setting changes nothing;
 * - the chart's values.schema.json, where it ships one, must accept the values (Helm refuses the release).
 */
import Ajv, { ErrorObject, ValidateFunction } from "ajv";
import { chartReads, ChartReads } from "./charts/chart-reads";
import { coalesceValues, isPlainObject } from "./charts/chart-values";
import { PINNED_CHARTS_DIR, pinnedChart, pinnedChartFolders, PinnedChart } from "./charts/pinned-charts";
import type { PreflightCheck, PreflightFinding } from "./finding";
import { HelmRelease, isUnknown, Plain, PreflightStack } from "./stack";

const CHECK = "helm-values";

/** Where the program builds each chart's values, for fixes. */
const VALUE_BUILDERS: Readonly<Record<string, string>> = {
    base: "the `istio-base` release in IstioMesh (infra/k8s/mesh/istio-mesh.ts)",
    cni: "the `istio-cni` release's values in IstioMesh (infra/k8s/mesh/istio-mesh.ts)",
    istiod: "istiodValues (infra/k8s/mesh/istio-mesh.ts)",
    gateway: "gatewayValues (infra/k8s/mesh/istio-mesh.ts)",
    "psmdb-operator": "operatorValues (infra/k8s/mongodb/percona-mongodb.ts)",
    "psmdb-operator-crds": "the `psmdb-operator-crds` release in PerconaMongoDb (infra/k8s/mongodb/percona-mongodb.ts)",
    snapscheduler: "snapschedulerValues (infra/k8s/storage/scheduled-snapshots.ts)",
    "policy-controller": "policyControllerValues (infra/k8s/admission/image-verification.ts)",
};
/** Istio's image values, set by one function for every Istio chart. */
const ISTIO_IMAGE_VALUES = ["hub", "tag", "imagePullSecrets"];
const ISTIO_CHARTS = ["base", "cni", "istiod", "gateway"];

/** The program function (and file) that builds the value at `path` of a release of `chart`. */
export function valueBuilder(chart: string, path: readonly (string | number)[]): string {
    if (ISTIO_CHARTS.includes(chart) && path[0] === "global" && ISTIO_IMAGE_VALUES.includes(String(path[1]))) {
        return "imageValues (infra/k8s/mesh/istio-mesh.ts)";
    }
    return VALUE_BUILDERS[chart] ?? "the code that creates this release";
}

/** `values.a.b[0]["c.d"]`: a value path as the findings show it. */
export function valuesPath(path: readonly (string | number)[]): string {
    return path.reduce<string>((out, segment) => {
        if (typeof segment === "number") {
            return `${out}[${segment}]`;
        }
        return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(segment) ? `${out}.${segment}` : `${out}[${JSON.stringify(segment)}]`;
    }, "values");
}

/** A value path without its `values` prefix, for messages. */
function shortPath(path: readonly (string | number)[]): string {
    return valuesPath(path).replace(/^values\.?/, "");
}

/**
 * The paths of `values` no template of the chart reads: a leaf the chart never reads, or the top of a
 * subtree the chart never looks into (reported once, not leaf by leaf). List items are matched as `*`.
 */
export function unreadValues(values: Plain, reads: ChartReads): (string | number)[][] {
    const unread: (string | number)[][] = [];
    const visit = (value: unknown, shown: (string | number)[], matched: string[]): void => {
        if (isUnknown(value)) {
            return;
        }
        if (matched.length > 0) {
            if (reads.reads(matched)) {
                return;
            }
            if (!reads.touches(matched)) {
                unread.push(shown);
                return;
            }
        }
        if (isPlainObject(value) && Object.keys(value).length > 0) {
            for (const [key, child] of Object.entries(value)) {
                visit(child, [...shown, key], [...matched, key]);
            }
        } else if (Array.isArray(value) && value.length > 0) {
            value.forEach((child, index) => visit(child, [...shown, index], [...matched, "*"]));
        } else if (matched.length > 0) {
            // The chart reads something below this value, but not the value as given (a scalar where it expects a map).
            unread.push(shown);
        }
    };
    visit(values, [], []);
    return unread;
}

/** Removes values a preview does not know yet, so the schema judges only what is known. */
function withoutUnknowns(value: unknown): unknown {
    if (Array.isArray(value)) {
        return value.filter((v) => !isUnknown(v)).map(withoutUnknowns);
    }
    if (isPlainObject(value)) {
        return Object.fromEntries(Object.entries(value).filter(([, v]) => !isUnknown(v)).map(([k, v]) => [k, withoutUnknowns(v)]));
    }
    return value;
}

const validators = new WeakMap<PinnedChart, ValidateFunction>();

function schemaValidator(chart: PinnedChart, schema: Plain): ValidateFunction {
    let validate = validators.get(chart);
    if (!validate) {
        // Helm validates with the schema's own draft; Ajv knows the keywords these charts use, not the
        // `http://json-schema.org/schema#` meta-schema some of them name.
        const withoutMetaSchema = { ...schema };
        delete withoutMetaSchema.$schema;
        validate = new Ajv({ allErrors: true, strict: false }).compile(withoutMetaSchema);
        validators.set(chart, validate);
    }
    return validate;
}

/** The value path an Ajv error is about (the offending property for `additionalProperties`). */
function errorPath(error: ErrorObject): (string | number)[] {
    const path: (string | number)[] = error.instancePath.split("/").slice(1).map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~")).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
    if (error.keyword === "additionalProperties" && typeof error.params.additionalProperty === "string") {
        path.push(error.params.additionalProperty);
    }
    return path;
}

function releaseName(release: HelmRelease): string {
    return `release ${release.releaseName} (chart ${release.chart} ${release.version ?? "without a version"})`;
}

function judgeRelease(release: HelmRelease, pinnedFolders: () => string): PreflightFinding[] {
    const urn = release.resource.urn;
    if (!release.version || isUnknown(release.version)) {
        return [{
            check: CHECK,
            urn,
            path: "version",
            refusedBy: "preflight",
            message: `${releaseName(release)} names no chart version: Helm installs whatever is newest, which preflight cannot judge`,
            fix: `pin the chart's version in infra/versions.ts and pass it as the release's \`version\``,
        }];
    }
    const chart = pinnedChart(release.chart, release.version);
    if (!chart) {
        return [{
            check: CHECK,
            urn,
            path: "version",
            refusedBy: "preflight",
            message: `preflight cannot judge ${releaseName(release)}: the chart is not pinned in infra/upstream/charts/ (pinned: ${pinnedFolders()})`,
            fix: `copy chart ${release.chart} ${release.version}'s Chart.yaml, values.yaml, values.schema.json, templates/ and files/ unchanged into infra/upstream/charts/${release.chart}@${release.version}/ and list them in its SOURCES.md`,
        }];
    }
    if (isUnknown(release.values) || !isPlainObject(release.values)) {
        return [];
    }
    const findings: PreflightFinding[] = [];
    const reads = chartReads(chart);
    for (const path of unreadValues(release.values, reads)) {
        findings.push({
            check: CHECK,
            urn,
            path: valuesPath(path),
            refusedBy: "the chart",
            message: `${releaseName(release)}: the chart never reads ${shortPath(path)} (no template of ${chart.folder} uses it), so the value has no effect`,
            fix: `remove ${shortPath(path)} from ${valueBuilder(release.chart, path)}, or set the value the chart reads instead (see ${chart.folder}/values.yaml)`,
        });
    }
    if (chart.schema) {
        const validate = schemaValidator(chart, chart.schema);
        if (!validate(withoutUnknowns(coalesceValues(chart.values, release.values)))) {
            for (const error of validate.errors ?? []) {
                const path = errorPath(error);
                findings.push({
                    check: CHECK,
                    urn,
                    path: valuesPath(path),
                    refusedBy: "Helm",
                    message: `Helm refuses ${releaseName(release)}: ${chart.folder}/values.schema.json says ${shortPath(path) || "the values"} ${error.message ?? "is invalid"}${error.keyword === "enum" ? ` (${(error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")})` : ""}`,
                    fix: `change ${shortPath(path) || "the values"} in ${valueBuilder(release.chart, path)} to what the chart's values.schema.json allows`,
                });
            }
        }
    }
    return findings;
}

export const helmValuesCheck: PreflightCheck<PreflightStack> = {
    name: CHECK,
    description: "Helm installs each release from its pinned chart: the chart and version are pinned, every value the program passes is read by the chart's templates, and the values pass the chart's values.schema.json.",
    run(stack) {
        let folders: string | undefined;
        const pinnedFolders = () => (folders ??= pinnedChartFolders(PINNED_CHARTS_DIR).map((f) => `${f.name}@${f.version}`).join(", "));
        return stack.helmReleases.flatMap((release) => judgeRelease(release, pinnedFolders));
    },
};
