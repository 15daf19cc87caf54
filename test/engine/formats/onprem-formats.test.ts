/**
 * Both model formats on the on-prem stack (rendered once, in process): no AWS resource, a gateway
 * Service as the way in, snapscheduler snapshots. Nothing may be missing or empty for lack of AWS.
 */
import assert from "node:assert/strict";
import * as path from "node:path";
import { before, describe, it } from "node:test";
import type { CheckResult } from "../../../engine/engine";
import { runCheck } from "../../../engine/engine";
import { toDiagram } from "../../../engine/formats/diagram";
import { toThreatModel } from "../../../engine/formats/threat-model";

const ROOT = path.resolve(__dirname, "..", "..", "..");

function section(markdown: string, heading: string): string {
    const start = markdown.indexOf(`## ${heading}\n`);
    assert.ok(start >= 0, heading);
    const end = markdown.indexOf("\n## ", start + 1);
    return markdown.slice(start, end < 0 ? undefined : end);
}

describe("model formats of the on-prem stack", () => {
    let result: CheckResult;
    let model: string;
    let diagram: string;

    before(async () => {
        result = await runCheck({ root: ROOT, stack: "onprem" });
        model = toThreatModel(result);
        diagram = toDiagram(result);
    });

    it("renders a stack with no AWS resource", () => {
        assert.equal(result.resources.filter((r) => r.type.startsWith("aws:")).length, 0);
        assert.ok(result.resources.length > 50);
    });

    it("takes the gateway Service, and the Gateway behind it, as the entry points", () => {
        const services = result.resources.filter((r) => r.type === "kubernetes:core/v1:Service"
            || (r.type.startsWith("kubernetes:helm.sh/") && ["LoadBalancer", "NodePort"].includes(String(((r.inputs.values as { service?: { type?: string } } | undefined)?.service)?.type))));
        assert.ok(services.length > 0, "the gateway is exposed by a Service");
        // The egress gateway's server (the backup store's route) is an internal entry point of its own.
        const entries = section(model, "Entry points").split("\n").filter((l) => /^\| EP\d+ /.test(l) && !/ of Gateway istio-egress\//.test(l));
        assert.equal(entries.length, services.length + 1);
        assert.match(entries.join("\n"), /(LoadBalancer|NodePort) Service istio-ingress\//);
        assert.match(entries.join("\n"), /of Gateway istio-ingress\//);
    });

    it("lists every secret, generated value, database volume and snapshot schedule as an asset", () => {
        const assets = section(model, "Assets");
        const expected = result.resources.filter((r) => r.type === "kubernetes:core/v1:Secret" || /^random:|^tls:index\/privateKey/.test(r.type)
            || r.type.endsWith(":SnapshotSchedule") || r.type.endsWith(":PerconaServerMongoDB"));
        assert.ok(expected.some((r) => r.type.endsWith(":SnapshotSchedule")));
        for (const r of expected) {
            assert.ok(assets.includes(`\`${r.name}\` (`), `${r.type} ${r.name}`);
        }
    });

    it("fills every section of the threat model", () => {
        for (const heading of ["Components", "Trust boundaries", "Entry points", "Assets", "Data flows", "Threats (STRIDE)"]) {
            assert.doesNotMatch(section(model, heading), /None in this stack\./, heading);
        }
    });

    it("draws the cluster, its namespaces, MongoDB and its snapshots", () => {
        assert.match(diagram, /subgraph n_\w+\["Kubernetes cluster"\]/);
        const tenants = result.resources.filter((r) => r.type === "kubernetes:core/v1:Namespace" && Object.keys((r.inputs.metadata as { labels?: object }).labels ?? {}).some((k) => k.endsWith("/tenant")));
        for (const ns of tenants) {
            assert.match(diagram, new RegExp(`namespace ${(ns.inputs.metadata as { name: string }).name}<br/>tenant`));
        }
        assert.match(diagram, /MongoDB \w+<br\/>replica set/);
        assert.match(diagram, /-->\|"backs up \(volume snapshots\)"\| n_snapshot_schedules/);
        assert.doesNotMatch(diagram, /VPC|KMS|ALB/);
    });

    it("shows the egress gateway as the only way out, in the diagram and the threat model, and not as an entry point", () => {
        assert.match(diagram, /egress gateway istio-egress<br\/>the only way out · 1 allowed host\(s\)/);
        assert.match(diagram, /n_ns_data -->\|"external calls \(mTLS\)"\| n_egress_istio_egress/);
        assert.match(diagram, /n_egress_istio_egress -->\|"TLS passed through, logged"\| n_external_istio_egress/);
        const threats = section(model, "Threats (STRIDE)").split("\n").filter((l) => l.includes("pods call external hosts directly"));
        assert.equal(threats.length, 1);
        assert.match(threats[0], /egress gateway istio-egress\/istio-egress, the only namespace allowed out; 1 external host\(s\) routed through it .*\| mitigated \|$/);
        assert.match(section(model, "Exit points"), /\| data \| s3\.backup\.corp\.example through the egress gateway in istio-egress \|/);
        assert.doesNotMatch(section(model, "Entry points"), /Gateway istio-egress\//);
    });

    it("shows the off-site backup store in the diagram and its threat mitigated in the model", () => {
        assert.match(diagram, /\("off-site minio store s3.backup.corp.example:443<br\/>bucket platform-backups\/dc1-platform\/mongodb · TLS verified"\)/);
        assert.match(diagram, /n_db_mongodb -->\|"backs up \(logical, PITR\) off-site"\| n_store_/);
        const threats = section(model, "Threats (STRIDE)").split("\n").filter((l) => l.includes("every backup lost with the cluster or its site"));
        assert.equal(threats.length, 1, section(model, "Threats (STRIDE)"));
        assert.match(threats[0], /logical backups and PITR oplog slices off the cluster: minio s3.backup.corp.example:443\/platform-backups .*\| mitigated \|$/);
        assert.match(section(model, "Data flows"), /\| backup \| MongoDB data\/mongodb \| off-site store s3.backup.corp.example:443 bucket platform-backups \| logical backups and PITR oplog slices \(storage logical\) over HTTPS \| certificate verified against the CA in Secret mongodb-backup-store-ca/);
    });
});
