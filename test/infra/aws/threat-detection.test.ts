import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import * as aws from "@pulumi/aws";
import { lookupAwsContext } from "../../../infra/aws/aws-context";
import { deploySecurityServices, FINDING_PUBLISHING_FREQUENCY, ThreatDetection } from "../../../infra/aws/threat-detection";
import type { SecurityServicesSettings } from "../../../infra/settings/security-services";
import { RecordedResource, renderComponents } from "../../../engine/program";
import { ofType, plain } from "../../harness/resources";

const input = (r: RecordedResource, key: string) => plain(r.inputs)[key];

const CREATE_ALL: SecurityServicesSettings = { guardDuty: "create", securityHub: "create", config: "create" };
/** What each variant asks for, and its region: rendered together (mocks are process-wide), each under its own name. */
const VARIANTS: Readonly<Record<string, { services: SecurityServicesSettings; region: string }>> = {
    all: { services: CREATE_ALL, region: "eu-west-1" },
    gov: { services: { guardDuty: "organization", securityHub: "create", config: "organization" }, region: "us-gov-west-1" },
    hub: { services: { guardDuty: "organization", securityHub: "create", config: "organization" }, region: "eu-west-1" },
    recorder: { services: { guardDuty: "organization", securityHub: "organization", config: "create" }, region: "eu-west-1" },
    none: { services: { guardDuty: "organization", securityHub: "organization", config: "organization" }, region: "eu-west-1" },
};
let rendered: readonly RecordedResource[];

before(async () => {
    ({ resources: rendered } = await renderComponents(() => {
        for (const [name, { services, region }] of Object.entries(VARIANTS)) {
            const provider = new aws.Provider(`aws-${name}`, { region });
            deploySecurityServices(name, {
                context: lookupAwsContext(region, provider),
                services,
                namePrefix: "secure-platform-prod",
                keyAdmins: ["arn:aws:iam::123456789012:role/platform-deployer"],
                kmsDeletionWindowInDays: 30,
                accessLogs: { bucket: "platform-logs", prefix: "s3-access-logs" },
                retentionInDays: 365,
                protect: true,
            }, { provider });
        }
    }));
    all = variant("all");
});

/** The resources of one variant: its components (`<name>-config`, `<name>-detection`) and their children. */
function variant(name: string): RecordedResource[] {
    return rendered.filter((r) => r.name.startsWith(`${name}-`) && r.type !== "pulumi:providers:aws");
}
let all: readonly RecordedResource[];

describe("ThreatDetection", () => {
    it("enables a GuardDuty detector that publishes findings every 15 minutes", () => {
        const [detector] = ofType(all, "aws:guardduty/detector:Detector");
        assert.equal(input(detector, "enable"), true);
        assert.equal(input(detector, "findingPublishingFrequency"), FINDING_PUBLISHING_FREQUENCY);
        assert.equal(FINDING_PUBLISHING_FREQUENCY, "FIFTEEN_MINUTES");
    });

    it("turns on EKS audit-log monitoring, runtime monitoring with GuardDuty managing the agent, EBS malware and S3 protection", () => {
        const features = ofType(all, "aws:guardduty/detectorFeature:DetectorFeature");
        const byName = new Map(features.map((f) => [input(f, "name"), f]));
        assert.deepEqual([...byName.keys()].sort(), ["EBS_MALWARE_PROTECTION", "EKS_AUDIT_LOGS", "RUNTIME_MONITORING", "S3_DATA_EVENTS"]);
        for (const feature of features) {
            assert.equal(input(feature, "status"), "ENABLED", input(feature, "name"));
            assert.ok(feature.dependencies.includes(ofType(all, "aws:guardduty/detector:Detector")[0].urn), "names the detector");
        }
        assert.deepEqual(input(byName.get("RUNTIME_MONITORING")!, "additionalConfigurations"), [{ name: "EKS_ADDON_MANAGEMENT", status: "ENABLED" }]);
        assert.ok(!byName.has("EKS_RUNTIME_MONITORING"), "GuardDuty refuses both runtime features on one detector");
    });

    it("enables Security Hub with consolidated control findings and subscribes FSBP and CIS AWS Foundations in the partition", () => {
        const [hub] = ofType(all, "aws:securityhub/account:Account");
        assert.equal(input(hub, "enableDefaultStandards"), false);
        assert.equal(input(hub, "controlFindingGenerator"), "SECURITY_CONTROL");
        assert.deepEqual(ofType(all, "aws:securityhub/standardsSubscription:StandardsSubscription").map((s) => input(s, "standardsArn")).sort(), [
            "arn:aws:securityhub:eu-west-1::standards/aws-foundational-security-best-practices/v/1.0.0",
            "arn:aws:securityhub:eu-west-1::standards/cis-aws-foundations-benchmark/v/3.0.0",
        ]);
    });

    it("enables Security Hub once the Config recorder is switched on, and subscribes standards after Security Hub", () => {
        const [hub] = ofType(all, "aws:securityhub/account:Account");
        const [status] = ofType(all, "aws:cfg/recorderStatus:RecorderStatus");
        assert.ok(hub.dependencies.includes(status.urn));
        for (const subscription of ofType(all, "aws:securityhub/standardsSubscription:StandardsSubscription")) {
            assert.ok(subscription.dependencies.includes(hub.urn));
        }
    });

    it("names the standards with the partition of a GovCloud region", () => {
        const resources = variant("gov");
        assert.equal(ofType(resources, "aws:securityhub/standardsSubscription:StandardsSubscription").length, 2);
        assert.ok(ofType(resources, "aws:securityhub/standardsSubscription:StandardsSubscription")
            .every((s) => String(input(s, "standardsArn")).startsWith("arn:aws-us-gov:securityhub:us-gov-west-1::standards/")));
    });

    it("refuses to be created with nothing to create", () => {
        assert.throws(() => new ThreatDetection("x", { context: {} as never, guardDuty: false, securityHub: false }), /nothing to create/);
    });
});

describe("securityServices: organization", () => {
    it("creates nothing for a service the organisation provides", () => {
        const resources = variant("hub");
        assert.equal(ofType(resources, "aws:guardduty/detector:Detector").length, 0);
        assert.equal(ofType(resources, "aws:cfg/recorder:Recorder").length, 0);
        assert.equal(ofType(resources, "aws:securityhub/account:Account").length, 1);
        assert.deepEqual(variant("none").map((r) => r.type), []);
    });

    it("creates the recorder, not the detectors, when only Config is the stack's", () => {
        const resources = variant("recorder");
        assert.equal(ofType(resources, "aws:cfg/recorder:Recorder").length, 1);
        assert.deepEqual(resources.filter((r) => r.type.startsWith("aws:guardduty") || r.type.startsWith("aws:securityhub")), []);
    });
});
