/**
 * ALLOW AuthorizationPolicies that allow more than they name. With the mesh-wide allow-nothing policy a
 * request needs an ALLOW that matches it, so an ALLOW rule admitting every source undoes the default deny
 * for the workloads it selects (and in the root namespace, for the whole mesh). Per the CRD (istio 1.29.0):
 * no `rules` matches nothing, a rule `{}` matches every request, a rule without `from` every source; and
 * `principals`, `namespaces` or `serviceAccounts` of "*" match every authenticated workload. Istio's
 * "ALLOW-with-positive-matching" pattern forbids negative fields (`notPaths`, `notNamespaces`,
 * `notValues`...) in ALLOW policies: a request the negation misses is allowed instead of refused.
 * `requestPrincipals: ["*"]` (any valid JWT) is the documented way to require a token and is allowed.
 */
import { AUTHORIZATION_POLICY_TYPES } from "../../lib/istio";
import { qualifiedName, strings, withPatches } from "../../lib/kubernetes-kinds";
import { defineResourceRule, type Props } from "../../lib/rule";
import { isAnywhere, list } from "../../lib/values";

/** Source fields that name who may call (peer identities and addresses). */
const IDENTITY_FIELDS = ["principals", "namespaces", "serviceAccounts", "requestPrincipals", "ipBlocks", "remoteIpBlocks"];
/** Identity fields where "*" means every authenticated workload of the mesh. */
const WORKLOAD_IDENTITY_FIELDS = ["principals", "namespaces", "serviceAccounts"];
/** `when` keys that restrict the caller's identity. */
const IDENTITY_CONDITION = /^(source\.(principal|namespace|ip|serviceAccount)|remote\.ip|request\.auth\.(principal|claims\[.*\]|audiences|presenter))$/;

/** Whether a workload identity pattern matches every workload: "*", or a whole trust domain (`cluster.local/*`). */
function matchesEveryWorkload(value: string): boolean {
    return value === "*" || /^[^/]*\/\*$/.test(value);
}

/** Negative fields used anywhere in a rule. */
function negativeFields(rule: Props): string[] {
    const found = new Set<string>();
    for (const from of list(rule.from)) {
        Object.keys(from.source ?? {}).filter((k) => k.startsWith("not")).forEach((k) => found.add(`from.source.${k}`));
    }
    for (const to of list(rule.to)) {
        Object.keys(to.operation ?? {}).filter((k) => k.startsWith("not")).forEach((k) => found.add(`to.operation.${k}`));
    }
    for (const condition of list(rule.when)) {
        if (condition.notValues !== undefined) {
            found.add("when.notValues");
        }
    }
    return [...found];
}

/** Why a rule admits every caller, or undefined when it names them. */
function everyCaller(rule: Props): string | undefined {
    const froms = list(rule.from);
    const identityCondition = list(rule.when).some((c) => IDENTITY_CONDITION.test(String(c.key)) && list(c.values).length > 0);
    if (froms.length === 0) {
        return identityCondition ? undefined : "has no `from`, so it admits every source";
    }
    for (const from of froms) {
        const source: Props = from.source ?? {};
        const positive = IDENTITY_FIELDS.filter((field) => list(source[field]).length > 0);
        if (positive.length === 0 && !identityCondition) {
            return "has a source that names no identity, so it admits every source";
        }
        for (const field of WORKLOAD_IDENTITY_FIELDS) {
            const wild = strings(source[field]).find(matchesEveryWorkload);
            if (wild !== undefined) {
                return `admits ${field} ${JSON.stringify(wild)}, every workload of the mesh`;
            }
        }
        for (const field of ["ipBlocks", "remoteIpBlocks"]) {
            const wild = strings(source[field]).find(isAnywhere);
            if (wild !== undefined) {
                return `admits ${field} ${wild}, every address`;
            }
        }
    }
    return undefined;
}

export default defineResourceRule<{ publicNamespaces: string[] }>({
    name: "restrict-authorization-policy-allows",
    description: "ALLOW AuthorizationPolicies must name who they allow: no empty rule, no rule without `from` (outside the ingress gateway's namespace), no \"*\" principals, namespaces or service accounts, no 0.0.0.0/0 blocks, and no negative matching.",
    severity: "high",
    controls: ["Istio BP use-allow-with-positive-matching-and-deny-with-negative-match-patterns", "Istio BP apply-default-deny-authorization-policies", "NIST SP 800-53 AC-4"],
    remediation: "Give each rule of the ALLOW policy a `from.source` naming the callers (`namespaces: [istio-ingress, <own namespace>]` or their `principals`), replace negative fields (`notPaths`, `notNamespaces`...) with the positive values allowed, and never use `rules: [{}]`; in the gateway's namespace (the rule's publicNamespaces) a rule may leave `from` out but must name what it allows with `to`.",
    config: {
        publicNamespaces: {
            type: "array",
            items: { type: "string" },
            default: ["istio-ingress"],
            description: "Namespaces whose workloads take requests from outside the mesh (the ingress gateway's): an ALLOW rule there may omit `from` when it names the operations it allows (`to`).",
        },
    },
    resourceTypes: withPatches(AUTHORIZATION_POLICY_TYPES),
    validate(props, { config }, report) {
        const spec = props.spec ?? {};
        if ((spec.action ?? "ALLOW") !== "ALLOW") {
            return;
        }
        const policy = () => `AuthorizationPolicy ${qualifiedName(props)}`;
        list(spec.rules).forEach((rule, index) => {
            if (Object.keys(rule).length === 0) {
                report(`${policy()} rule ${index} is empty, so it allows every request to the workloads it selects. Expected from.source naming the callers.`);
                return;
            }
            const negative = negativeFields(rule);
            if (negative.length > 0) {
                report(`${policy()} rule ${index} allows with negative matching (${negative.join(", ")}): a request the negation does not foresee is allowed. Expected only positive fields in an ALLOW policy.`);
            }
            const open = everyCaller(rule);
            const publicNamespace = list(rule.from).length === 0 && list(rule.to).length > 0 && config.publicNamespaces.includes(String(props.metadata?.namespace));
            if (open && !publicNamespace) {
                report(`${policy()} rule ${index} ${open}, which undoes the mesh's default deny for the workloads it selects. Expected from.source naming the callers.`);
            }
        });
    },
});
