import { ECR_REGISTRY_CONFIG, stackEcrRegistry } from "../../lib/ecr-registry";
import { stackConfig } from "../../lib/environment";
import { PERCONA_MONGODB_TYPES } from "../../lib/percona";
import { containersOf, podSpecOf, where, WORKLOAD_TYPE_LIST } from "../../lib/pod-spec";
import { defineResourceRule, type Props } from "../../lib/rule";
import { list } from "../../lib/values";

/** Helm resources that fetch a chart by name: a v3 Release (by the provider) and a v4 Chart. */
const CHART_TYPES = ["kubernetes:helm.sh/v3:Release", "kubernetes:helm.sh/v4:Chart"] as const;

/**
 * Charts whose default images live in public registries, and the values that move each image (any one
 * of a group): a Release of one of these on an air-gapped stack must set them, or the chart pulls from
 * upstream.
 */
export const CHART_IMAGE_VALUES: Readonly<Record<string, readonly (readonly string[])[]>> = {
    cni: [["global.hub", "hub"]],
    istiod: [["global.hub"]],
    "psmdb-operator": [["image.repository"]],
    snapscheduler: [["image.image", "image.repository"], ["rbacProxy.image.image", "rbacProxy.image.repository"]],
    "policy-controller": [["webhook.image.repository"]],
};

interface Sources {
    readonly registries: readonly string[];
    readonly chartRepositories: readonly string[];
}

/** Whether `reference` (an image, a hub, a chart URL) lies under one of `prefixes`. */
function under(reference: string, prefixes: readonly string[]): boolean {
    return prefixes.some((prefix) => reference === prefix || reference.startsWith(`${prefix.replace(/\/$/, "")}/`));
}

/** Every image reference in chart values: `image` strings, `image: {registry?, repository}` objects and `hub`s. */
export function imagesInValues(values: unknown, path: string[] = []): Array<{ path: string; reference: string }> {
    if (Array.isArray(values)) {
        return values.flatMap((item, i) => imagesInValues(item, [...path, String(i)]));
    }
    if (typeof values !== "object" || values === null) {
        return [];
    }
    const found: Array<{ path: string; reference: string }> = [];
    for (const [key, value] of Object.entries(values as Props)) {
        const at = [...path, key];
        if ((key === "image" || key === "initImage" || key === "hub") && typeof value === "string" && value !== "" && value !== "auto") {
            found.push({ path: at.join("."), reference: value });
        } else if (key === "image" && typeof value === "object" && value !== null && typeof (value as Props).repository === "string") {
            const image = value as Props;
            found.push({ path: `${at.join(".")}.repository`, reference: image.registry ? `${image.registry}/${image.repository}` : image.repository });
        } else {
            found.push(...imagesInValues(value, at));
        }
    }
    return found;
}

