import { ruleCases, unknown } from "../../../harness/policy-cases";
import { distribution } from "./cloudfront-fixtures";

export default ruleCases("require-distribution-logging", {
    compliant: [
        { name: "the baseline: logs to a bucket", resources: [distribution("www")] },
        { name: "logs without a prefix, cookies included", resources: [distribution("cookies", { loggingConfig: { bucket: "edge-logs.s3.amazonaws.com", includeCookies: true } })] },
    ],
    violating: [
        { name: "no loggingConfig", resources: [distribution("silent", { loggingConfig: undefined })], message: /loggingConfig is not set: requests to the distribution leave no access log/ },
        { name: "loggingConfig without a bucket", resources: [distribution("no-bucket", { loggingConfig: { prefix: "cloudfront/" } })], message: /loggingConfig\.bucket is not set/ },
    ],
    unknown: [
        { name: "the log bucket not known yet (created in the same stack)", resources: [distribution("later", { loggingConfig: { bucket: unknown, prefix: "cloudfront/" } })] },
    ],
});
