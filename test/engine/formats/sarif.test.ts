/**
 * SARIF output: valid against the SARIF 2.1.0 JSON schema (as Microsoft's sarif-js-sdk ships it in
 * @microsoft/jest-sarif: the 2.1.0 schema in its draft-04 form), shaped for code scanning, and true
 * to the pack: checked on hand-built results, then on every real stack through the check command.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { before, describe, it } from "node:test";
import AjvDraft04 from "ajv-draft-04";
import addFormats from "ajv-formats";
import { CONTROLS } from "../../../policies/lib/controls";
import { RULES } from "../../../policies/registry";
import { PREFLIGHT_CHECKS } from "../../../engine/preflight";
import { CliResult, ROOT, runCheckCli } from "../../harness/cli";
import type { StackOutcome } from "../../../engine/report";
import { FINGERPRINT_KEY, fingerprint, SOURCE_ROOT, toSarif, toSarifOfStacks } from "../../../engine/formats/sarif";
import { SAMPLE_ROOT, samplePolicy, sampleResource, sampleResult, sampleViolation } from "./sample-results";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

function loadValidator() {
    const dir = path.dirname(require.resolve("@microsoft/jest-sarif/package.json"));
    const schema = JSON.parse(fs.readFileSync(path.join(dir, "lib", "schemas", "sarif-2.1.0-rtm.5.json"), "utf8"));
    // The schema's patterns are ECMAScript regular expressions without the `u` flag (its language
    // pattern has a lone `]`, legal only there).
    const ajv = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    return { schema, validate: ajv.compile(schema) };
}

const { schema, validate } = loadValidator();

function assertValidSarif(log: Json): void {
    assert.ok(validate(log), JSON.stringify(validate.errors?.slice(0, 5), null, 2));
}

/** Mandatory blocks, advisory warns, the rest informs. */
const LEVELS = { mandatory: "error", advisory: "warning", remediate: "note", disabled: "note" } as const;

/** Where code scanning puts a `security-severity` score (its documented bands). */
function band(score: number): string {
    return score >= 9 ? "critical" : score >= 7 ? "high" : score >= 4 ? "medium" : score > 0 ? "low" : "none";
}

const critical = samplePolicy("disallow-open-doors", "critical", { controls: ["DOOR.1", "DOOR.2"] });
const high = samplePolicy("require-locks", "high");
const medium = samplePolicy("require-lights", "medium", { enforcementLevel: "advisory" });
const low = samplePolicy("prefer-paint", "low", { enforcementLevel: "remediate" });
const bucket = sampleResource("aws:s3/bucket:Bucket", "logs");
const queue = sampleResource("aws:sqs/queue:Queue", "jobs");

const sample = sampleResult({
    resources: [bucket, queue],
    policies: [critical, high, medium, low],
    violations: [
        sampleViolation(critical, bucket, "the front door is open"),
        sampleViolation(critical, bucket, "the back door is open"),
        sampleViolation(high, queue, "no lock"),
        sampleViolation(medium, queue, "dark", "advisory"),
        sampleViolation(low, queue, "unpainted", "remediate"),
    ],
});
const context = { root: SAMPLE_ROOT };

