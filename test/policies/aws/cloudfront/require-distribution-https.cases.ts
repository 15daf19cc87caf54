import { ruleCases, unknown } from "../../../harness/policy-cases";
import { apiBehavior, behavior, distribution } from "./cloudfront-fixtures";

export default ruleCases("require-distribution-https", {
    compliant: [
        { name: "the baseline: redirect-to-https, https-only for the API", resources: [distribution("www")] },
        { name: "a distribution without ordered behaviors", resources: [distribution("simple", { orderedCacheBehaviors: undefined })] },
    ],
    violating: [
        { name: "the default behavior allows HTTP", resources: [distribution("http", { defaultCacheBehavior: behavior({ viewerProtocolPolicy: "allow-all" }) })], message: /defaultCacheBehavior\.viewerProtocolPolicy is allow-all: viewers can fetch over plain HTTP/ },
        { name: "an ordered behavior allows HTTP", resources: [distribution("api-http", { orderedCacheBehaviors: [apiBehavior({ viewerProtocolPolicy: "allow-all" })] })], message: /orderedCacheBehaviors\[\/api\/\*\]\.viewerProtocolPolicy is allow-all/ },
    ],
    unknown: [
        { name: "the viewer protocol policy not known yet", resources: [distribution("later", { defaultCacheBehavior: behavior({ viewerProtocolPolicy: unknown }) })] },
    ],
});
