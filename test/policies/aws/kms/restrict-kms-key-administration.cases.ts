import { resource, ruleCases, unknown } from "../../../harness/policy-cases";

const ROOT = "arn:aws:iam::111122223333:root";
const DEPLOYER = "arn:aws:iam::111122223333:role/deployer";
const policy = (...statements: Record<string, unknown>[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
const key = (name: string, policyText: unknown) => resource("aws:kms/key:Key", name, { enableKeyRotation: true, policy: policyText });
const administration = ["kms:CreateAlias", "kms:Describe*", "kms:Enable*", "kms:List*", "kms:Update*", "kms:Revoke*", "kms:Disable*", "kms:Get*", "kms:Delete*", "kms:TagResource", "kms:UntagResource", "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion"];
const forAwsResources = { Bool: { "kms:GrantIsForAWSResource": "true" } };

export default ruleCases("restrict-kms-key-administration", {
    compliant: [
        {
            name: "the account administers, a named role changes the policy, grants only for AWS resources",
            resources: [key("separated", policy(
                { Sid: "KeyAdministration", Effect: "Allow", Principal: { AWS: ROOT }, Action: administration, Resource: "*" },
                { Sid: "KeyPolicyAdministration", Effect: "Allow", Principal: { AWS: [DEPLOYER] }, Action: ["kms:PutKeyPolicy"], Resource: "*" },
                { Sid: "Grants", Effect: "Allow", Principal: { AWS: ROOT }, Action: ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"], Resource: "*", Condition: { StringEquals: { "kms:ViaService": "ec2.eu-west-1.amazonaws.com" }, ...forAwsResources } },
            ))],
        },
        {
            name: "kms:* to a named role (a key administrator, not the whole account)",
            resources: [key("named-admin", policy({ Sid: "Admin", Effect: "Allow", Principal: { AWS: DEPLOYER }, Action: "kms:*", Resource: "*" }))],
        },
        {
            name: "grants for AWS resources written with a lower-case condition key and a boolean",
            resources: [key("lowercase", policy(
                { Sid: "Policy", Effect: "Allow", Principal: { AWS: DEPLOYER }, Action: "kms:PutKeyPolicy", Resource: "*" },
                { Sid: "Grants", Effect: "Allow", Principal: { AWS: "111122223333" }, Action: "kms:CreateGrant", Resource: "*", Condition: { Bool: { "kms:grantisforawsresource": true } } },
            ))],
        },
        {
            name: "a deny statement for the whole account",
            resources: [key("deny", policy(
                { Sid: "Policy", Effect: "Allow", Principal: { AWS: DEPLOYER }, Action: "kms:PutKeyPolicy", Resource: "*" },
                { Sid: "NoGrants", Effect: "Deny", Principal: { AWS: ROOT }, Action: "kms:*", Resource: "*" },
            ))],
        },
        {
            name: "a service principal using the key",
            resources: [key("service", policy(
                { Sid: "Policy", Effect: "Allow", Principal: { AWS: DEPLOYER }, Action: "kms:PutKeyPolicy", Resource: "*" },
                { Sid: "Logs", Effect: "Allow", Principal: { Service: "logs.eu-west-1.amazonaws.com" }, Action: "kms:*", Resource: "*" },
            ))],
        },
        {
            name: "a standalone key policy that separates administration from use",
            resources: [resource("aws:kms/keyPolicy:KeyPolicy", "standalone", { keyId: "k-1", policy: policy(
                { Sid: "Admin", Effect: "Allow", Principal: { AWS: ROOT }, Action: administration, Resource: "*" },
                { Sid: "Policy", Effect: "Allow", Principal: { AWS: [DEPLOYER] }, Action: "kms:PutKeyPolicy", Resource: "*" },
            ) })],
        },
    ],
    violating: [
        {
            name: "the AWS default key policy (kms:* for the account)",
            resources: [key("default-policy", policy({ Sid: "Enable IAM User Permissions", Effect: "Allow", Principal: { AWS: ROOT }, Action: "kms:*", Resource: "*" }))],
            message: /Statement Enable IAM User Permissions lets arn:aws:iam::111122223333:root call kms:PutKeyPolicy .* and kms:CreateGrant without kms:GrantIsForAWSResource/,
        },
        {
            name: "kms:Create* for the account, which includes CreateGrant",
            resources: [key("create-star", policy({ Sid: "Admin", Effect: "Allow", Principal: { AWS: ROOT }, Action: ["kms:Create*", "kms:Describe*"], Resource: "*" }))],
            message: /Statement Admin lets .*root call kms:CreateGrant without kms:GrantIsForAWSResource/,
        },
        {
            name: "kms:Put* for the account, which includes PutKeyPolicy",
            resources: [key("put-star", policy({ Sid: "Admin", Effect: "Allow", Principal: { AWS: [ROOT] }, Action: ["kms:Put*"], Resource: "*" }))],
            message: /Statement Admin lets .*root call kms:PutKeyPolicy/,
        },
        {
            name: "CreateGrant for the account only through a service, with no AWS-resource condition",
            resources: [key("via-only", policy({ Sid: "Grants", Effect: "Allow", Principal: { AWS: ROOT }, Action: "kms:CreateGrant", Resource: "*", Condition: { StringEquals: { "kms:ViaService": "ec2.eu-west-1.amazonaws.com" } } }))],
            message: /Statement Grants lets .* call kms:CreateGrant without kms:GrantIsForAWSResource/,
        },
        {
            name: "a NotAction that leaves PutKeyPolicy in, for an account id",
            resources: [key("not-action", policy({ Sid: "AllButDecrypt", Effect: "Allow", Principal: { AWS: "111122223333" }, NotAction: "kms:Decrypt", Resource: "*" }))],
            message: /Statement AllButDecrypt lets 111122223333 call kms:PutKeyPolicy/,
        },
        {
            name: "anyone in the organization may change the policy",
            resources: [key("org", policy({ Sid: "Org", Effect: "Allow", Principal: "*", Action: "kms:PutKeyPolicy", Resource: "*", Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc123" } } }))],
            message: /Statement Org lets \* call kms:PutKeyPolicy/,
        },
        {
            name: "a key without a policy (KMS's default gives the account kms:*)",
            resources: [resource("aws:kms/key:Key", "no-policy", { enableKeyRotation: true })],
            message: /no policy: KMS then applies its default key policy/,
        },
        { name: "a policy that is not JSON", resources: [key("broken", "{not json")], message: /not valid JSON/ },
        {
            name: "a standalone key policy delegating everything to the account",
            resources: [resource("aws:kms/keyPolicy:KeyPolicy", "open", { keyId: "k-1", policy: policy({ Effect: "Allow", Principal: { AWS: ROOT }, Action: "*", Resource: "*" }) })],
            message: /Statement \(no Sid\) lets/,
        },
    ],
    unknown: [
        { name: "policy document not known yet", resources: [key("later", unknown)] },
    ],
});
