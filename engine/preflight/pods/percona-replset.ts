/**
 * The pods the Percona operator makes from a `PerconaServerMongoDB`: one StatefulSet per replica set (and
 * per enabled arbiter, non-voting and hidden group), modelled from the operator's source at the version the
 * pinned chart installs (percona/percona-server-mongodb-operator v1.22.0; no code copied):
 * - pkg/psmdb/statefulset.go `StatefulSpec`: replicas `size`, labels, the CR's placement (`nodeSelector`,
 *   `tolerations`, `affinity`, `topologySpreadConstraints`, `priorityClassName`, `serviceAccountName`,
 *   `annotations`, `labels`), the pod security context, volumes, and the containers: `mongod`, the CR's
 *   `sidecars`, `backup-agent` when `backup.enabled` (`backupAgentContainer`: `backup.image`,
 *   `backup.containerSecurityContext`, `backup.resources`, nothing by default), `pmm-client` when
 *   `pmm.enabled` (pkg/psmdb/pmm/pmm.go), `logs` and `logrotate` when `logcollector.enabled`
 *   (pkg/psmdb/logcollector/container.go, logrotate/container.go);
 * - pkg/psmdb/init.go `InitContainers`: `mongo-init` from `initImage` (else the operator's own image), with
 *   `initContainerSecurityContext` and, set in statefulset.go, the mongod container's resources;
 * - pkg/psmdb/container.go `container`: `mongod` with `image`, the replica set's `resources` and
 *   `containerSecurityContext`;
 * - pkg/apis/psmdb/v1/psmdb_defaults.go: a replica set without security contexts gets
 *   `runAsNonRoot: true, runAsUser: 1001` and `fsGroup: 1001` (`SetDefaults`), as does the backup agent
 *   and PMM's client; the anti-affinity topology key defaults to `kubernetes.io/hostname` (`reconcileAffinityOpts`),
 *   the termination grace period to 60 seconds (`reconcileOpts`).
 * The StatefulSets of a sharded cluster (config servers, mongos) are not modelled.
 */
import { parse } from "yaml";
import { truthy } from "../charts/chart-values";
import type { PodModel } from "../pods";
import type { KubernetesObject, Plain } from "../stack";
import { compact } from "./chart-pod";

/** The uid/gid Percona's defaults use on Kubernetes (psmdb_defaults.go). */
const PERCONA_DEFAULT_UID = 1001;
const DEFAULT_PORT = 27017;
const AFFINITY_OFF = "none";
/** The anti-affinity topology keys the operator accepts from crVersion 1.16 (`affinityValidTopologyKeys`); others become the default. */
const AFFINITY_TOPOLOGY_KEYS = ["kubernetes.io/hostname", "topology.kubernetes.io/zone", "topology.kubernetes.io/region", AFFINITY_OFF];
/** `reconcileOpts`: the grace period a replica set's pods get when the resource sets none (crVersion 1.15+). */
const DEFAULT_TERMINATION_GRACE_SECONDS = 60;

function defaultContainerSecurityContext(): Plain {
    return { runAsNonRoot: true, runAsUser: PERCONA_DEFAULT_UID };
}

/** `a.b.c` compared as versions (the operator's `CompareVersion`). */
function compareVersions(a: string, b: string): number {
    const pa = a.split(".").map(Number);
    const pb = b.split(".").map(Number);
    for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
        const d = (pa[i] ?? 0) - (pb[i] ?? 0);
        if (d !== 0) return Math.sign(d);
    }
    return 0;
}

function configuration(replset: Plain): Plain {
    if (typeof replset.configuration !== "string") {
        return {};
    }
    try {
        return (parse(replset.configuration) ?? {}) as Plain;
    } catch {
        return {};
    }
}

/** `PodAffinity`: the advanced affinity as given, or a required anti-affinity on the pod's labels. */
function podAffinity(affinity: Plain | undefined, labels: Plain): Plain | undefined {
    if (affinity?.advanced) {
        return affinity.advanced;
    }
    let key: string = affinity?.antiAffinityTopologyKey ?? "kubernetes.io/hostname";
    if (!AFFINITY_TOPOLOGY_KEYS.includes(key)) {
        key = "kubernetes.io/hostname";
    }
    if (key === AFFINITY_OFF) {
        return undefined;
    }
    return { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { ...labels } }, topologyKey: key }] } };
}

interface Component {
    readonly component: "mongod" | "arbiter" | "nonVoting" | "hidden";
    readonly name: string;
    readonly container: string;
    /** Where the group's own settings are (the replica set, or its arbiter/nonVoting/hidden block). */
    readonly multiAZ: Plain;
    readonly specPath: string;
    readonly size: number;
    readonly resources?: Plain;
    readonly podSecurityContext?: Plain;
    readonly containerSecurityContext?: Plain;
    readonly volumeSpec?: Plain;
}

