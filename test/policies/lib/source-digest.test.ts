import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, it } from "node:test";
import { assertBuildCurrent, BUILD_DIR, builtDigest, DIGEST_FILE, sourceDigest } from "../../../policies/lib/source-digest";
import { ROOT } from "../../harness/cli";

function fakePack(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pack-"));
    fs.mkdirSync(path.join(dir, "lib"));
    fs.writeFileSync(path.join(dir, "package.json"), "{\"version\": \"1.0.0\"}");
    fs.writeFileSync(path.join(dir, "index.ts"), "export const rules = 1;\n");
    fs.writeFileSync(path.join(dir, "lib", "rule.ts"), "export const x = 1;\n");
    fs.mkdirSync(path.join(dir, BUILD_DIR));
    fs.writeFileSync(path.join(dir, BUILD_DIR, "index.js"), "exports.rules = 1;\n");
    fs.writeFileSync(path.join(dir, BUILD_DIR, DIGEST_FILE), JSON.stringify({ digest: sourceDigest(dir) }));
    return dir;
}

describe("the compiled pack's source digest", () => {
    it("lets a compiled pack built from the sources beside it start", () => {
        const dir = fakePack();
        assert.doesNotThrow(() => assertBuildCurrent(path.join(dir, BUILD_DIR)));
    });

    it("stops a compiled pack whose sources changed since the build, naming the fix", () => {
        const dir = fakePack();
        fs.writeFileSync(path.join(dir, "lib", "rule.ts"), "export const x = 2;\n");
        assert.throws(() => assertBuildCurrent(path.join(dir, BUILD_DIR)), /older than its sources; run `npm run build`/);
    });

    it("stops it when a source file is added, and ignores the compiled output itself", () => {
        const dir = fakePack();
        const before = sourceDigest(dir);
        fs.writeFileSync(path.join(dir, BUILD_DIR, "extra.js"), "1;\n");
        assert.equal(sourceDigest(dir), before);
        fs.writeFileSync(path.join(dir, "lib", "new-rule.ts"), "export {};\n");
        assert.notEqual(sourceDigest(dir), before);
        assert.throws(() => assertBuildCurrent(path.join(dir, BUILD_DIR)), /older than its sources/);
    });

    it("does not check when the pack runs from its TypeScript sources", () => {
        const dir = fakePack();
        fs.writeFileSync(path.join(dir, "index.ts"), "changed;\n");
        assert.doesNotThrow(() => assertBuildCurrent(dir));
    });

    it("is current for this repository's pack once npm run build has run", () => {
        const packDir = path.join(ROOT, "policies");
        assert.equal(builtDigest(packDir), sourceDigest(packDir), "run npm run build");
        assert.equal(JSON.parse(fs.readFileSync(path.join(packDir, "package.json"), "utf8")).main, `${BUILD_DIR}/index.js`);
    });
});
