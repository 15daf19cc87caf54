import { ruleCases, unknown } from "../../../harness/policy-cases";
import { cluster, instance } from "./baseline";

export default ruleCases("require-db-deletion-protection", {
    compliant: [
        { name: "a protected instance", resources: [instance("orders")] },
        { name: "a protected Aurora cluster", resources: [cluster("orders")] },
    ],
    violating: [
        {
            name: "an instance without deletionProtection in a stack without an environment",
            resources: [instance("orders", { deletionProtection: undefined })],
            message: /deletionProtection is not set \(the default is false\) in a stack without an environment \(treated as production\): one API call, or a replacement Pulumi plans, deletes the DB instance/,
        },
        { name: "a cluster with deletionProtection false", resources: [cluster("orders", { deletionProtection: false })], message: /deletionProtection is false .*deletes the DB cluster/ },
        {
            name: "deletion protection off where the team also enforces staging",
            resources: [instance("orders", { deletionProtection: false })],
            config: { "require-db-deletion-protection": { enforcedEnvironments: ["prod", "staging"] } },
            message: /treated as production/,
        },
    ],
    unknown: [
        { name: "deletionProtection not known yet", resources: [instance("later", { deletionProtection: unknown })] },
    ],
});
