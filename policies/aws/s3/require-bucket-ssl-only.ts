import { defineStackRule, Props } from "../../lib/rule";
import { list, ofType, referrers } from "../../lib/values";

/** Whether a bucket policy denies every request that is not over TLS. */
export function deniesInsecureTransport(policyText: unknown): boolean {
    if (typeof policyText !== "string") {
        return false;
    }
    let document: Props;
    try {
        document = JSON.parse(policyText) as Props;
    } catch {
        return false;
    }
    const statements = Array.isArray(document.Statement) ? document.Statement : [document.Statement];
    return list(statements).some((s) => {
        const principal = s.Principal === "*" || [s.Principal?.AWS].flat().includes("*");
        const actions = [s.Action].flat().map(String);
        return s.Effect === "Deny" && principal && actions.some((a) => a === "s3:*" || a === "*") &&
            String(s.Condition?.Bool?.["aws:SecureTransport"]) === "false";
    });
}

export default defineStackRule({
    name: "require-bucket-ssl-only",
    description: "Every S3 bucket policy must deny requests that do not use TLS.",
    severity: "medium",
    controls: ["FSBP S3.5"],
    remediation: "Add an aws.s3.BucketPolicy with a statement `{ Effect: \"Deny\", Principal: \"*\", Action: \"s3:*\", Resource: [bucketArn, `${bucketArn}/*`], Condition: { Bool: { \"aws:SecureTransport\": \"false\" } } }`.",
    validate(resources, _context, report) {
        const policiesOf = referrers(ofType(resources, "aws:s3/bucketPolicy:BucketPolicy"), "bucket");
        for (const bucket of [...ofType(resources, "aws:s3/bucket:Bucket"), ...ofType(resources, "aws:s3/bucketV2:BucketV2")]) {
            const own = policiesOf(bucket);
            const texts = [...own.map((p) => p.props.policy), bucket.props.policy].filter((t) => t !== undefined);
            if (!texts.some(deniesInsecureTransport)) {
                report(bucket, `Bucket ${bucket.name} accepts requests over plain HTTP: no policy denies aws:SecureTransport=false.`);
            }
        }
    },
});
