/**
 * `--format threat-model`: a Markdown threat model of the rendered stack, in the shape of OWASP's
 * application threat model (decompose the system: external dependencies, trust levels, entry points,
 * exit points, assets, data flows; then threats by STRIDE category with their countermeasures). Every
 * row comes from the stack's resources and the pack's metadata; secrets appear only as "[secret]".
 */
import type { CheckResult } from "../engine";
import { displayName, readArchitecture } from "./architecture";
import { readAssets } from "./assets";
import { readComponents } from "./components";
import { readBoundaries, readEntryPoints, readFlows, TrustLevel } from "./exposure";
import { PolicyCoverage } from "./policy-coverage";
import { kindOf, Props, record, StackView, unique } from "./stack-view";
import { readThreats } from "./threats";

/** A Markdown table cell: no pipes or line breaks. */
export function cell(value: unknown): string {
    const textValue = Array.isArray(value) ? value.join("; ") : String(value ?? "");
    return textValue.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, " ").trim() || "—";
}

function table(headers: readonly string[], rows: readonly (readonly unknown[])[]): string[] {
    if (rows.length === 0) {
        return ["None in this stack.", ""];
    }
    return [
        `| ${headers.join(" | ")} |`,
        `| ${headers.map(() => "---").join(" | ")} |`,
        ...rows.map((row) => `| ${row.map(cell).join(" | ")} |`),
        "",
    ];
}

const TRUST_LEVELS: readonly [TrustLevel, string][] = [
    ["anonymous", "Anyone who can reach the address from the internet, without credentials."],
    ["authenticated", "Reachable from outside the private network, but only callers with valid credentials (for example IAM) get an answer."],
    ["internal", "Reachable only from inside the VPC or the cluster network: other components, operators on approved private ranges."],
];

