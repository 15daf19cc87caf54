/**
 * The threat model format: on the real prod stack (rendered once, in process) its entry points and
 * assets are checked against sets computed from the rendered resources; on hand-built stacks, how
 * entry points are classified.
 */
import assert from "node:assert/strict";
import * as path from "node:path";
import { before, describe, it } from "node:test";
import { RULES } from "../../../policies/registry";
import type { CheckResult } from "../../../engine/engine";
import { runCheck } from "../../../engine/engine";
import { isSecretValue, mapWire, KEEP } from "../../../engine/wire";
import { STACK_RULE_SCOPES } from "../../../engine/formats/policy-coverage";
import { fixtureResult, loadBalancer, onPremGateway } from "./stack-fixtures";
import { toThreatModel } from "../../../engine/formats/threat-model";
import { citedPolicies } from "../../../engine/formats/threats";

const ROOT = path.resolve(__dirname, "..", "..", "..");

/** The rows of the table under `## <heading>`, as cells (pipes inside cells are escaped). */
function tableRows(markdown: string, heading: string): string[][] {
    const lines = markdown.split("\n");
    const start = lines.indexOf(`## ${heading}`);
    assert.ok(start >= 0, `no section "${heading}"`);
    const rows: string[][] = [];
    for (const line of lines.slice(start + 1)) {
        if (line.startsWith("## ")) {
            break;
        }
        if (line.startsWith("| ") && !line.startsWith("| ---")) {
            rows.push(line.slice(2, -2).split(/(?<!\\) \| /).map((c) => c.trim()));
        }
    }
    return rows.slice(1);
}

function column(markdown: string, heading: string, name: string): (row: string[]) => string {
    const lines = markdown.split("\n");
    const header = lines[lines.indexOf(`## ${heading}`) + lines.slice(lines.indexOf(`## ${heading}`)).findIndex((l) => l.startsWith("| "))];
    const index = header.slice(2, -2).split(" | ").indexOf(name);
    assert.ok(index >= 0, `no column ${name} in ${heading}`);
    return (row) => row[index];
}

function inputsOf(result: CheckResult, type: string) {
    return result.resources.filter((r) => r.type === type);
}

