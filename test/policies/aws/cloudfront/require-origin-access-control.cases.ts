import { ruleCases, unknown } from "../../../harness/policy-cases";
import { apiOrigin, distribution, siteOrigin } from "./cloudfront-fixtures";

export default ruleCases("require-origin-access-control", {
    compliant: [
        { name: "the baseline: the bucket through an origin access control", resources: [distribution("www")] },
        { name: "OAC with an s3OriginConfig whose originAccessIdentity is empty", resources: [distribution("oac-config", { origins: [siteOrigin({ s3OriginConfig: { originAccessIdentity: "" } }), apiOrigin()] })] },
        { name: "custom origins only", resources: [distribution("api", { origins: [apiOrigin()], defaultRootObject: undefined })] },
    ],
    violating: [
        { name: "an S3 origin without OAC (a public bucket)", resources: [distribution("public-bucket", { origins: [siteOrigin({ originAccessControlId: undefined }), apiOrigin()] })], message: /origin site is an S3 bucket with no originAccessControlId: CloudFront can read it only if it is public/ },
        { name: "a legacy origin access identity", resources: [distribution("oai", { origins: [siteOrigin({ originAccessControlId: undefined, s3OriginConfig: { originAccessIdentity: "origin-access-identity/cloudfront/E74FTE3EXAMPLE" } })] })], message: /origin site reads the bucket through the legacy origin access identity/ },
        { name: "an S3 website endpoint", resources: [distribution("website", { origins: [{ originId: "site", domainName: "site-assets.s3-website-eu-west-1.amazonaws.com", customOriginConfig: { httpPort: 80, httpsPort: 443, originProtocolPolicy: "http-only", originSslProtocols: ["TLSv1.2"] } }] })], message: /origin site is the S3 website endpoint site-assets\.s3-website-eu-west-1\.amazonaws\.com: it serves only a public bucket/ },
        { name: "an S3 origin by its global endpoint, declared with an empty s3OriginConfig", resources: [distribution("global", { origins: [{ originId: "legacy", domainName: "site-assets.s3.amazonaws.com", s3OriginConfig: { originAccessIdentity: "" } }] })], message: /origin legacy is an S3 bucket with no originAccessControlId/ },
    ],
    unknown: [
        { name: "the OAC id not known yet (created in the same stack)", resources: [distribution("later", { origins: [siteOrigin({ originAccessControlId: unknown })] })] },
    ],
});
