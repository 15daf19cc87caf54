import { ruleCases, unknown } from "../../../harness/policy-cases";
import { asPatch, compliantPodSpec, everyKind, workload } from "../workloads/workload-fixtures";
import { serviceAccount } from "./rbac-fixtures";

/** A pod spec running as the namespace's default account; `automount` undefined leaves the setting out. */
const asDefault = (automount?: unknown, account: Record<string, unknown> = { serviceAccountName: undefined }) =>
    compliantPodSpec({ ...account, automountServiceAccountToken: automount });
const tokenlessDefault = (namespace: string) => serviceAccount("default", namespace, false, { patch: true });

export default ruleCases("disable-default-service-account-token", {
    compliant: [
        { name: "the default account patched to mount no token", resources: [serviceAccount("default", "payments", false, { patch: true })] },
        { name: "the default account declared without tokens", resources: [serviceAccount("default", "payments", false)] },
        {
            name: "every namespace's default account patched, next to a workload account that mounts its token",
            resources: [
                serviceAccount("default", "payments", false, { patch: true }),
                serviceAccount("default", "billing", false, { patch: true }),
                serviceAccount("payments-operator", "payments", true, { labels: { "app.kubernetes.io/name": "payments-operator" } }),
            ],
        },
        { name: "a workload's own account with the default setting", resources: [serviceAccount("payments-api", "payments")] },
        { name: "a patch of another account that leaves the setting alone", resources: [serviceAccount("ebs-csi-controller-sa", "kube-system", undefined, { patch: true, labels: { team: "storage" } })] },
        { name: "an account whose name only starts with default", resources: [serviceAccount("default-builder", "ci", true)] },
        { name: "pods of every kind with an account of their own and no token", resources: everyKind("payments-api", compliantPodSpec()) },
        { name: "pods of every kind running as the default account with automountServiceAccountToken: false", resources: everyKind("worker", asDefault(false)) },
        {
            name: "a Deployment running as the default account, which the stack patches to mount no token in its namespace",
            resources: [tokenlessDefault("apps"), workload("Deployment", "worker", asDefault())],
        },
        {
            name: "a Job naming the default account explicitly, in a namespace whose default account is declared without tokens",
            resources: [serviceAccount("default", "apps", false), workload("Job", "migrate", asDefault(undefined, { serviceAccountName: "default" }))],
        },
        { name: "a workload whose own account mounts its token (it calls the API)", resources: [workload("Deployment", "operator", compliantPodSpec({ serviceAccountName: "operator", automountServiceAccountToken: true }))] },
        { name: "a DeploymentPatch that leaves the token setting as it is", resources: [asPatch(workload("Deployment", "worker", asDefault()))] },
        { name: "a kube-system agent of the default account, exempt by default", resources: [workload("DaemonSet", "node-agent", asDefault(), "kube-system")] },
    ],
    violating: [
        { name: "the default account declared with defaults", resources: [serviceAccount("default", "payments")], message: /The default service account of payments automounts API tokens into every pod/ },
        { name: "the default account patched to mount tokens", resources: [serviceAccount("default", "billing", true, { patch: true })], message: /The default service account of billing automounts API tokens/ },
        {
            name: "the default account patched for its labels only, which keeps the cluster's default (mount)",
            resources: [serviceAccount("default", "reporting", undefined, { patch: true, labels: { team: "reporting" } })],
            message: /The default service account of reporting automounts API tokens/,
        },
        { name: "the default account of the provider's default namespace", resources: [serviceAccount("default", undefined, true)], message: /The default service account of its namespace automounts API tokens/ },
        {
            name: "one namespace of several left mounting",
            resources: [serviceAccount("default", "payments", false, { patch: true }), serviceAccount("default", "search", true, { patch: true })],
            message: /The default service account of search automounts/,
        },
        {
            name: "a Deployment of the default account in a namespace whose default account the stack leaves alone",
            resources: [workload("Deployment", "worker", asDefault())],
            message: /Deployment apps\/worker runs as the default service account of apps, which the stack does not declare without tokens, and leaves automountServiceAccountToken unset: its pods get an API token\. Expected automountServiceAccountToken: false/,
        },
        {
            name: "a Deployment of the default account whose namespace's tokenless account is another namespace's",
            resources: [tokenlessDefault("billing"), workload("Deployment", "worker", asDefault())],
            message: /Deployment apps\/worker runs as the default service account of apps/,
        },
        {
            name: "a Pod of the default account mounting a token explicitly, although its namespace's account mounts none",
            resources: [tokenlessDefault("apps"), workload("Pod", "debug", asDefault(true))],
            message: /Pod apps\/debug runs as the default service account and sets automountServiceAccountToken: true/,
        },
        {
            name: "a StatefulSet naming the default account through the deprecated serviceAccount field",
            resources: [workload("StatefulSet", "ledger", asDefault(undefined, { serviceAccountName: undefined, serviceAccount: "default" }))],
            message: /StatefulSet apps\/ledger runs as the default service account of apps/,
        },
        {
            name: "a CronJob of the default account in the provider's default namespace",
            resources: [workload("CronJob", "report", asDefault(), "default")],
            message: /CronJob default\/report runs as the default service account of default/,
        },
        {
            name: "a DeploymentPatch turning the token on for a default-account workload",
            resources: [tokenlessDefault("apps"), asPatch(workload("Deployment", "worker", asDefault(true)))],
            message: /DeploymentPatch apps\/worker runs as the default service account and sets automountServiceAccountToken: true/,
        },
        {
            name: "a kube-system agent once the team's exemptions replace the default",
            resources: [workload("DaemonSet", "node-agent", asDefault(), "kube-system")],
            config: { "disable-default-service-account-token": { exemptNamespaces: [] } },
            message: /DaemonSet kube-system\/node-agent runs as the default service account of kube-system/,
        },
    ],
    unknown: [
        { name: "the patched setting not known yet", resources: [serviceAccount("default", "payments", unknown, { patch: true })] },
        { name: "the account's name not known yet", resources: [serviceAccount(unknown, "payments", true)] },
        { name: "a default-account pod's token setting not known yet", resources: [workload("Deployment", "worker", asDefault(unknown))] },
        { name: "a pod's service account not known yet", resources: [workload("Deployment", "worker", asDefault(undefined, { serviceAccountName: unknown }))] },
    ],
});
