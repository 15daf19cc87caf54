"use strict";
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || (function () {
    var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function (o) {
            var ar = [];
            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
            return ar;
        };
        return ownKeys(o);
    };
    return function (mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        __setModuleDefault(result, mod);
        return result;
    };
})();
Object.defineProperty(exports, "__esModule", { value: true });
exports.CATALOGUE_PATH = void 0;
exports.ruleSourcePath = ruleSourcePath;
exports.renderCatalogue = renderCatalogue;
/// <reference types="node" />
/**
 * docs/policies.md, generated from the rule metadata: `npm run docs` writes it, a test fails when it is
 * out of date. Each rule's file is named after the rule, so the catalogue links to its source.
 */
const fs = __importStar(require("node:fs"));
const path = __importStar(require("node:path"));
const controls_1 = require("./controls");
const rule_1 = require("./rule");
const PACK_DIR = path.resolve(__dirname, "..");
const REPO_ROOT = path.resolve(PACK_DIR, "..");
/** The pack-relative path of the file defining `name` (`policies/<domain>/.../<name>.ts`). */
function ruleSourcePath(name, dir = PACK_DIR) {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory() && entry.name !== "node_modules" && entry.name !== "lib") {
            const found = ruleSourcePath(name, full);
            if (found) {
                return found;
            }
        }
        else if (entry.name === `${name}.ts`) {
            return path.relative(REPO_ROOT, full).split(path.sep).join("/");
        }
    }
    return undefined;
}
function escapeCell(text) {
    return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}
function renderCatalogue(rules) {
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
        ...rules.map((rule) => `| [${rule.metadata.name}](#${rule.metadata.name}) | ${rule.metadata.controls.map(controls_1.controlLabel).join(", ")} | ${rule.metadata.severity} | ${escapeCell(rule.metadata.description)} |`),
        "",
    ];
    for (const rule of rules) {
        const { metadata } = rule;
        const source = ruleSourcePath(metadata.name);
        lines.push(`## ${metadata.name}`, "");
        lines.push((0, rule_1.publishedDescription)(metadata), "");
        lines.push(`- **Severity:** ${metadata.severity}; **enforcement:** ${metadata.enforcementLevel ?? "mandatory"}`);
        lines.push(`- **Judges:** ${rule.kind === "stack" ? "the whole stack" : (rule.resourceTypes ?? []).map((t) => `\`${t}\``).join(", ")}`);
        for (const key of metadata.controls) {
            const control = controls_1.CONTROLS[key];
            lines.push(`- **${(0, controls_1.controlLabel)(key)}** (${controls_1.FRAMEWORKS[control.framework].name}): [${control.title}](${control.url})`);
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
exports.CATALOGUE_PATH = path.join(REPO_ROOT, "docs", "policies.md");
if (require.main === module) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { RULES } = require("../registry");
    fs.mkdirSync(path.dirname(exports.CATALOGUE_PATH), { recursive: true });
    fs.writeFileSync(exports.CATALOGUE_PATH, renderCatalogue(RULES));
    process.stdout.write(`wrote ${path.relative(process.cwd(), exports.CATALOGUE_PATH)} (${RULES.length} rules)\n`);
}
