import { ruleCases, unknown } from "../../../harness/policy-cases";
import { serviceAccount } from "./rbac-fixtures";

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
    ],
    unknown: [
        { name: "the patched setting not known yet", resources: [serviceAccount("default", "payments", unknown, { patch: true })] },
        { name: "the account's name not known yet", resources: [serviceAccount(unknown, "payments", true)] },
    ],
});
