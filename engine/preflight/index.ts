/**
 * Preflight: judges the rendered stack the way the real systems will (the Kubernetes API server and its
 * admission plugins, Helm, the scheduler and kubelet, the AWS APIs), so a `pulumi up` that would fail is
 * a finding in the pull request instead. Each check is one module; the list below is the whole preflight.
 */
import type { PlatformConfig } from "../../infra/config";
import type { RecordedResource } from "../program";
import { customResourcesCheck } from "./custom-resources";
import { PreflightCheck, PreflightFinding, sortFindings } from "./finding";
import { helmValuesCheck } from "./helm-values";
import { objectFieldsCheck } from "./object-fields";
import { accessOrderingCheck } from "./access-ordering";
import { admissionCheck } from "./admission";
import { apiAccessCheck } from "./api-access";
import { awsLimitsCheck } from "./aws-limits";
import { imageSourcesCheck } from "./image-sources";
import { placementCheck } from "./placement";
import { allPods } from "./pods";
import { PreflightStack } from "./stack";

export type { PreflightFinding } from "./finding";

/** Every preflight check, in report order. */
export const PREFLIGHT_CHECKS: readonly PreflightCheck<PreflightStack>[] = [customResourcesCheck, objectFieldsCheck, helmValuesCheck,
    admissionCheck(allPods), placementCheck(allPods), imageSourcesCheck(allPods), apiAccessCheck, accessOrderingCheck, awsLimitsCheck];

/** Runs every check over the rendered resources; a check that throws is a finding of its own, never a silent pass. */
export function runPreflight(resources: readonly RecordedResource[], config?: PlatformConfig, checks: readonly PreflightCheck<PreflightStack>[] = PREFLIGHT_CHECKS): PreflightFinding[] {
    const stack = new PreflightStack(resources, config);
    const stackUrn = resources.find((r) => r.type === "pulumi:pulumi:Stack")?.urn ?? "";
    const findings: PreflightFinding[] = [];
    for (const check of checks) {
        try {
            findings.push(...check.run(stack));
        } catch (error) {
            findings.push({
                check: check.name,
                urn: stackUrn,
                refusedBy: "preflight",
                message: `the check could not judge this stack: ${error instanceof Error ? error.message : String(error)}`,
                fix: "report this as a bug in the preflight check; the stack was not judged by it",
            });
        }
    }
    return sortFindings(findings);
}
