import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { admissionFindings, admitContainers, podTotal, storedContainerLimits } from "../../../engine/preflight/admission";
import { allPods, PodModel } from "../../../engine/preflight/pods";
import { PreflightStack } from "../../../engine/preflight/stack";
import { editInputs, handBuilt, namespaceWithPolicies, platformLimits, pod, resource, stackConfig } from "./hand-built-stacks";
import { renderStacks, RenderedStack } from "./rendered-stacks";

const QUOTA = { "requests.cpu": "8", "limits.cpu": "8", "requests.memory": "16Gi", "limits.memory": "16Gi", pods: "20", "services.nodeports": "0", "services.loadbalancers": "0" };

function platformNamespace(name = "apps", options: { level?: string; hard?: object } = {}) {
    return namespaceWithPolicies(name, { level: options.level ?? "restricted", limits: platformLimits(), hard: { ...QUOTA, ...options.hard } });
}

function messages(stack: PreflightStack, pods: readonly PodModel[]): string[] {
    return admissionFindings(stack, pods).map((f) => f.message);
}

describe("LimitRange defaulting and validation", () => {
    it("makes a pod that requests more memory than the default limit invalid, naming the container, the values and the LimitRange", () => {
        const istiod = pod("apps", "istiod", [{ name: "discovery", image: "x/pilot:1", resources: { requests: { cpu: "500m", memory: "2048Mi" } } }]);
        const [finding] = admissionFindings(handBuilt(platformNamespace()), [istiod]);
        assert.equal(finding.check, "admission");
        assert.equal(finding.urn, istiod.origin.urn);
        assert.equal(finding.path, "spec.template.spec.containers[0].resources");
        assert.match(finding.message, /spec\.containers\[0\]\.resources\.requests: Invalid value: "2Gi": must be less than or equal to memory limit of 512Mi/);
        assert.match(finding.message, /container "discovery" sets no memory limit, so it got the LimitRange apps\/limits default/);
        assert.match(finding.message, /ReplicaSet creates no pod/);
        assert.match(finding.fix, /resources\.limits\.memory of container "discovery" to at least 2Gi/);
    });

    it("admits the same pod once it sets a limit at least as large as its request", () => {
        const istiod = pod("apps", "istiod", [{ name: "discovery", image: "x/pilot:1", resources: { requests: { cpu: "500m", memory: "2Gi" }, limits: { cpu: "1", memory: "2Gi" } } }]);
        assert.deepEqual(messages(handBuilt(platformNamespace()), [istiod]), []);
    });

    it("takes a container's limit as its request before LimitRanger's defaultRequest", () => {
        const [c] = admitContainers(pod("apps", "a", [{ name: "app", resources: { limits: { memory: "64Mi" } } }]), platformNamespace().filter((r) => r.type.endsWith("LimitRange")).map((r) => handBuilt([r]).kubernetesObjects[0]));
        assert.equal(c.requests.get("memory"), 64 * 2 ** 20 * 1000);
        assert.equal(c.limits.get("cpu"), 500);
        assert.equal(c.requests.get("cpu"), 100);
    });

    it("refuses a container whose limit is over the LimitRange max, with LimitRanger's words", () => {
        const big = pod("apps", "big", [{ name: "app", resources: { requests: { memory: "1Gi" }, limits: { memory: "32Gi" } } }]);
        const [finding] = admissionFindings(handBuilt(platformNamespace()), [big]);
        assert.equal(finding.refusedBy, "Kubernetes API server (LimitRanger admission)");
        assert.match(finding.message, /pods "big-…" is forbidden: \[maximum memory usage per Container is 16Gi, but limit is 32Gi\.\]/);
    });

    it("gives containers a webhook injects no defaults, so LimitRange max and a quota on limits refuse them", () => {
        const injected = pod("apps", "web", [{ name: "app" }, { name: "istio-proxy", image: "x/proxyv2:1", resources: { requests: { cpu: "100m", memory: "128Mi" } } }], { injected: true });
        const [withMax] = admissionFindings(handBuilt(platformNamespace()), [injected]);
        assert.match(withMax.message, /\[maximum cpu usage per Container is 8\.  No limit is specified\., maximum memory usage per Container is 16Gi\.  No limit is specified\.\]/);
        // No max: LimitRanger's validation passes, and the quota's admission asks for limits.
        const defaultsOnly = namespaceWithPolicies("apps", { limits: [{ type: "Container", default: { cpu: "500m", memory: "512Mi" } }], hard: QUOTA });
        const [quota] = admissionFindings(handBuilt(defaultsOnly), [injected]);
        assert.match(quota.message, /failed quota: quota: must specify limits\.cpu for: istio-proxy; limits\.memory for: istio-proxy/);
        assert.deepEqual(admissionFindings(handBuilt(defaultsOnly), [{ ...injected, injected: false }]), []);
    });

    it("does not judge a namespace the stack declares nothing for", () => {
        const istiod = pod("kube-system", "istiod", [{ name: "discovery", resources: { requests: { memory: "2Gi" } } }]);
        assert.deepEqual(messages(handBuilt(platformNamespace()), [istiod]), []);
    });
});

