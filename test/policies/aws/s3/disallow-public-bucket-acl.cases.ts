import { resource, ruleCases, unknown } from "../../../harness/policy-cases";

const OWNER = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be";
const ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers";
const AUTHENTICATED_USERS = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";

const bucket = (name: string, props: Record<string, unknown>, type = "aws:s3/bucket:Bucket") =>
    resource(type, name, { bucket: `acme-${name}`, ...props });
const bucketAcl = (name: string, props: Record<string, unknown>, type = "aws:s3/bucketAcl:BucketAcl") =>
    resource(type, name, { bucket: `acme-${name}`, ...props });
const ownerGrant = { grantee: { type: "CanonicalUser", id: OWNER }, permission: "FULL_CONTROL" };
const policy = (...grants: Record<string, unknown>[]) => ({ owner: { id: OWNER }, grants });

export default ruleCases("disallow-public-bucket-acl", {
    compliant: [
        { name: "a bucket with the private canned ACL", resources: [bucket("data", { acl: "private" })] },
        { name: "an aws.s3.BucketV2 without an ACL", resources: [bucket("legacy", {}, "aws:s3/bucketV2:BucketV2")] },
        { name: "a bucket granting its owner full control", resources: [bucket("owned", { grants: [{ type: "CanonicalUser", id: OWNER, permissions: ["FULL_CONTROL"] }] })] },
        { name: "a bucket ACL granting only the owner", resources: [bucketAcl("owned", { accessControlPolicy: policy(ownerGrant) })] },
        { name: "an aws.s3.BucketAclV2 with the log-delivery-write canned ACL", resources: [bucketAcl("logs", { acl: "log-delivery-write" }, "aws:s3/bucketAclV2:BucketAclV2")] },
    ],
    violating: [
        { name: "a bucket with the public-read canned ACL", resources: [bucket("site", { acl: "public-read" })], message: /The bucket's canned ACL is public-read\./ },
        { name: "an aws.s3.BucketV2 with the authenticated-read canned ACL", resources: [bucket("shared", { acl: "authenticated-read" }, "aws:s3/bucketV2:BucketV2")], message: /The bucket's canned ACL is authenticated-read\./ },
        { name: "an aws.s3.BucketAclV2 with public-read-write", resources: [bucketAcl("dropbox", { acl: "public-read-write" }, "aws:s3/bucketAclV2:BucketAclV2")], message: /The bucket's canned ACL is public-read-write\./ },
        {
            name: "a bucket ACL granting READ to all users",
            resources: [bucketAcl("assets", { accessControlPolicy: policy(ownerGrant, { grantee: { type: "Group", uri: ALL_USERS }, permission: "READ" }) })],
            message: /A grant gives READ to http:\/\/acs\.amazonaws\.com\/groups\/global\/AllUsers\./,
        },
        {
            name: "an inline grant to any authenticated AWS user",
            resources: [bucket("partners", { grants: [{ type: "Group", uri: AUTHENTICATED_USERS, permissions: ["READ", "READ_ACP"] }] })],
            message: /A grant gives READ, READ_ACP to http:\/\/acs\.amazonaws\.com\/groups\/global\/AuthenticatedUsers\./,
        },
    ],
    unknown: [
        { name: "a canned ACL not known yet", resources: [bucketAcl("later", { acl: unknown })] },
        { name: "a grantee not known yet", resources: [bucketAcl("grantee", { accessControlPolicy: policy({ grantee: { type: "Group", uri: unknown }, permission: "READ" }) })] },
    ],
});
