/**
 * The restore object: what the operator needs (cluster and backup, a PITR target), validated against the
 * pinned PerconaServerMongoDBRestore CRD, CEL rules included, the way the preflight judges it.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import { parse } from "yaml";
import { customResourceFindings } from "../../../../engine/preflight/custom-resources";
import { handBuilt } from "../../../engine/preflight/object-fixtures";
import { restoreManifest, restoreObjectName, RestoreRequest } from "../../../../infra/k8s/mongodb/restore";

const TYPE = "kubernetes:psmdb.percona.com/v1:PerconaServerMongoDBRestore";

function findings(manifest: Record<string, unknown>) {
    const { metadata, spec } = manifest;
    return customResourceFindings(handBuilt(TYPE, { apiVersion: "psmdb.percona.com/v1", kind: "PerconaServerMongoDBRestore", metadata, spec }));
}

describe("restoreManifest", () => {
    const requests: RestoreRequest[] = [
        { backupName: "cron-mongodb-20260131040000-x7k2p" },
        { backupName: "cron-mongodb-20260131040000-x7k2p", pointInTime: "2026-01-31 13:45:00" },
        { backupName: "cron-mongodb-20260131040000-x7k2p", pointInTime: "latest" },
    ];

    it("names the cluster and the backup, and a PITR target by date or the latest slice", () => {
        assert.deepEqual(requests.map((r) => restoreManifest(r, "mongodb", "data").spec), [
            { clusterName: "mongodb", backupName: "cron-mongodb-20260131040000-x7k2p" },
            { clusterName: "mongodb", backupName: "cron-mongodb-20260131040000-x7k2p", pitr: { type: "date", date: "2026-01-31 13:45:00" } },
            { clusterName: "mongodb", backupName: "cron-mongodb-20260131040000-x7k2p", pitr: { type: "latest" } },
        ]);
        assert.deepEqual(restoreManifest(requests[0], "mongodb", "data").metadata, { name: restoreObjectName(requests[0]), namespace: "data" });
    });

    it("validates against the pinned CRD, its CEL rules included", () => {
        for (const request of requests) {
            assert.deepEqual(findings(restoreManifest(request, "mongodb", "data")), [], JSON.stringify(request));
        }
    });

    it("is judged by the CRD: a date in another format breaks its CEL rule", () => {
        const broken = restoreManifest({ backupName: "b1", pointInTime: "2026-01-31T13:45:00Z" }, "mongodb", "data");
        const found = findings(broken);
        assert.equal(found.length, 1, JSON.stringify(found, null, 2));
        assert.match(found[0].message, /Time should be in format YYYY-MM-DD HH:MM:SS/);
    });

    it("gets a new object name for each request and the same one for the same request", () => {
        const names = requests.map(restoreObjectName);
        assert.equal(new Set(names).size, requests.length);
        assert.equal(restoreObjectName({ ...requests[1] }), names[1]);
        assert.ok(names.every((n) => /^restore-[0-9a-f]{12}$/.test(n)));
    });
});

describe("the README's restore runbook", () => {
    it("applies restore objects the pinned CRD admits", () => {
        const readme = fs.readFileSync(path.resolve(__dirname, "..", "..", "..", "..", "README.md"), "utf8");
        const blocks = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]).filter((b) => /kind: PerconaServerMongoDBRestore/.test(b));
        assert.ok(blocks.length > 0, "the runbook shows a PerconaServerMongoDBRestore");
        for (const block of blocks) {
            // Placeholders such as <a psmdb-backup listed above> stand for names.
            const manifest = parse(block.replace(/<[^>]+>/g, "placeholder")) as Record<string, unknown>;
            assert.deepEqual(findings(manifest), [], block);
        }
    });
});
