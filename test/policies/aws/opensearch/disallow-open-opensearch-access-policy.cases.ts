import { resource, ruleCases, unknown } from "../../../harness/policy-cases";
import { accessPolicy, domain, elasticsearchDomain } from "./baseline";

type Resource = ReturnType<typeof resource>;

const domainPolicy = (name: string, target: Resource | string, policy: unknown, type = "aws:opensearch/domainPolicy:DomainPolicy") =>
    typeof target === "string"
        ? resource(type, name, { domainName: target, accessPolicies: policy })
        : resource(type, name, { domainName: target.props.domainName, accessPolicies: policy }, { from: { domainName: [target] } });
const inOrg = { Condition: { StringEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } } };
const search = domain("search", { accessPolicies: undefined });

export default ruleCases("disallow-open-opensearch-access-policy", {
    compliant: [
        { name: "an open policy on a VPC domain with fine-grained access control (AWS's recommended setup)", resources: [domain("search")] },
        { name: "a separate open domain policy for that domain", resources: [search, domainPolicy("search", search, accessPolicy("search"))] },
        { name: "a policy naming an IAM role, domain outside the stack", resources: [domainPolicy("external", "external", accessPolicy("external", { Principal: { AWS: "arn:aws:iam::111122223333:role/search-reader" } }))] },
        { name: "everyone in the organization, domain outside the stack", resources: [domainPolicy("external", "external", accessPolicy("external", inOrg), "aws:elasticsearch/domainPolicy:DomainPolicy")] },
    ],
    violating: [
        {
            name: "an open policy on a domain without fine-grained access control",
            resources: [domain("search", { advancedSecurityOptions: { enabled: false } })],
            message: /Statement Everyone of the access policy of domain search allows Principal \{AWS: "\*"\} to es:ESHttp\* with no condition limiting the caller, and the domain is not in a VPC with fine-grained access control/,
        },
        { name: "an open policy on a public domain", resources: [elasticsearchDomain("logs", { vpcOptions: undefined })], message: /the domain is not in a VPC with fine-grained access control/ },
        { name: "an open policy on a domain with anonymous access", resources: [domain("search", { advancedSecurityOptions: { enabled: true, anonymousAuthEnabled: true } })], message: /Statement Everyone/ },
        {
            name: "a separate open domain policy for a domain without fine-grained access control",
            resources: [domain("search", { accessPolicies: undefined, advancedSecurityOptions: undefined }), domainPolicy("search", search, accessPolicy("search"))],
            message: /Statement Everyone of domain policy search allows/,
        },
        { name: "an open domain policy for a domain outside the stack", resources: [domainPolicy("external", "external", accessPolicy("external"))], message: /its domain is not in this stack/ },
        { name: "a domain policy that is not JSON", resources: [domainPolicy("broken", "external", "{not json")], message: /domain policy broken is not valid JSON/ },
    ],
    unknown: [
        { name: "a domain policy built from the domain's ARN, not known yet", resources: [search, domainPolicy("later", search, unknown)] },
    ],
});
