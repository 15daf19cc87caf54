import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { containersOf } from "../../../../engine/preflight/pods";
import { perconaReplsetPods } from "../../../../engine/preflight/pods/percona-replset";
import type { RecordedResource } from "../../../../engine/program";
import { Plain, PreflightStack } from "../../../../engine/preflight/stack";

const OPERATOR_IMAGE = "docker.io/percona/percona-server-mongodb-operator:1.22.0";

function cluster(spec: Plain) {
    const resource = {
        urn: "urn:pulumi:dev::secure-platform::kubernetes:psmdb.percona.com/v1:PerconaServerMongoDB::db",
        type: "kubernetes:psmdb.percona.com/v1:PerconaServerMongoDB",
        name: "db",
        custom: true,
        inputs: { apiVersion: "psmdb.percona.com/v1", kind: "PerconaServerMongoDB", metadata: { name: "db", namespace: "mongo" }, spec },
    } as unknown as RecordedResource;
    const [object] = new PreflightStack([resource]).objectsOfKind("PerconaServerMongoDB");
    return perconaReplsetPods(object, OPERATOR_IMAGE);
}

const minimal = { crVersion: "1.22.0", image: "percona/psmdb:8", secrets: { users: "u", encryptionKey: "k", ssl: "s", sslInternal: "si" } };

describe("the Percona replica set model", () => {
    it("gives members without security contexts the operator's defaults: uid 1001, fsGroup 1001, no resources", () => {
        const [members] = cluster({ ...minimal, replsets: [{ name: "rs0", size: 3, volumeSpec: { persistentVolumeClaim: { resources: { requests: { storage: "1Gi" } } } } }] });
        assert.equal(members.name, "db-rs0");
        assert.equal(members.replicas, 3);
        assert.deepEqual(members.template.spec.securityContext, { fsGroup: 1001 });
        const mongod = containersOf(members.template.spec).find((c) => c.name === "mongod")!;
        assert.deepEqual(mongod.securityContext, { runAsNonRoot: true, runAsUser: 1001 });
        assert.deepEqual(mongod.resources, {});
        assert.equal(members.template.spec.terminationGracePeriodSeconds, 60);
    });

    it("takes the init image from the operator when the resource names none, at the resource's version", () => {
        const [members] = cluster({ ...minimal, crVersion: "1.21.0", replsets: [{ name: "rs0", size: 3 }] });
        assert.equal(containersOf(members.template.spec)[0].image, "docker.io/percona/percona-server-mongodb-operator:1.21.0");
    });

    it("adds the backup agent with the operator's default context and no resources, and PMM's client when on", () => {
        const [members] = cluster({ ...minimal, backup: { enabled: true, image: "percona/pbm:2" }, pmm: { enabled: true, image: "percona/pmm-client:3" }, replsets: [{ name: "rs0", size: 3 }] });
        const names = containersOf(members.template.spec).map((c) => c.name);
        assert.deepEqual(names, ["mongo-init", "mongod", "backup-agent", "pmm-client"]);
        const agent = containersOf(members.template.spec).find((c) => c.name === "backup-agent")!;
        assert.deepEqual(agent.securityContext, { runAsNonRoot: true, runAsUser: 1001 });
        assert.equal(agent.resources, undefined);
    });

    it("models an arbiter as its own StatefulSet without data, agents or a claim", () => {
        const pods = cluster({ ...minimal, backup: { enabled: true, image: "percona/pbm:2" }, replsets: [{ name: "rs0", size: 2, arbiter: { enabled: true, size: 1, resources: { requests: { cpu: "100m" } } } }] });
        assert.deepEqual(pods.map((p) => `${p.name} x${p.replicas}`), ["db-rs0 x2", "db-rs0-arbiter x1"]);
        const arbiter = pods[1];
        assert.deepEqual(containersOf(arbiter.template.spec).map((c) => c.name), ["mongo-init", "mongod-arbiter"]);
        assert.ok((arbiter.template.spec.volumes as Plain[]).some((v) => v.name === "mongod-data" && v.emptyDir));
        assert.equal(arbiter.template.metadata.labels["app.kubernetes.io/component"], "arbiter");
    });

    it("drops the anti-affinity when the resource turns it off, and keeps an advanced affinity as given", () => {
        const [off] = cluster({ ...minimal, replsets: [{ name: "rs0", size: 3, affinity: { antiAffinityTopologyKey: "none" } }] });
        assert.equal(off.template.spec.affinity, undefined);
        const advanced = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [] } } };
        const [given] = cluster({ ...minimal, replsets: [{ name: "rs0", size: 3, affinity: { advanced } }] });
        assert.deepEqual(given.template.spec.affinity, advanced);
        const [unknownKey] = cluster({ ...minimal, replsets: [{ name: "rs0", size: 3, affinity: { antiAffinityTopologyKey: "rack" } }] });
        assert.equal(unknownKey.template.spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey, "kubernetes.io/hostname");
    });

    it("mounts the data directory from the host when the volume spec says so", () => {
        const [members] = cluster({ ...minimal, replsets: [{ name: "rs0", size: 3, volumeSpec: { hostPath: { path: "/data/mongo" } } }] });
        assert.ok((members.template.spec.volumes as Plain[]).some((v) => v.hostPath?.path === "/data/mongo"));
    });
});
