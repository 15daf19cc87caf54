/**
 * Every committed stack renders through the check command (a child process per stack, as a user runs
 * it) with zero violations, and deploys what the design promises.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { ROOT, runCheckCli } from "../harness/cli";
import { GENERATED_SECRET_FORMS } from "../../engine/mocks";
import { stringsWithPaths as strings } from "../harness/resources";

interface JsonResource {
    urn: string;
    type: string;
    name: string;
    parent: string | null;
    custom: boolean;
    protect: boolean;
    dependencies: string[];
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    inputs: Record<string, any>;
}

interface JsonReport {
    stack: string;
    resources: JsonResource[];
    outputs: Record<string, unknown>;
    violations: { policy: string; enforcementLevel: string; urn: string; message: string }[];
}

const STACKS = ["dev", "staging", "prod"] as const;
/** What prod must keep from `pulumi destroy`: keys, audit logs and every store of data or secrets. */
const STATEFUL_TYPES = [
    "aws:kms/key:Key", "aws:cloudwatch/logGroup:LogGroup", "aws:secretsmanager/secret:Secret", "aws:backup/vault:Vault",
    "aws:backup/vaultLockConfiguration:VaultLockConfiguration", "aws:s3/bucket:Bucket", "kubernetes:storage.k8s.io/v1:StorageClass",
    "kubernetes:snapshot.storage.k8s.io/v1:VolumeSnapshotClass", "kubernetes:psmdb.percona.com/v1:PerconaServerMongoDB",
];
const reports = new Map<string, { code: number | null; report: JsonReport; stdout: string; stderr: string }>();

before(async () => {
    await Promise.all(STACKS.map(async (stack) => {
        const result = await runCheckCli(["--stack", stack, "--format", "json"]);
        let report: JsonReport;
        try {
            report = JSON.parse(result.stdout) as JsonReport;
        } catch {
            throw new Error(`${stack}: no JSON on stdout (exit ${result.code}):\n${result.stderr}`);
        }
        reports.set(stack, { code: result.code, report, stdout: result.stdout, stderr: result.stderr });
    }));
});

const ofType = (report: JsonReport, type: string) => report.resources.filter((r) => r.type === type);


/** Image registries nodes cannot reach from the data tier (only the stack's own ECR registry, through its endpoints). */
const PUBLIC_REGISTRIES = /docker\.io|quay\.io|gcr\.io|ghcr\.io|registry\.k8s\.io|public\.ecr\.aws/;
/** The image cache's own configuration names the upstream registries it fetches from, by design. */
const CACHE_CONFIGURATION = /^aws:ecr\//;
/** Where chart values, database resources and pod specs name an image or a registry hub. */
const IMAGE_PATH = /(^|\.)(image|initImage|hub)(\.repository)?$/;
const ACCOUNTS: Readonly<Record<(typeof STACKS)[number], string>> = { dev: "111122223333", staging: "444455556666", prod: "777788889999" };

