import { ruleCases, unknown } from "../../../harness/policy-cases";
import { byName, clusterImagePolicy, digestBinding, labelledNamespace, OPT_IN, OWN_IMAGES } from "./image-verification-fixtures";

const RULE = "require-image-verification";
const signed = clusterImagePolicy("platform-images-signed", [OWN_IMAGES]);
const tenant = (name: string, labels: Record<string, unknown> = OPT_IN) => labelledNamespace(`tenant-${name}`, { ...labels, "secure-platform.io/tenant": name });

export default ruleCases(RULE, {
    compliant: [
        {
            name: "platform, data and a tenant opted in, with a policy and a binding by name",
            resources: [labelledNamespace("platform"), labelledNamespace("data"), tenant("acme"), signed, digestBinding(byName("data", "platform", "tenant-acme"))],
        },
        { name: "a binding that selects every namespace", resources: [labelledNamespace("platform"), signed, digestBinding({})] },
        { name: "a dev binding that warns and audits", resources: [labelledNamespace("platform"), signed, digestBinding(byName("platform"), ["Warn", "Audit"])] },
        { name: "namespaces outside the platform's and tenants' are not judged", resources: [labelledNamespace("istio-system", {}), labelledNamespace("cosign-system", {})] },
        { name: "a team's own platform namespace list", resources: [labelledNamespace("platform", {}), labelledNamespace("apps"), signed, digestBinding(byName("apps"))], config: { [RULE]: { platformNamespaces: ["apps"] } } },
    ],
    violating: [
        {
            name: "a tenant namespace without the opt-in label",
            resources: [labelledNamespace("platform"), tenant("acme", {}), signed, digestBinding(byName("platform", "tenant-acme"))],
            message: /Namespace tenant-acme is not covered by image verification: it lacks the label policy\.sigstore\.dev\/include: "true"/,
        },
        {
            name: "the label set to something other than true",
            resources: [labelledNamespace("platform", { "policy.sigstore.dev/include": "false" }), signed, digestBinding(byName("platform"))],
            message: /Namespace platform is not covered by image verification: it lacks the label/,
        },
        {
            name: "opted in but no ClusterImagePolicy in the stack",
            resources: [labelledNamespace("platform"), digestBinding(byName("platform"))],
            message: /Namespace platform is not covered by image verification: it lacks a ClusterImagePolicy in the stack/,
        },
        {
            name: "the data namespace missing from the binding",
            resources: [labelledNamespace("platform"), labelledNamespace("data"), signed, digestBinding(byName("platform"))],
            message: /Namespace data is not covered by image verification: it lacks a ValidatingAdmissionPolicyBinding that selects it by name/,
        },
        {
            name: "a binding that selects by the opt-in label, which a namespace can lose",
            resources: [labelledNamespace("platform"), signed, digestBinding({ matchLabels: OPT_IN })],
            message: /Namespace platform is not covered by image verification: it lacks a ValidatingAdmissionPolicyBinding/,
        },
        {
            name: "a binding with no validation actions",
            resources: [labelledNamespace("platform"), signed, digestBinding(byName("platform"), [])],
            message: /Namespace platform is not covered by image verification: it lacks a ValidatingAdmissionPolicyBinding/,
        },
    ],
    unknown: [
        { name: "a binding whose selector is not known yet", resources: [labelledNamespace("platform"), signed, digestBinding(unknown)] },
    ],
});
