import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import { CATALOGUE_PATH, renderCatalogue, ruleSourcePath } from "../../../policies/lib/catalogue";
import { controlLabel } from "../../../policies/lib/controls";
import { RULES } from "../../../policies/registry";

const ROOT = path.resolve(__dirname, "..", "..", "..");

describe("docs/policies.md", () => {
    it("matches the pack's rules (run `npm run docs` after changing a rule)", () => {
        assert.equal(fs.readFileSync(CATALOGUE_PATH, "utf8"), renderCatalogue(RULES));
    });

    it("lists every rule with its controls and remediation", () => {
        const text = renderCatalogue(RULES);
        for (const rule of RULES) {
            assert.ok(text.includes(`## ${rule.metadata.name}\n`));
            for (const control of rule.metadata.controls) {
                assert.ok(text.includes(controlLabel(control)));
            }
            assert.ok(text.includes(rule.metadata.remediation));
        }
    });
});

describe("rule files", () => {
    it("are named after their rule and have a test and a corpus beside the same path under test/", () => {
        for (const rule of RULES) {
            const source = ruleSourcePath(rule.metadata.name);
            assert.ok(source, `no file policies/**/${rule.metadata.name}.ts`);
            const base = path.join(ROOT, "test", source.replace(/\.ts$/, ""));
            assert.ok(fs.existsSync(`${base}.test.ts`), `${base}.test.ts`);
            assert.ok(fs.existsSync(`${base}.cases.ts`), `${base}.cases.ts`);
        }
    });
});