describe("a LimitRange as the API server stores it", () => {
    it("defaults the limit to max and the request to the default limit", () => {
        const { defaults, defaultRequests } = storedContainerLimits({ type: "Container", max: { cpu: "2" }, default: { memory: "1Gi" }, min: { memory: "64Mi" } });
        assert.equal(defaults.get("cpu"), 2000);
        assert.equal(defaultRequests.get("cpu"), 2000);
        assert.equal(defaultRequests.get("memory"), 2 ** 30 * 1000);
    });
});

describe("a pod's effective requests", () => {
    it("take the larger of the app containers and each init container, and add sidecars to both", () => {
        const model = pod("apps", "p", [{ name: "app", resources: { requests: { memory: "100Mi" }, limits: { memory: "100Mi" } } }], {
            spec: {
                initContainers: [
                    { name: "sidecar", restartPolicy: "Always", resources: { requests: { memory: "50Mi" }, limits: { memory: "50Mi" } } },
                    { name: "migrate", resources: { requests: { memory: "300Mi" }, limits: { memory: "300Mi" } } },
                ],
            },
        });
        const total = podTotal(admitContainers(model, []), "requests");
        // max(app 100 + sidecar 50, migrate 300 + sidecar 50)
        assert.equal(total.get("memory"), 350 * 2 ** 20 * 1000);
    });
});

describe("ResourceQuota", () => {
    it("refuses pods past hard once replicas times each pod's limits exceed it", () => {
        const gateway = pod("apps", "gateway", [{ name: "proxy", resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "2", memory: "1Gi" } } }], { replicas: 5 });
        const [finding] = admissionFindings(handBuilt(platformNamespace()), [gateway]);
        assert.equal(finding.urn, "urn:pulumi:test::secure-platform::kubernetes:core/v1:ResourceQuota::apps-quota");
        assert.equal(finding.path, "spec.hard.limits.cpu");
        assert.match(finding.message, /need limits\.cpu=10 at the most \(gateway 5 × 2\)/);
        assert.match(finding.message, /exceeded quota: quota, requested: limits\.cpu=2, used: limits\.cpu=8, limited: limits\.cpu=8/);
        assert.deepEqual(messages(handBuilt(platformNamespace()), [{ ...gateway, replicas: 4 }]), []);
    });

    it("counts a DaemonSet's pods once per node of the groups it lands on", () => {
        const group = resource("aws:eks/nodeGroup:NodeGroup", "nodes", { labels: {}, taints: [], scalingConfig: { minSize: 3, desiredSize: 3, maxSize: 30 }, subnetIds: [] });
        const agent = pod("apps", "agent", [{ name: "agent", resources: { requests: { cpu: "10m", memory: "16Mi" }, limits: { cpu: "10m", memory: "16Mi" } } }], { kind: "DaemonSet" });
        const [finding] = admissionFindings(handBuilt([...platformNamespace(), group]), [agent]);
        assert.match(finding.message, /need pods=30 at the most \(agent 30 × 1\), over ResourceQuota quota's pods=20/);
    });

    it("counts a LoadBalancer Service's node ports unless it turns their allocation off", () => {
        const service = (allocate?: boolean) => resource("kubernetes:core/v1:Service", "gw", {
            metadata: { name: "gw", namespace: "apps" },
            spec: { type: "LoadBalancer", ports: [{ port: 443 }, { port: 15021 }], ...(allocate === undefined ? {} : { allocateLoadBalancerNodePorts: allocate }) },
        });
        const hard = { "services.loadbalancers": "1" };
        const findings = admissionFindings(handBuilt([...platformNamespace("apps", { hard }), service()]), []);
        assert.deepEqual(findings.map((f) => f.path), ["spec"]);
        assert.match(findings[0].message, /exceeded quota: quota, requested: services\.nodeports=2, used: services\.nodeports=0, limited: services\.nodeports=0/);
        assert.deepEqual(admissionFindings(handBuilt([...platformNamespace("apps", { hard }), service(false)]), []), []);
    });
});