export default defineResourceRule<{
    mirrorKey: string;
    chartRepositoryKey: string;
    allowedRegistries: string[];
    allowedChartRepositories: string[];
    ecrAccountKeys: string[];
    ecrRegionKey: string;
}>({
    name: "require-mirrored-sources",
    description: "On an air-gapped stack (one that names a registry mirror, or a pack configured with allowed registries), every image and every chart comes from the mirror; on an AWS stack every image comes from the stack's own ECR registry (its pull-through cache), the one registry nodes without internet access reach: chart repositories, images and registry hubs in chart values, database images, and workload containers.",
    severity: "high",
    controls: ["CIS K8s 5.5.1"],
    remediation: "Set `secure-platform:chartRepository` to your chart mirror and `secure-platform:registryMirror` to your registry mirror, and override every image of a chart (e.g. Istio's `global.hub`, an operator's `image.repository`) with the mirrored path `<mirror>/<repository>`. On AWS, pull through the stack's ECR pull-through cache instead: `<account>.dkr.ecr.<region>.amazonaws.com/<cache prefix>/<repository>`.",
    config: {
        ...ECR_REGISTRY_CONFIG,
        mirrorKey: { type: "string", default: "secure-platform:registryMirror", description: "Stack config key naming the registry mirror (host[:port][/path]); when set, the stack is treated as air-gapped." },
        chartRepositoryKey: { type: "string", default: "secure-platform:chartRepository", description: "Stack config key naming the chart repository mirror." },
        allowedRegistries: { type: "array", items: { type: "string" }, default: [], description: "Registry prefixes every image must come from, for stacks that do not name a mirror." },
        allowedChartRepositories: { type: "array", items: { type: "string" }, default: [], description: "Chart repository URL prefixes every chart must come from, for stacks that do not name a mirror." },
    },
    resourceTypes: [...CHART_TYPES, ...PERCONA_MONGODB_TYPES, ...WORKLOAD_TYPE_LIST],
    validate(props, { type, config }, report) {
        const stack = stackConfig();
        const mirror = stack[config.mirrorKey];
        const chartMirror = stack[config.chartRepositoryKey];
        // An AWS stack's own registry takes its images; its charts are fetched by Helm where `pulumi up` runs.
        const ownRegistry = stackEcrRegistry(stack, config);
        const sources: Sources = {
            registries: [...(mirror ? [mirror] : []), ...config.allowedRegistries, ...(ownRegistry ? [ownRegistry] : [])],
            chartRepositories: [...(chartMirror ? [chartMirror] : []), ...config.allowedChartRepositories],
        };
        const airGapped = Boolean(mirror) || config.allowedRegistries.length > 0 || sources.chartRepositories.length > 0;
        if (sources.registries.length === 0 && !airGapped) {
            return;
        }
        const checkImage = (what: string, reference: string) => {
            if (sources.registries.length === 0) {
                return;
            }
            if (!under(reference, sources.registries)) {
                report(`${what} pulls ${reference}, outside the mirror (${sources.registries.join(", ")}).`);
            }
        };
        if ((CHART_TYPES as readonly string[]).includes(type)) {
            const release = `${type.endsWith(":Chart") ? "Chart" : "Release"} ${props.name ?? "(unnamed)"}`;
            const chart = String(props.chart ?? "");
            const repository = chart.startsWith("oci://") ? chart : props.repositoryOpts?.repo;
            if (airGapped && repository !== undefined && repository !== null && !under(String(repository), sources.chartRepositories)) {
                report(`${release} installs its chart from ${repository}, outside the chart mirror (${sources.chartRepositories.join(", ") || "none configured"}).`);
            }
            const images = imagesInValues(props.values ?? {});
            for (const { path, reference } of images) {
                checkImage(`${release} (values.${path})`, reference);
            }
            const chartName = chart.split("/").pop() ?? chart;
            for (const paths of sources.registries.length > 0 ? CHART_IMAGE_VALUES[chartName] ?? [] : []) {
                if (!images.some((image) => paths.includes(image.path))) {
                    report(`${release} leaves values.${paths.join(" (or values.")}${paths.length > 1 ? ")" : ""} unset: chart ${chartName} then pulls that image from its public registry.`);
                }
            }
            return;
        }
        if ((PERCONA_MONGODB_TYPES as readonly string[]).includes(type)) {
            const spec = props.spec ?? {};
            const database = `PerconaServerMongoDB ${props.metadata?.name ?? "(unnamed)"}`;
            if (sources.registries.length > 0 && typeof spec.image !== "string") {
                report(`${database} sets no spec.image: the operator then pulls its default image from a public registry.`);
            }
            if (sources.registries.length > 0 && spec.backup?.enabled === true && typeof spec.backup?.image !== "string") {
                report(`${database} enables backups without spec.backup.image: the backup agent then comes from a public registry.`);
            }
            const images: Array<[string, unknown]> = [
                ["spec.image", spec.image],
                ["spec.initImage", spec.initImage],
                ["spec.backup.image", spec.backup?.enabled === false ? undefined : spec.backup?.image],
                ["spec.pmm.image", spec.pmm?.enabled === true ? spec.pmm?.image : undefined],
                ...list(spec.replsets).flatMap((replset) => list(replset.sidecars).map((sidecar): [string, unknown] => [`replset ${replset.name} sidecar ${sidecar.name}`, sidecar.image])),
            ];
            for (const [path, reference] of images) {
                if (typeof reference === "string" && reference !== "") {
                    checkImage(`${database} (${path})`, reference);
                }
            }
            return;
        }
        const podSpec = podSpecOf(type, props);
        if (podSpec) {
            for (const ref of containersOf(podSpec)) {
                checkImage(`${type.split(":").pop()} ${props.metadata?.name ?? "(unnamed)"} ${where(ref)}`, String(ref.container.image ?? ""));
            }
        }
    },
});
