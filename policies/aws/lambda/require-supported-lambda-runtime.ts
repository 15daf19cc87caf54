import { defineResourceRule } from "../../lib/rule";

/**
 * Deprecation dates of Lambda's managed runtimes: the "Deprecation date" column of
 * https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html, as recorded on 2026-06-02 in cfn-lint's
 * src/cfnlint/data/AdditionalSpecs/LmbdRuntimeLifecycle.json (aws-cloudformation/cfn-lint afd7953, "Update
 * Lambda runtime lifecycle dates from AWS docs"); dotnet5.0 and dotnet7 (container-only runtimes cfn-lint does
 * not list) from tflint-ruleset-aws rules/aws_lambda_function_deprecated_runtime.go. On that date AWS stops
 * patching the runtime; creating and updating functions are blocked some months later. Update the table when
 * AWS announces a new deprecation; a runtime it does not list (a new one) passes.
 */
export const RUNTIME_DEPRECATION: Readonly<Record<string, string>> = {
    "nodejs": "2016-08-30",
    "nodejs4.3": "2020-03-05",
    "nodejs4.3-edge": "2020-03-05",
    "nodejs6.10": "2019-08-12",
    "nodejs8.10": "2020-03-06",
    "nodejs10.x": "2021-07-30",
    "nodejs12.x": "2023-03-31",
    "nodejs14.x": "2023-12-04",
    "nodejs16.x": "2024-06-12",
    "nodejs18.x": "2025-09-01",
    "nodejs20.x": "2026-04-30",
    "nodejs22.x": "2027-04-30",
    "nodejs24.x": "2028-04-30",
    "python2.7": "2021-07-15",
    "python3.6": "2022-07-18",
    "python3.7": "2023-12-04",
    "python3.8": "2024-10-14",
    "python3.9": "2025-12-15",
    "python3.10": "2026-10-31",
    "python3.11": "2027-06-30",
    "python3.12": "2028-10-31",
    "python3.13": "2029-06-30",
    "python3.14": "2029-06-30",
    "ruby2.5": "2021-07-30",
    "ruby2.7": "2023-12-07",
    "ruby3.2": "2026-03-31",
    "ruby3.3": "2027-03-31",
    "ruby3.4": "2028-03-31",
    "ruby4.0": "2029-03-31",
    "java8": "2024-01-08",
    "java8.al2": "2027-06-30",
    "java11": "2027-06-30",
    "java17": "2027-06-30",
    "java21": "2029-06-30",
    "java25": "2029-06-30",
    "go1.x": "2024-01-08",
    "provided": "2024-01-08",
    "provided.al2": "2026-07-31",
    "provided.al2023": "2029-06-30",
    "dotnetcore1.0": "2019-06-27",
    "dotnetcore2.0": "2019-05-30",
    "dotnetcore2.1": "2022-01-05",
    "dotnetcore3.1": "2023-04-03",
    "dotnet5.0": "2022-05-10",
    "dotnet6": "2024-12-20",
    "dotnet7": "2024-05-14",
    "dotnet8": "2026-11-10",
    "dotnet10": "2028-11-14",
};

/** The runtimes deprecated on `day` (YYYY-MM-DD), oldest first. */
export function deprecatedRuntimes(day: string): string[] {
    return Object.entries(RUNTIME_DEPRECATION).filter(([, date]) => date <= day).sort(([, a], [, b]) => a.localeCompare(b)).map(([runtime]) => runtime);
}

export default defineResourceRule({
    name: "require-supported-lambda-runtime",
    description: "Lambda functions must not use a runtime past its AWS deprecation date: it gets no more security patches.",
    severity: "medium",
    controls: ["FSBP Lambda.2", "NIST SP 800-53 SI-2"],
    remediation: "Set the aws.lambda.Function `runtime` to a supported one (nodejs24.x, python3.14, java25, dotnet10, ruby3.4, provided.al2023) and test the function on it.",
    resourceTypes: ["aws:lambda/function:Function"],
    validate(props, _context, report) {
        // Functions packaged as container images choose their runtime in the image.
        if (props.packageType === "Image") {
            return;
        }
        const runtime = props.runtime;
        const deprecated = typeof runtime === "string" ? RUNTIME_DEPRECATION[runtime] : undefined;
        const today = new Date().toISOString().slice(0, 10);
        if (deprecated !== undefined && deprecated <= today) {
            report(`runtime is ${runtime}, deprecated by AWS on ${deprecated}: no more security patches, and creating or updating functions on it will be blocked. Expected a supported runtime.`);
        }
    },
});
