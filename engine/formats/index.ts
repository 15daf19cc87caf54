/**
 * Every report format of the check command, by the name `--format` takes. A format renders one stack
 * (`--stack`) and every stack (`--all-stacks`); one that only knows a single stack is added with
 * `perStack`, which puts each stack's report one after the other.
 */
import type { CheckResult } from "../engine";
import { jsonOfStacks, ReportContext, StackOutcome, tableOfStacks, toJson, toTable } from "../report";
import { toDiagram } from "./diagram";
import { toMarkdown, toMarkdownOfStacks } from "./markdown";
import { toSarif, toSarifOfStacks } from "./sarif";
import { toThreatModel } from "./threat-model";

export interface ReportFormat {
    /** What the format is for, one line for the usage text. */
    readonly description: string;
    /** The report of one stack. */
    single(result: CheckResult, context: ReportContext): string;
    /** The report of every stack; stacks that could not be checked carry their error. */
    all(outcomes: readonly StackOutcome[], context: ReportContext): string;
}

/** A format of one stack; with `--all-stacks`, the reports of the stacks checked, one after the other. */
export function perStack(description: string, render: (result: CheckResult) => string): ReportFormat {
    return {
        description,
        single: (result) => render(result),
        all: (outcomes) => outcomes.flatMap((o) => ("result" in o ? [render(o.result)] : [])).join("\n\n"),
    };
}

export const REPORT_FORMATS = {
    table: { description: "for people: resources by type, every preflight finding with its fix, every violation with its remediation", single: toTable, all: tableOfStacks },
    json: { description: "for tools: resources with redacted inputs, outputs, preflight findings, violations", single: toJson, all: jsonOfStacks },
    sarif: { description: "SARIF 2.1.0 for code scanning: a rule per policy and per preflight check, a result per violation and finding", single: toSarif, all: toSarifOfStacks },
    markdown: { description: "a pull-request comment or step summary: verdicts, preflight findings, violations by severity, resources", single: toMarkdown, all: toMarkdownOfStacks },
    "threat-model": perStack("a Markdown threat model: components, trust boundaries, entry points, assets, STRIDE threats", toThreatModel),
    diagram: perStack("the architecture as a Mermaid flowchart in Markdown: tiers, edge, cluster, namespaces, data, keys, backups", toDiagram),
} satisfies Record<string, ReportFormat>;

export type Format = keyof typeof REPORT_FORMATS;
export const FORMATS = Object.keys(REPORT_FORMATS) as Format[];

export function isFormat(name: string): name is Format {
    return Object.prototype.hasOwnProperty.call(REPORT_FORMATS, name);
}
