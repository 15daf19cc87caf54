"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.publishedDescription = publishedDescription;
exports.defineResourceRule = defineResourceRule;
exports.defineStackRule = defineStackRule;
const controls_1 = require("./controls");
/** The description the pack publishes: the requirement followed by the controls it enforces. */
function publishedDescription(metadata) {
    return `${metadata.description.replace(/\.$/, "")} (${metadata.controls.map(controls_1.controlLabel).join(", ")}).`;
}
/** The rule's settings: defaults from its metadata, overridden by the pack config the engine sent. */
function resolveConfig(metadata, given) {
    const defaults = Object.fromEntries(Object.entries(metadata.config ?? {}).map(([key, schema]) => [key, schema.default]));
    return { ...defaults, ...given };
}
function basePolicy(metadata) {
    const primary = controls_1.CONTROLS[metadata.controls[0]];
    const framework = controls_1.FRAMEWORKS[primary.framework];
    return {
        name: metadata.name,
        description: publishedDescription(metadata),
        enforcementLevel: metadata.enforcementLevel ?? "mandatory",
        severity: metadata.severity,
        remediationSteps: metadata.remediation,
        url: primary.url,
        tags: metadata.controls.map((key) => controls_1.CONTROLS[key].id),
        framework: { name: framework.name, version: framework.version, reference: framework.reference, specification: primary.id },
        ...(metadata.config
            ? { configSchema: { properties: Object.fromEntries(Object.entries(metadata.config).map(([k, v]) => [k, { ...v }])) } }
            : {}),
    };
}
function withRemediation(metadata, message) {
    return `${message}\nRemediation: ${metadata.remediation}`;
}
function defineResourceRule(definition) {
    const types = new Set(definition.resourceTypes);
    const validateResource = (args, reportViolation) => {
        if (!types.has(args.type)) {
            return;
        }
        const context = {
            type: args.type,
            urn: args.urn,
            name: args.name,
            opts: args.opts,
            config: resolveConfig(definition, args.getConfig()),
        };
        definition.validate(args.props, context, (message) => reportViolation(withRemediation(definition, message)));
    };
    if (types.size === 1) {
        // Lets the policy SDK skip resources of other types without calling the rule.
        validateResource.__pulumiType = definition.resourceTypes[0];
    }
    const { validate: _validate, resourceTypes, ...metadata } = definition;
    return {
        kind: "resource",
        metadata,
        resourceTypes,
        policy: { ...basePolicy(definition), validateResource },
    };
}
function defineStackRule(definition) {
    const validateStack = (args, reportViolation) => {
        const context = { config: resolveConfig(definition, args.getConfig()) };
        definition.validate(args.resources, context, (resource, message) => reportViolation(withRemediation(definition, message), resource?.urn));
    };
    const { validate: _validate, ...metadata } = definition;
    return {
        kind: "stack",
        metadata,
        policy: { ...basePolicy(definition), validateStack },
    };
}
