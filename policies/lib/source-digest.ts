/**
 * The pack runs from JavaScript compiled into policies/bin (by `npm run build`; `npm ci` and `npm test` run
 * it), so the CLI does not type-check the TypeScript sources at every launch. The build records a digest
 * of the sources; a compiled pack whose sources have changed since refuses to start rather than enforce
 * rules that are no longer the ones in the repository.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";

export const BUILD_DIR = "bin";
export const DIGEST_FILE = "source-digest.json";

function sources(dir: string, root: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
            return entry.name === "node_modules" || (dir === root && entry.name === BUILD_DIR) ? [] : sources(full, root);
        }
        return entry.name.endsWith(".ts") || entry.name === "package.json" || entry.name === "tsconfig.json" ? [full] : [];
    });
}

/** A digest of every source file of the pack (paths and contents). */
export function sourceDigest(packDir: string): string {
    const hash = createHash("sha256");
    for (const file of sources(packDir, packDir).sort()) {
        hash.update(path.relative(packDir, file)).update("\0").update(fs.readFileSync(file)).update("\0");
    }
    return hash.digest("hex");
}

/** The digest the build recorded, or undefined when the pack has not been built. */
export function builtDigest(packDir: string): string | undefined {
    try {
        return (JSON.parse(fs.readFileSync(path.join(packDir, BUILD_DIR, DIGEST_FILE), "utf8")) as { digest: string }).digest;
    } catch {
        return undefined;
    }
}

/** Called by the compiled entry point: stops a pack built from other sources than those beside it. */
export function assertBuildCurrent(entryDir: string): void {
    if (path.basename(entryDir) !== BUILD_DIR) {
        return;
    }
    const packDir = path.dirname(entryDir);
    if (builtDigest(packDir) !== sourceDigest(packDir)) {
        throw new Error(`the compiled policy pack in ${entryDir} is older than its sources; run \`npm run build\` in ${path.dirname(packDir)}`);
    }
}
