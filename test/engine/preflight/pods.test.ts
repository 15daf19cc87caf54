import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { chartValues } from "../../../engine/preflight/charts/chart-values";
import { pinnedChart } from "../../../engine/preflight/charts/pinned-charts";
import { allPods, containersOf, PodModel, podModelGaps } from "../../../engine/preflight/pods";
import type { RecordedResource } from "../../../engine/program";
import { Plain, PreflightStack } from "../../../engine/preflight/stack";
import { CNI_RESOURCES, GATEWAY_RESOURCES, istiodMaxReplicas, ISTIOD_RESOURCES, PROXY_RESOURCES } from "../../../infra/k8s/mesh/istio-mesh";
import { ISTIO, PERCONA_MONGODB, SNAPSCHEDULER } from "../../../infra/versions";
import { renderStacks, RenderedStack } from "./rendered-stacks";

const STACKS = ["dev", "prod", "onprem"] as const;
let stacks: Record<string, RenderedStack>;

before(async () => {
    stacks = await renderStacks(STACKS);
});

function preflight(stack: string, resources: readonly RecordedResource[] = stacks[stack].resources): PreflightStack {
    return new PreflightStack(resources);
}

function pod(pods: readonly PodModel[], namespace: string, name: string): PodModel {
    const found = pods.find((p) => p.namespace === namespace && p.name === name);
    assert.ok(found, `a pod model ${namespace}/${name}; have ${pods.map((p) => `${p.namespace}/${p.name}`).join(", ")}`);
    return found;
}

function container(model: PodModel, name: string): Plain {
    const found = containersOf(model.template.spec).find((c) => c.name === name);
    assert.ok(found, `${model.name} has a container ${name}; have ${containersOf(model.template.spec).map((c) => c.name).join(", ")}`);
    return found;
}

function release(stack: PreflightStack, name: string) {
    const found = stack.helmReleases.find((r) => r.releaseName === name);
    assert.ok(found, `a release ${name}`);
    return found;
}

function customResource(stack: PreflightStack, kind: string): Plain {
    const [found] = stack.objectsOfKind(kind);
    assert.ok(found, `a ${kind}`);
    return found.object;
}

/** The stack with one more resource: a Deployment the program would declare. */
function withDeployment(stack: string, namespace: string, annotations: Record<string, string>, extraContainers: Plain[] = []): PreflightStack {
    const deployment = {
        urn: `urn:pulumi:${stack}::secure-platform::kubernetes:apps/v1:Deployment::probe`,
        type: "kubernetes:apps/v1:Deployment",
        name: "probe",
        custom: true,
        inputs: {
            metadata: { name: "probe", namespace },
            spec: {
                replicas: 2,
                selector: { matchLabels: { app: "probe" } },
                template: {
                    metadata: { labels: { app: "probe" }, annotations },
                    spec: { containers: [{ name: "app", image: "registry.example/app:1", resources: { requests: { cpu: "50m", memory: "64Mi" } } }, ...extraContainers] },
                },
            },
        },
    } as unknown as RecordedResource;
    return preflight(stack, [...stacks[stack].resources, deployment]);
}

/** The stack's resources with one release's values edited (a copy). */
function withoutValues(resources: readonly RecordedResource[], releaseName: string, edit: (values: Plain) => void): RecordedResource[] {
    return resources.map((r): RecordedResource => {
        if (r.type !== "kubernetes:helm.sh/v3:Release" || r.inputs.name !== releaseName) return r;
        const inputs = structuredClone(r.inputs) as Plain;
        edit(inputs.values);
        return { ...r, inputs };
    });
}

/** Does a toleration list tolerate a taint, as the scheduler decides it. */
function tolerates(tolerations: readonly Plain[] | undefined, taint: { key: string; value?: string; effect: string }): boolean {
    return (tolerations ?? []).some((t) => (t.effect === undefined || t.effect === taint.effect)
        && (t.operator === "Exists" ? t.key === undefined || t.key === taint.key : t.key === taint.key && t.value === taint.value));
}

