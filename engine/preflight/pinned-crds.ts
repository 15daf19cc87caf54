/**
 * The CustomResourceDefinitions the platform's custom resources are judged against: upstream CRD files
 * pinned unchanged in `infra/upstream/crds/<source>@<version>/` (provenance in its SOURCES.md), the version
 * of each folder following `infra/versions.ts`. `index.json` beside them says which file and document
 * holds each (group, kind) and which versions it serves, so a check parses only the CRDs it needs.
 *
 * Regenerate the index after replacing a folder: `npx tsx engine/preflight/pinned-crds.ts`.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as yaml from "js-yaml";
import { ADDON_VERSIONS, DEFAULT_KUBERNETES_VERSION, ISTIO, PERCONA_MONGODB, POLICY_CONTROLLER, SNAPSCHEDULER } from "../../infra/versions";
import type { Plain } from "./stack";

export const CRD_DIR = path.resolve(__dirname, "..", "..", "infra", "upstream", "crds");

/** An upstream project whose CRDs are pinned, at the version `infra/versions.ts` deploys. */
export interface CrdSource {
    /** The folder name before `@`, e.g. `istio`. */
    readonly name: string;
    readonly version: string;
    /** The `infra/versions.ts` constant the version comes from, for messages. */
    readonly pin: string;
}

/** `v8.3.0-eksbuild.1` → `8.3.0`: the external-snapshotter release an EKS snapshot-controller build packages. */
export function upstreamOfEksBuild(addonVersion: string): string {
    return addonVersion.replace(/^v/, "").replace(/-eksbuild\.\d+$/, "");
}

/** Every pinned source with the version it must be at; a folder is `<name>@<version>`. */
export const CRD_SOURCES: readonly CrdSource[] = [
    { name: "istio", version: ISTIO.version, pin: "ISTIO.version" },
    { name: "percona-server-mongodb-operator", version: PERCONA_MONGODB.crVersion, pin: "PERCONA_MONGODB.crVersion" },
    { name: "snapscheduler", version: SNAPSCHEDULER.chartVersion, pin: "SNAPSCHEDULER.chartVersion" },
    // ClusterImagePolicy and TrustRoot, from the controller release the policy-controller chart packages.
    { name: "policy-controller", version: POLICY_CONTROLLER.appVersion, pin: "POLICY_CONTROLLER.appVersion" },
    // The VolumeSnapshot CRDs on EKS come with the snapshot-controller add-on, a build of external-snapshotter.
    {
        name: "external-snapshotter",
        version: upstreamOfEksBuild(ADDON_VERSIONS[DEFAULT_KUBERNETES_VERSION]["snapshot-controller"]),
        pin: `ADDON_VERSIONS["${DEFAULT_KUBERNETES_VERSION}"]["snapshot-controller"]`,
    },
];

export function sourceFolder(source: CrdSource): string {
    return `${source.name}@${source.version}`;
}

/** One CRD in the index: where it is and what the API server serves from it. */
export interface IndexedCrd {
    readonly group: string;
    readonly kind: string;
    readonly plural: string;
    readonly scope: "Namespaced" | "Cluster";
    /** Every version the CRD declares, with `served` as the API server reads it. */
    readonly versions: readonly { readonly name: string; readonly served: boolean }[];
    /** Relative to `infra/upstream/crds/`, e.g. `istio@1.29.0/crd-all.gen.yaml`. */
    readonly file: string;
    /** Index of the YAML document in the file, counting non-empty documents from 0. */
    readonly document: number;
}

/** The YAML documents of a file, as text, without empty ones (a leading `---`, a trailing one). */
export function yamlDocuments(text: string): string[] {
    return text.split(/^---[ \t]*$/m).filter((doc) => doc.replace(/^\s*#.*$/gm, "").trim() !== "");
}

/** Reads every pinned CRD file and lists what it holds (what `index.json` must say). */
export function indexPinnedCrds(dir: string = CRD_DIR): IndexedCrd[] {
    const entries: IndexedCrd[] = [];
    for (const folder of fs.readdirSync(dir).filter((f) => fs.statSync(path.join(dir, f)).isDirectory()).sort()) {
        for (const file of fs.readdirSync(path.join(dir, folder)).filter((f) => /\.ya?ml$/.test(f)).sort()) {
            const relative = `${folder}/${file}`;
            yamlDocuments(fs.readFileSync(path.join(dir, relative), "utf8")).forEach((text, document) => {
                const crd = yaml.load(text) as Plain;
                if (crd?.kind !== "CustomResourceDefinition") {
                    return;
                }
                entries.push({
                    group: crd.spec.group,
                    kind: crd.spec.names.kind,
                    plural: crd.spec.names.plural,
                    scope: crd.spec.scope,
                    versions: (crd.spec.versions as Plain[]).map((v) => ({ name: v.name, served: v.served === true })),
                    file: relative,
                    document,
                });
            });
        }
    }
    return entries.sort((a, b) => a.group.localeCompare(b.group) || a.kind.localeCompare(b.kind));
}

export const INDEX_FILE = path.join(CRD_DIR, "index.json");

/** The pinned CRDs, parsed on first use, one document at a time. */
export class PinnedCrds {
    private readonly index: readonly IndexedCrd[];
    private readonly files = new Map<string, string[]>();
    private readonly parsed = new Map<string, Plain>();

    constructor(private readonly dir: string = CRD_DIR, index?: readonly IndexedCrd[]) {
        this.index = index ?? (JSON.parse(fs.readFileSync(path.join(dir, "index.json"), "utf8")) as { crds: IndexedCrd[] }).crds;
    }

    get entries(): readonly IndexedCrd[] {
        return this.index;
    }

    hasGroup(group: string): boolean {
        return this.index.some((crd) => crd.group === group);
    }

    find(group: string, kind: string): IndexedCrd | undefined {
        return this.index.find((crd) => crd.group === group && crd.kind === kind);
    }

    /** The CRD object (as YAML-parsed) of an index entry. */
    definition(entry: IndexedCrd): Plain {
        const key = `${entry.file}#${entry.document}`;
        let crd = this.parsed.get(key);
        if (!crd) {
            let documents = this.files.get(entry.file);
            if (!documents) {
                documents = yamlDocuments(fs.readFileSync(path.join(this.dir, entry.file), "utf8"));
                this.files.set(entry.file, documents);
            }
            crd = yaml.load(documents[entry.document]) as Plain;
            this.parsed.set(key, crd);
        }
        return crd;
    }

    /** The openAPIV3Schema of one version of a CRD. */
    schema(entry: IndexedCrd, version: string): Plain | undefined {
        const found = (this.definition(entry).spec.versions as Plain[]).find((v) => v.name === version);
        return found?.schema?.openAPIV3Schema as Plain | undefined;
    }
}

let shared: PinnedCrds | undefined;

/** The pinned CRDs, loaded on first use and shared by the checks of a process. */
export function pinnedCrds(): PinnedCrds {
    shared ??= new PinnedCrds();
    return shared;
}

if (require.main === module) {
    fs.writeFileSync(INDEX_FILE, `${JSON.stringify({ crds: indexPinnedCrds() }, null, 2)}\n`);
    process.stdout.write(`wrote ${path.relative(process.cwd(), INDEX_FILE)}\n`);
}