function externalDependencies(view: StackView): string[][] {
    const rows: string[][] = [];
    const services = new Map<string, Set<string>>();
    for (const r of view.customResources) {
        const [pkg, module] = r.type.split(":");
        const service = module?.split("/")[0];
        if (pkg === "aws" && service) {
            services.set(service, (services.get(service) ?? new Set()).add(kindOf(r.type)));
        }
    }
    for (const [service, kinds] of [...services].sort(([a], [b]) => a.localeCompare(b))) {
        rows.push([`AWS ${service}`, "cloud service", [...kinds].join(", ")]);
    }
    for (const release of view.matching(/^kubernetes:helm\.sh\//)) {
        const repo = record(release.props.repositoryOpts).repo ?? release.props.repo ?? "";
        rows.push([`Helm chart ${release.props.chart ?? "?"} ${release.props.version ?? "(unpinned)"}`, "chart", `${repo}, release ${displayName(release)}`]);
    }
    const images = unique(view.all.filter((r) => r.type.startsWith("kubernetes:")).flatMap((r) => imagesIn(r.props)));
    for (const image of images) {
        rows.push([image, "container image", "referenced by a Kubernetes resource"]);
    }
    const providers = unique(view.all.filter((r) => r.type.startsWith("pulumi:providers:")).map((r) => kindOf(r.type)));
    if (providers.length > 0) {
        rows.push([providers.join(", "), "Pulumi providers", "credentials of whoever runs `pulumi up`"]);
    }
    return rows;
}

function imagesIn(value: unknown, key = ""): string[] {
    if (typeof value === "string") {
        return key === "image" && /[/:]/.test(value) ? [value] : [];
    }
    if (Array.isArray(value)) {
        return value.flatMap((v) => imagesIn(v, key));
    }
    if (value && typeof value === "object") {
        return Object.entries(value as Props).flatMap(([k, v]) => imagesIn(v, k));
    }
    return [];
}

/** The Markdown threat model of a check result. */
export function toThreatModel(result: CheckResult): string {
    const view = new StackView(result);
    const arch = readArchitecture(view);
    const assets = readAssets(view, arch);
    const components = readComponents(arch);
    const entryPoints = readEntryPoints(arch);
    const flows = readFlows(arch);
    const boundaries = readBoundaries(arch, entryPoints);
    const coverage = new PolicyCoverage(result);
    const threats = readThreats(components, { arch, assets }, coverage);
    const componentId = new Map(components.map((c, i) => [c, `C${i + 1}`]));
    const mandatory = result.violations.filter((v) => v.enforcementLevel === "mandatory").length;
    const rulesOf = (views: Parameters<PolicyCoverage["ruleNamesFor"]>[0]) => coverage.ruleNamesFor(views).map((n) => `\`${n}\``).join(", ");
    const violationsOf = (views: Parameters<PolicyCoverage["violationsFor"]>[0]) => {
        const found = coverage.violationsFor(views);
        return found.length === 0 ? "none" : unique(found.map((v) => `${v.policyName} (${v.enforcementLevel})`)).join(", ");
    };

    const lines: string[] = [
        `# Threat model: ${result.project} / ${result.stack}`,
        "",
        `Generated from the rendered stack (${result.resources.length} resources, ${view.customResources.length} of them cloud or cluster resources) and policy pack ${result.policyPack.name}@${result.policyPack.version} (${result.policyPack.policies} rules).`,
        `Current verdict: ${result.violations.length} violation(s), ${mandatory} mandatory.`,
        "",
        "It follows OWASP's application threat model: the system is decomposed into components, external dependencies, trust levels, entry and exit points, assets, trust boundaries and data flows; threats are listed per component by STRIDE category with the control that mitigates each and the pack rules that keep the control in place. Everything here is read from resource inputs; what a stack does not declare (a cluster's own firewall, workloads deployed later) is not modelled. Secret values never appear.",
        "",
        "## External dependencies",
        "",
        ...table(["Dependency", "Kind", "Used for"], externalDependencies(view)),
        "## Trust levels",
        "",
        ...table(["ID", "Trust level", "Who"], TRUST_LEVELS.map(([level, who], i) => [`TL${i + 1}`, level, who])),
        "## Components",
        "",
        ...table(["ID", "Component", "Kind", "Resources", "Rules that judge it", "Current violations"], components.map((c) => [
            componentId.get(c), c.name, c.kind,
            [...new Map([...c.members.reduce((m, r) => m.set(kindOf(r.type), (m.get(kindOf(r.type)) ?? 0) + 1), new Map<string, number>())]).entries()].map(([k, n]) => `${k} ×${n}`).join(", "),
            rulesOf(c.members) || "none", violationsOf(c.members),
        ])),
        "## Trust boundaries",
        "",
        ...table(["ID", "Boundary", "Inside", "Enforced by"], boundaries.map((b, i) => [`TB${i + 1}`, b.name, b.inside, b.enforcedBy])),
        "## Entry points",
        "",
        `Anonymous entry points: ${entryPoints.filter((e) => e.trust === "anonymous").length}; authenticated: ${entryPoints.filter((e) => e.trust === "authenticated").length}; internal: ${entryPoints.filter((e) => e.trust === "internal").length}.`,
        "",
        ...table(["ID", "Entry point", "Kind", "Trust level", "Evidence", "Leads to", "Rules"], entryPoints.map((e, i) => [
            `EP${i + 1}`, e.name, e.kind, e.trust, e.evidence, e.leadsTo, rulesOf(e.resources) || "none",
        ])),
        "## Exit points",
        "",
        ...table(["ID", "From", "To", "Traffic", "Controls"], flows.filter((f) => f.kind === "egress").map((f, i) => [`XP${i + 1}`, f.from, f.to, f.what, f.controls])),
        "## Assets",
        "",
        ...table(["ID", "Asset", "Kind", "Declared by", "What it is", "Protection", "Reachable by", "Rules"], assets.map((a, i) => [
            `A${i + 1}`, a.name, a.kind, a.declaredBy.map((d) => `\`${d.name}\` (${kindOf(d.type)})`), a.description, a.protection, a.reachableBy, rulesOf(a.declaredBy) || "none",
        ])),
        "## Data flows",
        "",
        ...table(["ID", "Kind", "From", "To", "Traffic", "Controls"], flows.filter((f) => f.kind !== "egress").map((f, i) => [`DF${i + 1}`, f.kind, f.from, f.to, f.what, f.controls])),
        "## Threats (STRIDE)",
        "",
        `${threats.filter((t) => t.status === "mitigated").length} of ${threats.length} threats mitigated by the stack's inputs with no violation of their rules.`,
        "",
        ...table(["ID", "Component", "STRIDE", "Threat", "Mitigation in this stack", "Rules", "Status"], threats.map((t, i) => [
            `T${i + 1}`, `${componentId.get(t.component)} ${t.component.name}`, t.stride, t.threat, t.mitigation,
            t.policies.map((p) => `\`${p}\``).join(", ") || "none (design control)",
            t.status === "mitigated" ? "mitigated" : `OPEN${t.violations > 0 ? ` (${t.violations} violation(s))` : ""}`,
        ])),
        "## Stack-wide rules",
        "",
        ...table(["Rule", "Severity", "Requires", "Current violations"], coverage.stackRules.map((r) => [
            `\`${r.metadata.name}\``, r.metadata.severity, r.metadata.description,
            result.violations.filter((v) => v.policyName === r.metadata.name).length,
        ])),
        "## Current violations",
        "",
        ...table(["Rule", "Level", "Resource", "Message"], result.violations.map((v) => {
            const target = view.get(v.urn);
            return [`\`${v.policyName}\``, v.enforcementLevel, target ? `${kindOf(target.type)} ${displayName(target)}` : v.urn, v.message.split("\n").slice(1).join(" ") || v.message];
        })),
    ];
    return lines.join("\n").replace(/\n+$/, "\n");
}
