import { ruleCases, unknown } from "../../../harness/policy-cases";
import { distribution } from "./cloudfront-fixtures";

export default ruleCases("require-distribution-web-acl", {
    compliant: [
        { name: "the baseline: a CLOUDFRONT web ACL", resources: [distribution("www")] },
    ],
    violating: [
        { name: "no webAclId", resources: [distribution("open", { webAclId: undefined })], message: /webAclId is not set: requests reach the distribution and its origins unfiltered/ },
        { name: "an empty webAclId", resources: [distribution("empty", { webAclId: "" })], message: /webAclId is not set/ },
    ],
    unknown: [
        { name: "the web ACL's ARN not known yet", resources: [distribution("later", { webAclId: unknown })] },
    ],
});
