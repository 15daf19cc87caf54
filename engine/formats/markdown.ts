/**
 * A GitHub-flavoured Markdown summary for a pull-request comment or a job's step summary: a line per
 * stack with its verdict, then per stack its violations by severity and its resources by provider and
 * type. Everything taken from the stack (names, messages) is escaped, so a `|` or a `*` in a message
 * can neither break a table nor format text.
 */
import type { Severity } from "../analyzer";
import type { CheckResult } from "../engine";
import { advisoryCount, cloudResources, failed, mandatoryCount, projectPath, ReportContext, resultExitCode, shortUrn, StackOutcome } from "../report";

export const SEVERITY_ORDER: readonly Severity[] = ["critical", "high", "medium", "low", "unspecified"];

const SEVERITY_TITLE: Readonly<Record<Severity, string>> = {
    critical: "Critical",
    high: "High",
    medium: "Medium",
    low: "Low",
    unspecified: "Unspecified severity",
};

/** Text that renders as itself in Markdown, inside or outside a table cell, on one line. */
export function escapeMarkdown(text: string): string {
    return text
        .replace(/&/g, "&amp;")
        .replace(/</g, "&lt;")
        .replace(/>/g, "&gt;")
        // Emphasis, code, links, strikethrough and table cells; the rest of ASCII punctuation only
        // means something at the start of a line, and the text is kept on one.
        .replace(/([\\`*_[\]|~])/g, "\\$1")
        .replace(/^([#+\-=]|\d+[.)])/, (start) => `${start.slice(0, -1)}\\${start.slice(-1)}`)
        .replace(/\r?\n/g, "<br>");
}

/** An inline code span that survives any backticks in `text`. */
export function codeSpan(text: string): string {
    const oneLine = text.replace(/\r?\n/g, " ");
    const longestRun = Math.max(0, ...(oneLine.match(/`+/g) ?? []).map((run) => run.length));
    const fence = "`".repeat(longestRun + 1);
    const padded = oneLine.startsWith("`") || oneLine.endsWith("`") ? ` ${oneLine} ` : oneLine;
    return `${fence}${padded}${fence}`;
}

/** A code span in a table cell: there `|` ends the cell even inside code unless escaped (the escape is not shown). */
export function cellCode(text: string): string {
    return codeSpan(text).replace(/\|/g, "\\|");
}

/** The provider package of a type token: `aws` for `aws:s3/bucket:Bucket`. */
export function providerOf(type: string): string {
    return type.split(":")[0];
}

function verdict(result: CheckResult): string {
    const mandatory = mandatoryCount(result);
    const advisory = advisoryCount(result);
    const preflight = result.preflight.length;
    if (preflight > 0) {
        return `❌ **FAILED**: ${preflight} preflight finding(s) (the deploy would fail), ${mandatory} mandatory violation(s), ${advisory} advisory`;
    }
    return mandatory > 0
        ? `❌ **FAILED**: ${mandatory} mandatory violation(s), ${advisory} advisory`
        : `✅ **PASSED**: no preflight findings, no mandatory violations, ${advisory} advisory`;
}

/** What the real systems would refuse: a row per finding with the resource, the path, who refuses what, and the fix. */
function preflightSection(result: CheckResult): string[] {
    if (result.preflight.length === 0) {
        return [`No findings (${result.preflightChecks.length} checks).`];
    }
    const lines = ["| Check | Resource | Path | Refused by | What happens | Fix |", "| --- | --- | --- | --- | --- | --- |"];
    for (const f of result.preflight) {
        lines.push(`| ${cellCode(f.check)} | ${cellCode(shortUrn(f.urn))} | ${f.path ? cellCode(f.path) : ""} | ${escapeMarkdown(f.refusedBy)} | ${escapeMarkdown(f.message)} | ${escapeMarkdown(f.fix)} |`);
    }
    return lines;
}

function violationSections(result: CheckResult): string[] {
    if (result.violations.length === 0) {
        return ["No violations."];
    }
    const lines: string[] = [];
    for (const severity of SEVERITY_ORDER) {
        const violations = result.violations.filter((v) => v.severity === severity);
        if (violations.length === 0) {
            continue;
        }
        lines.push(`#### ${SEVERITY_TITLE[severity]} (${violations.length})`, "");
        lines.push("| Policy | Enforcement | Resource | Message |", "| --- | --- | --- | --- |");
        for (const v of violations) {
            lines.push(`| ${cellCode(v.policyName)} | ${escapeMarkdown(v.enforcementLevel)} | ${cellCode(shortUrn(v.urn))} | ${escapeMarkdown(v.message)} |`);
        }
        lines.push("");
    }
    return lines;
}

