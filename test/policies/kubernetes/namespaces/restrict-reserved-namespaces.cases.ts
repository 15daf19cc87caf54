import { resource, ruleCases, unknown } from "../../../harness/policy-cases";
import { helmChart } from "../mesh/istio-fixtures";
import { service } from "../network/network-fixtures";
import { role, serviceAccount } from "../rbac/rbac-fixtures";
import { asPatch, compliantPodSpec, everyKind, workload } from "../workloads/workload-fixtures";

const RULE = "restrict-reserved-namespaces";

const configMap = (name: string, namespace: unknown) => resource("kubernetes:core/v1:ConfigMap", `${typeof namespace === "string" ? namespace : "none"}-${name}`, {
    apiVersion: "v1", kind: "ConfigMap", metadata: { name, ...(namespace === undefined ? {} : { namespace }) }, data: { "log-level": "info" },
});

export default ruleCases(RULE, {
    compliant: [
        { name: "every workload kind in a team's namespace", resources: everyKind("api", compliantPodSpec(), "tenant-acme") },
        { name: "a Service, ConfigMap, Role and service account in a team's namespace", resources: [service("api", "tenant-acme", "ClusterIP"), configMap("settings", "tenant-acme"), role("reader", "tenant-acme", []), serviceAccount("api", "tenant-acme", false)] },
        { name: "a Helm release in its own namespace", resources: [helmChart("istiod", {}, { namespace: "istio-system" })] },
        { name: "cluster-scoped objects, which have no namespace", resources: [resource("kubernetes:storage.k8s.io/v1:StorageClass", "plain", { metadata: { name: "plain" }, provisioner: "ebs.csi.aws.com" }), resource("kubernetes:core/v1:Namespace", "ns", { metadata: { name: "tenant-acme" } })] },
        {
            name: "a kube-system DaemonSetPatch the team approves",
            resources: [asPatch(workload("DaemonSet", "aws-node", compliantPodSpec(), "kube-system"))],
            config: { [RULE]: { allowedResources: ["kube-system/DaemonSetPatch/aws-node"] } },
        },
    ],
    violating: [
        { name: "a Deployment in the default namespace", resources: [workload("Deployment", "api", compliantPodSpec(), "default")], message: /Deployment api is in namespace default, outside the platform's namespaces: the default namespace has no Pod Security labels/ },
        { name: "a DaemonSet in kube-system", resources: [workload("DaemonSet", "log-agent", compliantPodSpec(), "kube-system")], message: /DaemonSet log-agent is in namespace kube-system, outside the platform's namespaces: kube-system is exempt from Pod Security and from the pack's workload rules/ },
        { name: "a CronJob patched into kube-system", resources: [asPatch(workload("CronJob", "cleanup", compliantPodSpec(), "kube-system"))], message: /CronJobPatch cleanup is in namespace kube-system/ },
        { name: "a Service that names no namespace", resources: [service("api", undefined, "ClusterIP")], message: /Service api names no namespace, so it lands in the provider's default \(default unless the provider sets one\)/ },
        { name: "a ConfigMap in kube-system", resources: [configMap("settings", "kube-system")], message: /ConfigMap settings is in namespace kube-system/ },
        { name: "a Role in the default namespace", resources: [role("reader", "default", [])], message: /Role reader is in namespace default/ },
        { name: "a Helm release into kube-system", resources: [helmChart("metrics-server", {}, { namespace: "kube-system", name: "metrics-server", repo: "https://kubernetes-sigs.github.io/metrics-server" })], message: /Release metrics-server is in namespace kube-system/ },
        { name: "a Helm v4 chart without a namespace", resources: [helmChart("redis", {}, { kind: "Chart", namespace: "" })], message: /Chart redis-chart names no namespace/ },
        {
            name: "an approved resource's neighbour",
            resources: [workload("DaemonSet", "aws-node-2", compliantPodSpec(), "kube-system")],
            config: { [RULE]: { allowedResources: ["kube-system/DaemonSet/aws-node"] } },
            message: /DaemonSet aws-node-2 is in namespace kube-system/,
        },
    ],
    unknown: [
        { name: "a workload's namespace not known yet", resources: [workload("Deployment", "api", compliantPodSpec(), unknown as string)] },
    ],
});