function componentsOf(clusterName: string, replset: Plain, index: number): Component[] {
    const base = `${clusterName}-${replset.name}`;
    const path = `spec.replsets[${index}]`;
    const out: Component[] = [{
        component: "mongod", name: base, container: "mongod", multiAZ: replset, specPath: path, size: Number(replset.size ?? 0),
        resources: replset.resources, podSecurityContext: replset.podSecurityContext, containerSecurityContext: replset.containerSecurityContext, volumeSpec: replset.volumeSpec,
    }];
    const arbiter: Plain | undefined = replset.arbiter;
    if (arbiter?.enabled) {
        out.push({
            component: "arbiter", name: `${base}-arbiter`, container: "mongod-arbiter", multiAZ: arbiter, specPath: `${path}.arbiter`, size: Number(arbiter.size ?? 1),
            resources: arbiter.resources, podSecurityContext: replset.podSecurityContext, containerSecurityContext: replset.containerSecurityContext,
        });
    }
    for (const [key, suffix, container] of [["nonvoting", "nv", "mongod-nv"], ["hidden", "hidden", "mongod-hidden"]] as const) {
        const group: Plain | undefined = replset[key];
        if (group?.enabled) {
            out.push({
                component: key === "nonvoting" ? "nonVoting" : "hidden", name: `${base}-${suffix}`, container, multiAZ: group, specPath: `${path}.${key}`, size: Number(group.size ?? 0),
                resources: group.resources, podSecurityContext: group.podSecurityContext ?? replset.podSecurityContext,
                containerSecurityContext: group.containerSecurityContext ?? replset.containerSecurityContext, volumeSpec: group.volumeSpec ?? replset.volumeSpec,
            });
        }
    }
    return out;
}

/**
 * Every StatefulSet's pods the operator makes for `cr`. `operatorImage` is the operator's own image (its
 * chart's values), the init image when the resource names none.
 */
