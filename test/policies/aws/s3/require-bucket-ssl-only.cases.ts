import { resource, ruleCases, unknown } from "../../../harness/policy-cases";

type Resource = ReturnType<typeof resource>;

const bucket = (name: string, props: Record<string, unknown> = {}, type = "aws:s3/bucket:Bucket") =>
    resource(type, name, { bucket: `acme-${name}`, id: `acme-${name}`, arn: `arn:aws:s3:::acme-${name}`, ...props });
const document = (...statements: Record<string, unknown>[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
const denyInsecure = (arn: string, principal: unknown = "*", action: unknown = "s3:*") => ({
    Sid: "DenyInsecureTransport",
    Effect: "Deny",
    Principal: principal,
    Action: action,
    Resource: [arn, `${arn}/*`],
    Condition: { Bool: { "aws:SecureTransport": "false" } },
});
const readFromCdn = (arn: string) => ({
    Sid: "CloudFrontRead",
    Effect: "Allow",
    Principal: { Service: "cloudfront.amazonaws.com" },
    Action: "s3:GetObject",
    Resource: `${arn}/*`,
    Condition: { StringEquals: { "AWS:SourceArn": "arn:aws:cloudfront::111122223333:distribution/E2QWRUHEXAMPLE" } },
});
const bucketPolicy = (name: string, target: Resource | string, policy: unknown) =>
    typeof target === "string"
        ? resource("aws:s3/bucketPolicy:BucketPolicy", name, { bucket: target, policy })
        : resource("aws:s3/bucketPolicy:BucketPolicy", name, { bucket: target.props.id, policy }, { from: { bucket: [target], policy: [target] } });

const data = bucket("data");
const reports = bucket("reports");
const legacy = bucket("legacy", {}, "aws:s3/bucketV2:BucketV2");
const DATA = "arn:aws:s3:::acme-data";

export default ruleCases("require-bucket-ssl-only", {
    compliant: [
        { name: "a bucket policy denying insecure transport", resources: [data, bucketPolicy("data", data, document(readFromCdn(DATA), denyInsecure(DATA)))] },
        {
            name: "an aws.s3.BucketV2 policy by bucket name, AWS \"*\" principal and \"*\" action",
            resources: [legacy, bucketPolicy("legacy", "acme-legacy", document(denyInsecure("arn:aws:s3:::acme-legacy", { AWS: "*" }, "*")))],
        },
        {
            name: "an inline bucket policy with a single statement object",
            resources: [bucket("inline", { policy: JSON.stringify({ Version: "2012-10-17", Statement: denyInsecure("arn:aws:s3:::acme-inline") }) })],
        },
        { name: "no bucket at all", resources: [resource("aws:s3/bucketPolicy:BucketPolicy", "external", { bucket: "acme-external", policy: document(denyInsecure("arn:aws:s3:::acme-external")) })] },
        {
            name: "a deny statement whose AWS principal is the list [\"*\"]",
            resources: [data, bucketPolicy("data", data, document(denyInsecure(DATA, { AWS: ["*"] })))],
        },
    ],
    violating: [
        { name: "a bucket without a policy", resources: [data], message: /Bucket data accepts requests over plain HTTP: no policy denies aws:SecureTransport=false\./ },
        { name: "a policy that only grants access", resources: [data, bucketPolicy("data", data, document(readFromCdn(DATA)))], message: /Bucket data accepts requests over plain HTTP/ },
        {
            name: "a deny statement covering s3:GetObject only",
            resources: [data, bucketPolicy("data", data, document(denyInsecure(DATA, "*", "s3:GetObject")))],
            message: /Bucket data accepts requests over plain HTTP/,
        },
        {
            name: "the policy belongs to the other bucket",
            resources: [data, reports, bucketPolicy("reports", reports, document(denyInsecure("arn:aws:s3:::acme-reports")))],
            message: /Bucket data accepts requests over plain HTTP/,
        },
        { name: "an aws.s3.BucketV2 without a policy", resources: [legacy], message: /Bucket legacy accepts requests over plain HTTP/ },
    ],
    unknown: [
        { name: "a policy document built from the bucket's ARN, not known yet", resources: [data, bucketPolicy("data", data, unknown)] },
    ],
});
