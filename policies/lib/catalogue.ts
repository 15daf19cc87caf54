/// <reference types="node" />
/**
 * docs/policies.md, generated from the rule metadata: `npm run docs` writes it, a test fails when it is
 * out of date. Each rule's file is named after the rule, so the catalogue links to its source.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { controlLabel, CONTROLS, FRAMEWORKS } from "./controls";
import { publishedDescription, type Rule } from "./rule";

const PACK_DIR = path.resolve(__dirname, "..");
const REPO_ROOT = path.resolve(PACK_DIR, "..");

/** The pack-relative path of the file defining `name` (`policies/<domain>/.../<name>.ts`). */
export function ruleSourcePath(name: string, dir = PACK_DIR): string | undefined {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory() && entry.name !== "node_modules" && entry.name !== "lib") {
            const found = ruleSourcePath(name, full);
            if (found) {
                return found;
            }
        } else if (entry.name === `${name}.ts`) {
            return path.relative(REPO_ROOT, full).split(path.sep).join("/");
        }
    }
    return undefined;
}

function escapeCell(text: string): string {
    return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

export function renderCatalogue(rules: readonly Rule[]): string {
    const resourceRules = rules.filter((r) => r.kind === "resource").length;
    const lines = [
        "# Policy catalogue",
        "",
        "<!-- Generated from the rule metadata by `npm run docs`; edit the rules in policies/, not this file. -->",
        "",
        `The \`secure-platform\` policy pack has ${rules.length} rules (${resourceRules} resource rules, ${rules.length - resourceRules} stack rules).`,
        "Every rule is mandatory unless a `--policy-pack-config` file lowers it. Resource rules judge each resource's inputs",
        "before it is created; stack rules judge the whole stack after every resource is known.",
        "",
        "| Rule | Controls | Severity | Requires |",
        "| --- | --- | --- | --- |",
        ...rules.map((rule) => `| [${rule.metadata.name}](#${rule.metadata.name}) | ${rule.metadata.controls.map(controlLabel).join(", ")} | ${rule.metadata.severity} | ${escapeCell(rule.metadata.description)} |`),
        "",
    ];
    for (const rule of rules) {
        const { metadata } = rule;
        const source = ruleSourcePath(metadata.name);
        lines.push(`## ${metadata.name}`, "");
        lines.push(publishedDescription(metadata), "");
        lines.push(`- **Severity:** ${metadata.severity}; **enforcement:** ${metadata.enforcementLevel ?? "mandatory"}`);
        lines.push(`- **Judges:** ${rule.kind === "stack" ? "the whole stack" : (rule.resourceTypes ?? []).map((t) => `\`${t}\``).join(", ")}`);
        for (const key of metadata.controls) {
            const control = CONTROLS[key];
            lines.push(`- **${controlLabel(key)}** (${FRAMEWORKS[control.framework].name}): [${control.title}](${control.url})`);
        }
        lines.push(`- **How to fix:** ${metadata.remediation}`);
        if (metadata.config) {
            lines.push("- **Settings** (`--policy-pack-config`):");
            for (const [key, schema] of Object.entries(metadata.config)) {
                lines.push(`  - \`${key}\` (default \`${JSON.stringify(schema.default)}\`): ${schema.description ?? ""}`);
            }
        }
        if (source) {
            lines.push(`- **Source:** [${source}](../${source}); tests in \`test/${source.replace(/\.ts$/, "")}.test.ts\` and \`.cases.ts\``);
        }
        lines.push("");
    }
    return lines.join("\n");
}

export const CATALOGUE_PATH = path.join(REPO_ROOT, "docs", "policies.md");

if (require.main === module) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { RULES } = require("../registry") as typeof import("../registry");
    fs.mkdirSync(path.dirname(CATALOGUE_PATH), { recursive: true });
    fs.writeFileSync(CATALOGUE_PATH, renderCatalogue(RULES));
    process.stdout.write(`wrote ${path.relative(process.cwd(), CATALOGUE_PATH)} (${RULES.length} rules)\n`);
}
