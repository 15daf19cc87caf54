import { ruleCases, unknown } from "../../../harness/policy-cases";
import { apiOrigin, distribution, siteOrigin } from "./cloudfront-fixtures";

export default ruleCases("require-default-root-object", {
    compliant: [
        { name: "the baseline: an S3 origin and index.html", resources: [distribution("www")] },
        { name: "custom origins only (CloudFront.1 does not apply)", resources: [distribution("api", { origins: [apiOrigin()], defaultRootObject: undefined })] },
    ],
    violating: [
        { name: "an S3 origin without defaultRootObject", resources: [distribution("no-root", { defaultRootObject: undefined })], message: /defaultRootObject is not set on a distribution with an S3 origin/ },
        { name: "an empty defaultRootObject, the bucket declared with s3OriginConfig", resources: [distribution("empty-root", { defaultRootObject: "", origins: [siteOrigin({ s3OriginConfig: { originAccessIdentity: "" } })] })], message: /defaultRootObject is not set/ },
    ],
    unknown: [
        { name: "the default root object not known yet", resources: [distribution("later", { defaultRootObject: unknown })] },
    ],
});
