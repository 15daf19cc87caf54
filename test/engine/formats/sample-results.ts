/** Small hand-built check results for the report format tests: a few resources, policies and violations. */
import * as path from "node:path";
import type { Diagnostic, EnforcementLevel, PolicyInfo, Severity } from "../../../engine/analyzer";
import type { PreflightFinding } from "../../../engine/preflight";
import type { CheckResult } from "../../../engine/engine";
import type { RecordedResource } from "../../../engine/program";

export const SAMPLE_ROOT = path.join(path.sep, "repo");

export function samplePolicy(name: string, severity: Severity, options: { enforcementLevel?: EnforcementLevel; controls?: string[] } = {}): PolicyInfo {
    const controls = options.controls ?? [`CTRL.${name.length}`];
    return {
        name,
        description: `Resources must satisfy ${name} (Framework ${controls.join(", Framework ")}).`,
        enforcementLevel: options.enforcementLevel ?? "mandatory",
        severity,
        remediationSteps: `Set \`${name}Setting\` to true.`,
        url: `https://controls.example.com/${name}`,
        tags: controls,
    };
}

export function sampleResource(type: string, name: string, stack = "dev", custom = true): RecordedResource {
    return {
        urn: `urn:pulumi:${stack}::demo::${type}::${name}`,
        type,
        name,
        custom,
        protect: false,
        retainOnDelete: false,
        ignoreChanges: [],
        additionalSecretOutputs: [],
        aliases: [],
        dependencies: [],
        propertyDependencies: {},
        inputs: {},
        outputs: {},
    };
}

/** A violation as the pack reports it: description, then the finding, then the remediation. */
export function sampleViolation(policy: PolicyInfo, resource: RecordedResource, finding: string, level: EnforcementLevel = policy.enforcementLevel): Diagnostic {
    return {
        policyName: policy.name,
        policyPackName: "demo-pack",
        policyPackVersion: "1.2.3",
        description: policy.description,
        message: `${policy.description}\n${finding}\nRemediation: ${policy.remediationSteps}`,
        enforcementLevel: level,
        severity: policy.severity,
        urn: resource.urn,
    };
}

export function sampleResult(options: {
    stack?: string;
    resources: readonly RecordedResource[];
    policies: readonly PolicyInfo[];
    violations: readonly Diagnostic[];
    preflight?: readonly PreflightFinding[];
    settingsFile?: string;
}): CheckResult {
    const stack = options.stack ?? "dev";
    return {
        project: "demo",
        stack,
        settingsFile: options.settingsFile ?? path.join(SAMPLE_ROOT, "stacks", `Pulumi.${stack}.yaml`),
        resources: options.resources,
        outputs: {},
        violations: options.violations,
        preflight: options.preflight ?? [],
        preflightChecks: [...new Set((options.preflight ?? []).map((f) => f.check))].map((name) => ({ name, description: `the ${name} check` })),
        policyPack: { name: "demo-pack", version: "1.2.3", policies: options.policies.length, launchMs: 1, rules: options.policies },
    };
}