function resourceSections(result: CheckResult): string[] {
    const byType = new Map<string, number>();
    for (const r of cloudResources(result)) {
        byType.set(r.type, (byType.get(r.type) ?? 0) + 1);
    }
    const byProvider = new Map<string, number>();
    for (const [type, count] of byType) {
        byProvider.set(providerOf(type), (byProvider.get(providerOf(type)) ?? 0) + count);
    }
    const lines = ["| Provider | Resources |", "| --- | ---: |"];
    for (const [provider, count] of [...byProvider].sort(([a], [b]) => a.localeCompare(b))) {
        lines.push(`| ${cellCode(provider)} | ${count} |`);
    }
    lines.push("", "<details><summary>Resources by type</summary>", "", "| Type | Count |", "| --- | ---: |");
    for (const [type, count] of [...byType].sort(([a], [b]) => a.localeCompare(b))) {
        lines.push(`| ${cellCode(type)} | ${count} |`);
    }
    lines.push("", "</details>");
    return lines;
}

function stackSection(outcome: StackOutcome, context: ReportContext): string {
    const file = projectPath(outcome.settingsFile, context.root);
    if (!("result" in outcome)) {
        return [
            `## ⚠️ Stack ${codeSpan(outcome.stack)}: not checked`,
            "",
            `**NOT CHECKED** (exit ${outcome.exitCode}), settings ${codeSpan(file)}:`,
            "",
            escapeMarkdown(outcome.error),
        ].join("\n");
    }
    const result = outcome.result;
    const cloud = cloudResources(result).length;
    const pack = result.policyPack;
    return [
        `## ${failed(result) ? "❌" : "✅"} Stack ${codeSpan(result.stack)}`,
        "",
        `${verdict(result)} · ${result.resources.length} resources (${cloud} cloud resources, ${result.resources.length - cloud} components and providers) · settings ${codeSpan(file)} · policy pack ${codeSpan(`${pack.name}@${pack.version}`)} (${pack.policies} policies)`,
        "",
        "### Preflight",
        "",
        ...preflightSection(result),
        "",
        "### Violations",
        "",
        ...violationSections(result),
        "",
        "### Resources",
        "",
        ...resourceSections(result),
    ].join("\n").replace(/\n{3,}/g, "\n\n");
}

/** The summary of every stack checked: a table of verdicts and totals, then a section per stack. */
export function toMarkdownOfStacks(outcomes: readonly StackOutcome[], context: ReportContext): string {
    const rows = outcomes.map((o) => ("result" in o
        ? `| ${cellCode(o.stack)} | ${failed(o.result) ? "❌ failed" : "✅ passed"} | ${cloudResources(o.result).length} | ${o.result.preflight.length} | ${mandatoryCount(o.result)} | ${advisoryCount(o.result)} |`
        : `| ${cellCode(o.stack)} | ⚠️ not checked (exit ${o.exitCode}) | | | | |`));
    const results = outcomes.flatMap((o) => ("result" in o ? [o.result] : []));
    const sum = (count: (r: CheckResult) => number) => results.reduce((total, r) => total + count(r), 0);
    const failedCount = results.filter(failed).length;
    const notChecked = outcomes.length - results.length;
    return [
        "# Policy check",
        "",
        `${notChecked > 0 ? "⚠️ **INCOMPLETE**" : failedCount > 0 ? "❌ **FAILED**" : "✅ **PASSED**"}: ${outcomes.length} stack(s), ${results.length - failedCount} passed, ${failedCount} failed, ${notChecked} not checked`,
        "",
        "| Stack | Result | Cloud resources | Preflight | Mandatory | Advisory |",
        "| --- | --- | ---: | ---: | ---: | ---: |",
        ...rows,
        `| **Total** | | ${sum((r) => cloudResources(r).length)} | ${sum((r) => r.preflight.length)} | ${sum(mandatoryCount)} | ${sum(advisoryCount)} |`,
        "",
        ...outcomes.map((o) => `${stackSection(o, context)}\n`),
    ].join("\n").trimEnd();
}

/** The summary of one stack. */
export function toMarkdown(result: CheckResult, context: ReportContext): string {
    return toMarkdownOfStacks([{ stack: result.stack, settingsFile: result.settingsFile, exitCode: resultExitCode(result), result }], context);
}
