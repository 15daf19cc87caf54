import { ruleCases, unknown } from "../../../harness/policy-cases";
import { ACCOUNT, doc, EC2_TRUST, PARTNER, POD_IDENTITY_TRUST, role } from "./iam-fixtures";

const GITHUB = `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`;
const trust = (name: string, ...statements: Record<string, unknown>[]) => role(name, { assumeRolePolicy: doc(...statements) });
const assume = (principal: unknown, condition?: Record<string, unknown>, sid = "Trust") =>
    ({ Sid: sid, Effect: "Allow", Principal: principal, Action: "sts:AssumeRole", ...(condition ? { Condition: condition } : {}) });
const webIdentity = (condition?: Record<string, unknown>) =>
    ({ Sid: "GitHub", Effect: "Allow", Principal: { Federated: GITHUB }, Action: "sts:AssumeRoleWithWebIdentity", ...(condition ? { Condition: condition } : {}) });
const audience = { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" };

export default ruleCases("restrict-role-trust-policy", {
    compliant: [
        { name: "the platform's Pod Identity trust", resources: [role("pod", { assumeRolePolicy: POD_IDENTITY_TRUST })] },
        { name: "an EC2 service trust without conditions (only the service presents it)", resources: [role("node", { assumeRolePolicy: EC2_TRUST })] },
        { name: "a named role of another account", resources: [trust("named", assume({ AWS: `arn:aws:iam::${PARTNER}:role/ci-deployer` }))] },
        { name: "a partner account with an external ID", resources: [trust("vendor", assume({ AWS: `arn:aws:iam::${PARTNER}:root` }, { StringEquals: { "sts:ExternalId": "c6f2b1e4-vendor" } }))] },
        { name: "anyone in the organization (a fixed aws:PrincipalOrgID)", resources: [trust("org", assume({ AWS: "*" }, { StringEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } }))] },
        { name: "the stack's own account root, listed in trustedAccounts", resources: [trust("own", assume({ AWS: ACCOUNT }))], config: { "restrict-role-trust-policy": { trustedAccounts: [ACCOUNT] } } },
        { name: "GitHub OIDC for one repository and environment", resources: [trust("deploy", webIdentity({ StringEquals: { ...audience, "token.actions.githubusercontent.com:sub": "repo:acme/platform:environment:prod" } }))] },
        { name: "the trust policy in the object form of aws.iam.PolicyDocument", resources: [role("object", { assumeRolePolicy: { Version: "2012-10-17", Statement: { Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" } } })] },
        { name: "\"*\" denied", resources: [trust("deny", { Effect: "Deny", Principal: "*", Action: "sts:AssumeRole", Condition: { Bool: { "aws:SecureTransport": "false" } } }, assume({ Service: "ecs-tasks.amazonaws.com" }))] },
    ],
    violating: [
        { name: "Principal \"*\"", resources: [trust("open", assume("*"))], message: /Statement Trust lets any principal \("\*"\) assume the role with no condition/ },
        { name: "AWS \"*\" with a condition that restricts nothing (StringLike aws:PrincipalArn \"*\")", resources: [trust("fake-condition", assume({ AWS: ["*"] }, { StringLike: { "aws:PrincipalArn": "*" } }))], message: /lets any principal/ },
        { name: "AWS \"*\" limited by an ...IfExists operator (absent key passes)", resources: [trust("if-exists", assume({ AWS: "*" }, { StringEqualsIfExists: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } }))], message: /lets any principal/ },
        { name: "AWS \"*\" limited by a role ARN pattern for every account", resources: [trust("any-account", assume({ AWS: "*" }, { ArnLike: { "aws:PrincipalArn": "arn:aws:iam::*:role/admin" } }))], message: /lets any principal/ },
        { name: "another account's root without a condition", resources: [trust("partner", assume({ AWS: `arn:aws:iam::${PARTNER}:root` }))], message: /Statement Trust lets every principal of account 444455556666 assume the role with no sts:ExternalId/ },
        { name: "a bare account ID (the own account when trustedAccounts does not list it)", resources: [trust("bare", assume({ AWS: [ACCOUNT] }))], message: /every principal of account 111122223333/ },
        { name: "an account root with an external ID that is a wildcard", resources: [trust("wild-id", assume({ AWS: `arn:aws:iam::${PARTNER}:root` }, { StringLike: { "sts:ExternalId": "*" } }))], message: /every principal of account 444455556666/ },
        { name: "NotPrincipal with Allow (everyone but one)", resources: [trust("not-principal", { Sid: "AllBut", Effect: "Allow", NotPrincipal: { AWS: `arn:aws:iam::${PARTNER}:root` }, Action: "sts:AssumeRole" })], message: /Statement AllBut lets any principal/ },
        { name: "GitHub OIDC with the audience only (every repository on GitHub)", resources: [trust("any-repo", webIdentity({ StringEquals: audience }))], message: /Statement GitHub lets every identity of .*token\.actions\.githubusercontent\.com assume the role: no condition on token\.actions\.githubusercontent\.com:sub/ },
        { name: "GitHub OIDC with sub \"repo:*\"", resources: [trust("repo-star", webIdentity({ StringEquals: audience, StringLike: { "token.actions.githubusercontent.com:sub": "repo:*" } }))], message: /no condition on token\.actions\.githubusercontent\.com:sub/ },
        { name: "sts:* granted to anyone, in a single-statement object", resources: [role("sts-star", { assumeRolePolicy: JSON.stringify({ Statement: { Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:*" } }) })], message: /Statement 1 \(no Sid\) lets any principal/ },
        { name: "a trust policy that is not JSON", resources: [role("broken", { assumeRolePolicy: "{" })], message: /assumeRolePolicy is not a valid policy document/ },
    ],
    unknown: [
        { name: "trust policy not known yet", resources: [role("later", { assumeRolePolicy: unknown })] },
        { name: "the principal of a statement not known yet", resources: [role("later-object", { assumeRolePolicy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: unknown, Action: "sts:AssumeRole" }] } })] },
    ],
});
