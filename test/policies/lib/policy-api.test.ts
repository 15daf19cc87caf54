/**
 * The pack declares the policy SDK's API itself (policies/lib/policy-api.ts) to start fast under the
 * CLI. These checks keep those declarations honest: `npm test` type-checks this file against the
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

    it("keeps @pulumi/policy's and Node's declarations out of what the pack type-checks at launch", () => {
        const packDir = path.resolve(__dirname, "..", "..", "..", "policies");
        const tsconfig = JSON.parse(fs.readFileSync(path.join(packDir, "tsconfig.json"), "utf8"));
        assert.deepEqual(tsconfig.compilerOptions.types, []);
        const launched = ["index.ts", "registry.ts", "lib/rule.ts", "lib/values.ts", "lib/controls.ts", "lib/policy-api.ts"];
        for (const file of launched) {
            assert.doesNotMatch(fs.readFileSync(path.join(packDir, file), "utf8"), /from "@pulumi\/|from "node:/, file);
        }
    });
});
