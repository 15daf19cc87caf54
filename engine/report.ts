/**
 * What every report format shares: the outcome of checking a stack, counts, short resource names,
 * and the two original formats, a table for people and JSON for tools (one stack or every stack).
 */
import * as path from "node:path";
import type { CheckResult } from "./engine";
import type { RecordedResource } from "./program";
import { redactForReport, type WireValue } from "./wire";

export interface CheckedStack {
    readonly stack: string;
    readonly settingsFile: string;
    readonly exitCode: 0 | 1 | 4;
    readonly result: CheckResult;
}

export interface UncheckedStack {
    readonly stack: string;
    readonly settingsFile: string;
    /** 2 bad settings, 3 the program or the pack failed. */
    readonly exitCode: 2 | 3;
    readonly error: string;
}

/** What checking one stack produced: its result, or why it could not be checked. */
export type StackOutcome = CheckedStack | UncheckedStack;

export function isChecked(outcome: StackOutcome): outcome is CheckedStack {
    return "result" in outcome;
}

/** What a format may need beyond the results. */
export interface ReportContext {
    /** The folder holding Pulumi.yaml: settings files are shown relative to it. */
    readonly root: string;
}

export function mandatoryCount(result: CheckResult): number {
    return result.violations.filter((v) => v.enforcementLevel === "mandatory").length;
}

export function advisoryCount(result: CheckResult): number {
    return result.violations.filter((v) => v.enforcementLevel === "advisory").length;
}

/**
 * The check's exit code for one result: 4 when preflight found something the real systems would refuse
 * (the deploy would fail), else 1 when any violation is mandatory, else 0.
 */
export function resultExitCode(result: CheckResult): 0 | 1 | 4 {
    return result.preflight.length > 0 ? 4 : mandatoryCount(result) > 0 ? 1 : 0;
}

/** Exit codes from the most serious: could not run, bad flags or settings, preflight findings, violations, passed. */
export const EXIT_CODE_PRECEDENCE = [3, 2, 4, 1, 0] as const;

/** The exit code of several stacks: the most serious of any stack (3 > 2 > 4 > 1 > 0). */
export function combinedExitCode(outcomes: readonly StackOutcome[]): number {
    const rank = (code: number) => {
        const at = (EXIT_CODE_PRECEDENCE as readonly number[]).indexOf(code);
        return at < 0 ? 0 : at;
    };
    return outcomes.reduce((worst, o) => (rank(o.exitCode) < rank(worst) ? o.exitCode : worst), 0);
}

/** Resources a provider creates: custom resources other than the provider resources themselves. */
export function cloudResources(result: CheckResult): RecordedResource[] {
    return result.resources.filter((r) => r.custom && !r.type.startsWith("pulumi:providers:"));
}

/** `type::name` of a URN, without the parent chain. */
export function shortUrn(urn: string): string {
    const parts = urn.split("::");
    return parts.length >= 4 ? `${parts[2].split("$").pop()}::${parts[3]}` : urn;
}

/** A settings file relative to the project root (with `/`), or absolute when it lies outside. */
export function projectPath(file: string, root: string): string {
    const relative = path.relative(root, file);
    return relative && !relative.startsWith("..") && !path.isAbsolute(relative) ? relative.split(path.sep).join("/") : file;
}

function jsonDocument(result: CheckResult): Record<string, unknown> {
    return {
        stack: result.stack,
        resources: result.resources.map((r) => ({
            urn: r.urn,
            type: r.type,
            name: r.name,
            parent: r.parent ?? null,
            custom: r.custom,
            protect: r.protect,
            dependencies: r.dependencies,
            inputs: redactForReport(r.inputs),
        })),
        outputs: redactForReport(result.outputs as WireValue),
        violations: result.violations.map((v) => ({
            policy: v.policyName,
            enforcementLevel: v.enforcementLevel,
            severity: v.severity,
            urn: v.urn,
            message: v.message,
        })),
        preflight: result.preflight.map((f) => ({
            check: f.check,
            urn: f.urn,
            path: f.path ?? null,
            refusedBy: f.refusedBy,
            message: f.message,
            fix: f.fix,
        })),
    };
}

/** One JSON document; every secret inside inputs is "[secret]". */
export function toJson(result: CheckResult): string {
    return JSON.stringify(jsonDocument(result), null, 2);
}

/** Every stack in one document: each as `toJson` shows it plus its exit code, or its exit code and error. */
export function jsonOfStacks(outcomes: readonly StackOutcome[], context: ReportContext): string {
    return JSON.stringify({
        exitCode: combinedExitCode(outcomes),
        stacks: outcomes.map((o) => ({
            ...("result" in o ? jsonDocument(o.result) : { stack: o.stack }),
            settingsFile: projectPath(o.settingsFile, context.root),
            exitCode: o.exitCode,
            ...("error" in o ? { error: o.error } : {}),
        })),
    }, null, 2);
}

