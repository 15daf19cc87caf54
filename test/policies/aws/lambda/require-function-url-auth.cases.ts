import { resource, ruleCases, unknown } from "../../../harness/policy-cases";

const url = (name: string, props: Record<string, unknown>) => resource("aws:lambda/functionUrl:FunctionUrl", name, { functionName: "app", invokeMode: "BUFFERED", ...props });

export default ruleCases("require-function-url-auth", {
    compliant: [
        { name: "a URL requiring IAM (SigV4) authentication", resources: [url("signed", { authorizationType: "AWS_IAM" })] },
        { name: "a URL with CORS, requiring IAM", resources: [url("cors", { authorizationType: "AWS_IAM", cors: { allowOrigins: ["https://app.example.com"], allowMethods: ["GET"] } })] },
    ],
    violating: [
        { name: "authorizationType NONE", resources: [url("public", { authorizationType: "NONE" })], message: /authorizationType is NONE: anyone on the internet can invoke the function through its URL/ },
        { name: "authorizationType NONE on an alias, streaming", resources: [url("stream", { authorizationType: "NONE", qualifier: "live", invokeMode: "RESPONSE_STREAM" })], message: /authorizationType is NONE/ },
    ],
    unknown: [
        { name: "authorization type not known yet", resources: [url("later", { authorizationType: unknown })] },
    ],
});
