/**
 * The policy SDK turns a resource's properties from their protobuf form into JavaScript once for every
 * policy it runs on the resource: Analyze converts them again for each rule judging several types, and
 * AnalyzeStack converts every resource of the stack again for each stack rule (and its provider's
 * properties each time). Here each protobuf Struct is converted once per request and the result reused;
 * every policy still receives its own fresh copy (the SDK's deserialization builds new objects from
 * it), so no rule can see what another did to its properties.
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
    // Keyed by the request's own Struct objects, so the plain form lives only as long as the request.
    const converted = new WeakMap<object, unknown>();
    deserializeModule.deserializeProperties = (struct, proxySecrets) => {
        if (typeof struct !== "object" || struct === null) {
            return deserialize(struct, proxySecrets);
        }
        if (!converted.has(struct)) {
            converted.set(struct, struct.toJavaScript());
        }
        const plain = converted.get(struct);
        return deserialize({ toJavaScript: () => plain }, proxySecrets);
    };
}