for (const stack of STACKS) {
    describe(`stack ${stack}`, () => {
        it("exits 0 with no violation at all", () => {
            const { code, report, stderr } = reports.get(stack)!;
            assert.deepEqual(report.violations, [], stderr);
            assert.equal(code, 0);
            assert.equal(report.stack, stack);
        });

        it("records the account in its own multi-Region trail under the audit key, and every bucket's access in the log bucket", () => {
            const { report } = reports.get(stack)!;
            const [trail, ...others] = ofType(report, "aws:cloudtrail/trail:Trail");
            assert.equal(others.length, 0);
            assert.deepEqual([trail.inputs.name, trail.inputs.isMultiRegionTrail, trail.inputs.enableLogFileValidation], [`secure-platform-${stack}`, true, true]);
            const auditKey = ofType(report, "aws:kms/key:Key").find((k) => k.inputs.tags?.Purpose === "audit")!;
            assert.ok(trail.dependencies.includes(auditKey.urn), "encrypted with the audit key");
            const locks = ofType(report, "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration");
            assert.deepEqual(locks.map((l) => l.inputs.rule.defaultRetention.mode), stack === "prod" ? ["COMPLIANCE"] : []);
            const buckets = ofType(report, "aws:s3/bucket:Bucket");
            const logBucket = buckets.find((b) => b.name === "edge-access-logs")!;
            const loggings = ofType(report, "aws:s3/bucketLogging:BucketLogging");
            assert.ok(loggings.every((l) => l.dependencies.includes(logBucket.urn)), "every bucket logs into the log bucket");
            assert.deepEqual(buckets.filter((b) => b !== logBucket && !loggings.some((l) => l.dependencies.includes(b.urn))).map((b) => b.name), []);
        });

        it("detects threats with GuardDuty, checks FSBP and CIS in Security Hub and records every resource in AWS Config", () => {
            const { report } = reports.get(stack)!;
            const [detector, ...moreDetectors] = ofType(report, "aws:guardduty/detector:Detector");
            assert.equal(moreDetectors.length, 0);
            assert.deepEqual([detector.inputs.enable, detector.inputs.findingPublishingFrequency], [true, "FIFTEEN_MINUTES"]);
            const features = ofType(report, "aws:guardduty/detectorFeature:DetectorFeature").filter((f) => f.dependencies.includes(detector.urn) && f.inputs.status === "ENABLED");
            assert.deepEqual(features.map((f) => f.inputs.name).sort(), ["EBS_MALWARE_PROTECTION", "EKS_AUDIT_LOGS", "RUNTIME_MONITORING", "S3_DATA_EVENTS"]);
            assert.deepEqual(ofType(report, "aws:securityhub/standardsSubscription:StandardsSubscription").map((s) => s.inputs.standardsArn).sort(), [
                "arn:aws:securityhub:eu-west-1::standards/aws-foundational-security-best-practices/v/1.0.0",
                "arn:aws:securityhub:eu-west-1::standards/cis-aws-foundations-benchmark/v/3.0.0",
            ]);
            const [recorder] = ofType(report, "aws:cfg/recorder:Recorder");
            assert.deepEqual(recorder.inputs.recordingGroup, { allSupported: true, includeGlobalResourceTypes: true });
            assert.deepEqual(ofType(report, "aws:cfg/recorderStatus:RecorderStatus").map((r) => r.inputs.isEnabled), [true]);
        });

        it("reports every resource with its type, parent, options, dependencies and inputs", () => {
            const { report } = reports.get(stack)!;
            for (const r of report.resources) {
                assert.deepEqual(Object.keys(r), ["urn", "type", "name", "parent", "custom", "protect", "dependencies", "inputs"]);
            }
            assert.equal(report.resources[0].type, "pulumi:pulumi:Stack");
            assert.ok(report.resources.slice(1).every((r) => r.parent !== null), "everything hangs under the stack");
        });

        it("contains the VPC, three tiers of subnets per zone, NACLs, endpoints, flow logs and keys", () => {
            const { report } = reports.get(stack)!;
            const zones = stack === "dev" ? 2 : 3;
            assert.equal(ofType(report, "aws:ec2/vpc:Vpc").length, 1);
            const subnets = ofType(report, "aws:ec2/subnet:Subnet");
            for (const tier of ["dmz", "app", "data"]) {
                assert.equal(subnets.filter((s) => s.inputs.tags.Tier === tier).length, zones, tier);
            }
            assert.deepEqual(ofType(report, "aws:ec2/networkAcl:NetworkAcl").map((a) => a.inputs.tags.Tier).sort(), ["app", "data", "dmz"]);
            const endpoints = ofType(report, "aws:ec2/vpcEndpoint:VpcEndpoint");
            assert.ok(endpoints.some((e) => e.inputs.vpcEndpointType === "Gateway" && e.inputs.serviceName.endsWith(".s3")));
            assert.ok(endpoints.filter((e) => e.inputs.vpcEndpointType === "Interface").length >= 8);
            const [flowLog] = ofType(report, "aws:ec2/flowLog:FlowLog");
            assert.equal(flowLog.inputs.trafficType, "ALL");
            const keys = ofType(report, "aws:kms/key:Key");
            // One per purpose, the audit trail's and AWS Config's (both created by default), plus the backup copy
            // region's key where copies are configured.
            assert.equal(keys.length, stack === "prod" ? 9 : 8);
            assert.ok(keys.every((k) => k.inputs.enableKeyRotation === true));
        });

        it("runs a hardened EKS cluster with Bottlerocket node groups in the app and data tiers behind a WAF-protected ALB", () => {
            const { report } = reports.get(stack)!;
            const [cluster] = ofType(report, "aws:eks/cluster:Cluster");
            assert.equal(cluster.inputs.accessConfig.authenticationMode, "API");
            assert.equal(cluster.inputs.encryptionConfig.resources[0], "secrets");
            const groups = ofType(report, "aws:eks/nodeGroup:NodeGroup");
            assert.deepEqual(groups.map((g) => g.inputs.labels["secure-platform/node-group"]).sort(), ["app", "data"]);
            assert.ok(groups.every((g) => g.inputs.amiType.startsWith("BOTTLEROCKET_")));
            assert.equal(ofType(report, "aws:eks/addon:Addon").length, 6);
            assert.equal(ofType(report, "aws:wafv2/webAclAssociation:WebAclAssociation").length, 1);
            assert.equal(ofType(report, "pulumi:providers:kubernetes").length, 1);
        });

        it("runs the mesh and gives the platform, data and every tenant of its stack file a restricted, deny-all namespace", () => {
            const { report } = reports.get(stack)!;
            const tenants = [...readFileSync(join(ROOT, "stacks", `Pulumi.${stack}.yaml`), "utf8").matchAll(/^ {4}- name: ([a-z0-9-]+)$/gm)].map((m) => `tenant-${m[1]}`);
            assert.ok(tenants.length >= 2, "the stack file names tenants");
            const namespaces = ofType(report, "kubernetes:core/v1:Namespace").map((n) => n.inputs.metadata.name as string);
            // image-warmup: the Job that pulls the data nodes' images through the cache first (infra/aws/image-warmup.ts).
            // cosign-system: the image-verification controller (infra/k8s/admission/image-verification.ts).
            assert.deepEqual(namespaces.sort(), ["cosign-system", "data", "image-warmup", "istio-cni", "istio-egress", "istio-ingress", "istio-system", "platform", ...tenants].sort());
            const denied = ofType(report, "kubernetes:networking.k8s.io/v1:NetworkPolicy").filter((p) => p.inputs.metadata.name === "default-deny").map((p) => p.inputs.metadata.namespace);
            assert.deepEqual(denied.sort(), namespaces.sort());
            const charts = ofType(report, "kubernetes:helm.sh/v3:Release").map((r) => r.inputs.chart as string);
            assert.deepEqual(charts.sort(), ["base", "cni", "gateway", "gateway", "istiod", "policy-controller", "psmdb-operator", "psmdb-operator-crds"]);
            const [meshWide] = ofType(report, "kubernetes:security.istio.io/v1:PeerAuthentication");
            assert.equal(meshWide.inputs.spec.mtls.mode, "STRICT");
        });

        it("grants the platform's host to the platform namespace and each tenant's own host to the tenant's namespace, and nothing to every namespace", () => {
            const { report } = reports.get(stack)!;
            const file = readFileSync(join(ROOT, "stacks", `Pulumi.${stack}.yaml`), "utf8");
            const domain = /^ {2}secure-platform:domainName: (\S+)$/m.exec(file)![1];
            const tenants = [...file.matchAll(/^ {4}- name: ([a-z0-9-]+)$/gm)].map((m) => m[1]);
            const gateways = ofType(report, "kubernetes:networking.istio.io/v1:Gateway");
            assert.equal(gateways.length, 1);
            assert.deepEqual(gateways[0].inputs.spec.servers.flatMap((server: { hosts: string[] }) => server.hosts), [
                "istio-ingress/*", `platform/${domain}`, ...tenants.map((t) => `tenant-${t}/${t}.${domain}`),
            ]);
        });

        it("admits to the gateway's pods only the load balancer's DMZ subnets, on HTTPS and the status port", () => {
            const { report } = reports.get(stack)!;
            const dmz = ofType(report, "aws:ec2/subnet:Subnet").filter((s) => s.inputs.tags?.Tier === "dmz").map((s) => s.inputs.cidrBlock as string);
            assert.ok(dmz.length >= 2, "the DMZ subnets are tagged with their tier");
            const clients = ofType(report, "kubernetes:networking.k8s.io/v1:NetworkPolicy").find((p) => p.inputs.metadata.namespace === "istio-ingress" && p.inputs.metadata.name === "allow-clients")!;
            assert.deepEqual(clients.inputs.spec.ingress.map((rule: { from: Array<{ ipBlock: { cidr: string } }> }) => rule.from.map((peer) => peer.ipBlock.cidr).sort()), [dmz.sort()]);
            assert.deepEqual(clients.inputs.spec.ingress[0].ports.map((port: { port: number }) => port.port), [8443, 15021]);
        });

        it(stack === "prod" ? "protects keys, audit logs and every data store from pulumi destroy" : "leaves keys and data stores unprotected so the environment can be torn down", () => {
            const { report } = reports.get(stack)!;
            const stateful = STATEFUL_TYPES.flatMap((type) => ofType(report, type));
            assert.ok(stateful.length >= 15, `${stateful.length} stateful resources`);
            assert.deepEqual(stateful.filter((r) => r.protect !== (stack === "prod")).map((r) => r.urn), []);
            const snapshotClass = ofType(report, "kubernetes:snapshot.storage.k8s.io/v1:VolumeSnapshotClass")[0];
            assert.equal(snapshotClass.inputs.deletionPolicy, "Retain");
            assert.equal(ofType(report, "kubernetes:storage.k8s.io/v1:StorageClass")[0].inputs.reclaimPolicy, "Retain");
        });

        it("contains the keystore, the PKI, the MongoDB operator and replica set, encrypted storage and backups", () => {
            const { report } = reports.get(stack)!;
            const count = (type: string) => ofType(report, type).length;
            // Besides one per version of each tenant's key (checked with the tenant keys).
            assert.equal(ofType(report, "random:index/randomBytes:RandomBytes").filter((r) => !/^tenant-.*-key-v\d+$/.test(r.name)).length, 3, "root key, hash salt, MongoDB encryption key");
            assert.equal(count("aws:secretsmanager/secret:Secret"), 1);
            assert.equal(ofType(report, "kubernetes:core/v1:Secret").filter((r) => r.inputs.metadata.name === "platform-keystore").length, 1);
            assert.equal(count("tls:index/selfSignedCert:SelfSignedCert"), 1, "one CA");
            assert.equal(count("tls:index/locallySignedCert:LocallySignedCert"), 3, "gateway, MongoDB server and internal");
            const [mongodb] = ofType(report, "kubernetes:psmdb.percona.com/v1:PerconaServerMongoDB");
            assert.equal(mongodb.inputs.spec.replsets[0].size, stack === "dev" ? 1 : 3);
            assert.equal(mongodb.inputs.spec.tls.mode, "requireTLS");
            const [storageClass] = ofType(report, "kubernetes:storage.k8s.io/v1:StorageClass");
            assert.equal(mongodb.inputs.spec.replsets[0].volumeSpec.persistentVolumeClaim.storageClassName, storageClass.inputs.metadata.name);
            assert.equal(storageClass.inputs.parameters.encrypted, "true");
            assert.equal(count("kubernetes:snapshot.storage.k8s.io/v1:VolumeSnapshotClass"), 1);
            assert.equal(count("aws:backup/vault:Vault"), stack === "prod" ? 2 : 1);
            assert.equal(count("aws:backup/plan:Plan"), 1);
            const [selection] = ofType(report, "aws:backup/selection:Selection");
            const [key, value] = String(storageClass.inputs.parameters.tagSpecification_1).split("=");
            assert.deepEqual(selection.inputs.selectionTags, [{ type: "STRINGEQUALS", key, value }]);
            assert.equal(count("aws:backup/vaultLockConfiguration:VaultLockConfiguration"), stack === "prod" ? 2 : 0);
            // The image-verification controller reads images and their signatures (and staging's KMS signing key) as its own role.
            assert.equal(count("aws:eks/podIdentityAssociation:PodIdentityAssociation"), 4, "the backup agent's, the operator's (expiry), the tenant keys' reader and the image-verification controller's");
        });

        it("shows no generated key, password or salt in plaintext, in resources, outputs or messages", () => {
            const { stdout, report } = reports.get(stack)!;
            for (const form of GENERATED_SECRET_FORMS) {
                assert.ok(!stdout.includes(form), `the JSON report contains generated material (${form})`);
            }
            assert.ok(stdout.includes("[secret]"), "secrets are shown redacted");
            assert.match(String(report.outputs.jwtPublicKeyPem), /BEGIN PUBLIC KEY/);
            assert.equal(typeof report.outputs.keystoreSecretArn, "string");
        });

        it("pulls every image of every chart, database and pod through the stack's own ECR registry", () => {
            const { report } = reports.get(stack)!;
            const registry = `${ACCOUNTS[stack]}.dkr.ecr.eu-west-1.amazonaws.com`;
            const images = report.resources.filter((r) => r.type.startsWith("kubernetes:")).flatMap((r) => strings(r.inputs).filter(({ path: p }) => IMAGE_PATH.test(p)).map(({ path: p, text }) => ({ where: `${r.name} ${p}`, text })));
            // Istio's hub in the cni and istiod charts, the operator chart's image, MongoDB's image, init image, backup agent and PMM client.
            assert.ok(images.length >= 7, images.map((i) => i.where).join(", "));
            for (const { where, text } of images) {
                assert.ok(["docker-hub", "quay", "github"].some((prefix) => text.startsWith(`${registry}/${prefix}/`)), `${where}: ${text}`);
            }
        });

        it("names no public registry anywhere but in the image cache's own rules", () => {
            const { report } = reports.get(stack)!;
            for (const r of report.resources.filter((resource) => !CACHE_CONFIGURATION.test(resource.type))) {
                for (const { path: p, text } of strings(r.inputs)) {
                    assert.doesNotMatch(text, PUBLIC_REGISTRIES, `${r.type} ${r.name} ${p}`);
                }
            }
        });

        it("caches Docker Hub with the stack's credential and lets the nodes import into the cache", () => {
            const { report } = reports.get(stack)!;
            const credential = readFileSync(join(ROOT, "stacks", `Pulumi.${stack}.yaml`), "utf8").match(/secure-platform:dockerHubCredentialArn: (\S+)/)![1];
            assert.ok(credential.startsWith(`arn:aws:secretsmanager:eu-west-1:${ACCOUNTS[stack]}:secret:ecr-pullthroughcache/`), credential);
            const rules = ofType(report, "aws:ecr/pullThroughCacheRule:PullThroughCacheRule").map((r) => r.inputs);
            assert.equal(rules.find((r) => r.upstreamRegistryUrl === "registry-1.docker.io")!.credentialArn, credential);
            const imports = ofType(report, "aws:iam/rolePolicy:RolePolicy").filter((p) => /ecr:BatchImportUpstreamImage/.test(p.inputs.policy));
            // The nodes, and the image-verification webhook, which may read an image before any node pulled it.
            assert.deepEqual(imports.map((p) => String(p.inputs.role).replace(/-[0-9a-f]+$/, "")).sort(), ["eks-roles-node", "image-verification"]);
        });

        it("gives every tenant its own key, each version sealed by KMS with the tenant in the context and only the platform's tenant-keys role allowed to open it", () => {
            const { report } = reports.get(stack)!;
            const file = readFileSync(join(ROOT, "stacks", `Pulumi.${stack}.yaml`), "utf8");
            const tenants = [...file.matchAll(/^ {4}- name: ([a-z0-9-]+)\n(?: {6}(?!- ).*\n)*/gm)].map((m) => ({ name: m[1], generation: Number(/keyGeneration: (\d+)/.exec(m[0])?.[1] ?? 1) }));
            const secrets = ofType(report, "kubernetes:core/v1:Secret").filter((s) => s.inputs.metadata.labels?.["secure-platform.io/tenant-key"]);
            assert.deepEqual(secrets.map((s) => s.inputs.metadata.labels["secure-platform.io/tenant-key"]).sort(), tenants.map((t) => t.name).sort());
            assert.ok(secrets.every((s) => s.inputs.metadata.namespace === "platform" && s.inputs.metadata.annotations["secure-platform.io/key-encryption"] === "aws-kms"));
            const ciphertexts = ofType(report, "aws:kms/ciphertext:Ciphertext");
            const versions = tenants.flatMap((t) => Array.from({ length: t.generation }, (_, i) => ({ tenant: t.name, "key-version": String(i + 1) })));
            const byVersion = (a: Record<string, string>, b: Record<string, string>) => `${a.tenant}/${a["key-version"]}`.localeCompare(`${b.tenant}/${b["key-version"]}`);
            assert.deepEqual(ciphertexts.map((c) => c.inputs.context).sort(byVersion), versions.sort(byVersion));
            const [secretsKey] = ofType(report, "aws:kms/key:Key").filter((k) => k.name === "keys-secrets");
            assert.ok(ciphertexts.every((c) => c.inputs.plaintext === "[secret]" && c.dependencies.includes(secretsKey.urn)), "sealed under the secrets key, the plaintext a secret");
            const statements = JSON.parse(secretsKey.inputs.policy).Statement.filter((st: { Sid: string }) => st.Sid.startsWith("TenantKey"));
            assert.deepEqual(statements.map((st: { Sid: string; Action: string[] }) => [st.Sid, st.Action]), [["TenantKeySealing", ["kms:Encrypt"]], ["TenantKeyReading", ["kms:Decrypt"]]]);
            const [association] = ofType(report, "aws:eks/podIdentityAssociation:PodIdentityAssociation").filter((a) => a.inputs.serviceAccount === "tenant-keys");
            assert.equal(association.inputs.namespace, "platform");
            assert.deepEqual(statements[1].Principal.AWS, [association.inputs.roleArn]);
            // The account exists, and only its labelled pods may reach the credential agent and KMS (and KMS's host in the mesh).
            const accounts = ofType(report, "kubernetes:core/v1:ServiceAccount").filter((a) => a.inputs.metadata.name === "tenant-keys");
            assert.deepEqual(accounts.map((a) => [a.inputs.metadata.namespace, a.inputs.automountServiceAccountToken]), [["platform", false]]);
            const readerPolicies = ofType(report, "kubernetes:networking.k8s.io/v1:NetworkPolicy")
                .filter((p) => p.inputs.metadata.namespace === "platform" && p.inputs.spec.podSelector?.matchLabels?.["secure-platform/tenant-keys"] === "reader");
            const destinations = readerPolicies.flatMap((p) => p.inputs.spec.egress.flatMap((e: { to: { ipBlock: { cidr: string } }[]; ports: { port: number }[] }) => e.to.map((t) => `${t.ipBlock.cidr}:${e.ports.map((port) => port.port).join(",")}`)));
            assert.deepEqual(destinations.sort(), [`${/vpcCidr: "?([0-9./]+)/.exec(file)?.[1] ?? "10.0.0.0/16"}:443`, "169.254.170.23/32:80"].sort());
            const entry = ofType(report, "kubernetes:networking.istio.io/v1:ServiceEntry").find((e) => e.inputs.metadata.name === "tenant-key-service");
            assert.deepEqual([entry?.inputs.metadata.namespace, entry?.inputs.spec.hosts, entry?.inputs.spec.exportTo], ["platform", ["kms.eu-west-1.amazonaws.com"], ["."]]);
        });

        it("names no resource after a list position", () => {
            const { report } = reports.get(stack)!;
            // Names carry zones, purposes, ports or ranges; a lone trailing digit is an index.
            const indexed = report.resources.filter((r) => /-\d$/.test(r.name)).map((r) => r.name);
            assert.deepEqual(indexed, []);
        });
    });
}