describe("Pod Security admission", () => {
    it("refuses a pod that does not meet the namespace's restricted level, listing each rule as the plugin does", () => {
        const loose = pod("apps", "loose", [{ name: "app", securityContext: {}, resources: { limits: { cpu: "1", memory: "1Gi" } } }], { spec: { securityContext: {} } });
        const [finding] = admissionFindings(handBuilt(platformNamespace()), [loose]);
        assert.equal(finding.refusedBy, "Kubernetes API server (PodSecurity admission)");
        assert.match(finding.message, /violates PodSecurity "restricted:v1\.35": allowPrivilegeEscalation != false \(container "app" must set securityContext\.allowPrivilegeEscalation=false\)/);
        assert.match(finding.message, /runAsNonRoot != true/);
        assert.match(finding.message, /seccompProfile/);
    });

    it("admits host paths in a privileged namespace and refuses them at baseline", () => {
        const agent = pod("cni", "agent", [{ name: "install", resources: { limits: { cpu: "1", memory: "1Gi" } } }], { kind: "DaemonSet", spec: { volumes: [{ name: "cni-bin", hostPath: { path: "/opt/cni/bin" } }] } });
        assert.deepEqual(messages(handBuilt(namespaceWithPolicies("cni", { level: "privileged" })), [agent]), []);
        assert.match(messages(handBuilt(namespaceWithPolicies("cni", { level: "baseline" })), [agent])[0], /hostPath volumes \(volume "cni-bin"\)/);
    });
});

describe("admission of the committed stacks", () => {
    let stacks: Record<string, RenderedStack>;
    before(async () => {
        stacks = await renderStacks(["dev", "onprem"]);
    });

    it("names a resource of the stack, a path and a fix in every finding", () => {
        for (const name of ["dev", "onprem"]) {
            const stack = new PreflightStack(stacks[name].resources, stackConfig(name));
            for (const finding of admissionFindings(stack, allPods(stack))) {
                assert.ok(stack.get(finding.urn), `${finding.urn} is a resource of ${name}`);
                assert.ok(finding.path && finding.fix.length > 20, finding.message);
            }
        }
    });

    it("finds a MongoDB member over the data namespace's LimitRange max once its memory limit is raised past it", () => {
        const resources = editInputs(stacks.dev.resources, (r) => r.type === "kubernetes:psmdb.percona.com/v1:PerconaServerMongoDB", (inputs) => {
            inputs.spec.replsets[0].resources.limits.memory = "128Gi";
        });
        const stack = new PreflightStack(resources, stackConfig("dev"));
        const findings = admissionFindings(stack, allPods(stack)).filter((f) => f.message.includes("mongodb"));
        assert.equal(findings.length, 1, findings.map((f) => f.message).join("\n"));
        assert.match(findings[0].message, /maximum memory usage per Container is \d+(\.\d+)?[MG]i, but limit is 128Gi/);
        assert.match(findings[0].message, /StatefulSet controller creates no pod/);
    });

    it("finds the gateway's LoadBalancer Service over its namespace's node port quota on-prem while it allocates node ports", () => {
        const withAllocation = (allocate: boolean) => {
            const resources = editInputs(stacks.onprem.resources, (r) => r.type === "kubernetes:helm.sh/v3:Release" && r.name === "istio-ingress", (inputs) => {
                inputs.values.service.allocateLoadBalancerNodePorts = allocate;
            });
            const stack = new PreflightStack(resources, stackConfig("onprem"));
            return admissionFindings(stack, allPods(stack)).filter((f) => f.message.includes("services.nodeports"));
        };
        const [finding] = withAllocation(true);
        assert.match(finding.message, /Service istio-ingress\/istio-ingress \(chart gateway [\d.]+\): services "istio-ingress" is forbidden: exceeded quota: quota, requested: services\.nodeports=2, used: services\.nodeports=0, limited: services\.nodeports=0/);
        assert.equal(finding.path, "values.service");
        assert.deepEqual(withAllocation(false), []);
    });
});
