/**
 * What a team deploys into `default` or `kube-system`. `default` is where objects land that name no
 * namespace, and the platform gives it none of its controls (no Pod Security labels, deny-all policies,
 * quota or mesh); `kube-system` holds the cluster's own agents and is exempt from the pack's workload rules
 * and from Pod Security, so a workload there escapes both. EKS add-ons run there without being Pulumi
 * resources (aws:eks/addon:Addon creates them), so nothing here judges them.
 */
import { kindOf, withPatches } from "../../lib/kubernetes-kinds";
import { WORKLOAD_TYPE_LIST } from "../../lib/pod-spec";
import { defineResourceRule } from "../../lib/rule";

const HELM_TYPES = ["kubernetes:helm.sh/v3:Release", "kubernetes:helm.sh/v4:Chart"];

/** Namespaced objects a team deploys (cluster-scoped kinds have no namespace to judge). */
const NAMESPACED_TYPES = withPatches([
    "kubernetes:core/v1:Service",
    "kubernetes:core/v1:ConfigMap",
    "kubernetes:core/v1:Secret",
    "kubernetes:core/v1:ServiceAccount",
    "kubernetes:core/v1:PersistentVolumeClaim",
    "kubernetes:networking.k8s.io/v1:Ingress",
    "kubernetes:rbac.authorization.k8s.io/v1:Role",
    "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding",
]);

export default defineResourceRule<{ reservedNamespaces: string[]; allowedResources: string[] }>({
    name: "restrict-reserved-namespaces",
    description: "Workloads, Services, configuration, RBAC objects and Helm releases must not be placed in the default or kube-system namespaces, which carry none of the platform's namespace controls.",
    severity: "medium",
    controls: ["CIS K8s 5.7.4", "CIS K8s 5.7.1"],
    remediation: "Set `metadata.namespace` (a Helm release's `namespace`) to a namespace of the platform (a tenant's `tenant-<name>`, or `platform`); a cluster component that must live in kube-system is listed as `<namespace>/<Kind>/<name>` in the rule's allowedResources.",
    config: {
        reservedNamespaces: {
            type: "array",
            items: { type: "string" },
            default: ["default", "kube-system"],
            description: "Namespaces nothing may be deployed into.",
        },
        allowedResources: {
            type: "array",
            items: { type: "string" },
            default: [],
            description: "Approved exceptions, as `<namespace>/<Kind>/<name>` (Kind as the type token ends, e.g. `kube-system/DaemonSetPatch/aws-node`).",
        },
    },
    resourceTypes: [...WORKLOAD_TYPE_LIST, ...NAMESPACED_TYPES, ...HELM_TYPES],
    validate(props, { type, name, config }, report) {
        const helm = HELM_TYPES.includes(type);
        const given = helm ? props.namespace : props.metadata?.namespace;
        const namespace = typeof given === "string" && given !== "" ? given : "default";
        if (!config.reservedNamespaces.includes(namespace)) {
            return;
        }
        const objectName = String((helm ? props.name : props.metadata?.name) ?? name);
        const kind = kindOf(type);
        if (config.allowedResources.includes(`${namespace}/${kind}/${objectName}`)) {
            return;
        }
        const where = given === undefined || given === "" ? `names no namespace, so it lands in the provider's default (${namespace} unless the provider sets one)` : `is in namespace ${namespace}`;
        report(`${kind} ${objectName} ${where}, outside the platform's namespaces: ${namespace === "kube-system" ? "kube-system is exempt from Pod Security and from the pack's workload rules" : "the default namespace has no Pod Security labels, deny-all NetworkPolicies, quota or mesh policies"}. Expected a namespace of the platform.`);
    },
});
