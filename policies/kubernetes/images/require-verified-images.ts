import { globsMatcher, isDigestPinned, OPT_IN_LABEL, stackImageGlobs } from "../../lib/image-policy-globs";
import { containersOf, podSpecOf, where, WORKLOAD_TYPE_LIST } from "../../lib/pod-spec";
import { defineStackRule } from "../../lib/rule";
import { ofType } from "../../lib/values";

/**
 * Complements require-trusted-images (which trusts a versioned tag from an approved registry): in a namespace whose
 * pods the image-verification controller judges, a tag is admitted only when a ClusterImagePolicy covers the image
 * (its signature is verified and the tag resolved to a digest at admission); anything else must be pinned by digest.
 * What this rule reports, the controller would refuse at `pulumi up`, after everything before it was deployed.
 */
export default defineStackRule<{ verifiedNamespaces: string[] }>({
    name: "require-verified-images",
    description: "In namespaces the image-verification controller judges (labelled policy.sigstore.dev/include: \"true\", or listed in the rule's config), every workload image must be pinned by digest or covered by a ClusterImagePolicy the stack declares (signed images of the platform's own, or the pinned third-party images).",
    severity: "high",
    controls: ["CIS K8s 5.5.1", "NIST SP 800-53 SI-7", "CIS EKS 5.1.4"],
    remediation: "Pin the image by digest (`<registry>/<repository>@sha256:<digest>`), or, for an image of the platform's own, push it under a glob of `secure-platform:imageVerification.images` and sign it with the identity or key the stack names (README, \"Signing an application image so it is admitted\").",
    config: {
        verifiedNamespaces: {
            type: "array",
            items: { type: "string" },
            default: [],
            description: "Namespaces judged as verified even when the stack does not create them with the opt-in label (namespaces created elsewhere and labelled there).",
        },
    },
    validate(resources, { config }, report) {
        const verified = new Set<string>(config.verifiedNamespaces);
        for (const namespace of ofType(resources, "kubernetes:core/v1:Namespace")) {
            const name = namespace.props.metadata?.name;
            if (typeof name === "string" && namespace.props.metadata?.labels?.[OPT_IN_LABEL] === "true") {
                verified.add(name);
            }
        }
        if (verified.size === 0) {
            return;
        }
        const globs = stackImageGlobs(resources);
        const covered = globsMatcher(globs);
        for (const type of WORKLOAD_TYPE_LIST) {
            for (const workload of ofType(resources, type)) {
                const namespace = workload.props.metadata?.namespace ?? "default";
                if (typeof namespace !== "string" || !verified.has(namespace)) {
                    continue;
                }
                const spec = podSpecOf(type, workload.props);
                if (!spec) {
                    continue;
                }
                for (const ref of containersOf(spec)) {
                    const image = ref.container.image;
                    if (typeof image !== "string" || isDigestPinned(image) || covered(image)) {
                        continue;
                    }
                    report(workload, `${type.split(":").pop()} ${namespace}/${workload.props.metadata?.name ?? workload.name}: ${where(ref)} uses ${image}, which is neither pinned by digest nor covered by a ClusterImagePolicy (${globs.length > 0 ? `globs: ${globs.join(", ")}` : "the stack declares none"}); the admission controller refuses the pod. Expected <image>@sha256:<digest>, or an image of the platform's own under a verified glob.`);
                }
            }
        }
    },
});