describe("sarif: the format", () => {
    const log = JSON.parse(toSarif(sample, context)) as Json;
    const run = log.runs[0];

    it("uses the SARIF 2.1.0 schema as published for the validator, which rejects a broken log", () => {
        assert.match(schema.title, /SARIF\) Version 2\.1\.0/);
        assertValidSarif(log);
        const broken = structuredClone(log);
        broken.runs[0].results[0].level = "fatal";
        assert.equal(validate(broken), false, "an unknown level is refused");
        const toolless = structuredClone(log);
        delete toolless.runs[0].tool;
        assert.equal(validate(toolless), false, "a run without its tool is refused");
    });

    it("describes every policy of the pack as a rule with its controls, severity, remediation and default level", () => {
        const rules = run.tool.driver.rules as Json[];
        assert.equal(run.tool.driver.name, "demo-pack");
        assert.equal(run.tool.driver.version, "1.2.3");
        assert.deepEqual(rules.map((r) => r.id), [critical, high, medium, low].map((p) => p.name));
        for (const [rule, policy] of rules.map((r, i) => [r, [critical, high, medium, low][i]] as const)) {
            assert.deepEqual(rule.properties.controls, policy.tags);
            assert.equal(rule.properties.severity, policy.severity);
            assert.equal(band(Number(rule.properties["security-severity"])), policy.severity, `${rule.id}: security-severity ${rule.properties["security-severity"]}`);
            assert.ok(rule.help.text.includes(policy.remediationSteps));
            assert.equal(rule.fullDescription.text, policy.description);
            assert.ok(!rule.shortDescription.text.includes("Framework"), "the short description leaves the controls to the full one");
            assert.equal(rule.helpUri, policy.url);
            assert.ok(rule.properties.tags.includes("security"), "code scanning shows security-severity only for security rules");
        }
        assert.deepEqual(rules.map((r) => r.defaultConfiguration.level), [critical, high, medium, low].map((p) => LEVELS[p.enforcementLevel]));
    });

    it("gives each violation a result at the level of its enforcement, naming the resource, controls and remediation", () => {
        assert.equal(run.results.length, sample.violations.length);
        assert.deepEqual(run.results.map((r: Json) => r.level), sample.violations.map((v) => LEVELS[v.enforcementLevel]));
        for (const result of run.results as Json[]) {
            const rule = run.tool.driver.rules[result.ruleIndex];
            assert.equal(rule.id, result.ruleId);
            for (const control of rule.properties.controls) {
                assert.ok(result.message.text.includes(control), `${result.ruleId}: message names ${control}`);
            }
            assert.ok(result.message.text.includes(`Remediation: ${rule.help.text.replace(/^Remediation: /, "")}`));
            const [location] = result.locations;
            assert.deepEqual(location.physicalLocation.artifactLocation, { uri: "stacks/Pulumi.dev.yaml", uriBaseId: SOURCE_ROOT, index: 0 });
            assert.equal(location.logicalLocations[0].fullyQualifiedName, result.properties.urn);
            assert.equal(location.logicalLocations[0].kind, "resource");
        }
    });

    it("adds controls and remediation to a message from a pack that does not write them", () => {
        const terse = { ...sampleViolation(high, queue, "x"), message: "no lock" };
        const text = JSON.parse(toSarif(sampleResult({ resources: [queue], policies: [high], violations: [terse] }), context)).runs[0].results[0].message.text;
        assert.ok(text.includes(high.tags[0]));
        assert.ok(text.includes(high.remediationSteps));
    });

    it("fingerprints a result by stack, rule, resource and occurrence, not by its message", () => {
        const prints = run.results.map((r: Json) => r.partialFingerprints[FINGERPRINT_KEY]);
        assert.equal(new Set(prints).size, prints.length, "two violations of one rule on one resource stay apart");
        const reworded = sampleResult({
            resources: [bucket, queue],
            policies: [critical],
            violations: [{ ...sampleViolation(critical, bucket, "the front door is ajar"), message: "something else entirely" }],
        });
        assert.equal(JSON.parse(toSarif(reworded, context)).runs[0].results[0].partialFingerprints[FINGERPRINT_KEY], prints[0]);
        assert.notEqual(fingerprint("staging", critical.name, bucket.urn, 0), fingerprint("dev", critical.name, bucket.urn, 0));
        assert.notEqual(fingerprint("dev", critical.name, queue.urn, 0), fingerprint("dev", critical.name, bucket.urn, 0));
        assert.doesNotMatch(JSON.stringify(run.results.map((r: Json) => r.partialFingerprints)), /primaryLocationLineHash/, "that key is code scanning's own");
    });

    it("reports preflight findings as errors of their own rules, after the pack's, naming the path and the fix", () => {
        const withPreflight = sampleResult({
            resources: [bucket, queue],
            policies: [critical, high],
            violations: [sampleViolation(high, queue, "no lock")],
            preflight: [
                { check: "aws-limits", urn: bucket.urn, path: "bucket", refusedBy: "AWS S3 API", message: "InvalidBucketName: 64 characters", fix: "shorten the bucket name" },
                { check: "aws-limits", urn: bucket.urn, path: "bucketPrefix", refusedBy: "AWS S3 API", message: "too long", fix: "shorten the prefix" },
            ],
        });
        const out = JSON.parse(toSarif(withPreflight, context)) as Json;
        assertValidSarif(out);
        const [preflightRun] = out.runs;
        assert.deepEqual(preflightRun.tool.driver.rules.map((r: Json) => r.id), [critical.name, high.name, "preflight/aws-limits"]);
        const findings = preflightRun.results.filter((r: Json) => r.ruleId === "preflight/aws-limits");
        assert.equal(findings.length, 2);
        for (const finding of findings) {
            assert.equal(finding.level, "error");
            assert.equal(preflightRun.tool.driver.rules[finding.ruleIndex].id, "preflight/aws-limits");
            assert.equal(finding.properties.category, "preflight");
        }
        assert.match(findings[0].message.text, /aws:s3\/bucket:Bucket::logs \(bucket\) in stack dev: AWS S3 API: InvalidBucketName: 64 characters\nFix: shorten the bucket name/);
        assert.notEqual(findings[0].partialFingerprints[FINGERPRINT_KEY], findings[1].partialFingerprints[FINGERPRINT_KEY]);
        assert.equal(preflightRun.properties.stacks[0].exitCode, 4);
        assert.equal(preflightRun.properties.stacks[0].preflight, 2);
    });

    it("points at a settings file outside the repository by its file URI", () => {
        const outside = sampleResult({ resources: [bucket], policies: [high], violations: [sampleViolation(high, bucket, "x")], settingsFile: path.join(os.tmpdir(), "Pulumi.dev.yaml") });
        const out = JSON.parse(toSarif(outside, context));
        assertValidSarif(out);
        const location = out.runs[0].results[0].locations[0].physicalLocation.artifactLocation;
        assert.match(location.uri, /^file:\/\/\//);
        assert.equal(location.uriBaseId, undefined);
    });

    it("puts every stack in one run and reports a stack that could not be checked as a failed invocation", () => {
        const staging = sampleResult({ stack: "staging", resources: [bucket], policies: [critical, high, medium, low], violations: [sampleViolation(high, bucket, "no lock")] });
        const outcomes: StackOutcome[] = [
            { stack: "dev", settingsFile: sample.settingsFile, exitCode: 1, result: sample },
            { stack: "qa", settingsFile: path.join(SAMPLE_ROOT, "stacks", "Pulumi.qa.yaml"), exitCode: 2, error: "secure-platform:vpcCidr: bad" },
            { stack: "staging", settingsFile: staging.settingsFile, exitCode: 1, result: staging },
        ];
        const out = JSON.parse(toSarifOfStacks(outcomes, context));
        assertValidSarif(out);
        assert.equal(out.runs.length, 1);
        const [combined] = out.runs;
        assert.deepEqual(combined.artifacts.map((a: Json) => a.location.uri), ["stacks/Pulumi.dev.yaml", "stacks/Pulumi.qa.yaml", "stacks/Pulumi.staging.yaml"]);
        assert.equal(combined.results.length, sample.violations.length + 1);
        const last = combined.results.at(-1);
        assert.equal(last.locations[0].physicalLocation.artifactLocation.uri, "stacks/Pulumi.staging.yaml");
        assert.equal(last.locations[0].physicalLocation.artifactLocation.index, 2);
        assert.equal(combined.invocations[0].executionSuccessful, false);
        const [notification] = combined.invocations[0].toolExecutionNotifications;
        assert.equal(notification.level, "error");
        assert.match(notification.message.text, /stack qa could not be checked \(exit 2\): secure-platform:vpcCidr: bad/);
        assert.equal(notification.locations[0].physicalLocation.artifactLocation.index, 1);
    });
});

