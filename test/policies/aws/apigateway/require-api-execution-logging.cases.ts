import { ruleCases, unknown } from "../../../harness/policy-cases";
import { httpApi, methodSettings, restStage, v2Stage, websocketApi } from "./apigateway-fixtures";

const prod = restStage("prod");
const chat = websocketApi("chat");
const http = httpApi("orders");
const logAll = methodSettings("prod-logging", prod, { loggingLevel: "ERROR", metricsEnabled: true });

export default ruleCases("require-api-execution-logging", {
    compliant: [
        { name: "a REST stage with */* logging at ERROR", resources: [prod, logAll] },
        { name: "a REST stage at INFO, a cached method keeping logging on", resources: [prod, methodSettings("info", prod, { loggingLevel: "INFO" }), methodSettings("orders", prod, { loggingLevel: "ERROR", cachingEnabled: true, cacheDataEncrypted: true }, "orders/GET")] },
        { name: "a WebSocket stage with default route logging", resources: [chat, v2Stage("chat-prod", chat, { name: "prod", defaultRouteSettings: { loggingLevel: "ERROR", throttlingRateLimit: 100 } })] },
        { name: "an HTTP API stage (no execution logs exist for HTTP APIs)", resources: [http, v2Stage("http-default", http)] },
    ],
    violating: [
        { name: "a REST stage without method settings", resources: [prod], message: /REST stage prod has no method settings for "\*\/\*" with loggingLevel ERROR or INFO/ },
        { name: "logging only for one method", resources: [prod, methodSettings("one", prod, { loggingLevel: "ERROR" }, "orders/GET")], message: /REST stage prod has no method settings for "\*\/\*"/ },
        { name: "*/* with logging OFF", resources: [prod, methodSettings("off", prod, { loggingLevel: "OFF", metricsEnabled: true })], message: /REST stage prod turns execution logging off for \*\/\*/ },
        { name: "*/* logging on, one method turned OFF", resources: [prod, logAll, methodSettings("quiet", prod, { loggingLevel: "OFF" }, "health/GET")], message: /turns execution logging off for health\/GET/ },
        { name: "settings for another stage only", resources: [prod, restStage("staging"), methodSettings("staging-logging", restStage("staging"), { loggingLevel: "ERROR" })], message: /REST stage prod has no method settings/ },
        { name: "a WebSocket stage without defaultRouteSettings", resources: [chat, v2Stage("chat-prod", chat, { name: "prod" })], message: /WebSocket stage chat-prod of API chat has defaultRouteSettings\.loggingLevel not set \(OFF\)/ },
        { name: "a WebSocket route turned OFF", resources: [chat, v2Stage("chat-prod", chat, { name: "prod", defaultRouteSettings: { loggingLevel: "INFO" }, routeSettings: [{ routeKey: "sendMessage", loggingLevel: "OFF" }] })], message: /turns execution logging off for route sendMessage/ },
    ],
    unknown: [
        { name: "the logging level of the */* settings not known yet", resources: [prod, methodSettings("later", prod, { loggingLevel: unknown })] },
    ],
});
