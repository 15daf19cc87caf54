import { defineResourceRule } from "../../lib/rule";
import { list } from "../../lib/values";

const TEMPLATE = "aws:ecr/repositoryCreationTemplate:RepositoryCreationTemplate";

/**
 * Repositories and the creation templates ECR creates repositories from are judged apart. A template
 * that applies only to pull-through cache repositories may keep tags mutable: ECR refreshes a cached tag
 * from its upstream registry, and an immutable tag would stop it (the platform's image cache, README
 * "Images on AWS", infra/aws/image-cache.ts). What those repositories hold is an upstream's tags, and
 * nodes should pin images by digest or version; a template that also serves CREATE_ON_PUSH or REPLICATION
 * creates repositories a team pushes to, which must be immutable.
 */
export default defineResourceRule<{ allowMutablePullThroughCache: boolean }>({
    name: "require-immutable-image-tags",
    description: "ECR repositories, and the creation templates ECR creates repositories from, must make image tags immutable; a template for pull-through cache repositories only may keep them mutable so ECR can refresh cached tags.",
    severity: "medium",
    controls: ["FSBP ECR.2"],
    remediation: "Set `imageTagMutability: \"IMMUTABLE\"` on the aws.ecr.Repository or aws.ecr.RepositoryCreationTemplate, and push every build under a new tag (a version or the commit) instead of moving one.",
    config: {
        allowMutablePullThroughCache: {
            type: "boolean",
            default: true,
            description: "Let a creation template whose appliedFors is only PULL_THROUGH_CACHE keep tags MUTABLE, so ECR can refresh cached tags from upstream.",
        },
    },
    resourceTypes: ["aws:ecr/repository:Repository", TEMPLATE],
    validate(props, { type, config }, report) {
        const mutability = props.imageTagMutability;
        if (mutability === "IMMUTABLE") {
            return;
        }
        if (type === TEMPLATE && config.allowMutablePullThroughCache) {
            const appliedFor = list(props.appliedFors).map(String);
            if (appliedFor.length > 0 && appliedFor.every((feature) => feature === "PULL_THROUGH_CACHE")) {
                return;
            }
        }
        const found = mutability === undefined ? "not set (the default is MUTABLE)" : String(mutability);
        const excluded = mutability === "IMMUTABLE_WITH_EXCLUSION" ? ": tags matching imageTagMutabilityExclusionFilters can still be moved" : "";
        const what = type === TEMPLATE ? `the repositories the template creates for ${list(props.appliedFors).join(", ")}` : "the repository";
        report(`imageTagMutability is ${found}${excluded}; a push can move a tag in ${what} to another image, so a deployment of that tag runs what was pushed last; expected IMMUTABLE.`);
    },
});