describe("threat model of the prod stack", () => {
    let result: CheckResult;
    let model: string;

    before(async () => {
        result = await runCheck({ root: ROOT, stack: "prod" });
        model = toThreatModel(result);
    });

    it("has the OWASP sections in order", () => {
        const headings = model.split("\n").filter((l) => l.startsWith("## "));
        assert.deepEqual(headings, [
            "## External dependencies", "## Trust levels", "## Components", "## Trust boundaries", "## Entry points", "## Exit points",
            "## Assets", "## Data flows", "## Threats (STRIDE)", "## Stack-wide rules", "## Current violations",
        ]);
    });

    it("lists the listeners of internet-facing load balancers as the only anonymous entry points", () => {
        const balancers = inputsOf(result, "aws:lb/loadBalancer:LoadBalancer").filter((lb) => lb.inputs.internal !== true);
        const expected = inputsOf(result, "aws:lb/listener:Listener")
            .map((listener) => ({ listener, lb: balancers.find((lb) => lb.id === listener.inputs.loadBalancerArn) }))
            .filter(({ lb }) => lb)
            .map(({ listener, lb }) => `${listener.inputs.protocol} ${listener.inputs.port} on load balancer \`${lb!.name}\``);
        assert.ok(expected.length >= 2, "prod has an HTTPS and a redirecting HTTP listener");
        const trust = column(model, "Entry points", "Trust level");
        const name = column(model, "Entry points", "Entry point");
        const anonymous = tableRows(model, "Entry points").filter((row) => trust(row) === "anonymous").map(name);
        assert.equal(anonymous.length, expected.length, `anonymous entry points: ${anonymous.join("; ")}`);
        for (const listener of expected) {
            assert.ok(anonymous.some((a) => a.startsWith(listener)), `${listener} is anonymous`);
        }
    });

    it("classifies the private API endpoint and the gateway NodePort behind the load balancer as internal", () => {
        const rows = tableRows(model, "Entry points");
        const trust = column(model, "Entry points", "Trust level");
        const name = column(model, "Entry points", "Entry point");
        const cluster = inputsOf(result, "aws:eks/cluster:Cluster")[0];
        const api = rows.find((r) => name(r).startsWith(`Kubernetes API of cluster ${cluster.inputs.name}`));
        assert.equal(api && trust(api), "internal");
        const nodePort = rows.find((r) => name(r).startsWith("NodePort Service"));
        assert.ok(nodePort, "the gateway's NodePort is an entry point");
        assert.equal(trust(nodePort), "internal");
        assert.match(column(model, "Entry points", "Evidence")(nodePort), /only from LoadBalancer edge/);
    });

    it("lists every KMS key, secret, generated secret and data volume of the rendered stack as an asset", () => {
        const declared = column(model, "Assets", "Declared by");
        const kind = column(model, "Assets", "Kind");
        const asset = column(model, "Assets", "Asset");
        const rows = tableRows(model, "Assets");
        const declaredAs = (name: string, wantedKind: string) => rows.some((r) => kind(r) === wantedKind && declared(r).includes(`\`${name}\``));
        const expectations: [string, string][] = [
            ...["aws:kms/key:Key"].flatMap((t) => inputsOf(result, t).map((r): [string, string] => [r.name, "encryption key"])),
            ...["aws:secretsmanager/secret:Secret", "kubernetes:core/v1:Secret"].flatMap((t) => inputsOf(result, t).map((r): [string, string] => [r.name, "secret"])),
            ...result.resources.filter((r) => /^random:index\/random(Password|Bytes|String)|^tls:index\/privateKey/.test(r.type)).map((r): [string, string] => [r.name, "generated secret"]),
            ...inputsOf(result, "aws:ec2/launchTemplate:LaunchTemplate").filter((t) => Array.isArray(t.inputs.blockDeviceMappings)).map((r): [string, string] => [r.name, "data volume"]),
            ...inputsOf(result, "kubernetes:storage.k8s.io/v1:StorageClass").map((r): [string, string] => [r.name, "storage class"]),
            ...["aws:backup/vault:Vault", "aws:s3/bucket:Bucket"].flatMap((t) => inputsOf(result, t).map((r): [string, string] => [r.name, t.endsWith("Vault") ? "backup vault" : "bucket"])),
        ];
        assert.ok(expectations.filter(([, k]) => k === "encryption key").length >= 5);
        for (const [name, wantedKind] of expectations) {
            assert.ok(declaredAs(name, wantedKind), `${wantedKind} ${name} is an asset`);
        }
        // Each replica set of each MongoDB resource: its members' persistent volumes.
        const databases = inputsOf(result, "kubernetes:psmdb.percona.com/v1:PerconaServerMongoDB");
        assert.ok(databases.length > 0);
        for (const db of databases) {
            const metadata = db.inputs.metadata as { name: string; namespace: string };
            for (const replset of (db.inputs.spec as { replsets: { name: string; size: number; volumeSpec: { persistentVolumeClaim: { resources: { requests: { storage: string } } } } }[] }).replsets) {
                const row = rows.find((r) => asset(r) === `${metadata.namespace}/${metadata.name} replica set ${replset.name}`);
                assert.ok(row && kind(row) === "data volume", `replica set ${replset.name} volumes are an asset`);
                assert.match(column(model, "Assets", "What it is")(row), new RegExp(`${replset.size} × ${replset.volumeSpec.persistentVolumeClaim.resources.requests.storage}`));
            }
        }
    });

    it("says who can reach each key from its key policy", () => {
        const rows = tableRows(model, "Assets").filter((r) => column(model, "Assets", "Kind")(r) === "encryption key");
        const cluster = rows.find((r) => column(model, "Assets", "Declared by")(r).includes("`keys-cluster`"));
        assert.ok(cluster);
        assert.match(column(model, "Assets", "Reachable by")(cluster), /eks-roles-cluster/);
    });

    it("prints no secret value of the stack", () => {
        const secrets: string[] = [];
        for (const r of result.resources) {
            mapWire(r.inputs, (v) => {
                if (isSecretValue(v) && typeof v.value === "string" && v.value.length >= 8) {
                    secrets.push(v.value);
                }
                return KEEP;
            });
        }
        assert.ok(secrets.length > 0, "prod carries secret inputs");
        for (const value of secrets) {
            assert.ok(!model.includes(value), "a secret value appears in the threat model");
        }
    });

    it("cites only rules the pack has, and knows what every stack rule judges", () => {
        const names = new Set(RULES.map((r) => r.metadata.name));
        for (const cited of citedPolicies()) {
            assert.ok(names.has(cited), `${cited} is not a rule of the pack`);
        }
        for (const rule of RULES.filter((r) => r.kind === "stack")) {
            assert.ok(STACK_RULE_SCOPES[rule.metadata.name], `add the types stack rule ${rule.metadata.name} reads to STACK_RULE_SCOPES in engine/formats/policy-coverage.ts`);
        }
        for (const scoped of Object.keys(STACK_RULE_SCOPES)) {
            assert.ok(names.has(scoped), `STACK_RULE_SCOPES names ${scoped}, which the pack does not have`);
        }
    });

    it("shows the image admission controller with its threats mitigated: images verified, failing closed with two replicas", () => {
        const threats = tableRows(model, "Threats (STRIDE)");
        const component = column(model, "Threats (STRIDE)", "Component");
        const status = column(model, "Threats (STRIDE)", "Status");
        const admission = threats.filter((r) => component(r).includes("image admission (policy-controller)"));
        assert.equal(admission.length, 2, "a Tampering and a Denial of service threat");
        assert.ok(admission.every((r) => status(r).includes("mitigated")), admission.map((r) => r.join(" | ")).join("\n"));
    });

    it("maps the load balancer to the rules that judge its resources", () => {
        const components = tableRows(model, "Components");
        const lb = components.find((r) => column(model, "Components", "Kind")(r) === "load balancer");
        assert.ok(lb);
        for (const rule of RULES.filter((r) => (r.resourceTypes ?? []).includes("aws:lb/listener:Listener"))) {
            assert.ok(column(model, "Components", "Rules that judge it")(lb).includes(`\`${rule.metadata.name}\``), rule.metadata.name);
        }
    });

    it("shows the account's trail with its threats mitigated, and the access of every bucket recorded", () => {
        const threats = tableRows(model, "Threats (STRIDE)");
        const component = column(model, "Threats (STRIDE)", "Component");
        const status = column(model, "Threats (STRIDE)", "Status");
        const trail = threats.filter((r) => component(r).includes("CloudTrail trail audit-trail"));
        assert.deepEqual(trail.map(column(model, "Threats (STRIDE)", "STRIDE")), ["Repudiation", "Tampering", "Information disclosure"]);
        assert.ok(trail.every((r) => status(r) === "mitigated"), trail.map((r) => r.join(" | ")).join("\n"));
        assert.match(column(model, "Threats (STRIDE)", "Mitigation in this stack")(trail[1]), /signed digests \(log file validation\); log files under Object Lock/);
        const attribution = threats.filter((r) => column(model, "Threats (STRIDE)", "Threat")(r) === "requests to the bucket cannot be attributed");
        assert.equal(attribution.length, inputsOf(result, "aws:s3/bucket:Bucket").length);
        assert.ok(attribution.every((r) => status(r) === "mitigated"), attribution.map((r) => r.join(" | ")).join("\n"));
    });

    it("gives every tenant namespace its own trust boundary", () => {
        const tenants = inputsOf(result, "kubernetes:core/v1:Namespace").filter((n) => Object.keys((n.inputs.metadata as { labels?: object }).labels ?? {}).some((k) => k.endsWith("/tenant")));
        assert.ok(tenants.length >= 3);
        const boundaries = tableRows(model, "Trust boundaries").map(column(model, "Trust boundaries", "Boundary"));
        for (const ns of tenants) {
            assert.ok(boundaries.some((b) => b.endsWith(`namespace ${(ns.inputs.metadata as { name: string }).name}`)), ns.name);
        }
    });
});

