/** The format registry: every format renders one stack and several, and per-stack formats put stacks one after the other. */
import assert from "node:assert/strict";
import * as path from "node:path";
import { describe, it } from "node:test";
import type { StackOutcome } from "../../../engine/report";
import { FORMATS, isFormat, perStack, REPORT_FORMATS } from "../../../engine/formats";
import { SAMPLE_ROOT, samplePolicy, sampleResource, sampleResult, sampleViolation } from "./sample-results";

const policy = samplePolicy("require-locks", "high");
const bucket = (stack: string) => sampleResource("aws:s3/bucket:Bucket", "logs", stack);
const dev = sampleResult({ stack: "dev", resources: [bucket("dev")], policies: [policy], violations: [sampleViolation(policy, bucket("dev"), "no lock")] });
const prod = sampleResult({ stack: "prod", resources: [bucket("prod")], policies: [policy], violations: [] });
const outcomes: StackOutcome[] = [
    { stack: "dev", settingsFile: dev.settingsFile, exitCode: 1, result: dev },
    { stack: "qa", settingsFile: path.join(SAMPLE_ROOT, "stacks", "Pulumi.qa.yaml"), exitCode: 2, error: "secure-platform:vpcCidr: bad" },
    { stack: "prod", settingsFile: prod.settingsFile, exitCode: 0, result: prod },
];
const context = { root: SAMPLE_ROOT };

describe("formats: the registry", () => {
    it("knows each format by name and nothing else", () => {
        assert.ok(FORMATS.length >= 4);
        for (const format of FORMATS) {
            assert.ok(isFormat(format));
            assert.ok(REPORT_FORMATS[format].description.length > 10, `${format} says what it is for`);
        }
        assert.equal(isFormat("xml"), false);
        assert.equal(isFormat("toString"), false, "not an inherited property");
    });

    for (const format of FORMATS) {
        it(`${format}: renders one stack, and every stack with each checked stack named`, () => {
            const one = REPORT_FORMATS[format].single(dev, context);
            assert.ok(one.includes("dev"));
            const all = REPORT_FORMATS[format].all(outcomes, context);
            assert.ok(all.includes("dev") && all.includes("prod"), `${format} shows every stack checked`);
        });
    }

    it("puts the reports of the stacks checked one after the other for a per-stack format", () => {
        const format = perStack("the stack's name", (result) => `report of ${result.stack}`);
        assert.equal(format.single(dev, context), "report of dev");
        assert.equal(format.all(outcomes, context), "report of dev\n\nreport of prod");
    });
});
