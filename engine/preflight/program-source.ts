/**
 * Where in the program a resource comes from, for a finding's fix: the innermost component in its URN and
 * the file under infra/ that declares that component type (`super("secure-platform:k8s:Tenant", ...)`).
 */
import * as fs from "node:fs";
import * as path from "node:path";

const INFRA_DIR = path.resolve(__dirname, "..", "..", "infra");

let componentFiles: Map<string, string> | undefined;

function filesUnder(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
            return entry.name === "upstream" ? [] : filesUnder(full);
        }
        return entry.name.endsWith(".ts") ? [full] : [];
    });
}

/** Component type token → `infra/...ts`, read once. */
function componentTypes(): Map<string, string> {
    if (!componentFiles) {
        componentFiles = new Map();
        for (const file of filesUnder(INFRA_DIR)) {
            for (const match of fs.readFileSync(file, "utf8").matchAll(/super\(\s*"([^"]+:[^"]+)"/g)) {
                componentFiles.set(match[1], path.relative(path.dirname(INFRA_DIR), file).split(path.sep).join("/"));
            }
        }
    }
    return componentFiles;
}

/** e.g. `infra/k8s/mongodb/percona-mongodb.ts (component secure-platform:k8s:PerconaMongoDb)`, or undefined. */
export function programSource(urn: string): string | undefined {
    const parts = urn.split("::");
    const types = (parts[2] ?? "").split("$").slice(0, -1).reverse();
    for (const type of types) {
        const file = componentTypes().get(type);
        if (file) {
            return `${file} (component ${type})`;
        }
    }
    return undefined;
}

/** The closest of `candidates` to a misspelt name, when it is close enough to be a likely typo. */
export function closestName(name: string, candidates: readonly string[]): string | undefined {
    let best: string | undefined;
    let bestDistance = Infinity;
    for (const candidate of candidates) {
        const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
        if (distance < bestDistance) {
            best = candidate;
            bestDistance = distance;
        }
    }
    return best !== undefined && bestDistance <= Math.max(2, Math.floor(name.length / 4)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
    let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        for (let j = 1; j <= b.length; j++) {
            current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        }
        previous = current;
    }
    return previous[b.length];
}
