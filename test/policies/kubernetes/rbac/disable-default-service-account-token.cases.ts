import { ruleCases, unknown } from "../../../harness/policy-cases";
import { k8s } from "../k8s-fixtures";

const account = (kind: "ServiceAccount" | "ServiceAccountPatch", name: string, namespace: string, automount?: boolean | string) =>
    k8s("core", kind, name, namespace, automount === undefined ? {} : { automountServiceAccountToken: automount as never }, `${namespace}-${name}-${kind}`);

export default ruleCases("disable-default-service-account-token", {
    compliant: [
        { name: "the default account patched to mount no token", resources: [account("ServiceAccountPatch", "default", "payments", false)] },
        { name: "the default account declared without tokens", resources: [account("ServiceAccount", "default", "payments", false)] },
        { name: "a workload's own account mounting its token", resources: [account("ServiceAccount", "operator", "payments", true)] },
    ],
    violating: [
        { name: "the default account declared with defaults", resources: [account("ServiceAccount", "default", "payments")], message: /The default service account of payments automounts API tokens/ },
        { name: "the default account patched to mount tokens", resources: [account("ServiceAccountPatch", "default", "billing", true)], message: /The default service account of billing automounts API tokens/ },
    ],
    unknown: [
        { name: "the setting not known yet", resources: [account("ServiceAccountPatch", "default", "payments", unknown)] },
    ],
});
