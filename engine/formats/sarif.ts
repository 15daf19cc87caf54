/**
 * SARIF 2.1.0 for code scanning (GitHub and other SARIF viewers): one run whose tool is the policy
 * pack, a rule for every policy the pack published over GetAnalyzerInfo, and a result for every
 * violation, located in the settings file of the stack it was found in. Every stack checked shares the
 * run; a stack that could not be checked is a failed invocation's notification.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import { pathToFileURL } from "node:url";
import type { Diagnostic, EnforcementLevel, PolicyInfo, Severity } from "../analyzer";
import type { CheckResult } from "../engine";
import type { PreflightFinding } from "../preflight";
import { advisoryCount, isChecked, mandatoryCount, projectPath, ReportContext, resultExitCode, shortUrn, StackOutcome, UncheckedStack } from "../report";

export const SARIF_SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/os/schemas/sarif-schema-2.1.0.json";
/** Repository-relative locations are relative to this base, as code scanning expects. */
export const SOURCE_ROOT = "%SRCROOT%";
/** The key of the fingerprint code scanning matches results on across runs. */
export const FINGERPRINT_KEY = "policyViolation/v1";
/** Preflight findings are rules of their own, `preflight/<check>`, beside the pack's policies. */
export const PREFLIGHT_RULE_PREFIX = "preflight/";

type SarifLevel = "error" | "warning" | "note";

/** How a violation's enforcement shows: mandatory blocks (error), advisory warns, the rest informs. */
export function sarifLevel(level: EnforcementLevel): SarifLevel {
    return level === "mandatory" ? "error" : level === "advisory" ? "warning" : "note";
}

/**
 * The CVSS-like score code scanning reads from a rule's `security-severity` (as a string) to show
 * critical (9.0 and over), high (7.0 to 8.9), medium (4.0 to 6.9) or low (0.1 to 3.9).
 */
export const SECURITY_SEVERITY: Readonly<Record<Severity, string | undefined>> = {
    critical: "9.5",
    high: "8.0",
    medium: "5.5",
    low: "2.0",
    unspecified: undefined,
};

function ruleDescriptor(policy: PolicyInfo) {
    const controls = [...new Set(policy.tags)];
    const securitySeverity = SECURITY_SEVERITY[policy.severity];
    return {
        id: policy.name,
        // The published description ends with the controls in parentheses; the short one leaves them out.
        shortDescription: { text: policy.description.replace(/\s*\([^()]*\)\.?$/, ".") },
        fullDescription: { text: policy.description },
        help: {
            text: `Remediation: ${policy.remediationSteps}`,
            markdown: `**Remediation:** ${policy.remediationSteps}${controls.length ? `\n\n**Controls:** ${controls.join(", ")}` : ""}`,
        },
        ...(policy.url ? { helpUri: policy.url } : {}),
        defaultConfiguration: { level: sarifLevel(policy.enforcementLevel), enabled: policy.enforcementLevel !== "disabled" },
        properties: {
            tags: [...new Set(["security", ...controls])],
            controls,
            severity: policy.severity,
            enforcementLevel: policy.enforcementLevel,
            ...(securitySeverity ? { "security-severity": securitySeverity } : {}),
            ...(policy.framework ? { framework: policy.framework } : {}),
        },
    };
}

/** The 1-based line of the stack file's `config:` block, where every setting of the stack lives. */
function configLine(file: string): number | undefined {
    try {
        const lines = fs.readFileSync(file, "utf8").split(/\r?\n/);
        const index = lines.findIndex((line) => /^config:/.test(line));
        return index >= 0 ? index + 1 : undefined;
    } catch {
        return undefined;
    }
}

/** A settings file as a repository-relative URI, or a file URI when it lies outside the repository. */
function fileLocation(file: string, context: ReportContext) {
    const shown = projectPath(file, context.root);
    return shown === file ? { uri: pathToFileURL(file).href } : { uri: shown, uriBaseId: SOURCE_ROOT };
}

