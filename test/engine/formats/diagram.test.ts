/**
 * The diagram format. Its Mermaid source is checked twice: by Mermaid's own parser (the `mermaid`
 * package, given a DOM by jsdom because it sanitises labels with DOMPurify), and structurally (every
 * edge end declared, valid ids, balanced subgraphs, no raw quote inside a label). Content is checked on
 * the real prod stack, rendered once in this process, against what its resources declare.
 */
import assert from "node:assert/strict";
import * as path from "node:path";
import { before, describe, it } from "node:test";
import type { CheckResult } from "../../../engine/engine";
import { runCheck } from "../../../engine/engine";
import { toDiagram, toMermaid } from "../../../engine/formats/diagram";
import { escapeLabel, Flowchart } from "../../../engine/formats/mermaid";
import { fixtureResult, loadBalancer, onPremGateway } from "./stack-fixtures";

const ROOT = path.resolve(__dirname, "..", "..", "..");

type MermaidApi = { parse(text: string): Promise<{ diagramType: string }> };
let mermaidApi: Promise<MermaidApi> | undefined;

/** Mermaid's parser in Node: it needs `window` and `document` for DOMPurify. */
function mermaid(): Promise<MermaidApi> {
    mermaidApi ??= (async () => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const { JSDOM } = require("jsdom") as { JSDOM: new (html: string) => { window: { document: unknown } } };
        const dom = new JSDOM("<!doctype html><html><body></body></html>");
        Object.assign(globalThis, { window: dom.window, document: dom.window.document });
        return (await import("mermaid")).default as unknown as MermaidApi;
    })();
    return mermaidApi;
}

interface Parsed {
    readonly nodes: Map<string, string>;
    readonly subgraphs: Map<string, string>;
    readonly edges: { from: string; to: string; label?: string }[];
}

const ID = "[A-Za-z][A-Za-z0-9_]*";
const NODE = new RegExp(`^(${ID})(\\(\\(|\\[\\(|\\{\\{|\\[|\\()"([^"]*)"(\\)\\)|\\)\\]|\\}\\}|\\]|\\))$`);
const SUBGRAPH = new RegExp(`^subgraph (${ID})\\["([^"]*)"\\]$`);
const EDGE = new RegExp(`^(${ID}) (-->|-\\.->)(?:\\|"([^"]*)"\\|)? (${ID})$`);

/** Reads the flowchart back line by line; throws on any line it does not recognise. */
function parseStructure(source: string): Parsed {
    const lines = source.split("\n").map((l) => l.trim());
    assert.match(lines[0], /^flowchart (LR|TB)$/);
    const parsed: Parsed = { nodes: new Map(), subgraphs: new Map(), edges: [] };
    let depth = 0;
    for (const line of lines.slice(1)) {
        let m: RegExpExecArray | null;
        if ((m = SUBGRAPH.exec(line))) {
            assert.ok(!parsed.subgraphs.has(m[1]) && !parsed.nodes.has(m[1]), `id ${m[1]} declared twice`);
            parsed.subgraphs.set(m[1], m[2]);
            depth++;
        } else if (line === "end") {
            depth--;
            assert.ok(depth >= 0, "an end without its subgraph");
        } else if ((m = NODE.exec(line))) {
            assert.ok(!parsed.nodes.has(m[1]) && !parsed.subgraphs.has(m[1]), `id ${m[1]} declared twice`);
            parsed.nodes.set(m[1], m[3]);
        } else if ((m = EDGE.exec(line))) {
            parsed.edges.push({ from: m[1], to: m[4], ...(m[3] !== undefined ? { label: m[3] } : {}) });
        } else {
            assert.fail(`unrecognised line: ${line}`);
        }
    }
    assert.equal(depth, 0, "subgraphs are not balanced");
    for (const edge of parsed.edges) {
        for (const end of [edge.from, edge.to]) {
            assert.ok(parsed.nodes.has(end) || parsed.subgraphs.has(end), `edge end ${end} is not declared`);
        }
    }
    return parsed;
}

function mermaidSource(markdown: string): string {
    const match = /```mermaid\n([\s\S]*?)\n```/.exec(markdown);
    assert.ok(match, "a ```mermaid block");
    return match[1];
}

function labels(parsed: Parsed): string[] {
    return [...parsed.nodes.values(), ...parsed.subgraphs.values()];
}