describe("stack prod", () => {
    it("keeps the Kubernetes API private and the cluster and load balancer deletion-protected", () => {
        const { report } = reports.get("prod")!;
        const [cluster] = ofType(report, "aws:eks/cluster:Cluster");
        assert.equal(cluster.inputs.vpcConfig.endpointPublicAccess, false);
        assert.equal(cluster.inputs.vpcConfig.publicAccessCidrs, undefined);
        assert.equal(cluster.inputs.deletionProtection, true);
        assert.equal(cluster.protect, true);
        assert.equal(ofType(report, "aws:lb/loadBalancer:LoadBalancer")[0].inputs.enableDeletionProtection, true);
    });

    it("maps tenant developers to their Kubernetes group without an EKS access policy", () => {
        const { report } = reports.get("prod")!;
        const principal = "arn:aws:iam::777788889999:role/initech-developers";
        const [entry] = ofType(report, "aws:eks/accessEntry:AccessEntry").filter((e) => e.inputs.principalArn === principal);
        assert.deepEqual(entry.inputs.kubernetesGroups, ["initech-engineering"]);
        assert.ok(ofType(report, "aws:eks/accessPolicyAssociation:AccessPolicyAssociation").every((a) => !a.urn.includes("initech-developers")));
        const [binding] = ofType(report, "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding").filter((b) => b.inputs.metadata.namespace === "tenant-initech");
        assert.deepEqual(binding.inputs.subjects.map((s: { name: string }) => s.name), ["initech-engineering"]);
    });

    it("guards against deploying into another account", () => {
        const { report } = reports.get("prod")!;
        const [provider] = ofType(report, "pulumi:providers:aws");
        // Provider inputs travel JSON-encoded, as the SDK sends them.
        assert.deepEqual(JSON.parse(provider.inputs.allowedAccountIds), ["777788889999"]);
        assert.equal(provider.inputs.region, "eu-west-1");
        assert.equal(JSON.parse(provider.inputs.defaultTags).tags.Environment, "prod");
    });
});

describe("determinism", () => {
    it("renders prod to the same resources and inputs every time", async () => {
        const again = await runCheckCli(["--stack", "prod", "--format", "json"]);
        assert.equal(again.code, 0, again.stderr);
        assert.equal(again.stdout, reports.get("prod")!.stdout, "a second render differs: something outside @pulumi/random is random or time-dependent");
    });
});

describe("table format", () => {
    it("summarises the stack for a reader", async () => {
        const result = await runCheckCli(["--stack", "dev"]);
        assert.equal(result.code, 0, result.stderr);
        assert.match(result.stdout, /^Stack dev \(secure-platform\)/);
        assert.match(result.stdout, /aws:ec2\/subnet:Subnet\s+6\n/);
        assert.match(result.stdout, /Policy pack secure-platform@\d+\.\d+\.\d+: \d+ policies/);
        assert.match(result.stdout, /PASSED: no preflight findings, no mandatory violations, 0 advisory\.$/m);
    });
});
