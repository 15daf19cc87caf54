/** Renders a check result for people (table) and for tools (json). */
import type { CheckResult } from "./engine";
import { redactForReport, type WireValue } from "./wire";

export const FORMATS = ["table", "json"] as const;
export type Format = (typeof FORMATS)[number];

export function mandatoryCount(result: CheckResult): number {
    return result.violations.filter((v) => v.enforcementLevel === "mandatory").length;
}

/** One JSON document; every secret inside inputs is "[secret]". */
export function toJson(result: CheckResult): string {
    return JSON.stringify({
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
            urn: v.urn,
            message: v.message,
        })),
    }, null, 2);
}

function shortUrn(urn: string): string {
    const parts = urn.split("::");
    return parts.length >= 4 ? `${parts[2].split("$").pop()}::${parts[3]}` : urn;
}

export function toTable(result: CheckResult): string {
    const lines: string[] = [];
    const custom = result.resources.filter((r) => r.custom && !r.type.startsWith("pulumi:providers:"));
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
    const mandatory = mandatoryCount(result);
    const advisory = result.violations.filter((v) => v.enforcementLevel === "advisory").length;
    lines.push(mandatory > 0
        ? `FAILED: ${mandatory} mandatory violation(s), ${advisory} advisory.`
        : `PASSED: no mandatory violations, ${advisory} advisory.`);
    return lines.join("\n");
}
