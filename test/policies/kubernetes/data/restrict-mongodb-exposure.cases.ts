import { ruleCases, unknown } from "../../../harness/policy-cases";
import { perconaCluster, replset } from "./percona-fixtures";

export default ruleCases("restrict-mongodb-exposure", {
    compliant: [
        { name: "members not exposed", resources: [perconaCluster("orders", { replsets: [replset({ expose: { enabled: false } })] })] },
        { name: "members exposed inside the cluster only", resources: [perconaCluster("orders", { replsets: [replset({ expose: { enabled: true, type: "ClusterIP" } })] })] },
    ],
    violating: [
        { name: "members behind a LoadBalancer", resources: [perconaCluster("orders", { replsets: [replset({ expose: { enabled: true, type: "LoadBalancer" } })] })], message: /replica set rs0 is exposed as LoadBalancer/ },
        { name: "members on NodePorts (older exposeType field)", resources: [perconaCluster("orders", { replsets: [replset({ expose: { enabled: true, exposeType: "NodePort" } })] })], message: /exposed as NodePort/ },
        { name: "mongos behind a LoadBalancer", resources: [perconaCluster("orders", { sharding: { enabled: true, mongos: { size: 2, expose: { type: "LoadBalancer" } } } })], message: /mongos is exposed as LoadBalancer/ },
    ],
    unknown: [
        { name: "expose type not known yet", resources: [perconaCluster("later", { replsets: [replset({ expose: { enabled: true, type: unknown } })] })] },
    ],
});