describe("sarif: every real stack through the check command", () => {
    // The strict profile asks for 731 days of log retention; dev keeps 365 and prod 731 (stack files).
    const profile = path.join(ROOT, "policies", "profiles", "strict-production.json");
    const stackFiles = fs.readdirSync(path.join(ROOT, "stacks")).filter((f) => /^Pulumi\..+\.yaml$/.test(f)).sort();
    let cli: CliResult;
    let log: Json;
    let cwd: string;

    before(async () => {
        cwd = fs.mkdtempSync(path.join(os.tmpdir(), "sarif-"));
        cli = await runCheckCli(["--all-stacks", "--format", "sarif", "--policy-pack-config", profile, "--output", "report.sarif"], { cwd });
        log = JSON.parse(fs.readFileSync(path.join(cwd, "report.sarif"), "utf8"));
    });

    it("writes the report to --output, relative to where npm was run, and exits 1 for the mandatory violations", () => {
        assert.equal(cli.code, 1, cli.stderr);
        assert.equal(cli.stdout, "");
        assert.match(cli.stderr, /wrote the sarif report to .*report\.sarif/);
    });

    it("is valid SARIF 2.1.0 with one run over every stack file", () => {
        assertValidSarif(log);
        assert.equal(log.runs.length, 1);
        assert.deepEqual(log.runs[0].artifacts.map((a: Json) => a.location.uri), stackFiles.map((f) => `stacks/${f}`));
        assert.equal(log.runs[0].invocations[0].executionSuccessful, true);
    });

    it("has a rule for every rule of the registry, with the registry's controls and severity", () => {
        const rules = new Map((log.runs[0].tool.driver.rules as Json[]).map((r) => [r.id, r]));
        // Beside the pack's rules, one rule per preflight check.
        assert.deepEqual([...rules.keys()].filter((id) => !id.startsWith("preflight/")).sort(), RULES.map((r) => r.metadata.name).sort());
        assert.deepEqual([...rules.keys()].filter((id) => id.startsWith("preflight/")).sort(), PREFLIGHT_CHECKS.map((c) => `preflight/${c.name}`).sort());
        for (const { metadata } of RULES) {
            const rule = rules.get(metadata.name);
            assert.deepEqual(rule.properties.controls, [...new Set(metadata.controls.map((key) => CONTROLS[key].id))], metadata.name);
            assert.equal(rule.properties.severity, metadata.severity, metadata.name);
            assert.equal(band(Number(rule.properties["security-severity"])), metadata.severity, metadata.name);
            assert.equal(rule.help.text, `Remediation: ${metadata.remediation}`);
            assert.equal(rule.defaultConfiguration.level, LEVELS[metadata.enforcementLevel ?? "mandatory"], metadata.name);
        }
    });

    it("locates each result in its own stack's file, at its config block, with the resource's URN", () => {
        const results = log.runs[0].results as Json[];
        assert.ok(results.length > 0);
        for (const result of results) {
            const file = `stacks/Pulumi.${result.properties.stack}.yaml`;
            const location = result.locations[0];
            assert.equal(location.physicalLocation.artifactLocation.uri, file);
            assert.equal(location.physicalLocation.artifactLocation.uriBaseId, SOURCE_ROOT);
            assert.equal(log.runs[0].artifacts[location.physicalLocation.artifactLocation.index].location.uri, file);
            const lines = fs.readFileSync(path.join(ROOT, file), "utf8").split("\n");
            assert.equal(lines[location.physicalLocation.region.startLine - 1], "config:");
            assert.ok(location.logicalLocations[0].fullyQualifiedName.startsWith(`urn:pulumi:${result.properties.stack}::`));
            assert.equal(result.level, LEVELS[result.properties.enforcementLevel as keyof typeof LEVELS]);
        }
        const retention = (stack: string) => results.filter((r) => r.ruleId === "require-log-group-retention" && r.properties.stack === stack);
        assert.ok(retention("dev").length > 0, "dev's 365-day log groups fall short of 731");
        assert.ok(retention("dev").every((r) => r.level === "error" && r.message.text.includes("CloudWatch.16")));
        assert.equal(retention("prod").length, 0, "prod keeps logs 731 days");
    });
});
