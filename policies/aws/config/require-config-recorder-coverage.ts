import { defineResourceRule } from "../../lib/rule";

/**
 * FSBP Config.1 checks that AWS Config records every resource type Security Hub's enabled controls read; a
 * recording group that lists or excludes types leaves resources unevaluated.
 */
export default defineResourceRule({
    name: "require-config-recorder-coverage",
    description: "An AWS Config recorder must record every supported resource type, including those added later, rather than a list of types or all but an excluded few.",
    severity: "medium",
    controls: ["FSBP Config.1", "CIS AWS 3.3"],
    remediation: "Set `recordingGroup: {allSupported: true}` on the aws.cfg.Recorder and remove `resourceTypes`, `exclusionByResourceTypes` and a `recordingStrategies` of INCLUSION_BY_RESOURCE_TYPES or EXCLUSION_BY_RESOURCE_TYPES.",
    resourceTypes: ["aws:cfg/recorder:Recorder"],
    validate(props, _context, report) {
        const group = props.recordingGroup;
        if (group === undefined || group === null) {
            return;
        }
        if (group.allSupported === false) {
            const listed = Array.isArray(group.resourceTypes) ? group.resourceTypes.length : 0;
            const excluded = (Array.isArray(group.exclusionByResourceTypes) ? group.exclusionByResourceTypes : [])
                .flatMap((e: { resourceTypes?: unknown }) => (Array.isArray(e.resourceTypes) ? e.resourceTypes : []));
            const what = excluded.length > 0 ? `every type but ${excluded.join(", ")}` : `${listed} listed resource type${listed === 1 ? "" : "s"}`;
            report(`The recorder records ${what} (recordingGroup.allSupported: false): resources of other types, and types AWS Config adds later, are never recorded or evaluated.`);
        }
    },
});
