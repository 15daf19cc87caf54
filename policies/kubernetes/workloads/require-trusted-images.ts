import { ECR_REGISTRY_CONFIG, stackEcrRegistry } from "../../lib/ecr-registry";
import { stackConfig } from "../../lib/environment";
import { containersOf, where } from "../../lib/pod-spec";
import { defineWorkloadRule } from "../../lib/workload-rule";

/** "registry.example.com/team/app" → "registry.example.com"; images without a host come from Docker Hub. */
export function registryOf(image: string): string {
    const first = image.split("/")[0];
    return image.includes("/") && (first.includes(".") || first.includes(":") || first === "localhost") ? first : "docker.io";
}

export default defineWorkloadRule<{ allowedRegistries: string[]; ecrAccountKeys: string[]; ecrRegionKey: string }>({
    name: "require-trusted-images",
    description: "Container images must be pinned by digest, or come from an approved registry (a listed one, or an AWS stack's own ECR registry) with an explicit tag other than latest.",
    severity: "high",
    controls: ["CIS K8s 5.5.1"],
    remediation: "Reference images as `<registry>/<repository>@sha256:<digest>`, or pull them from the stack's own ECR registry or a mirror listed in the rule's allowedRegistries, with explicit version tags.",
    config: {
        ...ECR_REGISTRY_CONFIG,
        allowedRegistries: {
            type: "array",
            items: { type: "string" },
            default: [],
            description: "Registries (host names) whose tagged images are trusted, e.g. your mirror; images from anywhere else must be pinned by digest.",
        },
    },
    validate(spec, workload, report) {
        // An AWS stack's own registry holds only what its pull-through cache imported and scanned, or its own pushes.
        const ownRegistry = stackEcrRegistry(stackConfig(), workload.config);
        const approved = [...workload.config.allowedRegistries, ...(ownRegistry ? [ownRegistry] : [])];
        for (const ref of containersOf(spec)) {
            const image = String(ref.container.image ?? "");
            if (/@sha256:[0-9a-f]{64}$/.test(image)) {
                continue;
            }
            const tag = /:([^/:]+)$/.exec(image)?.[1];
            if (!approved.includes(registryOf(image))) {
                report(`${workload.kind} ${workload.name}: ${where(ref)} uses ${image || "no image"}, which is neither pinned by digest nor from an approved registry.`);
            } else if (tag === undefined || tag === "latest") {
                report(`${workload.kind} ${workload.name}: ${where(ref)} uses ${image} without an explicit version tag.`);
            }
        }
    },
});