describe("diagram of the prod stack", () => {
    let result: CheckResult;
    let markdown: string;
    let parsed: Parsed;

    before(async () => {
        result = await runCheck({ root: ROOT, stack: "prod" });
        markdown = toDiagram(result);
        parsed = parseStructure(mermaidSource(markdown));
    });

    it("is a Markdown document with one mermaid block that Mermaid's parser accepts", async () => {
        assert.match(markdown, /^# Architecture: secure-platform \/ prod\n/);
        assert.equal(markdown.split("```mermaid").length, 2);
        const parsedByMermaid = await (await mermaid()).parse(mermaidSource(markdown));
        assert.equal(parsedByMermaid.diagramType, "flowchart-v2");
    });

    it("stays readable: fewer than 60 nodes and 60 edges", () => {
        assert.ok(parsed.nodes.size < 60, `${parsed.nodes.size} nodes`);
        assert.ok(parsed.edges.length < 60, `${parsed.edges.length} edges`);
        assert.ok(result.resources.length > 300, "aggregates a stack of hundreds of resources");
    });

    it("shows every network tier, the load balancer, the web ACL and the cluster", () => {
        const tiers = new Set(result.resources.filter((r) => r.type === "aws:ec2/subnet:Subnet").map((s) => (s.inputs.tags as Record<string, string>).Tier));
        assert.deepEqual([...tiers].sort(), ["app", "data", "dmz"]);
        for (const tier of tiers) {
            assert.ok([...parsed.subgraphs.values()].some((l) => l.startsWith(`${tier} tier`)), `tier ${tier}`);
        }
        for (const lb of result.resources.filter((r) => r.type === "aws:lb/loadBalancer:LoadBalancer")) {
            assert.ok(labels(parsed).some((l) => l.startsWith(`ALB ${lb.name}<br/>internet-facing`)), `load balancer ${lb.name}`);
        }
        for (const acl of result.resources.filter((r) => r.type === "aws:wafv2/webAcl:WebAcl")) {
            assert.ok(labels(parsed).some((l) => l.startsWith(`WAF web ACL ${acl.name}`)), `web ACL ${acl.name}`);
        }
        const cluster = result.resources.find((r) => r.type === "aws:eks/cluster:Cluster")!;
        assert.ok([...parsed.subgraphs.values()].some((l) => l.startsWith(`EKS cluster ${cluster.inputs.name}`)));
    });

    it("shows each node group, each tenant namespace, MongoDB and every backup vault", () => {
        for (const group of result.resources.filter((r) => r.type === "aws:eks/nodeGroup:NodeGroup")) {
            const role = Object.values(group.inputs.labels as Record<string, string>)[0];
            assert.ok(labels(parsed).some((l) => l.startsWith(`node group ${role}<br/>`)), `node group ${role}`);
        }
        const tenants = result.resources.filter((r) => r.type === "kubernetes:core/v1:Namespace" && Object.keys((r.inputs.metadata as { labels?: object }).labels ?? {}).some((k) => k.endsWith("/tenant")));
        assert.ok(tenants.length >= 3, "prod has at least three tenants");
        for (const ns of tenants) {
            assert.ok(labels(parsed).some((l) => l.startsWith(`namespace ${(ns.inputs.metadata as { name: string }).name}`)), ns.name);
        }
        assert.ok(labels(parsed).some((l) => l.startsWith("MongoDB ")));
        for (const vault of result.resources.filter((r) => r.type === "aws:backup/vault:Vault")) {
            assert.ok(labels(parsed).some((l) => l.startsWith(`backup vault ${vault.inputs.name}`)), `vault ${vault.inputs.name}`);
        }
    });

    it("shows the image admission controller, failing closed, with its policies and the digest policy's action", () => {
        const admission = labels(parsed).find((l) => l.startsWith("policy-controller · image admission<br/>"));
        assert.ok(admission, labels(parsed).join("\n"));
        assert.match(admission, /failure Fail · ×2 · 2 ClusterImagePolicy\(s\) · digest policy Deny/);
    });

    it("puts every KMS key in one node that encrypts the cluster, the node groups and the vaults", () => {
        const keys = result.resources.filter((r) => r.type === "aws:kms/key:Key");
        const keyNodes = [...parsed.nodes].filter(([, l]) => l.startsWith("KMS keys"));
        assert.equal(keyNodes.length, 1);
        assert.match(keyNodes[0][1], new RegExp(`^KMS keys ×${keys.length}: `));
        const encrypted = parsed.edges.filter((e) => e.from === keyNodes[0][0] && e.label?.startsWith("encrypts")).map((e) => parsed.nodes.get(e.to) ?? parsed.subgraphs.get(e.to) ?? "");
        assert.ok(encrypted.some((l) => l.startsWith("EKS cluster")));
        assert.ok(encrypted.filter((l) => l.startsWith("node group")).length === 2);
        assert.ok(encrypted.filter((l) => l.startsWith("backup vault")).length >= 2);
    });

    it("shows the account's trail across every Region, validated, encrypted, sending the account's API calls to the audit logs", () => {
        const trail = [...parsed.nodes].find(([, l]) => l.startsWith("CloudTrail trail secure-platform-prod"));
        assert.ok(trail, labels(parsed).join("\n"));
        assert.match(trail[1], /all Regions · validated/);
        const logs = [...parsed.nodes].find(([, l]) => l.startsWith("audit logs"))?.[0];
        assert.ok(parsed.edges.some((e) => e.from === trail[0] && e.to === logs && e.label === "account API calls"));
        const keys = [...parsed.nodes].find(([, l]) => l.startsWith("KMS keys"))?.[0];
        assert.ok(parsed.edges.some((e) => e.from === keys && e.to === trail[0] && e.label?.includes("audit")));
    });

    it("follows traffic from the internet through the web ACL and load balancer to the gateway and on to MongoDB", () => {
        const idOf = (prefix: string) => [...parsed.nodes].find(([, l]) => l.startsWith(prefix))?.[0];
        const hop = (from: string | undefined, to: string | undefined) => parsed.edges.some((e) => e.from === from && e.to === to);
        assert.ok(hop(idOf("Internet"), idOf("WAF web ACL")));
        assert.ok(hop(idOf("WAF web ACL"), idOf("ALB ")));
        assert.ok(hop(idOf("ALB "), idOf("ingress gateway")));
        assert.ok(parsed.edges.some((e) => e.from === idOf("ingress gateway") && parsed.subgraphs.get(e.to)?.startsWith("tenant namespaces")));
        assert.ok(parsed.edges.some((e) => e.to === idOf("MongoDB ") && e.label === "27017"));
        assert.ok(parsed.edges.some((e) => e.from === idOf("MongoDB ") && e.label?.startsWith("backs up")));
    });
});

describe("diagram of hand-built stacks", () => {
    it("draws an on-prem gateway Service as the way in from the internet, with no AWS resource", async () => {
        const { source } = toMermaid(fixtureResult(onPremGateway("LoadBalancer")));
        const parsed = parseStructure(source);
        const internet = [...parsed.nodes].find(([, l]) => l === "Internet")?.[0];
        const gateway = [...parsed.nodes].find(([, l]) => l.startsWith("ingress gateway istio-ingress"))?.[0];
        assert.ok(internet && gateway);
        assert.ok(parsed.edges.some((e) => e.from === internet && e.to === gateway));
        assert.ok([...parsed.subgraphs.values()].includes("Kubernetes cluster"));
        await (await mermaid()).parse(source);
    });

    it("draws private clients for a gateway that admits private ranges only", () => {
        const { source } = toMermaid(fixtureResult(onPremGateway("LoadBalancer", { annotations: { "networking.gke.io/load-balancer-type": "Internal" } })));
        const parsed = parseStructure(source);
        assert.ok(![...parsed.nodes.values()].includes("Internet"));
        assert.ok([...parsed.nodes.values()].includes("clients on private networks"));
    });

    it("draws a stack with no resource as an empty flowchart Mermaid accepts", async () => {
        const { source, size } = toMermaid(fixtureResult([]));
        assert.equal(source, "flowchart LR");
        assert.deepEqual(size, { nodes: 0, edges: 0, subgraphs: 0 });
        await (await mermaid()).parse(source);
    });

    it("aggregates more than eight tenants into one node", () => {
        const tenants = Array.from({ length: 12 }, (_, i) => ({
            type: "kubernetes:core/v1:Namespace", name: `tenant-${i}`,
            inputs: { metadata: { name: `tenant-${i}`, labels: { "example.com/tenant": `t${i}` } } },
        }));
        const parsed = parseStructure(toMermaid(fixtureResult(tenants)).source);
        assert.equal(parsed.nodes.size, 1);
        assert.match([...parsed.nodes.values()][0], /^12 tenants: t0, t1, t2, …$/);
    });

    it("draws an internal load balancer without an edge from the internet", () => {
        const parsed = parseStructure(toMermaid(fixtureResult(loadBalancer({ internal: true, cidr: "10.0.0.0/8" }))).source);
        assert.ok(![...parsed.nodes.values()].includes("Internet"));
    });

    it("escapes quotes and line breaks in labels so Mermaid still parses them", async () => {
        const chart = new Flowchart();
        const a = chart.node(undefined, "a \"quoted\" name", "say \"hi\"\nthen [go] {now} | x");
        const group = chart.group(undefined, "g", "group \"one\"");
        const b = chart.node(group, "b", "b");
        chart.edge(a, b, "uses \"it\"");
        chart.edge(a, "undeclared", "dropped");
        const source = chart.render();
        const parsed = parseStructure(source);
        assert.equal(parsed.nodes.get(a), "say #quot;hi#quot;<br/>then [go] {now} | x");
        assert.equal(parsed.edges.length, 1, "an edge to an undeclared id is dropped");
        assert.equal(escapeLabel("a\"b"), "a#quot;b");
        await (await mermaid()).parse(source);
    });

    it("is checked by a parser that rejects broken flowcharts", async () => {
        await assert.rejects((await mermaid()).parse("flowchart LR\n  a[\"x\"] -->\n  subgraph"));
        assert.throws(() => parseStructure("flowchart LR\n  subgraph n_a[\"a\"]\n  n_b[\"b\"]"), /not balanced/);
        assert.throws(() => parseStructure("flowchart LR\n  n_a[\"a\"]\n  n_a --> n_b"), /n_b is not declared/);
    });
});
