import { defineResourceRule } from "../../lib/rule";
import { list } from "../../lib/values";

const PUBLIC_ACLS = ["public-read", "public-read-write", "authenticated-read"];
const EVERYONE = ["http://acs.amazonaws.com/groups/global/AllUsers", "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"];

export default defineResourceRule({
    name: "disallow-public-bucket-acl",
    description: "S3 bucket ACLs must not grant read or write access to everyone.",
    severity: "critical",
    controls: ["FSBP S3.2", "FSBP S3.3"],
    remediation: "Remove the public canned ACL or grant, and set object ownership to BucketOwnerEnforced (aws.s3.BucketOwnershipControls) so ACLs are ignored.",
    resourceTypes: ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2", "aws:s3/bucketAclV2:BucketAclV2", "aws:s3/bucketAcl:BucketAcl"],
    validate(props, _context, report) {
        const acl = props.acl;
        if (typeof acl === "string" && PUBLIC_ACLS.includes(acl)) {
            report(`The bucket's canned ACL is ${acl}.`);
        }
        const grants = [...list(props.grants), ...list(props.accessControlPolicy?.grants)];
        for (const grant of grants) {
            const uri = grant.uri ?? grant.grantee?.uri;
            if (EVERYONE.includes(String(uri))) {
                report(`A grant gives ${grant.permission ?? list(grant.permissions).join(", ")} to ${uri}.`);
            }
        }
    },
});
