/**
 * The secure-platform policy pack. Run it with `pulumi preview --policy-pack policies` (or
 * `npm run check` offline); tune rules with `--policy-pack-config` (see policies/profiles/). The CLI
 * starts the compiled copy in policies/bin (`npm run build`).
 */
import { convertPropertiesOnce } from "./lib/convert-once";
import { parseRequestsPlainly } from "./lib/plain-requests";
import { PolicyPack } from "./lib/policy-api";
import { assertBuildCurrent } from "./lib/source-digest";
import { RULES } from "./registry";

assertBuildCurrent(__dirname);
// eslint-disable-next-line @typescript-eslint/no-require-imports
convertPropertiesOnce(require("@pulumi/policy/deserialize"));
parseRequestsPlainly();

new PolicyPack("secure-platform", {
    enforcementLevel: "mandatory",
    policies: RULES.map((rule) => rule.policy),
});
