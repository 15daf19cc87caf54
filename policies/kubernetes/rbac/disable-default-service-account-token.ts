/**
 * API tokens of default service accounts, on the accounts and on the pods that run as them. A pod's own
 * `automountServiceAccountToken` wins over its account's (Kubernetes: "Configure Service Accounts for Pods";
 * kube-bench cfg/cis-1.10 5.1.6 judges a pod compliant when the pod sets false, or leaves it unset under an
 * account set to false). So a pod running as a namespace's default account mounts no token when it says so
 * itself, or when the stack declares that account without tokens; any other pod of a default account does.
 */
import type { PolicyResource } from "../../lib/policy-api";
import { isPatch, namespaceOf } from "../../lib/kubernetes-kinds";
import { podSpecOf, WORKLOAD_TYPE_LIST } from "../../lib/pod-spec";
import { defineStackRule } from "../../lib/rule";

const ACCOUNT_TYPES = ["kubernetes:core/v1:ServiceAccount", "kubernetes:core/v1:ServiceAccountPatch"];
const workloadTypes = new Set(WORKLOAD_TYPE_LIST);

export default defineStackRule<{ exemptNamespaces: string[] }>({
    name: "disable-default-service-account-token",
    description: "A namespace's default service account must not automount API tokens, and no pod may run as a default service account with a token mounted.",
    severity: "medium",
    controls: ["CIS K8s 5.1.5", "CIS K8s 5.1.6"],
    remediation: "Set `automountServiceAccountToken: false` on the `default` ServiceAccount of every namespace (kubernetes.core.v1.ServiceAccountPatch) and on the pod spec of every workload that runs as it (`spec.template.spec.automountServiceAccountToken`); give workloads that call the API their own service account (`serviceAccountName`).",
    config: {
        exemptNamespaces: {
            type: "array",
            items: { type: "string" },
            default: ["kube-system"],
            description: "Namespaces whose pods this rule does not judge (the cluster's own system agents); default service accounts are judged everywhere.",
        },
    },
    validate(resources, { config }, report) {
        // Namespaces whose default account the stack declares without tokens; indexed once.
        const tokenless = new Set<string>();
        const workloads: PolicyResource[] = [];
        for (const resource of resources) {
            if (ACCOUNT_TYPES.includes(resource.type)) {
                const props = resource.props;
                if (props.metadata?.name !== "default") {
                    continue;
                }
                if (props.automountServiceAccountToken === false) {
                    tokenless.add(namespaceOf(props));
                } else {
                    report(resource, `The default service account of ${props.metadata?.namespace ?? "its namespace"} automounts API tokens into every pod that does not choose another account (automountServiceAccountToken is ${props.automountServiceAccountToken ?? "not set, i.e. true"}); expected false.`);
                }
            } else if (workloadTypes.has(resource.type)) {
                workloads.push(resource);
            }
        }
        for (const workload of workloads) {
            const spec = podSpecOf(workload.type, workload.props);
            if (!spec) {
                continue;
            }
            const account = spec.serviceAccountName ?? spec.serviceAccount ?? "default";
            if (account !== "default") {
                continue;
            }
            const automount = spec.automountServiceAccountToken;
            // A patch leaves what it does not set as it is: only an explicit true is judged there.
            if (automount === false || (automount === undefined && isPatch(workload.type))) {
                continue;
            }
            const namespace = namespaceOf(workload.props);
            if (config.exemptNamespaces.includes(namespace) || (automount === undefined && tokenless.has(namespace))) {
                continue;
            }
            const what = `${workload.type.split(":").pop()} ${namespace}/${workload.props.metadata?.name ?? workload.name}`;
            report(workload, automount === true
                ? `${what} runs as the default service account and sets automountServiceAccountToken: true, so every container gets an API token; expected false, or an account of its own for a workload that calls the API.`
                : `${what} runs as the default service account of ${namespace}, which the stack does not declare without tokens, and leaves automountServiceAccountToken unset: its pods get an API token. Expected automountServiceAccountToken: false on the pod spec (or on that account).`);
        }
    },
});
