/** The project files the Pulumi CLI reads: Pulumi.yaml against Pulumi's own schema, the pack's manifest. */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import Ajv2020 from "ajv/dist/2020";
import { parse } from "yaml";
import { lowestAccepted, satisfies } from "./harness/node-versions";

const ROOT = path.resolve(__dirname, "..");
/** Pulumi's own project schema, copied into the repository (provenance in test/fixtures/schemas/SOURCES.md). */
const SCHEMA = path.join(__dirname, "fixtures", "schemas", "pulumi-project.schema.json");

describe("Pulumi.yaml", () => {
    const project = parse(fs.readFileSync(path.join(ROOT, "Pulumi.yaml"), "utf8"));
    const validate = new Ajv2020({ strict: false, allErrors: true }).compile(JSON.parse(fs.readFileSync(SCHEMA, "utf8")));

    it("is valid against Pulumi's project schema", () => {
        assert.ok(validate(project), JSON.stringify(validate.errors, null, 2));
    });

    it("the schema check can fail: a project without a name is rejected", () => {
        const { name: _name, ...nameless } = project;
        assert.equal(validate(nameless), false);
        assert.equal(validate({ ...project, runtime: 42 }), false);
    });

    it("names the project, the nodejs runtime, the program folder and the stacks folder", () => {
        assert.equal(project.name, "secure-platform");
        assert.equal(project.runtime.name ?? project.runtime, "nodejs");
        assert.equal(project.main, "infra/");
        assert.equal(project.stackConfigDir, "stacks");
        assert.ok(fs.existsSync(path.join(ROOT, project.main, "index.ts")));
        assert.ok(fs.existsSync(path.join(ROOT, project.main, "tsconfig.json")), "the CLI runs the program from infra/ and reads its tsconfig there");
    });
});

describe("policy pack manifest", () => {
    it("declares the nodejs runtime and a versioned package whose main exists", () => {
        const manifest = parse(fs.readFileSync(path.join(ROOT, "policies", "PulumiPolicy.yaml"), "utf8"));
        assert.equal(manifest.runtime, "nodejs");
        const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "policies", "package.json"), "utf8"));
        assert.match(pkg.version, /^\d+\.\d+\.\d+$/);
        assert.ok(fs.existsSync(path.join(ROOT, "policies", pkg.main)));
        assert.ok(pkg.dependencies["@pulumi/policy"]);
    });
});

describe("package.json", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
    it("installs every SDK the program and the pack need, TypeScript 5 and ts-node as the CLI runs them", () => {
        for (const dependency of ["@pulumi/pulumi", "@pulumi/aws", "@pulumi/kubernetes", "@pulumi/tls", "@pulumi/random", "@pulumi/policy", "typescript", "ts-node"]) {
            assert.ok(pkg.dependencies[dependency], `${dependency} is a runtime dependency`);
        }
        assert.match(pkg.dependencies["@pulumi/aws"], /^\^?7\./);
        assert.match(pkg.dependencies.typescript, /^[\^~]?5\./, "TypeScript 5: the CLI runs programs and packs through its compiler API");
        assert.ok(fs.existsSync(path.join(ROOT, "package-lock.json")));
    });

    it("asks for a Node.js version every installed package supports, from the lowest it accepts up", () => {
        const lock = JSON.parse(fs.readFileSync(path.join(ROOT, "package-lock.json"), "utf8")) as { packages: Record<string, { engines?: unknown }> };
        assert.equal((lock.packages[""].engines as { node?: string } | undefined)?.node, pkg.engines.node, "package-lock.json records the same engines");
        const needs = Object.entries(lock.packages)
            .filter(([where, entry]) => where !== "" && !where.startsWith("policies") && typeof (entry.engines as { node?: unknown } | undefined)?.node === "string")
            .map(([where, entry]) => [where, (entry.engines as { node: string }).node] as const);
        assert.ok(needs.some(([where]) => where === "node_modules/@pulumi/pulumi"));
        for (const lowest of lowestAccepted(pkg.engines.node)) {
            const unmet = needs.filter(([, range]) => !satisfies(lowest, range)).map(([where, range]) => `${where} (${range})`);
            assert.deepEqual(unmet, [], `engines.node ${pkg.engines.node} accepts Node.js ${lowest}, which these packages do not support`);
        }
    });
});

describe("the repository", () => {
    /** Files a test, the program or the engine could read at run time (not data copied in, not dependencies). */
    function sources(dir: string): string[] {
        return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
            const full = path.join(dir, entry.name);
            if (entry.isDirectory()) {
                return ["node_modules", "bin", "fixtures"].includes(entry.name) || entry.name.startsWith(".") ? [] : sources(full);
            }
            return /\.(ts|js|mjs|json|ya?ml|sh)$/.test(entry.name) || entry.name === "run" ? [full] : [];
        });
    }

    it("reads nothing from outside its checkout, so a fresh clone runs every test", () => {
        const sibling = [/\/work\/shared/, /\.\.\/shared\//, /["']\.\.["'],\s*["']shared["']/];
        const roots = ["infra", "engine", "policies", "test", "stacks", ".ci", ".github"].map((d) => path.join(ROOT, d)).filter((d) => fs.existsSync(d));
        const offending = roots.flatMap(sources)
            .filter((file) => file !== __filename && sibling.some((pattern) => pattern.test(fs.readFileSync(file, "utf8"))))
            .map((file) => path.relative(ROOT, file));
        assert.deepEqual(offending, []);
        assert.ok(SCHEMA.startsWith(path.join(ROOT, "test")) && fs.existsSync(SCHEMA), "Pulumi's project schema is a fixture of the repository");
    });
});

describe("README", () => {
    const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
    it("documents every setting the program accepts", async () => {
        const { SETTINGS } = await import("../infra/config");
        for (const key of Object.keys(SETTINGS)) {
            assert.match(readme, new RegExp(`\\n\\| ([^|]*\`${key}\`[^|]*) \\|`), `README lacks a row for ${key}`);
        }
    });
    it("shows the two commands of a fresh machine and the CI entry point runs the same test command", () => {
        assert.ok(readme.includes("npm ci && npm run check -- --stack dev"));
        assert.ok(readme.includes("npm ci && npm test"));
        const ci = fs.readFileSync(path.join(ROOT, ".ci", "run"), "utf8");
        assert.match(ci, /\nnpm ci\b/);
        assert.match(ci, /\nnpm test\n/);
    });
});