/**
 * What code scanning matches a result on across runs: the stack, the rule, the resource and the
 * violation's position among the same rule's on that resource. Not the message, which names values
 * that change as a setting is being fixed.
 */
export function fingerprint(stack: string, ruleId: string, urn: string, occurrence: number): string {
    return createHash("sha256").update([stack, ruleId, urn, String(occurrence)].join("\u0000")).digest("hex");
}

/** A preflight check as a SARIF rule: what the real systems judge, always an error (the deploy would fail). */
function preflightRuleDescriptor(check: { readonly name: string; readonly description: string }) {
    return {
        id: `${PREFLIGHT_RULE_PREFIX}${check.name}`,
        shortDescription: { text: `Preflight: ${check.description}` },
        fullDescription: { text: `Preflight (what the real API server, Helm, nodes or AWS APIs would refuse): ${check.description}` },
        help: { text: "Each result names the resource, the field or value path, what the real system would do and the fix.", markdown: "Each result names the resource, the field or value path, what the real system would do and **the fix**." },
        defaultConfiguration: { level: "error" as const, enabled: true },
        properties: { tags: ["preflight", "reliability"], category: "preflight" },
    };
}

/** The message a viewer shows for a preflight finding: where, who refuses what, and the fix. */
function preflightMessage(stack: string, finding: PreflightFinding): string {
    return `${shortUrn(finding.urn)}${finding.path ? ` (${finding.path})` : ""} in stack ${stack}: ${finding.refusedBy}: ${finding.message}\nFix: ${finding.fix}`;
}

/** The message a viewer shows: where, what, which controls and how to fix it. */
function resultMessage(stack: string, violation: Diagnostic, policy: PolicyInfo | undefined): string {
    let text = `${shortUrn(violation.urn)} in stack ${stack}: ${violation.message}`;
    const controls = policy ? [...new Set(policy.tags)] : [];
    const missing = controls.filter((id) => !violation.message.includes(id));
    if (missing.length > 0) {
        text += `\nControls: ${controls.join(", ")}`;
    }
    if (policy?.remediationSteps && !violation.message.includes(policy.remediationSteps)) {
        text += `\nRemediation: ${policy.remediationSteps}`;
    }
    return text;
}

