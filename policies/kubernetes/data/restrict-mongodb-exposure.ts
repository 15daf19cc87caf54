import { PERCONA_MONGODB_TYPES, replicaSets } from "../../lib/percona";
import { defineResourceRule } from "../../lib/rule";

const EXTERNAL = ["LoadBalancer", "NodePort"];

export default defineResourceRule({
    name: "restrict-mongodb-exposure",
    description: "A Percona MongoDB cluster must not expose its members or mongos outside the cluster (LoadBalancer or NodePort services); clients reach it inside the cluster, through network policy and the mesh.",
    severity: "high",
    controls: ["EKS BP encryption-in-transit"],
    remediation: "Set `expose.enabled: false` (or a ClusterIP type) on every replica set and on `sharding.mongos`, and reach the database from workloads inside the cluster.",
    resourceTypes: [...PERCONA_MONGODB_TYPES],
    validate(props, _context, report) {
        const exposed = (expose: { enabled?: unknown; exposeType?: unknown; type?: unknown } | undefined, where: string) => {
            const kind = expose?.type ?? expose?.exposeType;
            if (expose?.enabled === true && EXTERNAL.includes(String(kind))) {
                report(`${where} is exposed as ${kind}, reachable from outside the cluster.`);
            }
        };
        for (const replset of replicaSets(props)) {
            exposed(replset.expose, `replica set ${replset.name ?? "(unnamed)"}`);
        }
        const mongos = props.spec?.sharding?.mongos;
        if (props.spec?.sharding?.enabled === true && mongos) {
            const kind = mongos.expose?.type ?? mongos.expose?.exposeType;
            if (EXTERNAL.includes(String(kind))) {
                report(`mongos is exposed as ${kind}, reachable from outside the cluster.`);
            }
        }
    },
});
