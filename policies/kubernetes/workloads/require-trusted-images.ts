import { ECR_REGISTRY_CONFIG, stackEcrRegistry } from "../../lib/ecr-registry";
import { stackConfig } from "../../lib/environment";
import { containersOf, where } from "../../lib/pod-spec";
import { defineWorkloadRule } from "../../lib/workload-rule";

/** "registry.example.com/team/app" → "registry.example.com"; images without a host come from Docker Hub. */
export function registryOf(image: string): string {
    const first = image.split("/")[0];
    return image.includes("/") && (first.includes(".") || first.includes(":") || first === "localhost") ? first : "docker.io";
}

/** Whether `image` lies under the registry path `mirror` (`host[:port][/path]`), a whole path segment at a time. */
function underMirror(image: string, mirror: string): boolean {
    const prefix = mirror.replace(/\/+$/, "");
    return prefix !== "" && image.startsWith(`${prefix}/`);
}

export default defineWorkloadRule<{ allowedRegistries: string[]; ecrAccountKeys: string[]; ecrRegionKey: string; mirrorKey: string }>({
    name: "require-trusted-images",
    description: "Container images must be pinned by digest, or come from an approved registry (a listed one, an AWS stack's own ECR registry, or the stack's registry mirror) with an explicit tag other than latest.",
    severity: "high",
    controls: ["CIS K8s 5.5.1"],
    remediation: "Reference images as `<registry>/<repository>@sha256:<digest>`, or pull them from the stack's own ECR registry, its `secure-platform:registryMirror` or a registry listed in the rule's allowedRegistries, with explicit version tags.",
    config: {
        ...ECR_REGISTRY_CONFIG,
        mirrorKey: { type: "string", default: "secure-platform:registryMirror", description: "Stack config key naming the registry mirror (host[:port][/path]) whose tagged images are trusted, as an on-prem stack pulls every image from it." },
        allowedRegistries: {
            type: "array",
            items: { type: "string" },
            default: [],
            description: "Registries (host names) whose tagged images are trusted, e.g. your mirror; images from anywhere else must be pinned by digest.",
        },
    },
    validate(spec, workload, report) {
        // An AWS stack's own registry holds only what its pull-through cache imported and scanned, or its own pushes.
        const stack = stackConfig();
        const ownRegistry = stackEcrRegistry(stack, workload.config);
        const approved = [...workload.config.allowedRegistries, ...(ownRegistry ? [ownRegistry] : [])];
        // An on-prem stack's mirror holds only what its operators copied in (README, "Air-gapped").
        const mirror = stack[workload.config.mirrorKey];
        for (const ref of containersOf(spec)) {
            const image = String(ref.container.image ?? "");
            if (/@sha256:[0-9a-f]{64}$/.test(image)) {
                continue;
            }
            const tag = /:([^/:]+)$/.exec(image)?.[1];
            if (!approved.includes(registryOf(image)) && !(typeof mirror === "string" && underMirror(image, mirror))) {
                report(`${workload.kind} ${workload.name}: ${where(ref)} uses ${image || "no image"}, which is neither pinned by digest nor from an approved registry.`);
            } else if (tag === undefined || tag === "latest") {
                report(`${workload.kind} ${workload.name}: ${where(ref)} uses ${image} without an explicit version tag.`);
            }
        }
    },
});
