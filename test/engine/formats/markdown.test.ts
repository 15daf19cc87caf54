/**
 * The Markdown summary, read back the way GitHub renders it (GFM tables, inline HTML): on hand-built
 * results for escaping and grouping, then on a real stack against the JSON report of the same stack.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { before, describe, it } from "node:test";
import MarkdownIt from "markdown-it";
import { RULES } from "../../../policies/registry";
import { CliResult, derivedStackFile, runCheckCli } from "../../harness/cli";
import { cellCode, codeSpan, toMarkdown, toMarkdownOfStacks } from "../../../engine/formats/markdown";
import { SAMPLE_ROOT, samplePolicy, sampleResource, sampleResult, sampleViolation } from "./sample-results";

const md = new MarkdownIt({ html: true });

interface Table {
    /** The heading the table follows. */
    readonly heading: string;
    readonly header: string[];
    readonly rows: string[][];
}

/** What a reader sees of rendered inline HTML: the text, with `<br>` as a line break. */
function visible(html: string): string {
    return html
        .replace(/<br\s*\/?>/g, "\n")
        .replace(/<[^>]+>/g, "")
        .replace(/&lt;/g, "<")
        .replace(/&gt;/g, ">")
        .replace(/&quot;/g, "\"")
        .replace(/&#39;/g, "'")
        .replace(/&amp;/g, "&");
}

/** Every table of a Markdown document, each cell as the text a reader sees. */
function tables(markdown: string): Table[] {
    const tokens = md.parse(markdown, {});
    const found: Table[] = [];
    let heading = "";
    let current: { heading: string; rows: string[][] } | undefined;
    let row: string[] | undefined;
    for (let i = 0; i < tokens.length; i++) {
        const token = tokens[i];
        if (token.type === "heading_open") {
            heading = visible(md.renderInline(tokens[i + 1].content));
        } else if (token.type === "table_open") {
            current = { heading, rows: [] };
        } else if (token.type === "tr_open") {
            row = [];
        } else if ((token.type === "th_open" || token.type === "td_open") && row) {
            row.push(visible(md.renderInline(tokens[i + 1].type === "inline" ? tokens[i + 1].content : "")));
        } else if (token.type === "tr_close" && current && row) {
            current.rows.push(row);
            row = undefined;
        } else if (token.type === "table_close" && current) {
            found.push({ heading: current.heading, header: current.rows[0], rows: current.rows.slice(1) });
            current = undefined;
        }
    }
    return found;
}

function headings(markdown: string, level: number): string[] {
    const tokens = md.parse(markdown, {});
    return tokens.flatMap((t, i) => (t.type === "heading_open" && t.tag === `h${level}` ? [visible(md.renderInline(tokens[i + 1].content))] : []));
}

const context = { root: SAMPLE_ROOT };

describe("markdown: the format", () => {
    it("renders every cell as exactly the text it was given, whatever it holds", () => {
        const tricky = samplePolicy("require-locks", "high");
        const name = "odd|name`with`*stars*";
        const resource = sampleResource("aws:s3/bucket:Bucket", name);
        const findings = [
            "a | pipe, a \\| escaped pipe and a trailing |",
            "*stars*, _underscores_, `code`, ~~strike~~, [a link](https://example.com) and <script>alert(1)</script> &amp;",
            "# not a heading",
            "1. not a list\nsecond line",
        ];
        const result = sampleResult({ resources: [resource], policies: [tricky], violations: findings.map((f) => sampleViolation(tricky, resource, f)) });
        const [violations] = tables(toMarkdown(result, context)).filter((t) => t.header[0] === "Policy");
        assert.equal(violations.rows.length, findings.length);
        violations.rows.forEach((row, i) => {
            assert.equal(row.length, 4, `row ${i} keeps its four cells`);
            assert.equal(row[0], tricky.name);
            assert.equal(row[1], "mandatory");
            assert.equal(row[2], `aws:s3/bucket:Bucket::${name}`);
            assert.equal(row[3], result.violations[i].message);
        });
        assert.doesNotMatch(toMarkdown(result, context), /<script>/);
    });

    it("keeps code spans whole around backticks, and around pipes in a table", () => {
        for (const text of ["plain", "a`b", "``double``", "`edge`", "x|y"]) {
            assert.equal(visible(md.renderInline(codeSpan(text))).trim(), text);
            const [table] = tables(`| a | b |\n| --- | --- |\n| ${cellCode(text)} | after |\n`);
            assert.deepEqual(table.rows[0].map((cell) => cell.trim()), [text, "after"]);
        }
    });

    it("groups violations by severity, most severe first, each under its own heading", () => {
        const policies = [samplePolicy("prefer-paint", "low"), samplePolicy("require-locks", "high"), samplePolicy("disallow-open-doors", "critical"), samplePolicy("require-lights", "medium", { enforcementLevel: "advisory" })];
        const resource = sampleResource("aws:sqs/queue:Queue", "jobs");
        const result = sampleResult({ resources: [resource], policies, violations: [...policies, policies[1]].map((p) => sampleViolation(p, resource, "found")) });
        const markdown = toMarkdown(result, context);
        assert.deepEqual(headings(markdown, 4), ["Critical (1)", "High (2)", "Medium (1)", "Low (1)"]);
        const bySeverity = Object.fromEntries(tables(markdown).filter((t) => t.header[0] === "Policy").map((t) => [t.heading.split(" ")[0], t.rows.map((r) => `${r[0]} ${r[1]}`)]));
        assert.deepEqual(bySeverity, {
            Critical: ["disallow-open-doors mandatory"],
            High: ["require-locks mandatory", "require-locks mandatory"],
            Medium: ["require-lights advisory"],
            Low: ["prefer-paint mandatory"],
        });
    });

    it("counts resources by provider and by type, leaving out components and providers", () => {
        const resources = [
            sampleResource("aws:s3/bucket:Bucket", "a"),
            sampleResource("aws:s3/bucket:Bucket", "b"),
            sampleResource("kubernetes:core/v1:Namespace", "ns"),
            sampleResource("pulumi:providers:aws", "aws"),
            sampleResource("secure-platform:aws:Network", "net", "dev", false),
        ];
        const markdown = toMarkdown(sampleResult({ resources, policies: [], violations: [] }), context);
        const byProvider = tables(markdown).find((t) => t.header[0] === "Provider")!;
        const byType = tables(markdown).find((t) => t.header[0] === "Type")!;
        assert.deepEqual(byProvider.rows, [["aws", "2"], ["kubernetes", "1"]]);
        assert.deepEqual(byType.rows, [["aws:s3/bucket:Bucket", "2"], ["kubernetes:core/v1:Namespace", "1"]]);
        assert.match(markdown, /No violations\./);
        assert.match(markdown, /✅ \*\*PASSED\*\*/);
    });

    it("shows a stack that could not be checked with its reason, and the whole check as incomplete", () => {
        const policy = samplePolicy("require-locks", "high");
        const bucket = sampleResource("aws:s3/bucket:Bucket", "a");
        const failing = sampleResult({ resources: [bucket], policies: [policy], violations: [sampleViolation(policy, bucket, "no lock")] });
        const markdown = toMarkdownOfStacks([
            { stack: "dev", settingsFile: failing.settingsFile, exitCode: 1, result: failing },
            { stack: "qa", settingsFile: path.join(SAMPLE_ROOT, "stacks", "Pulumi.qa.yaml"), exitCode: 2, error: "secure-platform:vpcCidr: \"10.0/8\" is not an IPv4 CIDR" },
        ], context);
        const [summary] = tables(markdown);
        assert.deepEqual(summary.rows.map((r) => [r[0], r[1], r[3], r[4]]), [["dev", "❌ failed", "0", "1"], ["qa", "⚠️ not checked (exit 2)", "", ""], ["Total", "", "0", "1"]]);
        assert.match(markdown, /⚠️ \*\*INCOMPLETE\*\*: 2 stack\(s\), 0 passed, 1 failed, 1 not checked/);
        assert.deepEqual(headings(markdown, 2), ["❌ Stack dev", "⚠️ Stack qa: not checked"]);
        assert.ok(visible(md.render(markdown)).includes("secure-platform:vpcCidr: \"10.0/8\" is not an IPv4 CIDR"));
    });
});

describe("markdown: preflight findings", () => {
    it("lists each finding with its resource, path, refuser, effect and fix, and fails the stack on findings alone", () => {
        const resource = sampleResource("kubernetes:psmdb.percona.com/v1:PerconaServerMongoDB", "mongodb|cluster");
        const result = sampleResult({
            resources: [resource],
            policies: [],
            violations: [],
            preflight: [{ check: "custom-resources", urn: resource.urn, path: "spec.pmm.image", refusedBy: "Kubernetes API server", message: "422: spec.pmm.image: Required value", fix: "set *pmm.image* | in perconaSpec" }],
        });
        const markdown = toMarkdown(result, context);
        assert.deepEqual(headings(markdown, 2), ["❌ Stack dev"]);
        const [summary] = tables(markdown);
        assert.deepEqual(summary.header, ["Stack", "Result", "Cloud resources", "Preflight", "Mandatory", "Advisory"]);
        assert.deepEqual(summary.rows[0].slice(0, 2).concat(summary.rows[0].slice(3)), ["dev", "❌ failed", "1", "0", "0"]);
        const preflight = tables(markdown).find((t) => t.heading === "Preflight")!;
        assert.deepEqual(preflight.rows, [["custom-resources", "kubernetes:psmdb.percona.com/v1:PerconaServerMongoDB::mongodb|cluster", "spec.pmm.image", "Kubernetes API server", "422: spec.pmm.image: Required value", "set *pmm.image* | in perconaSpec"]]);
        assert.match(markdown, /❌ \*\*FAILED\*\*: 1 preflight finding\(s\) \(the deploy would fail\)/);
    });

    it("says how many checks found nothing when the stack is clean", () => {
        const clean = { ...sampleResult({ resources: [], policies: [], violations: [] }), preflightChecks: [{ name: "admission", description: "pods against LimitRanges" }] };
        const markdown = toMarkdown(clean, context);
        assert.match(markdown, /### Preflight\n\nNo findings \(1 checks\)\./);
        assert.deepEqual(headings(markdown, 2), ["✅ Stack dev"]);
    });
});

describe("markdown: a real stack, against its JSON report", () => {
    // dev with a tenant reading Secrets (restrict-secret-access, high, made advisory here) and the
    // strict profile's 731-day log retention (require-log-group-retention, medium, mandatory).
    let json: CliResult;
    let markdown: CliResult;
    let report: { resources: { urn: string; type: string; name: string; custom: boolean }[]; violations: { policy: string; enforcementLevel: string; urn: string }[] };

    before(async () => {
        const stackFile = derivedStackFile("dev", (t) => t.replace(/^ {4}- name: acme\n/m, "    - name: acme\n      readSecrets: true\n"));
        const packConfig = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ppc-")), "config.json");
        fs.writeFileSync(packConfig, JSON.stringify({ "require-log-group-retention": { minRetentionDays: 731 }, "restrict-secret-access": "advisory" }));
        const args = ["--stack", "dev", "--config-file", stackFile, "--policy-pack-config", packConfig];
        [json, markdown] = await Promise.all([runCheckCli([...args, "--format", "json"]), runCheckCli([...args, "--format", "markdown"])]);
        report = JSON.parse(json.stdout);
    });

    it("fails both runs on the mandatory violations", () => {
        assert.equal(json.code, 1, json.stderr);
        assert.equal(markdown.code, 1, markdown.stderr);
        assert.deepEqual(headings(markdown.stdout, 2), ["❌ Stack dev"]);
    });

    it("counts the same resources by type and by provider as the JSON report", () => {
        const cloud = report.resources.filter((r) => r.custom && !r.type.startsWith("pulumi:providers:"));
        const count = (key: (type: string) => string) => {
            const counts = new Map<string, number>();
            cloud.forEach((r) => counts.set(key(r.type), (counts.get(key(r.type)) ?? 0) + 1));
            return Object.fromEntries(counts);
        };
        const all = tables(markdown.stdout);
        const asObject = (t: Table | undefined) => Object.fromEntries(t!.rows.map(([k, v]) => [k, Number(v)]));
        assert.deepEqual(asObject(all.find((t) => t.header[0] === "Type")), count((type) => type));
        assert.deepEqual(asObject(all.find((t) => t.header[0] === "Provider")), count((type) => type.split(":")[0]));
        const [summary] = all;
        assert.deepEqual(summary.rows[0], ["dev", "❌ failed", String(cloud.length), "0", String(report.violations.filter((v) => v.enforcementLevel === "mandatory").length), String(report.violations.filter((v) => v.enforcementLevel === "advisory").length)]);
    });

    it("lists every violation of the JSON report under the severity the registry gives its rule", () => {
        const severity = new Map(RULES.map((r) => [r.metadata.name, r.metadata.severity]));
        const resources = new Map(report.resources.map((r) => [r.urn, `${r.type}::${r.name}`]));
        const expected: Record<string, string[]> = {};
        for (const v of report.violations) {
            const title = severity.get(v.policy)!.replace(/^./, (c) => c.toUpperCase());
            (expected[title] ??= []).push(`${v.policy} ${v.enforcementLevel} ${resources.get(v.urn)}`);
        }
        const shown = Object.fromEntries(tables(markdown.stdout).filter((t) => t.header[0] === "Policy").map((t) => [t.heading.replace(/ \(\d+\)$/, ""), t.rows.map((r) => `${r[0]} ${r[1]} ${r[2]}`).sort()]));
        assert.deepEqual(shown, Object.fromEntries(Object.entries(expected).map(([k, rows]) => [k, rows.sort()])));
        assert.ok(shown.High?.some((row) => row.startsWith("restrict-secret-access advisory")), "the tenant's role is a high finding");
        assert.ok(shown.Medium?.some((row) => row.startsWith("require-log-group-retention mandatory")), "short log retention is a medium finding");
    });
});
