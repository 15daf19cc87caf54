/**
 * The secure-platform policy pack. Run it with `pulumi preview --policy-pack policies` (or
 * `npm run check` offline); tune rules with `--policy-pack-config` (see policies/config/).
 */
import { PolicyPack } from "./lib/policy-api";
import { RULES } from "./registry";

new PolicyPack("secure-platform", {
    enforcementLevel: "mandatory",
    policies: RULES.map((rule) => rule.policy),
});
