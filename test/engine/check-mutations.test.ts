/**
 * The check catches a security setting removed from the program: each case edits a component of a
 * copy of the project the way a careless change would, and runs the check command on the copy. Every
 * mutation trips a different rule and the committed program trips none (test/stacks), so mutations
 * are applied in two batches, one check run each, and each rule's violation can only come from its
 * own mutation.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { before, describe, it } from "node:test";
import { CliResult, copyProject, runCheckCli } from "../harness/cli";

interface Mutation {
    readonly what: string;
    readonly edits: readonly { readonly file: string; readonly from: string | RegExp; readonly to: string }[];
    readonly policy: string;
    readonly control: string;
}

const MUTATIONS: readonly Mutation[] = [
    {
        what: "flow logs removed from the network",
        edits: [
            { file: "infra/aws/network.ts", from: /        this\.flowLogs = new VpcFlowLogs\([\s\S]*?\n        \}, parent\);\n/, to: "" },
            { file: "infra/aws/aws-platform.ts", from: "        flowLogGroup: network.flowLogs.logGroup.name,\n", to: "" },
        ],
        policy: "require-vpc-flow-logs",
        control: "AWS FSBP EC2.6",
    },
    {
        what: "subnets assigning public IPs",
        edits: [{ file: "infra/aws/network.ts", from: "mapPublicIpOnLaunch: false", to: "mapPublicIpOnLaunch: true" }],
        policy: "disallow-subnet-public-ip",
        control: "AWS FSBP EC2.15",
    },
    {
        what: "key rotation turned off",
        edits: [{ file: "infra/aws/kms-keys.ts", from: "enableKeyRotation: true", to: "enableKeyRotation: false" }],
        policy: "require-kms-key-rotation",
        control: "AWS FSBP KMS.4",
    },
    {
        what: "the default security group left to AWS",
        edits: [{ file: "infra/aws/network.ts", from: /        new aws\.ec2\.DefaultSecurityGroup\(.*\n/, to: "" }],
        policy: "restrict-default-security-group",
        control: "AWS FSBP EC2.2",
    },
    {
        what: "log retention dropped",
        edits: [{ file: "infra/aws/log-group.ts", from: "        retentionInDays: args.retentionInDays,\n", to: "" }],
        policy: "require-log-group-retention",
        control: "AWS FSBP CloudWatch.16",
    },
    {
        what: "log encryption dropped",
        edits: [{ file: "infra/aws/log-group.ts", from: "        kmsKeyId: args.kmsKeyArn,\n", to: "" }],
        policy: "require-log-group-encryption",
        control: "AWS Config cloudwatch-log-group-encrypted",
    },
    {
        what: "the cluster endpoint opened to the internet",
        edits: [
            { file: "infra/aws/eks-cluster.ts", from: "endpointPublicAccess: publicCidrs.length > 0,", to: "endpointPublicAccess: true," },
            { file: "infra/aws/eks-cluster.ts", from: "...(publicCidrs.length > 0 ? { publicAccessCidrs: [...publicCidrs] } : {}),", to: "publicAccessCidrs: [\"0.0.0.0/0\"]," },
        ],
        policy: "disallow-public-cluster-endpoint",
        control: "AWS FSBP EKS.1",
    },
    {
        what: "secrets encryption dropped",
        edits: [{ file: "infra/aws/eks-cluster.ts", from: /            encryptionConfig: .*\n/, to: "" }],
        policy: "require-cluster-secrets-encryption",
        control: "AWS FSBP EKS.3",
    },
    {
        what: "audit logs dropped",
        edits: [{ file: "infra/aws/eks-cluster.ts", from: "enabledClusterLogTypes: [...CONTROL_PLANE_LOG_TYPES],", to: "enabledClusterLogTypes: [\"api\"]," }],
        policy: "require-cluster-audit-logging",
        control: "AWS FSBP EKS.8",
    },
    {
        what: "IMDSv1 allowed on nodes",
        edits: [{ file: "infra/aws/eks-node-group.ts", from: "httpTokens: \"required\",", to: "httpTokens: \"optional\"," }],
        policy: "require-imdsv2",
        control: "AWS FSBP EC2.170",
    },
    {
        what: "the IMDS hop limit raised to 2",
        edits: [{ file: "infra/aws/eks-node-group.ts", from: "httpPutResponseHopLimit: 1,", to: "httpPutResponseHopLimit: 2," }],
        policy: "restrict-imds-hop-limit",
        control: "EKS BP restrict-imds",
    },
    {
        what: "node volumes left unencrypted",
        edits: [{ file: "infra/aws/eks-node-group.ts", from: "encrypted: \"true\",", to: "encrypted: \"false\"," }],
        policy: "require-launch-template-ebs-encryption",
        control: "AWS FSBP EC2.3",
    },
    {
        what: "the HTTP listener forwarding instead of redirecting",
        edits: [{ file: "infra/aws/dmz-edge.ts", from: /defaultActions: \[\{ type: "redirect", redirect: .* \}\],/, to: "defaultActions: [{ type: \"forward\", targetGroupArn: this.targetGroup.arn }]," }],
        policy: "require-https-listeners",
        control: "AWS FSBP ELB.1",
    },
    {
        what: "a TLS policy outside the ELB.17 list",
        edits: [{ file: "infra/aws/dmz-edge.ts", from: "sslPolicy: args.tlsPolicy,", to: "sslPolicy: \"ELBSecurityPolicy-2016-08\"," }],
        policy: "require-tls-security-policy",
        control: "AWS FSBP ELB.17",
    },
    {
        what: "the WAF removed from the load balancer",
        edits: [{ file: "infra/aws/dmz-edge.ts", from: /        new WebAcl\([\s\S]*?\n        \}, parent\);\n/, to: "" }],
        policy: "require-alb-web-acl",
        control: "AWS Config alb-waf-enabled",
    },
    {
        what: "load balancer access logs turned off",
        edits: [{ file: "infra/aws/dmz-edge.ts", from: "prefix: \"alb\", enabled: true }", to: "prefix: \"alb\", enabled: false }" }],
        policy: "require-lb-access-logs",
        control: "AWS FSBP ELB.5",
    },
    {
        what: "the node security group opened to the internet",
        edits: [{ file: "infra/aws/node-security-group.ts", from: "            referencedSecurityGroupId: nodes,\n            ipProtocol: \"-1\",", to: "            cidrIpv4: \"0.0.0.0/0\",\n            ipProtocol: \"-1\"," }],
        policy: "restrict-ingress-from-internet",
        control: "AWS FSBP EC2.18",
    },
    {
        what: "network policy enforcement left off in the VPC CNI",
        edits: [{ file: "infra/aws/eks-addons.ts", from: "export const VPC_CNI_CONFIGURATION = { enableNetworkPolicy: \"true\" } as const;", to: "export const VPC_CNI_CONFIGURATION = { enableNetworkPolicy: \"false\" } as const;" }],
        policy: "require-network-policy-enforcement",
        control: "CIS EKS 5.4.4",
    },
    {
        what: "the mesh accepting plaintext",
        edits: [{ file: "infra/k8s/mesh/istio-mesh.ts", from: 'spec: { mtls: { mode: "STRICT" } },', to: 'spec: { mtls: { mode: "PERMISSIVE" } },' }],
        policy: "require-strict-mtls",
        control: "EKS BP encryption-in-transit",
    },
    {
        what: "istiod letting workloads call any host",
        edits: [{ file: "infra/k8s/mesh/istio-mesh.ts", from: 'outboundTrafficPolicy: { mode: "REGISTRY_ONLY" },', to: 'outboundTrafficPolicy: { mode: "ALLOW_ANY" },' }],
        policy: "restrict-mesh-outbound-traffic",
        control: "EKS BP encryption-in-transit",
    },
    {
        what: "namespaces admitting baseline pods",
        edits: [{ file: "infra/k8s/secure-namespace.ts", from: 'const level = Object.hasOwn(PRIVILEGED_NAMESPACES, ns) ? "privileged" : "restricted";', to: 'const level = Object.hasOwn(PRIVILEGED_NAMESPACES, ns) ? "privileged" : "baseline";' }],
        policy: "require-pod-security-labels",
        control: "CIS K8s 5.2.1",
    },
    {
        what: "namespaces without a default-deny policy",
        edits: [{ file: "infra/k8s/secure-namespace.ts", from: "        defaultDeny(ns, child);\n", to: "" }],
        policy: "require-default-deny-network-policy",
        control: "CIS K8s 5.3.2",
    },
    {
        what: "default service accounts mounting tokens",
        edits: [{ file: "infra/k8s/secure-namespace.ts", from: "automountServiceAccountToken: false,", to: "automountServiceAccountToken: true," }],
        policy: "disable-default-service-account-token",
        control: "CIS K8s 5.1.5",
    },
    {
        what: "tenant roles reading every Secret",
        edits: [{ file: "infra/k8s/tenant.ts", from: 'verbs: readSecrets ? WORKLOAD_VERBS : ["create", "delete"]', to: "verbs: WORKLOAD_VERBS" }],
        policy: "restrict-secret-access",
        control: "CIS K8s 5.1.2",
    },
    {
        what: "MongoDB accepting plain connections",
        edits: [{ file: "infra/k8s/mongodb/percona-mongodb.ts", from: 'tls: { mode: "requireTLS", allowInvalidCertificates: false }', to: 'tls: { mode: "preferTLS", allowInvalidCertificates: false }' }],
        policy: "require-mongodb-tls",
        control: "EKS BP encryption-in-transit",
    },
    {
        what: "MongoDB encryption at rest turned off",
        edits: [{ file: "infra/k8s/mongodb/percona-mongodb.ts", from: "enableEncryption: true", to: "enableEncryption: false" }],
        policy: "require-mongodb-encryption-at-rest",
        control: "EKS BP encryption-at-rest",
    },
    {
        what: "the data StorageClass left unencrypted",
        edits: [{ file: "infra/aws/ebs-storage.ts", from: 'encrypted: "true",', to: 'encrypted: "false",' }],
        policy: "require-encrypted-storage-class",
        control: "AWS FSBP EC2.3",
    },
    {
        what: "the backup vault on the AWS-managed key",
        edits: [{ file: "infra/aws/backup-plan.ts", from: "            kmsKeyArn: args.kmsKeyArn,\n", to: "" }],
        policy: "require-backup-vault-encryption",
        control: "AWS FSBP Backup.1",
    },
    {
        what: "the keystore secret on the AWS-managed key",
        edits: [{ file: "infra/aws/keystore-secret.ts", from: "            kmsKeyId: args.kmsKeyArn,\n", to: "" }],
        policy: "require-secret-cmk",
        control: "AWS Config secretsmanager-using-cmk",
    },
    {
        what: "the JWT signing key on the provider's default curve",
        edits: [{ file: "infra/secrets/keystore.ts", from: '{ algorithm: "ECDSA", ecdsaCurve: "P256" }', to: '{ algorithm: "ECDSA" }' }],
        policy: "require-strong-private-keys",
        control: "NIST SP 800-57 5.6.1",
    },
    {
        what: "a 16-byte hash salt",
        edits: [{ file: "infra/secrets/keystore.ts", from: "HASH_SALT_BYTES = 32", to: "HASH_SALT_BYTES = 16" }],
        policy: "require-long-random-secrets",
        control: "NIST SP 800-57 5.6.1",
    },
    {
        what: "the backup selection matching another tag",
        edits: [{ file: "infra/aws/backup-plan.ts", from: "key: args.volumeTag.key, value: args.volumeTag.value", to: 'key: args.volumeTag.key, value: "elsewhere"' }],
        policy: "require-backup-for-data-volumes",
        control: "AWS FSBP EC2.28",
    },
    {
        what: "the account trail's log file validation turned off",
        edits: [{ file: "infra/aws/audit-trail.ts", from: "enableLogFileValidation: true,", to: "enableLogFileValidation: false," }],
        policy: "require-trail-hardening",
        control: "AWS FSBP CloudTrail.4",
    },
    {
        what: "the logical-backup bucket's server access logging removed",
        edits: [{ file: "infra/aws/logical-backup-bucket.ts", from: "accessLogs: args.accessLogs,", to: 'accessLogs: "log-target",' }],
        policy: "require-bucket-access-logging",
        control: "AWS FSBP S3.9",
    },
    {
        what: "namespaces no longer opted in to signature verification",
        edits: [{ file: "infra/k8s/secure-namespace.ts", from: '...(args.verifyImages ? { [VERIFICATION_OPT_IN_LABEL]: "true" } : {}),', to: "" }],
        policy: "require-image-verification",
        control: "CIS K8s 5.5.1",
    },
    {
        what: "the tenant-key readers' way to KMS widened to the internet",
        edits: [{ file: "infra/aws/aws-platform.ts", from: '{ name: "kms", direction: "Egress", peers: [{ ipBlock: { cidr: config.network.vpcCidr } }]', to: '{ name: "kms", direction: "Egress", peers: [{ ipBlock: { cidr: "0.0.0.0/0" } }]' }],
        policy: "restrict-internet-egress",
        control: "NIST SP 800-53 SC-7",
    },
    {
        what: "public snapshot sharing unblocked",
        edits: [{ file: "infra/aws/ebs-storage.ts", from: '{ state: "block-all-sharing" }', to: '{ state: "unblocked" }' }],
        policy: "disallow-public-ebs-snapshots",
        control: "AWS FSBP EC2.1",
    },
];

function apply(root: string, mutation: Mutation): void {
    for (const edit of mutation.edits) {
        const file = path.join(root, edit.file);
        const text = fs.readFileSync(file, "utf8");
        const edited = text.replace(edit.from, edit.to);
        assert.notEqual(edited, text, `${mutation.what}: ${edit.file} no longer contains ${String(edit.from)}`);
        fs.writeFileSync(file, edited);
    }
}

const results = new Map<string, CliResult>();

before(async () => {
    const policies = MUTATIONS.map((m) => m.policy);
    assert.equal(new Set(policies).size, policies.length, "each mutation must trip a rule of its own");
    const batches = [0, 1].map((k) => MUTATIONS.filter((_, i) => i % 2 === k));
    await Promise.all(batches.map(async (batch) => {
        const root = copyProject();
        batch.forEach((mutation) => apply(root, mutation));
        const result = await runCheckCli(["--stack", "dev"], { root });
        batch.forEach((mutation) => results.set(mutation.what, result));
        fs.rmSync(root, { recursive: true, force: true });
    }));
});

describe("check on a weakened program", () => {
    for (const mutation of MUTATIONS) {
        it(`exits 1 naming ${mutation.policy} when ${mutation.what}`, () => {
            const result = results.get(mutation.what)!;
            assert.equal(result.code, 1, result.stderr);
            assert.match(result.stdout, new RegExp(`MANDATORY  ${mutation.policy} `));
            assert.ok(result.stdout.includes(mutation.control), `the violation names ${mutation.control}`);
            assert.match(result.stdout, /FAILED: \d+ mandatory violation/);
        });
    }
});
