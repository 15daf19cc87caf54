import { ruleCases, unknown } from "../../../harness/policy-cases";
import { apiBehavior, apiOrigin, distribution, siteOrigin } from "./cloudfront-fixtures";

export default ruleCases("require-origin-https", {
    compliant: [
        { name: "the baseline: https-only with TLSv1.2", resources: [distribution("www")] },
        { name: "match-viewer where every behavior to the origin is HTTPS", resources: [distribution("match", { origins: [siteOrigin(), apiOrigin({ originProtocolPolicy: "match-viewer" })] })] },
        { name: "S3 origins only", resources: [distribution("static", { origins: [siteOrigin()], orderedCacheBehaviors: undefined })] },
    ],
    violating: [
        { name: "http-only", resources: [distribution("plain", { origins: [siteOrigin(), apiOrigin({ originProtocolPolicy: "http-only" })] })], message: /origin api has originProtocolPolicy http-only: CloudFront reaches it over plain HTTP/ },
        { name: "match-viewer behind a behavior that allows HTTP", resources: [distribution("match-http", { origins: [siteOrigin(), apiOrigin({ originProtocolPolicy: "match-viewer" })], orderedCacheBehaviors: [apiBehavior({ viewerProtocolPolicy: "allow-all" })] })], message: /origin api has originProtocolPolicy match-viewer while a behavior targeting it allows HTTP viewers/ },
        { name: "SSLv3 among the origin protocols (CloudFront.10)", resources: [distribution("sslv3", { origins: [siteOrigin(), apiOrigin({ originSslProtocols: ["SSLv3", "TLSv1.2"] })] })], message: /origin api allows SSLv3 in originSslProtocols/ },
        { name: "TLSv1 and TLSv1.1 among the origin protocols", resources: [distribution("tls10", { origins: [siteOrigin(), apiOrigin({ originSslProtocols: ["TLSv1", "TLSv1.1", "TLSv1.2"] })] })], message: /origin api allows TLSv1, TLSv1\.1 in originSslProtocols/ },
    ],
    unknown: [
        { name: "the origin protocol policy not known yet", resources: [distribution("later", { origins: [apiOrigin({ originProtocolPolicy: unknown })] })] },
    ],
});