describe("allPods", () => {
    it("models istiod from the chart's defaults: 500m CPU and 2048Mi memory requested, no limit, the HPA's maximum", () => {
        // The program sets istiod's resources and autoscaling; without them the chart's defaults apply.
        const resources = withoutValues(stacks.prod.resources, "istiod", (values) => {
            delete values.pilot.resources;
            delete values.pilot.autoscaleMax;
        });
        const defaults = pod(allPods(preflight("prod", resources)), "istio-system", "istiod");
        assert.deepEqual(container(defaults, "discovery").resources, { requests: { cpu: "500m", memory: "2048Mi" } });
        assert.equal(defaults.replicas, 5, "istiod's values.yaml autoscaleMax");

        const stack = preflight("prod");
        const istiod = pod(allPods(stack), "istio-system", "istiod");
        assert.equal(istiod.kind, "Deployment");
        const discovery = container(istiod, "discovery");
        assert.deepEqual(discovery.resources, ISTIOD_RESOURCES, "the program's pilot.resources");
        const values = chartValues(pinnedChart("istiod", ISTIO.version)!, release(stack, "istiod").values);
        assert.equal(values.autoscaleMax, istiodMaxReplicas(2));
        assert.equal(istiod.replicas, istiodMaxReplicas(2));
        assert.equal(discovery.image, `${values.global.hub}/pilot:${ISTIO.version}`);
        assert.deepEqual(discovery.securityContext.seccompProfile, { type: "RuntimeDefault" }, "pilot.seccompProfile reaches the container");
        assert.equal(istiod.injected, undefined, "istiod's pods opt out of injection");
        assert.match(istiod.origin.description, /^Deployment istio-system\/istiod \(chart istiod 1\.29\.0, release istiod\)$/);
    });

    it("models the istio-cni node agent tolerating every NoSchedule and NoExecute taint, as root with host paths", () => {
        const cni = pod(allPods(preflight("prod")), "istio-cni", "istio-cni-node");
        assert.equal(cni.kind, "DaemonSet");
        assert.equal(cni.replicas, 1, "per node");
        const tolerations = cni.template.spec.tolerations as Plain[];
        assert.ok(tolerates(tolerations, { key: "secure-platform/dedicated", value: "data", effect: "NoSchedule" }));
        assert.ok(tolerates(tolerations, { key: "node.kubernetes.io/unreachable", effect: "NoExecute" }));
        const agent = container(cni, "install-cni");
        assert.equal(agent.securityContext.runAsUser, 0);
        assert.deepEqual(agent.securityContext.capabilities.add, ["NET_ADMIN", "NET_RAW", "SYS_PTRACE", "SYS_ADMIN", "DAC_OVERRIDE"]);
        assert.deepEqual(agent.resources, CNI_RESOURCES, "the program's resources value");
        const defaults = pod(allPods(preflight("prod", withoutValues(stacks.prod.resources, "istio-cni", (values) => delete values.resources))), "istio-cni", "istio-cni-node");
        assert.deepEqual(container(defaults, "install-cni").resources, { requests: { cpu: "100m", memory: "100Mi" } }, "the cni chart's default");
        assert.ok((cni.template.spec.volumes as Plain[]).some((v) => v.hostPath?.path === "/opt/cni/bin"));
        assert.equal(cni.injected, undefined);
    });

    it("models the PerconaServerMongoDB replica set: size replicas, the resource's resources, placement and contexts", () => {
        for (const stackName of STACKS) {
            const stack = preflight(stackName);
            const cr = customResource(stack, "PerconaServerMongoDB");
            const replset = cr.spec.replsets[0];
            const mongo = pod(allPods(stack), "data", `mongodb-${replset.name}`);
            assert.equal(mongo.kind, "StatefulSet");
            assert.equal(mongo.replicas, replset.size, stackName);
            assert.equal(mongo.origin.path, "spec.replsets[0]");
            const mongod = container(mongo, "mongod");
            assert.equal(mongod.image, cr.spec.image);
            assert.deepEqual(mongod.resources, replset.resources);
            assert.deepEqual(mongod.securityContext, replset.containerSecurityContext);
            const init = container(mongo, "mongo-init");
            assert.equal(init.image, cr.spec.initImage);
            assert.deepEqual(init.resources, replset.resources, "the init container gets mongod's resources (statefulset.go)");
            assert.deepEqual(init.securityContext, cr.spec.initContainerSecurityContext);
            assert.deepEqual(mongo.template.spec.securityContext, replset.podSecurityContext);
            assert.deepEqual(mongo.template.spec.nodeSelector, replset.nodeSelector);
            assert.deepEqual(mongo.template.spec.tolerations, replset.tolerations);
            assert.equal(mongo.template.spec.serviceAccountName, replset.serviceAccountName);
            assert.deepEqual(mongo.template.spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey, "kubernetes.io/hostname");
            assert.equal(mongo.template.metadata.labels["app.kubernetes.io/component"], "mongod");
            const agent = containersOf(mongo.template.spec).find((c) => c.name === "backup-agent");
            assert.equal(agent !== undefined, cr.spec.backup.enabled === true, `${stackName}: a backup agent exactly when backups are on`);
            if (agent) {
                assert.equal(agent.image, cr.spec.backup.image);
                assert.deepEqual(agent.securityContext, cr.spec.backup.containerSecurityContext);
                assert.deepEqual(agent.resources, cr.spec.backup.resources, "the operator gives the agent backup.resources (statefulset.go)");
            }
        }
        assert.equal(customResource(preflight("dev"), "PerconaServerMongoDB").spec.backup.enabled, true, "dev has the backup agent");
    });

    it("adds Istio's sidecar to the pods of namespaces labelled for injection, with global.proxy.resources", () => {
        const stack = preflight("prod");
        const values = chartValues(pinnedChart("istiod", ISTIO.version)!, release(stack, "istiod").values);
        assert.deepEqual(values.global.proxy.resources, PROXY_RESOURCES, "the program's global.proxy.resources");
        const mongo = pod(allPods(stack), "data", "mongodb-rs0");
        assert.equal(mongo.injected, true);
        const initNames = (mongo.template.spec.initContainers as Plain[]).map((c) => c.name);
        assert.deepEqual(initNames, ["istio-validation", "istio-proxy", "mongo-init"]);
        for (const name of ["istio-validation", "istio-proxy"]) {
            const sidecar = container(mongo, name);
            assert.deepEqual(sidecar.resources, values.global.proxy.resources, name);
            assert.equal(sidecar.image, `${values.global.hub}/proxyv2:${ISTIO.version}`);
            assert.equal(sidecar.securityContext.runAsUser, 1337);
            assert.deepEqual(sidecar.securityContext.capabilities, { drop: ["ALL"] }, "no NET_ADMIN with istio-cni");
        }
        assert.equal(container(mongo, "istio-proxy").restartPolicy, "Always", "a native sidecar");
        assert.ok((mongo.template.spec.volumes as Plain[]).some((v) => v.name === "istio-envoy"));
    });

    it("takes the sidecar's resources from istiod's values, or from the pod's annotations", () => {
        const resources = { requests: { cpu: "50m", memory: "96Mi" }, limits: { cpu: "1", memory: "256Mi" } };
        const resourcesSet = stacks.dev.resources.map((r): RecordedResource => {
            if (r.type !== "kubernetes:helm.sh/v3:Release" || r.inputs.name !== "istiod") return r;
            const inputs = structuredClone(r.inputs) as Plain;
            inputs.values.global.proxy = { ...inputs.values.global.proxy, resources };
            return { ...r, inputs };
        });
        const mongo = pod(allPods(preflight("dev", resourcesSet)), "data", "mongodb-rs0");
        assert.deepEqual(container(mongo, "istio-proxy").resources, resources);
        const annotated = pod(allPods(withDeployment("dev", "platform", { "sidecar.istio.io/proxyCPU": "10m", "sidecar.istio.io/proxyMemoryLimit": "300Mi" })), "platform", "probe");
        assert.deepEqual(container(annotated, "istio-proxy").resources, { requests: { cpu: "10m" }, limits: { memory: "300Mi" } });
    });

    it("leaves out the sidecar when the pod opts out or its namespace is not in the mesh", () => {
        const optedOut = pod(allPods(withDeployment("dev", "platform", { "sidecar.istio.io/inject": "false" })), "platform", "probe");
        assert.equal(optedOut.injected, undefined);
        assert.deepEqual(containersOf(optedOut.template.spec).map((c) => c.name), ["app"]);
        const meshed = pod(allPods(withDeployment("dev", "platform", {})), "platform", "probe");
        assert.equal(meshed.injected, true);
        assert.equal(meshed.replicas, 2);
        assert.equal(pod(allPods(withDeployment("dev", "istio-cni", {})), "istio-cni", "probe").injected, undefined, "istio-cni is not labelled for injection");
        const snapscheduler = pod(allPods(preflight("onprem")), "snapscheduler", "snapscheduler");
        assert.equal(snapscheduler.injected, undefined);
    });

    it("lays the pod's own istio-proxy settings over the template's, merging maps as the injector does", () => {
        const custom = { name: "istio-proxy", image: "auto", resources: { requests: { cpu: "20m", memory: "40Mi" } } };
        const probe = pod(allPods(withDeployment("dev", "platform", {}, [custom])), "platform", "probe");
        const proxy = container(probe, "istio-proxy");
        // A strategic merge (webhook.go reapplyOverwrittenContainers): the template's limits stay.
        assert.deepEqual(proxy.resources, { requests: { cpu: "20m", memory: "40Mi" }, limits: { ...PROXY_RESOURCES.limits } });
        assert.match(String(proxy.image), /\/proxyv2:/, "an `auto` image is the injector's");
    });

    it("models the ingress gateway: the chart's proxy resources and contexts, the injector's image, the HPA's maximum", () => {
        const stack = preflight("dev");
        const gatewayValues = release(stack, "istio-ingress").values;
        const gateway = pod(allPods(stack), "istio-ingress", "istio-ingress");
        assert.equal(gateway.injected, true);
        assert.equal(gateway.replicas, gatewayValues.autoscaling.maxReplicas);
        assert.deepEqual(containersOf(gateway.template.spec).map((c) => c.name), ["istio-proxy"], "the gateway template adds no init container");
        const proxy = container(gateway, "istio-proxy");
        assert.deepEqual(proxy.resources, GATEWAY_RESOURCES, "the program's resources value (the gateway chart's defaults, set explicitly)");
        assert.deepEqual(proxy.securityContext, { runAsUser: 1337, runAsGroup: 1337, ...gatewayValues.containerSecurityContext });
        assert.match(String(proxy.image), new RegExp(`/proxyv2:${ISTIO.version.replace(/\./g, "\\.")}$`));
        assert.deepEqual(gateway.template.spec.nodeSelector, gatewayValues.nodeSelector);
        assert.deepEqual(gateway.template.spec.securityContext.sysctls, [{ name: "net.ipv4.ip_unprivileged_port_start", value: "0" }], "the gateway template's sysctl, istiod setting no gateways.securityContext");
    });

    it("models the operators' pods: the Percona operator, and snapscheduler with its kube-rbac-proxy", () => {
        const stack = preflight("onprem");
        const pods = allPods(stack);
        const operator = pod(pods, "data", "psmdb-operator");
        const operatorValues = release(stack, "psmdb-operator").values;
        const manager = container(operator, "psmdb-operator");
        assert.equal(manager.image, `${operatorValues.image.repository}:${operatorValues.image.tag}`);
        assert.match(String(manager.image), new RegExp(`percona-server-mongodb-operator:${PERCONA_MONGODB.chartVersion.replace(/\./g, "\\.")}$`));
        assert.deepEqual(manager.securityContext, operatorValues.securityContext);
        assert.deepEqual(manager.resources, operatorValues.resources, "the program's resources value (the chart sets none)");
        assert.ok((operator.template.spec.volumes as Plain[]).some((v) => v.name === "tmpdir"), "a read-only root gets the chart's /tmp volume");
        assert.equal(operator.injected, true, "the data namespace is in the mesh");

        const snapscheduler = pod(pods, "snapscheduler", "snapscheduler");
        const proxy = container(snapscheduler, "kube-rbac-proxy");
        assert.match(String(proxy.image), new RegExp(`${SNAPSCHEDULER.rbacProxyImage.split("/").slice(1).join("/").replace(/\./g, "\\.")}$`));
        assert.deepEqual(proxy.resources, release(stack, "snapscheduler").values.rbacProxy.resources);
        assert.match(String(container(snapscheduler, "manager").image), /backube\/snapscheduler:3\.5\.0$/);
        assert.deepEqual(snapscheduler.template.spec.nodeSelector, { "kubernetes.io/arch": "amd64", "kubernetes.io/os": "linux" }, "the chart's default placement");
    });

    it("is the same list for the same stack, computed once, in a fixed order", () => {
        const stack = preflight("prod");
        assert.equal(allPods(stack), allPods(stack));
        assert.deepEqual(allPods(preflight("prod")), allPods(stack));
        assert.deepEqual(allPods(stack).map((p) => `${p.kind} ${p.namespace}/${p.name}`), [
            "Job image-warmup/image-warmup-job",
            "Deployment cosign-system/policy-controller-webhook",
            "DaemonSet istio-cni/istio-cni-node",
            "Deployment istio-system/istiod",
            "Deployment istio-ingress/istio-ingress",
            "Deployment istio-egress/istio-egress",
            "Deployment data/psmdb-operator",
            "StatefulSet data/mongodb-rs0",
        ]);
        assert.deepEqual(podModelGaps(stack), []);
    });

    it("lists a release whose chart is not pinned instead of guessing its pods", () => {
        const resources = stacks.onprem.resources.map((r): RecordedResource => (r.type === "kubernetes:helm.sh/v3:Release" && r.inputs.name === "snapscheduler" ? { ...r, inputs: { ...r.inputs, version: "9.9.9" } } : r));
        const stack = preflight("onprem", resources);
        assert.equal(allPods(stack).some((p) => p.namespace === "snapscheduler"), false);
        assert.deepEqual(podModelGaps(stack).map((g) => g.reason), ["chart snapscheduler 9.9.9 is not pinned in infra/upstream/charts/"]);
    });
});
