import { ruleCases, unknown } from "../../../harness/policy-cases";
import { lambdaFunction } from "./lambda-fixtures";

/*
 * The compliant runtimes are supported until 2028 at least; when one of them reaches its date, this corpus
 * (and the remediation) moves to the next one. The violating ones were deprecated in 2023 to 2026.
 */
export default ruleCases("require-supported-lambda-runtime", {
    compliant: [
        { name: "nodejs24.x (the baseline)", resources: [lambdaFunction("node")] },
        { name: "python3.14", resources: [lambdaFunction("python", { runtime: "python3.14", handler: "app.handler" })] },
        { name: "provided.al2023 (Go, Rust)", resources: [lambdaFunction("go", { runtime: "provided.al2023", handler: "bootstrap" })] },
        { name: "a container image (the image chooses its runtime)", resources: [lambdaFunction("image", { packageType: "Image", imageUri: "111122223333.dkr.ecr.eu-west-1.amazonaws.com/app:1.4.2", runtime: undefined, handler: undefined })] },
        { name: "a runtime the table does not list yet", resources: [lambdaFunction("new", { runtime: "nodejs26.x" })] },
    ],
    violating: [
        { name: "nodejs16.x (deprecated 2024-06-12)", resources: [lambdaFunction("node16", { runtime: "nodejs16.x" })], message: /runtime is nodejs16\.x, deprecated by AWS on 2024-06-12/ },
        { name: "nodejs20.x (deprecated 2026-04-30)", resources: [lambdaFunction("node20", { runtime: "nodejs20.x" })], message: /runtime is nodejs20\.x, deprecated by AWS on 2026-04-30/ },
        { name: "python3.9 (deprecated 2025-12-15)", resources: [lambdaFunction("py39", { runtime: "python3.9", handler: "app.handler" })], message: /python3\.9, deprecated by AWS on 2025-12-15/ },
        { name: "go1.x (deprecated 2024-01-08)", resources: [lambdaFunction("go1", { runtime: "go1.x", handler: "main" })], message: /go1\.x, deprecated by AWS on 2024-01-08/ },
        { name: "dotnet6 (deprecated 2024-12-20)", resources: [lambdaFunction("net6", { runtime: "dotnet6", handler: "App::App.Function::Handler" })], message: /dotnet6, deprecated by AWS on 2024-12-20/ },
    ],
    unknown: [
        { name: "runtime not known yet", resources: [lambdaFunction("later", { runtime: unknown })] },
    ],
});
