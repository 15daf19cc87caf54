/**
 * The pack declares the policy SDK's API itself (policies/lib/policy-api.ts). These checks keep those
 * declarations honest: `npm test` type-checks this file against the
 * SDK's own types, and the runtime export is the SDK's PolicyPack.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import type * as sdk from "@pulumi/policy";
import type * as local from "../../../policies/lib/policy-api";

type Assignable<A, B> = [A] extends [B] ? true : false;
/** Compiles only when every check is true. */
const conforms: [
    Assignable<local.ResourceValidationPolicy, sdk.ResourceValidationPolicy>,
    Assignable<local.StackValidationPolicy, sdk.StackValidationPolicy>,
    Assignable<local.PolicyPackArgs, sdk.PolicyPackArgs>,
    Assignable<sdk.ResourceValidationArgs, local.ResourceValidationArgs>,
    Assignable<sdk.StackValidationArgs, local.StackValidationArgs>,
    Assignable<sdk.PolicyResource, local.PolicyResource>,
    Assignable<sdk.ReportViolation, local.ReportViolation>,
    Assignable<local.PolicyConfigJSONSchema, import("@pulumi/policy/schema").PolicyConfigJSONSchema>,
] = [true, true, true, true, true, true, true, true];

describe("policy-api", () => {
    it("is compatible with the SDK's declarations in both directions that matter", () => {
        assert.ok(conforms.every(Boolean));
    });

    it("exports the SDK's PolicyPack itself", async () => {
        const api = await import("../../../policies/lib/policy-api");
        const real = await import("@pulumi/policy");
        assert.equal(api.PolicyPack, real.PolicyPack);
    });

    it("is launched compiled, so the CLI type-checks none of it at launch, and refuses a stale build", () => {
        const packDir = path.resolve(__dirname, "..", "..", "..", "policies");
        const pkg = JSON.parse(fs.readFileSync(path.join(packDir, "package.json"), "utf8"));
        assert.equal(pkg.main, "bin/index.js");
        assert.match(fs.readFileSync(path.join(packDir, "index.ts"), "utf8"), /\nassertBuildCurrent\(__dirname\);\n/);
    });
});
