/**
 * Requests and limits of every container, as the API server will admit it: a container's own values, the
 * pod's (pod-level resources), or the defaults a LimitRange of its namespace gives. For a `Container` item
 * Kubernetes defaults the limit to `default`, else `max`, and the request to `defaultRequest`, else the
 * default limit, else `min` (pkg/apis/core/v1/defaults.go, SetDefaults_LimitRangeItem); a container that
 * sets a limit but no request is given a request equal to the limit. So a container without resources in a
 * namespace whose LimitRange the stack declares is covered, and one elsewhere runs unbounded.
 */
import type { PolicyResource } from "../../lib/policy-api";
import { isPatch, kindOf, namespaceOf } from "../../lib/kubernetes-kinds";
import { podSpecOf, WORKLOAD_TYPE_LIST } from "../../lib/pod-spec";
import { defineStackRule, type Props } from "../../lib/rule";
import { list } from "../../lib/values";

const LIMIT_RANGE_TYPES = ["kubernetes:core/v1:LimitRange", "kubernetes:core/v1:LimitRangePatch"];
const workloadTypes = new Set(WORKLOAD_TYPE_LIST);

/** A request or limit a container lacks. */
interface Gap {
    readonly container: string;
    readonly resource: string;
    readonly kind: "limit" | "request";
}

interface Defaults {
    readonly limits: Set<string>;
    readonly requests: Set<string>;
}

const keys = (value: unknown): string[] => (typeof value === "object" && value !== null ? Object.keys(value) : []);

/** What a namespace's LimitRanges default, read once per LimitRange. */
function readDefaults(limitRange: PolicyResource, into: Defaults): void {
    for (const item of list(limitRange.props.spec?.limits)) {
        if (item.type !== "Container") {
            continue;
        }
        for (const key of [...keys(item.default), ...keys(item.max)]) {
            into.limits.add(key);
            into.requests.add(key);
        }
        for (const key of [...keys(item.defaultRequest), ...keys(item.min)]) {
            into.requests.add(key);
        }
    }
}

export default defineStackRule<{ resources: string[]; exemptNamespaces: string[] }>({
    name: "require-resource-limits",
    description: "Every container must have requests and limits for CPU and memory, set on the container or the pod or defaulted by a LimitRange of its namespace, so no pod can starve its node.",
    severity: "medium",
    controls: ["EKS BP requests-and-limits", "NIST SP 800-53 SC-6"],
    remediation: "Set `resources.requests` and `resources.limits` (cpu and memory) on each container of the pod template, or declare a LimitRange in the namespace with a `Container` item whose `default` and `defaultRequest` cover them (the platform's SecureNamespace does).",
    config: {
        resources: {
            type: "array",
            items: { type: "string" },
            default: ["cpu", "memory"],
            description: "Resources every container needs a request and a limit for.",
        },
        exemptNamespaces: {
            type: "array",
            items: { type: "string" },
            default: ["kube-system"],
            description: "Namespaces whose workloads this rule does not judge (the cluster's own system agents).",
        },
    },
    validate(resources, { config }, report) {
        const defaultsIn = new Map<string, Defaults>();
        const workloads: PolicyResource[] = [];
        for (const resource of resources) {
            if (LIMIT_RANGE_TYPES.includes(resource.type)) {
                const namespace = namespaceOf(resource.props);
                const defaults = defaultsIn.get(namespace) ?? { limits: new Set<string>(), requests: new Set<string>() };
                readDefaults(resource, defaults);
                defaultsIn.set(namespace, defaults);
            } else if (workloadTypes.has(resource.type)) {
                workloads.push(resource);
            }
        }
        for (const workload of workloads) {
            const spec = podSpecOf(workload.type, workload.props);
            if (!spec) {
                continue;
            }
            const patch = isPatch(workload.type);
            const pod: Props = spec.resources ?? {};
            const gaps: Gap[] = [];
            // Ephemeral containers take no resources; init containers run before the others and count too.
            for (const container of [...list(spec.initContainers), ...list(spec.containers)]) {
                // A patch changes only what it sets: a container it does not give resources keeps its own.
                if (patch && container.resources === undefined) {
                    continue;
                }
                const own: Props = container.resources ?? {};
                for (const resource of config.resources) {
                    if (own.limits?.[resource] === undefined && pod.limits?.[resource] === undefined) {
                        gaps.push({ container: String(container.name ?? "(unnamed)"), resource, kind: "limit" });
                    }
                    if (own.requests?.[resource] === undefined && own.limits?.[resource] === undefined && pod.requests?.[resource] === undefined) {
                        gaps.push({ container: String(container.name ?? "(unnamed)"), resource, kind: "request" });
                    }
                }
            }
            if (gaps.length === 0) {
                continue;
            }
            // Only now the namespace: a workload that sets everything never reads it.
            const namespace = namespaceOf(workload.props);
            if (config.exemptNamespaces.includes(namespace)) {
                continue;
            }
            const defaults = defaultsIn.get(namespace);
            const uncovered = gaps.filter((gap) => !(gap.kind === "limit" ? defaults?.limits : defaults?.requests)?.has(gap.resource));
            if (uncovered.length === 0) {
                continue;
            }
            const byContainer = new Map<string, string[]>();
            for (const gap of uncovered) {
                byContainer.set(gap.container, [...(byContainer.get(gap.container) ?? []), `${gap.resource} ${gap.kind}`]);
            }
            const found = [...byContainer].map(([container, lacks]) => `container ${container} has no ${lacks.join(", ")}`).join("; ");
            report(workload, `${kindOf(workload.type)} ${namespace}/${workload.props.metadata?.name ?? workload.name}: ${found}, and ${defaults ? `the LimitRanges of namespace ${namespace} do not default them` : `the stack declares no LimitRange in namespace ${namespace}`}. Expected resources.requests and resources.limits on the container, or a LimitRange default.`);
        }
    },
});