/** One SARIF log with one run holding every stack's results. */
export function toSarifOfStacks(outcomes: readonly StackOutcome[], context: ReportContext): string {
    const results = outcomes.flatMap((o) => ("result" in o ? [o.result] : []));
    const pack = results[0]?.policyPack;
    const rules = pack?.rules ?? [];
    const ruleIndex = new Map(rules.map((rule, index) => [rule.name, index]));
    // Preflight rules follow the pack's, once each, in the order the checks run.
    const preflightChecks = [...new Map(results.flatMap((r) => r.preflightChecks).map((c) => [c.name, c])).values()];
    const preflightIndex = new Map(preflightChecks.map((check, index) => [check.name, rules.length + index]));
    // Every stack file checked is an artifact; results and notifications point at it by index.
    const artifacts = outcomes.map((o) => ({ location: fileLocation(o.settingsFile, context), roles: ["analysisTarget"] }));

    const sarifResults = outcomes.flatMap((outcome, artifactIndex) => {
        if (!("result" in outcome)) {
            return [];
        }
        const line = configLine(outcome.settingsFile);
        const seen = new Map<string, number>();
        const resources = new Map(outcome.result.resources.map((r) => [r.urn, r]));
        const location = (urn: string, fallbackName: string) => ({
            physicalLocation: {
                artifactLocation: { ...fileLocation(outcome.settingsFile, context), index: artifactIndex },
                ...(line ? { region: { startLine: line } } : {}),
            },
            logicalLocations: [{ name: resources.get(urn)?.name ?? fallbackName, fullyQualifiedName: urn, kind: "resource" }],
        });
        const preflight = outcome.result.preflight.map((finding) => {
            const ruleId = `${PREFLIGHT_RULE_PREFIX}${finding.check}`;
            const key = `${ruleId}\u0000${finding.urn}`;
            const occurrence = seen.get(key) ?? 0;
            seen.set(key, occurrence + 1);
            const resource = resources.get(finding.urn);
            return {
                ruleId,
                ...(preflightIndex.has(finding.check) ? { ruleIndex: preflightIndex.get(finding.check) } : {}),
                level: "error" as SarifLevel,
                message: { text: preflightMessage(outcome.stack, finding) },
                locations: [location(finding.urn, shortUrn(finding.urn))],
                partialFingerprints: { [FINGERPRINT_KEY]: fingerprint(outcome.stack, ruleId, `${finding.urn}\u0000${finding.path ?? ""}`, occurrence) },
                properties: {
                    stack: outcome.stack,
                    urn: finding.urn,
                    ...(resource ? { resourceType: resource.type } : {}),
                    category: "preflight",
                    ...(finding.path ? { path: finding.path } : {}),
                    refusedBy: finding.refusedBy,
                    fix: finding.fix,
                },
            };
        });
        const violations = outcome.result.violations.map((violation) => {
            const policy = rules[ruleIndex.get(violation.policyName) ?? -1];
            const key = `${violation.policyName}\u0000${violation.urn}`;
            const occurrence = seen.get(key) ?? 0;
            seen.set(key, occurrence + 1);
            const resource = resources.get(violation.urn);
            return {
                ruleId: violation.policyName,
                ...(ruleIndex.has(violation.policyName) ? { ruleIndex: ruleIndex.get(violation.policyName) } : {}),
                level: sarifLevel(violation.enforcementLevel),
                message: { text: resultMessage(outcome.stack, violation, policy) },
                locations: [location(violation.urn, shortUrn(violation.urn))],
                partialFingerprints: { [FINGERPRINT_KEY]: fingerprint(outcome.stack, violation.policyName, violation.urn, occurrence) },
                properties: {
                    stack: outcome.stack,
                    urn: violation.urn,
                    ...(resource ? { resourceType: resource.type } : {}),
                    enforcementLevel: violation.enforcementLevel,
                    severity: violation.severity,
                    controls: policy ? [...new Set(policy.tags)] : [],
                },
            };
        });
        return [...preflight, ...violations];
    });

    const failed = outcomes.filter((o): o is UncheckedStack => !isChecked(o));
    return JSON.stringify({
        $schema: SARIF_SCHEMA_URI,
        version: "2.1.0",
        runs: [{
            tool: {
                driver: {
                    name: pack?.name ?? "policy-pack",
                    ...(pack ? { version: pack.version, semanticVersion: pack.version } : {}),
                    rules: [...rules.map(ruleDescriptor), ...preflightChecks.map(preflightRuleDescriptor)],
                },
            },
            originalUriBaseIds: { [SOURCE_ROOT]: { description: { text: "The folder holding Pulumi.yaml (the repository root)." } } },
            artifacts,
            invocations: [{
                executionSuccessful: failed.length === 0,
                toolExecutionNotifications: failed.map((o) => ({
                    level: "error",
                    message: { text: `stack ${o.stack} could not be checked (exit ${o.exitCode}): ${o.error}` },
                    locations: [{ physicalLocation: { artifactLocation: { ...fileLocation(o.settingsFile, context), index: outcomes.indexOf(o) } } }],
                })),
            }],
            results: sarifResults,
            properties: {
                stacks: outcomes.map((o) => ({
                    stack: o.stack,
                    exitCode: o.exitCode,
                    ...("result" in o ? { resources: o.result.resources.length, preflight: o.result.preflight.length, mandatory: mandatoryCount(o.result), advisory: advisoryCount(o.result) } : {}),
                })),
            },
        }],
    }, null, 2);
}

/** SARIF of one stack. */
export function toSarif(result: CheckResult, context: ReportContext): string {
    return toSarifOfStacks([{ stack: result.stack, settingsFile: result.settingsFile, exitCode: resultExitCode(result), result }], context);
}
