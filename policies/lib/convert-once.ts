/**
 * The policy SDK deserializes a resource's properties (protobuf Struct to plain JavaScript, secrets
 * unwrapped, assets rebuilt) once for every policy it runs on the resource: Analyze does it again for
 * each rule judging several types, and AnalyzeStack rebuilds every resource of the stack again for each
 * stack rule (and its provider's properties each time). Here each Struct of a request is deserialized
 * once and every policy receives that one result. Rules therefore never write to the properties they
 * judge: the unit tests run every rule over its corpus with properties that throw on any write
 * (test/harness/policy-unit.ts). (Freezing them instead would break the SDK's unknown-checking proxy,
 * which hands out wrapped copies of nested objects.) Deserializing for remediation (secrets kept behind
 * a proxy) is left to the SDK as it is.
 */

interface StructLike {
    toJavaScript(): unknown;
}

type Deserialize = (struct: StructLike, proxySecrets: boolean) => unknown;

export function convertPropertiesOnce(deserializeModule: { deserializeProperties?: Deserialize }): void {
    const deserialize = deserializeModule.deserializeProperties;
    if (typeof deserialize !== "function") {
        return;
    }
    // Keyed by the request's own Struct objects, so the result lives only as long as the request.
    const deserialized = new WeakMap<object, unknown>();
    deserializeModule.deserializeProperties = (struct, proxySecrets) => {
        if (proxySecrets || typeof struct !== "object" || struct === null) {
            return deserialize(struct, proxySecrets);
        }
        let props = deserialized.get(struct);
        if (props === undefined) {
            props = deserialize(struct, false);
            deserialized.set(struct, props);
        }
        return props;
    };
}
