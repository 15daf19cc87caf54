/** The project files the Pulumi CLI reads: Pulumi.yaml against Pulumi's own schema, the pack's manifest. */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import Ajv2020 from "ajv/dist/2020";
import { parse } from "yaml";

const ROOT = path.resolve(__dirname, "..");
const SCHEMA = path.resolve(ROOT, "..", "shared", "schemas", "pulumi-project.schema.json");

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
