/**
 * Where a Helm release's chart comes from and which version it is. Without `version` Helm installs the
 * newest chart the repository offers at that moment, and a range (`^1.2`, `~1.2.0`, `>=1`, `1.x`, `*`) the
 * newest it matches: what a preview judged is not what `up` installs, and a compromised or mistaken
 * release reaches the cluster unreviewed. A repository outside the allow-list is a supplier nobody
 * approved. A chart from the program's own folder is reviewed with the program and judged by neither
 * check. On an air-gapped stack (one naming a chart mirror) require-mirrored-sources judges the
 * repository, so this rule judges the version only.
 */
import { stackConfig } from "../../lib/environment";
import { HELM_TYPES } from "../../lib/istio";
import { defineResourceRule, type Props } from "../../lib/rule";

const EXACT = /^v?\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;

/** The platform's own chart repositories (infra/versions.ts: Istio, Percona, backube, Sigstore). */
export const PLATFORM_CHART_REPOSITORIES = [
    "https://istio-release.storage.googleapis.com/charts",
    "https://percona.github.io/percona-helm-charts",
    "https://backube.github.io/helm-charts",
    "https://sigstore.github.io/helm-charts",
];

/** Whether `reference` lies under one of `prefixes` (a whole path segment, trailing slashes ignored). */
function under(reference: string, prefixes: readonly string[]): boolean {
    const ref = reference.replace(/\/+$/, "");
    return prefixes.some((prefix) => {
        const p = prefix.replace(/\/+$/, "");
        return ref === p || ref.startsWith(`${p}/`);
    });
}

interface Source {
    /** The repository the chart is fetched from, or undefined for a chart of the program's own folder. */
    readonly repository?: string;
    /** A version or digest pinned in the chart reference itself (`oci://.../chart:1.2.3`, `...@sha256:`, `chart-1.2.3.tgz`). */
    readonly pinnedInReference: boolean;
}

function sourceOf(props: Props): Source {
    const chart = String(props.chart ?? "");
    if (/^oci:\/\//.test(chart)) {
        const last = chart.split("/").pop()!;
        return { repository: chart.slice(0, chart.length - last.length - 1), pinnedInReference: /@sha256:[0-9a-f]{64}$/.test(last) || /:v?\d+\.\d+\.\d+/.test(last) };
    }
    if (/^https?:\/\//.test(chart)) {
        return { repository: chart.slice(0, chart.lastIndexOf("/")), pinnedInReference: /-v?\d+\.\d+\.\d+[^/]*\.tgz$/.test(chart) };
    }
    const repo = props.repositoryOpts?.repo;
    return typeof repo === "string" && repo !== "" ? { repository: repo, pinnedInReference: false } : { pinnedInReference: true };
}

export default defineResourceRule<{ allowedChartRepositories: string[]; chartRepositoryKey: string }>({
    name: "require-pinned-helm-charts",
    description: "Helm releases and charts must pin an exact chart version and come from an approved repository (the platform's chart repositories, the stack's chart mirror, or ones the team lists).",
    severity: "high",
    controls: ["NIST SP 800-53 SR-4", "CIS K8s 5.5.1"],
    remediation: "Set the release's `version` to an exact chart version (e.g. `1.29.0`, not `^1.29` or nothing), pinned in infra/versions.ts, and install it from an approved repository: `repositoryOpts.repo` (or an `oci://` chart) under the rule's allowedChartRepositories or the stack's `secure-platform:chartRepository` mirror.",
    config: {
        allowedChartRepositories: {
            type: "array",
            items: { type: "string" },
            default: PLATFORM_CHART_REPOSITORIES,
            description: "Chart repository URL prefixes (https:// or oci://) releases may install from, besides the stack's chart mirror.",
        },
        chartRepositoryKey: { type: "string", default: "secure-platform:chartRepository", description: "Stack config key naming the chart mirror; with it set, require-mirrored-sources judges repositories." },
    },
    resourceTypes: [...HELM_TYPES],
    validate(props, { type, name, config }, report) {
        const release = () => `${type.endsWith(":Chart") ? "Chart" : "Release"} ${props.name ?? name} (chart ${props.chart ?? "(none)"})`;
        const source = sourceOf(props);
        const version = props.version;
        if (!source.pinnedInReference && (typeof version !== "string" || !EXACT.test(version.trim()))) {
            report(`${release()} ${version === undefined || version === "" ? "sets no version, so Helm installs whatever is newest" : `asks for version ${JSON.stringify(version)}, a range Helm resolves to whatever is newest`} when it runs. Expected an exact chart version.`);
        }
        const mirror = stackConfig()[config.chartRepositoryKey];
        if (source.repository === undefined || (typeof mirror === "string" && mirror !== "")) {
            return;
        }
        if (!under(source.repository, config.allowedChartRepositories)) {
            report(`${release()} comes from ${source.repository}, which is not an approved chart repository (${config.allowedChartRepositories.join(", ")}). Expected a repository of the allow-list or the stack's chart mirror.`);
        }
    },
});