export function toTable(result: CheckResult): string {
    const lines: string[] = [];
    const custom = cloudResources(result);
    lines.push(`Stack ${result.stack} (${result.project}), settings ${result.settingsFile}`);
    lines.push(`${result.resources.length} resources registered: ${custom.length} cloud resources, ${result.resources.length - custom.length} components and providers`);
    lines.push("");

    const byType = new Map<string, number>();
    for (const r of custom) {
        byType.set(r.type, (byType.get(r.type) ?? 0) + 1);
    }
    const width = Math.max(...[...byType.keys()].map((t) => t.length), 4);
    lines.push(`${"TYPE".padEnd(width)}  COUNT`);
    for (const [type, count] of [...byType].sort(([a], [b]) => a.localeCompare(b))) {
        lines.push(`${type.padEnd(width)}  ${String(count).padStart(5)}`);
    }
    lines.push("");

    const pack = result.policyPack;
    lines.push(`Policy pack ${pack.name}@${pack.version}: ${pack.policies} policies`);
    if (result.violations.length === 0) {
        lines.push("No violations.");
    }
    const order = ["mandatory", "advisory", "remediate", "disabled"];
    const sorted = [...result.violations].sort((a, b) => order.indexOf(a.enforcementLevel) - order.indexOf(b.enforcementLevel));
    for (const v of sorted) {
        lines.push("");
        lines.push(`${v.enforcementLevel.toUpperCase()}  ${v.policyName}  (${v.severity})  ${shortUrn(v.urn)}`);
        for (const line of v.message.split("\n")) {
            lines.push(`    ${line}`);
        }
    }
    lines.push("");
    lines.push(`Preflight: ${result.preflightChecks.length} checks of what the real API server, Helm, nodes and AWS APIs would refuse`);
    if (result.preflight.length === 0) {
        lines.push("No findings.");
    }
    for (const f of result.preflight) {
        lines.push("");
        lines.push(`PREFLIGHT  ${f.check}  ${shortUrn(f.urn)}${f.path ? `  ${f.path}` : ""}`);
        lines.push(`    ${f.refusedBy}: ${f.message}`);
        lines.push(`    Fix: ${f.fix}`);
    }
    lines.push("");
    lines.push(verdictLine(result));
    return lines.join("\n");
}

/** The last line of a stack's table: the verdict with its counts. */
export function verdictLine(result: CheckResult): string {
    const mandatory = mandatoryCount(result);
    const advisory = advisoryCount(result);
    const preflight = result.preflight.length;
    if (preflight > 0) {
        return `FAILED: ${preflight} preflight finding(s) (the deploy would fail), ${mandatory} mandatory violation(s), ${advisory} advisory.`;
    }
    return mandatory > 0
        ? `FAILED: ${mandatory} mandatory violation(s), ${advisory} advisory.`
        : `PASSED: no preflight findings, no mandatory violations, ${advisory} advisory.`;
}

/** True when a stack's result fails the check (preflight findings or mandatory violations). */
export function failed(result: CheckResult): boolean {
    return resultExitCode(result) !== 0;
}

/** One table per stack, a line for each stack that could not be checked, and a total. */
export function tableOfStacks(outcomes: readonly StackOutcome[], context: ReportContext): string {
    const sections = outcomes.map((o) => [
        `=== ${o.stack} ===`,
        "result" in o ? toTable(o.result) : `NOT CHECKED (exit ${o.exitCode}): ${projectPath(o.settingsFile, context.root)}\n    ${o.error.split("\n").join("\n    ")}`,
    ].join("\n"));
    const results = outcomes.flatMap((o) => ("result" in o ? [o.result] : []));
    const failedCount = results.filter(failed).length;
    const notChecked = outcomes.length - results.length;
    const mandatory = results.reduce((sum, r) => sum + mandatoryCount(r), 0);
    const advisory = results.reduce((sum, r) => sum + advisoryCount(r), 0);
    const preflight = results.reduce((sum, r) => sum + r.preflight.length, 0);
    const verdict = notChecked > 0 ? "INCOMPLETE" : failedCount > 0 ? "FAILED" : "PASSED";
    sections.push(`=== total ===\n${verdict}: ${outcomes.length} stack(s): ${results.length - failedCount} passed, ${failedCount} failed, ${notChecked} not checked; ${preflight} preflight finding(s), ${mandatory} mandatory violation(s), ${advisory} advisory.`);
    return sections.join("\n\n");
}
