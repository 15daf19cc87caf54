/**
 * A Deployment that breaks any single control of the restricted Pod Security Standard, in the platform,
 * data or any tenant namespace of a rendered stack, is stopped by a mandatory rule naming its control;
 * the fully restricted Deployment in the same namespaces passes every rule.
 */
import assert from "node:assert/strict";
import * as path from "node:path";
import { before, describe, it } from "node:test";
import { controlLabel } from "../../policies/lib/controls";
import { RULES } from "../../policies/registry";
import { CheckResult, runCheck } from "../../engine/engine";
import { ROOT } from "../harness/cli";
import { NAMESPACES, VARIANTS } from "./fixtures/restricted-variants";

let result: CheckResult;

before(async () => {
    result = await runCheck({ root: ROOT, stack: "dev", program: path.join(__dirname, "fixtures", "workloads-in-namespaces.ts") });
});

const onDeployment = (namespace: string, variant: string) =>
    result.violations.filter((v) => v.urn?.endsWith(`::kubernetes:apps/v1:Deployment::${namespace}--${variant}`));

describe("workloads in the namespaces a stack creates", () => {
    for (const namespace of NAMESPACES) {
        it(`lets a fully restricted Deployment into ${namespace}`, () => {
            assert.ok(result.resources.some((r) => r.type === "kubernetes:core/v1:Namespace" && r.inputs.metadata && (r.inputs.metadata as { name?: string }).name === namespace), `the stack creates ${namespace}`);
            assert.deepEqual(onDeployment(namespace, "compliant").map((v) => v.policyName), []);
        });
        for (const [variant, { rule }] of Object.entries(VARIANTS)) {
            it(`stops ${variant} in ${namespace} with ${rule}`, () => {
                const found = onDeployment(namespace, variant);
                const hit = found.find((v) => v.policyName === rule);
                assert.ok(hit, `${rule} did not fire; got ${JSON.stringify(found.map((v) => v.policyName))}`);
                assert.equal(hit.enforcementLevel, "mandatory");
                const controls = RULES.find((r) => r.metadata.name === rule)!.metadata.controls;
                assert.ok(controls.every((c) => hit.description.includes(controlLabel(c))), `${hit.description} names its controls`);
            });
        }
    }
});
