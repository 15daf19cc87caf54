/**
 * The threat model and the diagram show the account's detectors (GuardDuty, Security Hub, AWS Config), on
 * hand-built stacks: what each watches, and what stays open when a protection is off or a node is tainted.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { toMermaid } from "../../../engine/formats/diagram";
import { toThreatModel } from "../../../engine/formats/threat-model";
import { fixtureResult, type FixtureResource } from "./stack-fixtures";

const FSBP = "arn:aws:securityhub:eu-west-1::standards/aws-foundational-security-best-practices/v/1.0.0";
const feature = (name: string, status = "ENABLED"): FixtureResource =>
    ({ type: "aws:guardduty/detectorFeature:DetectorFeature", name: name.toLowerCase(), inputs: { detectorId: "threats-id", name, status }, dependsOn: ["threats"] });
const detectors = (runtime = "ENABLED"): FixtureResource[] => [
    { type: "aws:guardduty/detector:Detector", name: "threats", inputs: { enable: true, findingPublishingFrequency: "FIFTEEN_MINUTES" } },
    feature("EKS_AUDIT_LOGS"),
    feature("RUNTIME_MONITORING", runtime),
    { type: "aws:securityhub/account:Account", name: "hub", inputs: { enableDefaultStandards: false } },
    { type: "aws:securityhub/standardsSubscription:StandardsSubscription", name: "fsbp", inputs: { standardsArn: FSBP }, dependsOn: ["hub"] },
    { type: "aws:cfg/recorder:Recorder", name: "recorder", inputs: { name: "platform" } },
    { type: "aws:cfg/recorderStatus:RecorderStatus", name: "recorder-status", inputs: { name: "platform", isEnabled: true }, dependsOn: ["recorder"] },
];

/** The threat rows of the component, as `threat → status`. */
function threats(model: string): Map<string, string> {
    const rows = model.split("\n").filter((l) => l.startsWith("| T") && l.includes("threat detection and compliance"));
    return new Map(rows.map((row) => {
        const cells = row.slice(2, -2).split(" | ");
        return [cells[3], cells[cells.length - 1]];
    }));
}

describe("threat detection in the threat model", () => {
    it("shows GuardDuty's protections and Security Hub on a recording Config as mitigations", () => {
        const model = toThreatModel(fixtureResult(detectors()));
        const rows = threats(model);
        assert.equal(rows.get("stolen credentials, a compromised pod or malware in the account go undetected"), "mitigated");
        assert.equal(rows.get("configuration drifts from FSBP and CIS AWS Foundations unnoticed"), "mitigated");
        assert.match(model, /GuardDuty: EKS_AUDIT_LOGS, RUNTIME_MONITORING; findings every FIFTEEN_MINUTES/);
        assert.match(model, /Security Hub \(aws-foundational-security-best-practices\/v\/1\.0\.0\) on an AWS Config recorder that is switched on/);
    });

    it("leaves detection open when runtime monitoring is off", () => {
        const rows = threats(toThreatModel(fixtureResult(detectors("DISABLED"))));
        assert.equal(rows.get("stolen credentials, a compromised pod or malware in the account go undetected"), "OPEN");
    });

    it("names the tainted node group the agent does not reach", () => {
        const cluster: FixtureResource = { type: "aws:eks/cluster:Cluster", name: "platform", inputs: { name: "platform" } };
        const nodeGroup = (name: string, taints: unknown[]): FixtureResource =>
            ({ type: "aws:eks/nodeGroup:NodeGroup", name, inputs: { clusterName: "platform-id", taints, labels: {} }, dependsOn: ["platform"] });
        const model = toThreatModel(fixtureResult([...detectors(), cluster, nodeGroup("nodes-app", []), nodeGroup("nodes-data", [{ key: "secure-platform/dedicated", value: "data", effect: "NO_SCHEDULE" }])]));
        const row = model.split("\n").find((l) => l.includes("goes unseen by runtime monitoring"));
        assert.ok(row, "the threat is listed");
        assert.match(row!, /the GuardDuty agent does not tolerate the taint of nodes-data/);
        assert.match(row!, /\| OPEN \|$/);
    });
});

describe("threat detection in the diagram", () => {
    it("draws one node with what each service watches", () => {
        const { source } = toMermaid(fixtureResult(detectors()));
        const node = source.split("\n").find((l) => l.includes("threat detection"));
        assert.ok(node, source);
        assert.match(node!, /GuardDuty: eks audit logs, runtime monitoring<br\/>Security Hub: aws-foundational-security-best-practices\/v\/1\.0\.0<br\/>AWS Config recorder/);
    });

    it("draws nothing for a stack without detectors", () => {
        assert.ok(!toMermaid(fixtureResult([{ type: "aws:s3/bucket:Bucket", name: "reports" }])).source.includes("threat detection"));
    });
});
