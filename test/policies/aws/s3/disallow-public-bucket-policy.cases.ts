import { resource, ruleCases, unknown } from "../../../harness/policy-cases";

const ARN = "arn:aws:s3:::acme-data";
const document = (...statements: Record<string, unknown>[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
const bucketPolicy = (name: string, policy: unknown) => resource("aws:s3/bucketPolicy:BucketPolicy", name, { bucket: `acme-${name}`, policy });
const denyInsecure = { Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [ARN, `${ARN}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } };
const logDelivery = { Sid: "LoadBalancerLogDelivery", Effect: "Allow", Principal: { AWS: "arn:aws:iam::156460612806:root" }, Action: "s3:PutObject", Resource: `${ARN}/lb/AWSLogs/111122223333/*` };
/** Everyone, but only through the stack's own VPC endpoint: the compliant baseline each violating case changes one field of. */
const throughEndpoint = (overrides: Record<string, unknown> = {}) => ({
    Sid: "ReadThroughEndpoint",
    Effect: "Allow",
    Principal: "*",
    Action: "s3:GetObject",
    Resource: `${ARN}/*`,
    Condition: { StringEquals: { "aws:SourceVpce": "vpce-0a1b2c3d4e5f60718" } },
    ...overrides,
});

export default ruleCases("disallow-public-bucket-policy", {
    compliant: [
        { name: "named principals and a deny for everyone (the platform's access-log bucket)", resources: [bucketPolicy("logs", document(logDelivery, denyInsecure))] },
        { name: "everyone, through one VPC endpoint", resources: [bucketPolicy("data", document(throughEndpoint(), denyInsecure))] },
        {
            name: "{AWS: \"*\"} limited to the organization",
            resources: [bucketPolicy("shared", document(throughEndpoint({ Principal: { AWS: "*" }, Condition: { StringEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } } })))],
        },
        {
            name: "a service principal with a fixed source ARN",
            resources: [bucketPolicy("cdn", document({ Sid: "CloudFront", Effect: "Allow", Principal: { Service: "cloudfront.amazonaws.com" }, Action: "s3:GetObject", Resource: `${ARN}/*`, Condition: { StringEquals: { "AWS:SourceArn": "arn:aws:cloudfront::111122223333:distribution/E2QWRUHEXAMPLE" } } }))],
        },
        {
            name: "everyone, limited to the account through ForAnyValue on aws:PrincipalAccount",
            resources: [bucketPolicy("account", document(throughEndpoint({ Condition: { "ForAnyValue:StringEquals": { "aws:PrincipalAccount": ["111122223333"] } } })))],
        },
        {
            name: "a policy given as a document object with a single statement",
            resources: [bucketPolicy("object", { Version: "2012-10-17", Statement: throughEndpoint({ Condition: { ArnEquals: { "aws:SourceArn": "arn:aws:sns:eu-west-1:111122223333:events" } } }) })],
        },
        { name: "an aws.s3.BucketV2 without an inline policy", resources: [resource("aws:s3/bucketV2:BucketV2", "legacy", { bucket: "acme-legacy" })] },
    ],
    violating: [
        {
            name: "the VPC endpoint condition removed",
            resources: [bucketPolicy("data", document(throughEndpoint({ Condition: undefined }), denyInsecure))],
            message: /Statement ReadThroughEndpoint of the bucket policy allows Principal "\*" to s3:GetObject with no condition limiting it/,
        },
        {
            name: "the condition only requires TLS",
            resources: [bucketPolicy("data", document(throughEndpoint({ Condition: { Bool: { "aws:SecureTransport": "true" } } })))],
            message: /allows Principal "\*" to s3:GetObject with no condition/,
        },
        {
            name: "the endpoint condition is IfExists, which holds for requests from anywhere",
            resources: [bucketPolicy("data", document(throughEndpoint({ Condition: { StringEqualsIfExists: { "aws:SourceVpce": "vpce-0a1b2c3d4e5f60718" } } })))],
            message: /Statement ReadThroughEndpoint/,
        },
        {
            name: "the endpoint condition is negated",
            resources: [bucketPolicy("data", document(throughEndpoint({ Condition: { StringNotEquals: { "aws:SourceVpce": "vpce-0a1b2c3d4e5f60718" } } })))],
            message: /Statement ReadThroughEndpoint/,
        },
        {
            name: "the organization condition uses a wildcard",
            resources: [bucketPolicy("data", document(throughEndpoint({ Principal: { AWS: "*" }, Condition: { StringLike: { "aws:PrincipalOrgID": "o-*" } } })))],
            message: /allows Principal \{AWS: "\*"\}/,
        },
        {
            name: "{AWS: [\"*\"]} writing objects",
            resources: [bucketPolicy("data", document(throughEndpoint({ Principal: { AWS: ["*"] }, Action: ["s3:PutObject", "s3:DeleteObject"], Condition: undefined })))],
            message: /allows Principal \{AWS: "\*"\} to s3:PutObject, s3:DeleteObject/,
        },
        {
            name: "Allow with NotPrincipal",
            resources: [bucketPolicy("data", document(throughEndpoint({ Principal: undefined, NotPrincipal: { AWS: "arn:aws:iam::111122223333:role/blocked" }, Condition: undefined })))],
            message: /allows everyone but .*\(NotPrincipal\)/,
        },
        {
            name: "an inline policy on an aws.s3.Bucket",
            resources: [resource("aws:s3/bucket:Bucket", "site", { bucket: "acme-site", policy: document(throughEndpoint({ Sid: "PublicRead", Condition: undefined })) })],
            message: /Statement PublicRead of the bucket's inline policy allows Principal "\*"/,
        },
        { name: "a policy that is not JSON", resources: [bucketPolicy("broken", "{not json")], message: /The bucket policy is not valid JSON/ },
    ],
    unknown: [
        { name: "a policy document built from the bucket's ARN, not known yet", resources: [bucketPolicy("later", unknown)] },
    ],
});
