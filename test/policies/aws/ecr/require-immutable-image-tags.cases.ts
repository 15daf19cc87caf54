import { ruleCases, unknown } from "../../../harness/policy-cases";
import { cacheTemplate, repository } from "./baseline";

export default ruleCases("require-immutable-image-tags", {
    compliant: [
        { name: "a repository with immutable tags", resources: [repository("app")] },
        { name: "the platform's pull-through cache template, mutable on purpose", resources: [cacheTemplate("image-cache-docker-hub")] },
        { name: "a create-on-push template with immutable tags", resources: [cacheTemplate("pushed", { prefix: "team", appliedFors: ["CREATE_ON_PUSH"], imageTagMutability: "IMMUTABLE" })] },
    ],
    violating: [
        { name: "a repository with mutable tags", resources: [repository("app", { imageTagMutability: "MUTABLE" })], message: /imageTagMutability is MUTABLE; a push can move a tag in the repository to another image/ },
        { name: "a repository without the setting", resources: [repository("app", { imageTagMutability: undefined })], message: /imageTagMutability is not set \(the default is MUTABLE\)/ },
        { name: "a repository with exclusions", resources: [repository("app", { imageTagMutability: "IMMUTABLE_WITH_EXCLUSION", imageTagMutabilityExclusionFilters: [{ filter: "latest", filterType: "WILDCARD" }] })], message: /IMMUTABLE_WITH_EXCLUSION: tags matching imageTagMutabilityExclusionFilters can still be moved/ },
        { name: "a mutable template that also serves create on push", resources: [cacheTemplate("mixed", { appliedFors: ["PULL_THROUGH_CACHE", "CREATE_ON_PUSH"] })], message: /in the repositories the template creates for PULL_THROUGH_CACHE, CREATE_ON_PUSH/ },
        { name: "a mutable replication template", resources: [cacheTemplate("replicas", { appliedFors: ["REPLICATION"], imageTagMutability: undefined })], message: /for REPLICATION/ },
        {
            name: "the pull-through cache template where the team allows no mutable template",
            resources: [cacheTemplate("image-cache-docker-hub")],
            config: { "require-immutable-image-tags": { allowMutablePullThroughCache: false } },
            message: /imageTagMutability is MUTABLE.*for PULL_THROUGH_CACHE/,
        },
    ],
    unknown: [
        { name: "the tag mutability not known yet", resources: [repository("later", { imageTagMutability: unknown })] },
    ],
});