describe("threat model: entry point trust levels", () => {
    const entryRows = (model: string) => {
        const trust = column(model, "Entry points", "Trust level");
        const name = column(model, "Entry points", "Entry point");
        return tableRows(model, "Entry points").map((r) => ({ name: name(r), trust: trust(r) }));
    };

    it("an internet-facing load balancer open to 0.0.0.0/0 is anonymous", () => {
        const rows = entryRows(toThreatModel(fixtureResult(loadBalancer({ internal: false, cidr: "0.0.0.0/0" }))));
        assert.deepEqual(rows.map((r) => r.trust), ["anonymous"]);
    });

    it("an internal load balancer is internal, even open to 0.0.0.0/0", () => {
        const rows = entryRows(toThreatModel(fixtureResult(loadBalancer({ internal: true, cidr: "0.0.0.0/0" }))));
        assert.deepEqual(rows.map((r) => r.trust), ["internal"]);
    });

    it("an internet-facing load balancer admitting only private ranges is internal", () => {
        const rows = entryRows(toThreatModel(fixtureResult(loadBalancer({ internal: false, cidr: "10.0.0.0/8" }))));
        assert.deepEqual(rows.map((r) => r.trust), ["internal"]);
    });

    it("a listener that authenticates callers is authenticated", () => {
        const rows = entryRows(toThreatModel(fixtureResult(loadBalancer({ internal: false, cidr: "0.0.0.0/0", authenticate: true }))));
        assert.deepEqual(rows.map((r) => r.trust), ["authenticated"]);
    });

    it("a LoadBalancer Service is anonymous, and so is the Gateway behind it", () => {
        const rows = entryRows(toThreatModel(fixtureResult(onPremGateway("LoadBalancer"))));
        assert.deepEqual(rows.map((r) => r.trust), ["anonymous", "anonymous"]);
        assert.match(rows[0].name, /^LoadBalancer Service istio-ingress\/istio-ingress/);
        assert.match(rows[1].name, /^HTTPS 8443 of Gateway istio-ingress\/platform/);
    });

    it("a LoadBalancer Service annotated internal is internal", () => {
        const rows = entryRows(toThreatModel(fixtureResult(onPremGateway("LoadBalancer", { annotations: { "service.beta.kubernetes.io/aws-load-balancer-scheme": "internal" } }))));
        assert.equal(rows[0].trust, "internal");
    });

    it("a NodePort on a cluster the stack does not guard is anonymous", () => {
        const rows = entryRows(toThreatModel(fixtureResult(onPremGateway("NodePort"))));
        assert.equal(rows[0].trust, "anonymous");
        assert.match(rows[0].name, /node ports 30443/);
    });

    it("a security group rule from 0.0.0.0/0 on an instance's group is an anonymous entry point", () => {
        const model = toThreatModel(fixtureResult([
            { type: "aws:ec2/securityGroup:SecurityGroup", name: "bastion-sg", id: "sg-bastion" },
            { type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", name: "ssh-from-anywhere", inputs: { securityGroupId: "sg-bastion", cidrIpv4: "0.0.0.0/0", fromPort: 22, toPort: 22, ipProtocol: "tcp" } },
            { type: "aws:ec2/instance:Instance", name: "bastion", inputs: { vpcSecurityGroupIds: ["sg-bastion"] } },
        ]));
        const rows = entryRows(model);
        assert.equal(rows.length, 1);
        assert.equal(rows[0].trust, "anonymous");
        assert.match(rows[0].name, /TCP 22 from 0\.0\.0\.0\/0 into Instance bastion/);
    });

    it("a public EKS endpoint is authenticated, never anonymous", () => {
        const rows = entryRows(toThreatModel(fixtureResult([
            { type: "aws:eks/cluster:Cluster", name: "cluster", inputs: { name: "c1", vpcConfig: { endpointPublicAccess: true, publicAccessCidrs: ["203.0.113.0/24"] } } },
        ])));
        assert.deepEqual(rows.map((r) => r.trust), ["authenticated"]);
        assert.match(rows[0].name, /public endpoint/);
    });

    it("renders a stack with no resource, saying each table is empty", () => {
        const model = toThreatModel(fixtureResult([]));
        assert.match(model, /## Entry points\n\nAnonymous entry points: 0; authenticated: 0; internal: 0\.\n\nNone in this stack\./);
        assert.match(model, /## Assets\n\nNone in this stack\./);
    });

    it("keeps pipes in values from breaking a table row", () => {
        const model = toThreatModel(fixtureResult([
            { type: "kubernetes:core/v1:Secret", name: "odd", inputs: { metadata: { name: "a|b", namespace: "ns" }, type: "Opaque" } },
        ]));
        const row = tableRows(model, "Assets")[0];
        assert.equal(column(model, "Assets", "Asset")(row), "ns/a\\|b");
    });
});
