/**
 * How a rule is written: one typed definition carries everything the pack, the generated catalogue
 * and a reviewer need (name, description, severity, controls, remediation, config), and is turned into
 * a CrossGuard policy here. Rules never assume this project's names or tags: they judge whatever
 * resource a stack declares.
 */
import type {
    EnforcementLevel,
    JsonValue,
    PolicyConfigJSONSchema,
    PolicyResource,
    PolicyResourceOptions,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    Severity,
    StackValidationArgs,
    StackValidationPolicy,
} from "./policy-api";
import { ControlKey, controlLabel, CONTROLS, FRAMEWORKS } from "./controls";

export interface RuleMetadata {
    /** kebab-case `<verb>-<object>`, unique in the pack. */
    readonly name: string;
    /** One sentence saying what is required, without the control IDs (they are appended). */
    readonly description: string;
    readonly severity: Severity;
    /** The public controls the rule enforces; the first is the primary one. */
    readonly controls: readonly [ControlKey, ...ControlKey[]];
    /** How to fix a violation, naming the argument to change. */
    readonly remediation: string;
    /** @default "mandatory" */
    readonly enforcementLevel?: EnforcementLevel;
    /** Settings a team may legitimately tune, with their defaults. */
    readonly config?: Readonly<Record<string, PolicyConfigJSONSchema & { readonly default: JsonValue }>>;
}

export interface ResourceContext<C> {
    readonly type: string;
    readonly urn: string;
    readonly name: string;
    readonly opts: PolicyResourceOptions;
    readonly config: C;
}

export interface StackContext<C> {
    readonly config: C;
}

/** Reports one violation: what was found and what is expected. The remediation is appended. */
export type Report = (message: string) => void;
/** Reports a violation on a resource of the stack. */
export type StackReport = (resource: PolicyResource | undefined, message: string) => void;

// Property bags arrive from the engine untyped; rules read them defensively.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Props = Record<string, any>;

export interface ResourceRuleDefinition<C> extends RuleMetadata {
    /** The Pulumi type tokens the rule judges, e.g. `aws:ec2/subnet:Subnet`. */
    readonly resourceTypes: readonly [string, ...string[]];
    validate(props: Props, context: ResourceContext<C>, report: Report): void;
}

export interface StackRuleDefinition<C> extends RuleMetadata {
    validate(resources: readonly PolicyResource[], context: StackContext<C>, report: StackReport): void;
}

export interface Rule {
    readonly kind: "resource" | "stack";
    readonly metadata: RuleMetadata;
    /** For resource rules, the types judged. */
    readonly resourceTypes?: readonly string[];
    readonly policy: ResourceValidationPolicy | StackValidationPolicy;
}

/** The description the pack publishes: the requirement followed by the controls it enforces. */
export function publishedDescription(metadata: RuleMetadata): string {
    return `${metadata.description.replace(/\.$/, "")} (${metadata.controls.map(controlLabel).join(", ")}).`;
}

/** The rule's settings: defaults from its metadata, overridden by the pack config the engine sent. */
function resolveConfig<C>(metadata: RuleMetadata, given: Record<string, unknown>): C {
    const defaults = Object.fromEntries(Object.entries(metadata.config ?? {}).map(([key, schema]) => [key, schema.default]));
    return { ...defaults, ...given } as C;
}

function basePolicy(metadata: RuleMetadata) {
    const primary = CONTROLS[metadata.controls[0]];
    const framework = FRAMEWORKS[primary.framework];
    return {
        name: metadata.name,
        description: publishedDescription(metadata),
        enforcementLevel: metadata.enforcementLevel ?? "mandatory",
        severity: metadata.severity,
        remediationSteps: metadata.remediation,
        url: primary.url,
        tags: metadata.controls.map((key) => CONTROLS[key].id),
        framework: { name: framework.name, version: framework.version, reference: framework.reference, specification: primary.id },
        ...(metadata.config
            ? { configSchema: { properties: Object.fromEntries(Object.entries(metadata.config).map(([k, v]) => [k, { ...v }])) } }
            : {}),
    };
}

function withRemediation(metadata: RuleMetadata, message: string): string {
    return `${message}\nRemediation: ${metadata.remediation}`;
}

export function defineResourceRule<C = Record<string, never>>(definition: ResourceRuleDefinition<C>): Rule {
    const types = new Set<string>(definition.resourceTypes);
    const validateResource = (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
        if (!types.has(args.type)) {
            return;
        }
        const context: ResourceContext<C> = {
            type: args.type,
            urn: args.urn,
            name: args.name,
            opts: args.opts,
            config: resolveConfig<C>(definition, args.getConfig()),
        };
        definition.validate(args.props, context, (message) => reportViolation(withRemediation(definition, message)));
    };
    if (types.size === 1) {
        // Lets the policy SDK skip resources of other types without calling the rule.
        (validateResource as { __pulumiType?: string }).__pulumiType = definition.resourceTypes[0];
    }
    const { validate: _validate, resourceTypes, ...metadata } = definition;
    return {
        kind: "resource",
        metadata,
        resourceTypes,
        policy: { ...basePolicy(definition), validateResource },
    };
}

export function defineStackRule<C = Record<string, never>>(definition: StackRuleDefinition<C>): Rule {
    const validateStack = (args: StackValidationArgs, reportViolation: ReportViolation) => {
        const context: StackContext<C> = { config: resolveConfig<C>(definition, args.getConfig()) };
        definition.validate(args.resources, context, (resource, message) =>
            reportViolation(withRemediation(definition, message), resource?.urn));
    };
    const { validate: _validate, ...metadata } = definition;
    return {
        kind: "stack",
        metadata,
        policy: { ...basePolicy(definition), validateStack },
    };
}
