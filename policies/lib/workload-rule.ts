/**
 * Rules over pod templates: one definition judges every workload kind, skips namespaces a team exempts
 * (system namespaces that must run privileged agents), and reports the workload and container.
 */
import { podMetadataOf, podSpecOf, WORKLOAD_TYPE_LIST } from "./pod-spec";
import type { PolicyConfigJSONSchema, JsonValue } from "./policy-api";
import { defineResourceRule, Props, Report, Rule, RuleMetadata } from "./rule";

export interface WorkloadContext<C> {
    readonly kind: string;
    /** The workload's name; read only when reporting (it may be unknown during a preview). */
    readonly name: string;
    /** Annotations of the pod template (or of the Pod). */
    readonly podAnnotations: () => Props;
    readonly config: C & { readonly exemptNamespaces: string[] };
}

export interface WorkloadRuleDefinition<C> extends RuleMetadata {
    /** Judges one pod spec (never undefined). */
    validate(spec: Props, context: WorkloadContext<C>, report: Report): void;
}

/** Namespaces exempt by default: the cluster's own system agents (CNI, kube-proxy) must run privileged. */
export const DEFAULT_EXEMPT_NAMESPACES = ["kube-system"];

const EXEMPT_NAMESPACES_CONFIG: PolicyConfigJSONSchema & { readonly default: JsonValue } = {
    type: "array",
    items: { type: "string" },
    default: DEFAULT_EXEMPT_NAMESPACES,
    description: "Namespaces whose workloads this rule does not judge (system agents that must be privileged).",
};

export function defineWorkloadRule<C = Record<string, never>>(definition: WorkloadRuleDefinition<C>): Rule {
    const { validate, ...metadata } = definition;
    return defineResourceRule<C & { exemptNamespaces: string[] }>({
        ...metadata,
        config: { ...metadata.config, exemptNamespaces: EXEMPT_NAMESPACES_CONFIG },
        resourceTypes: WORKLOAD_TYPE_LIST,
        validate(props, context, report) {
            const namespace = props.metadata?.namespace;
            if (typeof namespace === "string" && context.config.exemptNamespaces.includes(namespace)) {
                return;
            }
            const spec = podSpecOf(context.type, props);
            if (!spec) {
                return;
            }
            const kind = context.type.split(":").pop()!;
            const type = context.type;
            validate(spec, {
                kind,
                get name() {
                    return String(props.metadata?.name ?? context.name);
                },
                podAnnotations: () => podMetadataOf(type, props)?.annotations ?? {},
                config: context.config,
            }, report);
        },
    });
}
