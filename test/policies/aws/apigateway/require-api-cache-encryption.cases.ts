import { ruleCases, unknown } from "../../../harness/policy-cases";
import { methodSettings, restStage } from "./apigateway-fixtures";

const stage = restStage("prod");

export default ruleCases("require-api-cache-encryption", {
    compliant: [
        { name: "logging settings without a cache", resources: [stage, methodSettings("all", stage, { loggingLevel: "ERROR", metricsEnabled: true })] },
        { name: "a cached method, encrypted", resources: [stage, methodSettings("cached", stage, { loggingLevel: "ERROR", cachingEnabled: true, cacheDataEncrypted: true, cacheTtlInSeconds: 300 }, "orders/GET")] },
    ],
    violating: [
        { name: "caching on, cacheDataEncrypted not set", resources: [stage, methodSettings("plain", stage, { loggingLevel: "ERROR", cachingEnabled: true, cacheTtlInSeconds: 300 })], message: /Method settings plain cache responses unencrypted \(cacheDataEncrypted: not set \(false\)\)/ },
        { name: "caching on, cacheDataEncrypted false", resources: [stage, methodSettings("off", stage, { cachingEnabled: true, cacheDataEncrypted: false }, "orders/GET")], message: /cacheDataEncrypted: false/ },
    ],
    unknown: [
        { name: "cache encryption not known yet", resources: [stage, methodSettings("later", stage, { cachingEnabled: true, cacheDataEncrypted: unknown })] },
    ],
});
