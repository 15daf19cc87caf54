import { defineResourceRule } from "../../lib/rule";

export default defineResourceRule({
    name: "require-api-cache-encryption",
    description: "REST API methods that cache responses must encrypt the cache at rest.",
    severity: "medium",
    controls: ["FSBP APIGateway.5", "NIST SP 800-53 SC-28"],
    remediation: "Set `settings.cacheDataEncrypted: true` on every aws.apigateway.MethodSettings with `settings.cachingEnabled: true`.",
    resourceTypes: ["aws:apigateway/methodSettings:MethodSettings"],
    validate(props, { name }, report) {
        const settings = props.settings ?? {};
        if (settings.cachingEnabled === true && settings.cacheDataEncrypted !== true) {
            report(`Method settings ${name} cache responses unencrypted (cacheDataEncrypted: ${settings.cacheDataEncrypted ?? "not set (false)"}). Expected cacheDataEncrypted: true.`);
        }
    },
});
