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
        const entries = section(model, "Entry points").split("\n").filter((l) => /^\| EP\d+ /.test(l));
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
});
