/**
 * The part of the @pulumi/policy API this pack uses, declared here instead of imported. The CLI starts
 * the pack through ts-node with type-checking on, and the SDK's declarations pull in all of
 * @pulumi/pulumi's, which costs more than a second at every launch. `npm test` checks that these
 * declarations stay compatible with the SDK's (test/policies/lib/policy-api.test.ts).
 */

declare function require(id: string): unknown;

export type EnforcementLevel = "advisory" | "mandatory" | "remediate" | "disabled";
export type Severity = "low" | "medium" | "high" | "critical";

/** A JSON value, as a schema default or an enum member. */
export type JsonValue = string | number | boolean | null | object;

/** JSON Schema of one policy setting (the subset the pack uses). */
export interface PolicyConfigJSONSchema {
    type?: "string" | "number" | "integer" | "boolean" | "object" | "array" | "null";
    enum?: (string | number | boolean)[];
    items?: PolicyConfigJSONSchema;
    minimum?: number;
    maximum?: number;
    minItems?: number;
    uniqueItems?: boolean;
    pattern?: string;
    description?: string;
    default?: JsonValue;
}

export interface PolicyResourceOptions {
    protect: boolean;
    ignoreChanges: string[];
    deleteBeforeReplace?: boolean;
    aliases: string[];
    additionalSecretOutputs: string[];
    parent?: string;
}

export interface PolicyProviderResource {
    type: string;
    // Property bags are untyped on the wire; rules read them defensively.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    props: Record<string, any>;
    urn: string;
    name: string;
}

export interface ResourceValidationArgs {
    type: string;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    props: Record<string, any>;
    urn: string;
    name: string;
    opts: PolicyResourceOptions;
    provider?: PolicyProviderResource;
    getConfig<T extends object>(): T;
}

export interface PolicyResource {
    type: string;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    props: Record<string, any>;
    urn: string;
    name: string;
    opts: PolicyResourceOptions;
    provider?: PolicyProviderResource;
    parent?: PolicyResource;
    dependencies: PolicyResource[];
    propertyDependencies: Record<string, PolicyResource[]>;
}

export interface StackValidationArgs {
    resources: PolicyResource[];
    getConfig<T extends object>(): T;
}

export type ReportViolation = (message: string, urn?: string) => void;

export interface PolicyComplianceFramework {
    name: string;
    version: string;
    reference: string;
    specification: string;
}

interface Policy {
    name: string;
    description: string;
    enforcementLevel?: EnforcementLevel;
    configSchema?: { properties: Record<string, PolicyConfigJSONSchema>; required?: string[] };
    severity?: Severity;
    framework?: PolicyComplianceFramework;
    tags?: string[];
    remediationSteps?: string;
    url?: string;
}

export interface ResourceValidationPolicy extends Policy {
    validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) => void;
}

export interface StackValidationPolicy extends Policy {
    validateStack: (args: StackValidationArgs, reportViolation: ReportViolation) => void;
}

export interface PolicyPackArgs {
    policies: (ResourceValidationPolicy | StackValidationPolicy)[];
    enforcementLevel?: EnforcementLevel;
}

/** Starts serving the pack over gRPC and prints the port, as the CLI expects. */
export const PolicyPack = (require("@pulumi/policy") as { PolicyPack: new (name: string, args: PolicyPackArgs) => object }).PolicyPack;