export function perconaReplsetPods(cr: KubernetesObject, operatorImage: string | undefined): PodModel[] {
    const spec: Plain = cr.object.spec ?? {};
    const clusterName = cr.name ?? "";
    const namespace = cr.namespace ?? "default";
    const crVersion = String(spec.crVersion ?? "0");
    const atLeast = (version: string) => compareVersions(crVersion, version) >= 0;
    const pullPolicy = spec.imagePullPolicy;
    const initImage = truthy(spec.initImage) ? String(spec.initImage) : operatorImage && `${operatorImage.split(":")[0]}:${crVersion}`;
    const backup: Plain = spec.backup ?? {};
    const pmm: Plain = spec.pmm ?? {};
    const logcollector: Plain = spec.logcollector ?? {};
    const pods: PodModel[] = [];
    const replsets: Plain[] = Array.isArray(spec.replsets) ? spec.replsets : [];
    replsets.forEach((replset, index) => {
        const config = configuration(replset);
        const port = Number(config.net?.port ?? DEFAULT_PORT) || DEFAULT_PORT;
        const encryption = config.security?.enableEncryption ?? (replset.storage?.engine !== "inMemory");
        for (const c of componentsOf(clusterName, replset, index)) {
            const labels = {
                "app.kubernetes.io/name": "percona-server-mongodb",
                "app.kubernetes.io/managed-by": "percona-server-mongodb-operator",
                "app.kubernetes.io/part-of": "percona-server-mongodb",
                "app.kubernetes.io/instance": clusterName,
                "app.kubernetes.io/replset": String(replset.name),
                "app.kubernetes.io/component": c.component,
            };
            const podLabels = { ...(c.multiAZ.labels ?? {}), ...labels };
            const resources = c.resources ?? {};
            const mongod = compact({
                name: c.container,
                image: spec.image,
                imagePullPolicy: pullPolicy,
                ports: [{ name: "mongodb", containerPort: port }],
                resources,
                securityContext: c.containerSecurityContext ?? defaultContainerSecurityContext(),
            });
            const init = compact({
                name: "mongo-init",
                image: initImage,
                imagePullPolicy: pullPolicy,
                command: ["/init-entrypoint.sh"],
                resources,
                securityContext: atLeast("1.14.0") ? spec.initContainerSecurityContext : undefined,
            });
            const containers: Plain[] = [mongod, ...((c.multiAZ.sidecars ?? []) as Plain[]).filter((s) => s.name !== mongod.name)];
            const dataOnDisk = c.component !== "arbiter";
            if (dataOnDisk && backup.enabled) {
                containers.push(compact({
                    name: "backup-agent",
                    image: backup.image,
                    imagePullPolicy: pullPolicy,
                    securityContext: backup.containerSecurityContext ?? defaultContainerSecurityContext(),
                    resources: backup.resources,
                }));
            }
            if (dataOnDisk && pmm.enabled) {
                containers.push(compact({
                    name: "pmm-client",
                    image: pmm.image,
                    imagePullPolicy: pullPolicy,
                    securityContext: pmm.containerSecurityContext ?? defaultContainerSecurityContext(),
                    resources: pmm.resources,
                }));
            }
            if (dataOnDisk && atLeast("1.21.0") && logcollector.enabled) {
                for (const name of ["logs", "logrotate"]) {
                    containers.push(compact({ name, image: logcollector.image, imagePullPolicy: logcollector.imagePullPolicy, securityContext: logcollector.containerSecurityContext, resources: logcollector.resources }));
                }
            }
            const secrets: Plain = spec.secrets ?? {};
            const keyfile = secrets.keyFile ?? `${clusterName}-mongodb-keyfile`;
            const volumeSpec: Plain = c.volumeSpec ?? {};
            const claim = dataOnDisk && volumeSpec.persistentVolumeClaim;
            const volumes: Plain[] = [
                { name: keyfile, secret: { secretName: keyfile, defaultMode: 288, optional: false } },
                { name: "bin", emptyDir: {} },
                ...(atLeast("1.21.0") ? [{ name: "mongosh-home", emptyDir: {} }] : []),
                ...(typeof replset.configuration === "string" && replset.configuration.trim() !== "" ? [{ name: "config", configMap: { name: `${c.name}-mongod`, optional: true } }] : []),
                ...(encryption ? [truthy(secrets.vault)
                    ? { name: secrets.vault, secret: { secretName: secrets.vault, defaultMode: 288, optional: false } }
                    : { name: secrets.encryptionKey, secret: { secretName: secrets.encryptionKey, defaultMode: 288, optional: false } }] : []),
                { name: "ssl", secret: { secretName: secrets.ssl ?? `${clusterName}-ssl`, optional: spec.unsafeFlags?.tls === true, defaultMode: 288 } },
                { name: "ssl-internal", secret: { secretName: secrets.sslInternal ?? `${clusterName}-ssl-internal`, optional: true, defaultMode: 288 } },
                { name: "users-secret-file", secret: { secretName: `internal-${clusterName}-users` } },
                // An arbiter keeps no data; other members without a claim template use the volumeSpec's hostPath or emptyDir.
                ...(!dataOnDisk ? [{ name: "mongod-data", emptyDir: {} }] : claim ? [] : [compact({ name: "mongod-data", hostPath: volumeSpec.hostPath, emptyDir: volumeSpec.emptyDir })]),
                ...((c.multiAZ.sidecarVolumes ?? []) as Plain[]),
            ];
            const podSpec = compact({
                hostAliases: replset.hostAliases,
                securityContext: c.podSecurityContext ?? { fsGroup: PERCONA_DEFAULT_UID },
                affinity: podAffinity(c.multiAZ.affinity, podLabels),
                topologySpreadConstraints: truthy(c.multiAZ.topologySpreadConstraints)
                    ? (c.multiAZ.topologySpreadConstraints as Plain[]).map((tsc) => (tsc.labelSelector || tsc.matchLabelKeys ? tsc : { ...tsc, labelSelector: { matchLabels: { ...podLabels } } }))
                    : undefined,
                nodeSelector: c.multiAZ.nodeSelector,
                tolerations: c.multiAZ.tolerations,
                terminationGracePeriodSeconds: c.multiAZ.terminationGracePeriodSeconds ?? (atLeast("1.15.0") ? DEFAULT_TERMINATION_GRACE_SECONDS : undefined),
                priorityClassName: c.multiAZ.priorityClassName,
                serviceAccountName: c.multiAZ.serviceAccountName,
                restartPolicy: "Always",
                imagePullSecrets: spec.imagePullSecrets,
                containers,
                initContainers: [init],
                volumes,
                schedulerName: spec.schedulerName,
                runtimeClassName: c.multiAZ.runtimeClassName,
            });
            pods.push({
                origin: {
                    urn: cr.resource.urn,
                    path: c.specPath,
                    description: `StatefulSet ${namespace}/${c.name} (made by the Percona operator from PerconaServerMongoDB ${namespace}/${clusterName})`,
                },
                kind: "StatefulSet",
                name: c.name,
                namespace,
                replicas: c.size,
                template: {
                    metadata: compact({ labels: podLabels, annotations: truthy(c.multiAZ.annotations) ? { ...c.multiAZ.annotations } : undefined }),
                    spec: podSpec,
                },
            });
        }
    });
    return pods;
}
