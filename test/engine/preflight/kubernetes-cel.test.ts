import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { compileRule, isTransitionRule, KUBERNETES_FUNCTIONS, parseRequestUri, toCel } from "../../../engine/preflight/kubernetes-cel";
import { PinnedCrds } from "../../../engine/preflight/pinned-crds";
import type { Plain } from "../../../engine/preflight/stack";

/** Every x-kubernetes-validations rule of every pinned CRD. */
function pinnedRules(): string[] {
    const crds = new PinnedCrds();
    const rules = new Set<string>();
    const visit = (node: unknown) => {
        if (node && typeof node === "object") {
            for (const rule of ((node as Plain)["x-kubernetes-validations"] ?? []) as Plain[]) {
                rules.add(rule.rule);
            }
            Object.values(node).forEach(visit);
        }
    };
    crds.entries.forEach((entry) => visit(crds.definition(entry)));
    return [...rules];
}

/** CEL's standard functions and macros, and cel-go's strings extension, which Kubernetes enables. */
const STANDARD = ["has", "size", "all", "exists", "exists_one", "map", "filter", "startsWith", "endsWith", "contains", "matches", "int", "uint", "double", "string", "duration", "timestamp", "substring", "lowerAscii", "upperAscii", "replace", "split", "join", "trim", "indexOf", "lastIndexOf", "charAt"];

describe("the Kubernetes CEL environment", () => {
    it("compiles every rule of the pinned CRDs, which call only functions it provides", () => {
        const rules = pinnedRules();
        assert.ok(rules.length > 30, `found ${rules.length} rules`);
        const called = new Set(rules.flatMap((rule) => [...rule.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, "").matchAll(/([A-Za-z_]\w*)\s*\(/g)].map((m) => m[1])));
        const provided = new Set<string>([...STANDARD, ...KUBERNETES_FUNCTIONS]);
        assert.deepEqual([...called].filter((f) => !provided.has(f)), [], "functions the pinned rules call");
        for (const rule of rules.filter((r) => !isTransitionRule(r))) {
            assert.doesNotThrow(() => compileRule(rule), rule);
        }
    });

    it("types self by the schema: integers are ints, so integer comparisons hold", () => {
        assert.equal(compileRule("0 < self && self <= 65535")(toCel(8080, { type: "integer" })).ok, true);
        assert.equal(compileRule("0 < self && self <= 65535")(toCel(70000, { type: "integer" })).ok, false);
        assert.equal(compileRule("self > 1.5")(toCel(2, { type: "number" })).ok, true);
    });

    it("treats objects as maps, so has() tests presence", () => {
        const rule = compileRule("(has(self.selector) ? 1 : 0) + (has(self.targetRef) ? 1 : 0) <= 1");
        assert.equal(rule(toCel({ selector: {} }, { type: "object", properties: { selector: { type: "object" } } })).ok, true);
        assert.equal(rule(toCel({ selector: {}, targetRef: {} }, { type: "object" })).ok, false);
    });

    it("has the strings extension and RE2 matches", () => {
        assert.equal(compileRule('self.startsWith("unix://") ? (self.substring(7, 8) == "/" || self.substring(7, 8) == "@") : true')("unix:///run/x").ok, true);
        assert.equal(compileRule('self.matches("^[a-z]+$")')("abc").ok, true);
        assert.equal(compileRule("duration(self) >= duration('1ms')")("100us").ok, false);
    });

    it("has Kubernetes' URL library, parsing as Go's url.ParseRequestURI", () => {
        assert.equal(compileRule('url(self).getScheme() in ["http", "https"]')("https://example.com/x").ok, true);
        assert.equal(compileRule('url(self).getScheme() in ["http", "https"]')("ftp://example.com").ok, false);
        const invalid = compileRule('url(self).getScheme() == "https"')("example.com");
        assert.equal(invalid.ok, false);
        assert.match((invalid as { error?: string }).error ?? "", /URL parse error/);
        assert.equal(compileRule("isURL(self)")("/just/a/path").ok, true);
        assert.equal(compileRule("isURL(self)")("relative/path").ok, false);
        assert.deepEqual(parseRequestUri("https://h:8443/p?q=1"), { scheme: "https", host: "h:8443", path: "/p", query: "q=1" });
        assert.equal(compileRule('url(self).getHostname() == "h" && url(self).getPort() == "8443"')("https://h:8443/p").ok, true);
    });

    it("recognises transition rules, which are skipped on create", () => {
        assert.equal(isTransitionRule("self == oldSelf"), true);
        assert.equal(isTransitionRule("self.size() > 0"), false);
    });
});
