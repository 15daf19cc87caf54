import { ruleCases, unknown } from "../../../harness/policy-cases";
import { cluster, clusterInstance, instance } from "./baseline";

export default ruleCases("require-db-auto-minor-version-upgrade", {
    compliant: [
        { name: "an instance upgrading minor versions", resources: [instance("orders")] },
        { name: "an instance without the setting (the default is true)", resources: [instance("orders", { autoMinorVersionUpgrade: undefined })] },
        { name: "an Aurora instance upgrading minor versions", resources: [clusterInstance("orders-1")] },
        { name: "a Multi-AZ DB cluster without the setting", resources: [cluster("orders", { engine: "postgres", dbClusterInstanceClass: "db.m6gd.large" })] },
    ],
    violating: [
        { name: "an instance with automatic minor upgrades off", resources: [instance("orders", { autoMinorVersionUpgrade: false })], message: /autoMinorVersionUpgrade is false: security fixes in minor engine versions wait/ },
        { name: "an Aurora instance with automatic minor upgrades off", resources: [clusterInstance("orders-1", { autoMinorVersionUpgrade: false })], message: /autoMinorVersionUpgrade is false/ },
        { name: "a Multi-AZ DB cluster with automatic minor upgrades off", resources: [cluster("orders", { engine: "postgres", autoMinorVersionUpgrade: false })], message: /autoMinorVersionUpgrade is false/ },
    ],
    unknown: [
        { name: "autoMinorVersionUpgrade not known yet", resources: [clusterInstance("later", { autoMinorVersionUpgrade: unknown })] },
    ],
});
