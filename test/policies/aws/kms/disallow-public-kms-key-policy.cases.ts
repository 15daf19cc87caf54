import { resource, ruleCases, unknown } from "../../../harness/policy-cases";

const policy = (...statements: Record<string, unknown>[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
const key = (name: string, policyText: unknown) => resource("aws:kms/key:Key", name, { enableKeyRotation: true, policy: policyText });
const use = ["kms:Decrypt", "kms:Encrypt"];

export default ruleCases("disallow-public-kms-key-policy", {
    compliant: [
        { name: "no policy (the default policy names the key's account)", resources: [resource("aws:kms/key:Key", "default", { enableKeyRotation: true })] },
        {
            name: "named account and service principals",
            resources: [key("named", policy(
                { Sid: "Admin", Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "kms:*", Resource: "*" },
                { Sid: "Logs", Effect: "Allow", Principal: { Service: "logs.eu-west-1.amazonaws.com" }, Action: use, Resource: "*" },
            ))],
        },
        {
            name: "a wildcard principal limited to the organization",
            resources: [key("org", policy({ Sid: "Org", Effect: "Allow", Principal: { AWS: "*" }, Action: use, Resource: "*", Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc123" } } }))],
        },
        {
            name: "a wildcard principal in a deny statement",
            resources: [key("deny", policy({ Sid: "DenyAll", Effect: "Deny", Principal: "*", Action: "kms:*", Resource: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } }))],
        },
        {
            name: "a standalone key policy naming its account",
            resources: [resource("aws:kms/keyPolicy:KeyPolicy", "standalone", { keyId: "k-1", policy: policy({ Effect: "Allow", Principal: { AWS: ["arn:aws:iam::111122223333:role/app"] }, Action: use, Resource: "*" }) })],
        },
    ],
    violating: [
        { name: "Principal \"*\"", resources: [key("star", policy({ Sid: "Open", Effect: "Allow", Principal: "*", Action: use, Resource: "*" }))], message: /Statement Open allows any principal/ },
        {
            name: "AWS \"*\" with a condition that does not limit who calls",
            resources: [key("weak", policy({ Sid: "Weak", Effect: "Allow", Principal: { AWS: ["*"] }, Action: use, Resource: "*", Condition: { Bool: { "aws:SecureTransport": "true" } } }))],
            message: /Statement Weak allows any principal/,
        },
        {
            name: "a single statement object instead of a list",
            resources: [key("single", JSON.stringify({ Version: "2012-10-17", Statement: { Effect: "Allow", Principal: { AWS: "*" }, Action: use, Resource: "*" } }))],
            message: /\(no Sid\) allows any principal/,
        },
        { name: "a policy that is not JSON", resources: [key("broken", "{not json")], message: /not valid JSON/ },
        {
            name: "a standalone key policy opened to everyone",
            resources: [resource("aws:kms/keyPolicy:KeyPolicy", "open", { keyId: "k-1", policy: policy({ Sid: "Everyone", Effect: "Allow", Principal: { AWS: "*" }, Action: use, Resource: "*" }) })],
            message: /Statement Everyone/,
        },
    ],
    unknown: [
        { name: "policy document not known yet", resources: [key("later", unknown)] },
    ],
});
