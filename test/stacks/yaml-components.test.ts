/**
 * Objects a team declares as YAML are judged like any other: the children of a yaml/v2 ConfigGroup or ConfigFile,
 * which only the Kubernetes provider would register, reach the pack (each resource, and the stack rules) and
 * preflight under the URNs the provider gives them; the v1 components, which decode YAML through the provider,
 * render offline too.
 */
import assert from "node:assert/strict";
import * as path from "node:path";
import { before, describe, it } from "node:test";
import { CheckResult, runCheck } from "../../engine/engine";
import { ROOT } from "../harness/cli";

let result: CheckResult;

before(async () => {
    result = await runCheck({ root: ROOT, stack: "dev", program: path.join(__dirname, "fixtures", "yaml-components.ts") });
});

const PREFIX = "urn:pulumi:dev::secure-platform::";
const mandatory = (urn: string) => result.violations.filter((v) => v.urn === urn && v.enforcementLevel === "mandatory").map((v) => v.policyName);

describe("YAML components in a team's program", () => {
    it("registers a ConfigGroup's objects as the provider's children: <group name>:<namespace>/<name>, typed by kind, with the provider", () => {
        const group = `${PREFIX}kubernetes:yaml/v2:ConfigGroup::team-apps`;
        const children = result.resources.filter((r) => r.parent === group);
        assert.deepEqual(children.map((r) => r.urn), [
            `${PREFIX}kubernetes:yaml/v2:ConfigGroup$kubernetes:core/v1:Namespace::team-apps:team-orders`,
            `${PREFIX}kubernetes:yaml/v2:ConfigGroup$kubernetes:apps/v1:Deployment::team-apps:platform/web`,
            `${PREFIX}kubernetes:yaml/v2:ConfigGroup$kubernetes:networking.k8s.io/v1:NetworkPolicy::team-apps:platform/allow-web`,
            `${PREFIX}kubernetes:yaml/v2:ConfigGroup$kubernetes:core/v1:ConfigMap::team-apps:platform/web-settings`,
        ], "the file found by the glob, then the YAML text, then objs");
        assert.ok(children.every((r) => r.custom && r.provider?.startsWith(`${PREFIX}pulumi:providers:kubernetes::team::`)));
    });

    it("stops a privileged Deployment inside a ConfigGroup with the pack's rule, on the Deployment", () => {
        assert.ok(mandatory(`${PREFIX}kubernetes:yaml/v2:ConfigGroup$kubernetes:apps/v1:Deployment::team-apps:platform/web`).includes("disallow-privileged-containers"));
    });

    it("judges the objects of a ConfigGroup in the stack rules too: its namespace has no default-deny policy", () => {
        assert.deepEqual(mandatory(`${PREFIX}kubernetes:yaml/v2:ConfigGroup$kubernetes:core/v1:Namespace::team-apps:team-orders`), ["require-default-deny-network-policy"]);
    });

    it("finds the misspelt field of a NetworkPolicy in a ConfigGroup with preflight's object-fields", () => {
        const finding = result.preflight.find((f) => f.urn === `${PREFIX}kubernetes:yaml/v2:ConfigGroup$kubernetes:networking.k8s.io/v1:NetworkPolicy::team-apps:platform/allow-web`);
        assert.ok(finding, "object-fields reports the NetworkPolicy");
        assert.equal(finding.check, "object-fields");
        assert.equal(finding.path, "spec.podSelectr");
    });

    it("judges the object of a yaml/v2 ConfigFile read from a path relative to the program", () => {
        assert.ok(mandatory(`${PREFIX}kubernetes:yaml/v2:ConfigFile$kubernetes:rbac.authorization.k8s.io/v1:Role::orders-rbac:platform/orders-admin`).includes("disallow-wildcard-rbac"));
    });

    it("renders the v1 ConfigFile and ConfigGroup, whose YAML the provider decodes, and judges their objects", () => {
        assert.ok(mandatory(`${PREFIX}kubernetes:yaml:ConfigFile$kubernetes:core/v1:Pod::platform/debug`).includes("disallow-host-namespaces"));
        assert.ok(mandatory(`${PREFIX}kubernetes:yaml:ConfigGroup$kubernetes:core/v1:Service::platform/legacy`).includes("restrict-service-exposure"));
    });

    it("passes the clean object of a ConfigGroup: the ConfigMap draws no violation", () => {
        assert.deepEqual(mandatory(`${PREFIX}kubernetes:yaml/v2:ConfigGroup$kubernetes:core/v1:ConfigMap::team-apps:platform/web-settings`), []);
    });
});
