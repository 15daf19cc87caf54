import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import { CRD_DIR, CRD_SOURCES, indexPinnedCrds, PinnedCrds, sourceFolder, upstreamOfEksBuild, yamlDocuments } from "../../../engine/preflight/pinned-crds";
import { ADDON_VERSIONS, SUPPORTED_KUBERNETES_VERSIONS } from "../../../infra/versions";

const index = (JSON.parse(fs.readFileSync(path.join(CRD_DIR, "index.json"), "utf8")) as { crds: ReturnType<typeof indexPinnedCrds> }).crds;

describe("the pinned CRDs", () => {
    it("have a folder for the version infra/versions.ts pins of every source, and no other version of it", () => {
        const folders = fs.readdirSync(CRD_DIR).filter((f) => fs.statSync(path.join(CRD_DIR, f)).isDirectory());
        for (const source of CRD_SOURCES) {
            const expected = sourceFolder(source);
            assert.ok(folders.includes(expected), `${source.pin} is ${source.version}: infra/upstream/crds/${expected}/ must hold its CRDs (found ${folders.filter((f) => f.startsWith(`${source.name}@`)).join(", ") || "none"})`);
            assert.deepEqual(folders.filter((f) => f.startsWith(`${source.name}@`)), [expected], `only ${expected} of ${source.name} is pinned`);
            assert.ok(index.some((crd) => crd.file.startsWith(`${expected}/`)), `index.json lists the CRDs of ${expected}`);
        }
        assert.deepEqual(folders.sort(), CRD_SOURCES.map(sourceFolder).sort(), "every folder belongs to a pinned source");
    });

    it("come with the snapshot-controller add-on at one external-snapshotter release on every supported Kubernetes version", () => {
        const releases = new Set(Object.keys(SUPPORTED_KUBERNETES_VERSIONS).map((v) => upstreamOfEksBuild(ADDON_VERSIONS[v as keyof typeof ADDON_VERSIONS]["snapshot-controller"])));
        assert.equal(releases.size, 1, `one VolumeSnapshot CRD set is pinned; these Kubernetes versions pin ${[...releases].join(", ")}`);
        assert.equal(upstreamOfEksBuild("v8.3.0-eksbuild.1"), "8.3.0");
    });

    it("are listed in index.json exactly as the files define them (run npx tsx engine/preflight/pinned-crds.ts after a change)", () => {
        assert.deepEqual(index, indexPinnedCrds());
    });

    it("each have their provenance in SOURCES.md", () => {
        const sources = fs.readFileSync(path.join(CRD_DIR, "SOURCES.md"), "utf8");
        for (const crd of index) {
            assert.ok(sources.includes(`\`${crd.file}\``), `SOURCES.md names ${crd.file}`);
        }
    });

    it("serve the kinds the program creates, in the versions it uses", () => {
        const crds = new PinnedCrds();
        for (const [group, kind, version] of [["psmdb.percona.com", "PerconaServerMongoDB", "v1"], ["security.istio.io", "PeerAuthentication", "v1"], ["security.istio.io", "AuthorizationPolicy", "v1"], ["networking.istio.io", "Gateway", "v1"], ["networking.istio.io", "ServiceEntry", "v1"], ["snapshot.storage.k8s.io", "VolumeSnapshotClass", "v1"], ["snapscheduler.backube", "SnapshotSchedule", "v1"]]) {
            const entry = crds.find(group, kind);
            assert.ok(entry, `${group} ${kind} is pinned`);
            assert.ok(entry.versions.some((v) => v.name === version && v.served), `${kind} ${version} is served`);
            assert.equal(crds.schema(entry, version)?.type, "object");
        }
    });
});

describe("yamlDocuments", () => {
    it("splits a multi-document file and drops empty documents", () => {
        assert.deepEqual(yamlDocuments("---\na: 1\n---\n# only a comment\n---\nb: 2\n").map((d) => d.trim()), ["a: 1", "b: 2"]);
    });
});
