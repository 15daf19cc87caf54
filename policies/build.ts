/**
 * `npm run build`: compiles the pack into policies/bin and records the digest of its sources. Does nothing
 * when the compiled pack is already current.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { BUILD_DIR, builtDigest, DIGEST_FILE, sourceDigest } from "./lib/source-digest";

const packDir = __dirname;
const digest = sourceDigest(packDir);
if (builtDigest(packDir) !== digest) {
    const outDir = path.join(packDir, BUILD_DIR);
    fs.rmSync(outDir, { recursive: true, force: true });
    const tsc = require.resolve("typescript/bin/tsc");
    const result = spawnSync(process.execPath, [tsc, "-p", path.join(packDir, "tsconfig.json"), "--noEmit", "false", "--outDir", outDir], { stdio: "inherit" });
    if (result.status !== 0) {
        process.exit(result.status ?? 1);
    }
    fs.writeFileSync(path.join(outDir, DIGEST_FILE), `${JSON.stringify({ digest })}\n`);
}
