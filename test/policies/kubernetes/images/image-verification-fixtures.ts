/** Namespaces, ClusterImagePolicies and digest-policy bindings for the image-verification rules' corpora. */
import { resource, type CaseResource } from "../../../harness/policy-cases";

export const OPT_IN = { "policy.sigstore.dev/include": "true" } as const;
export const OWN_IMAGES = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/platform/**";

export function labelledNamespace(name: string, labels: Record<string, unknown> = OPT_IN): CaseResource {
    return resource("kubernetes:core/v1:Namespace", name, { apiVersion: "v1", kind: "Namespace", metadata: { name, labels } });
}

export function clusterImagePolicy(name: string, globs: unknown[], authority: Record<string, unknown> = { name: "keyless", keyless: { identities: [{ issuer: "https://token.actions.githubusercontent.com", subjectRegExp: "^https://github.com/example-org/" }] } }): CaseResource {
    return resource("kubernetes:policy.sigstore.dev/v1beta1:ClusterImagePolicy", name, {
        apiVersion: "policy.sigstore.dev/v1beta1", kind: "ClusterImagePolicy", metadata: { name },
        spec: { mode: "enforce", images: globs.map((glob) => ({ glob })), authorities: [authority] },
    });
}

export function digestBinding(namespaceSelector: unknown, validationActions: unknown = ["Deny"]): CaseResource {
    return resource("kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicyBinding", "require-digest-pinned-images", {
        apiVersion: "admissionregistration.k8s.io/v1", kind: "ValidatingAdmissionPolicyBinding", metadata: { name: "require-digest-pinned-images" },
        spec: { policyName: "require-digest-pinned-images", validationActions, matchResources: { namespaceSelector } },
    });
}

export const byName = (...names: string[]) => ({ matchExpressions: [{ key: "kubernetes.io/metadata.name", operator: "In", values: names }] });
