"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * The secure-platform policy pack. Run it with `pulumi preview --policy-pack policies` (or
 * `npm run check` offline); tune rules with `--policy-pack-config` (see policies/config/).
 */
const policy_api_1 = require("./lib/policy-api");
const registry_1 = require("./registry");
new policy_api_1.PolicyPack("secure-platform", {
    enforcementLevel: "mandatory",
    policies: registry_1.RULES.map((rule) => rule.policy),
});
