/**
 * A compliant OpenSearch Service domain the OpenSearch rules' corpora change one field of: in a VPC,
 * encrypted at rest and between nodes, HTTPS with the latest TLS policy, fine-grained access control with
 * an IAM master role, and the open access policy AWS recommends for that setup.
 */
import { resource } from "../../../harness/policy-cases";
import { defined } from "../defined";

export const SEARCH_KEY = "arn:aws:kms:eu-west-1:111122223333:key/7c8d9e0f-1a2b-4c3d-4e5f-6a7b8c9d0e1f";

export const accessPolicy = (name: string, overrides: Record<string, unknown> = {}) => JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Sid: "Everyone", Effect: "Allow", Principal: { AWS: "*" }, Action: "es:ESHttp*", Resource: `arn:aws:es:eu-west-1:111122223333:domain/${name}/*`, ...overrides }],
});

export const domainProps = (name: string, overrides: Record<string, unknown> = {}) => ({
    domainName: name,
    clusterConfig: { instanceType: "r6g.large.search", instanceCount: 3, zoneAwarenessEnabled: true },
    encryptAtRest: { enabled: true, kmsKeyId: SEARCH_KEY },
    nodeToNodeEncryption: { enabled: true },
    domainEndpointOptions: { enforceHttps: true, tlsSecurityPolicy: "Policy-Min-TLS-1-2-PFS-2023-10" },
    vpcOptions: { subnetIds: ["subnet-0a1b2c3d4e5f60718", "subnet-0b2c3d4e5f6071829"], securityGroupIds: ["sg-0c3d4e5f607182930"] },
    advancedSecurityOptions: { enabled: true, internalUserDatabaseEnabled: false, masterUserOptions: { masterUserArn: "arn:aws:iam::111122223333:role/search-admin" } },
    accessPolicies: accessPolicy(name),
    ...overrides,
});

export const domain = (name: string, overrides: Record<string, unknown> = {}) =>
    resource("aws:opensearch/domain:Domain", name, defined({ engineVersion: "OpenSearch_2.13", ...domainProps(name, overrides) }));

/** The same domain on the legacy Elasticsearch resource. */
export const elasticsearchDomain = (name: string, overrides: Record<string, unknown> = {}) =>
    resource("aws:elasticsearch/domain:Domain", name, defined({ elasticsearchVersion: "7.10", ...domainProps(name, overrides) }));
