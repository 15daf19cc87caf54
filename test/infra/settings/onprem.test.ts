import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, before, describe, it } from "node:test";
import { OFFLINE_PLACEHOLDER_PREFIX } from "../../../infra/lib/config-reader";
import { DEFAULT_BACKUP_SCHEDULE } from "../../../infra/settings/data";
import { AWS_ONLY_SETTINGS, certificateProblems, DEFAULT_SNAPSHOT_SCHEDULE, ONPREM_SETTINGS } from "../../../infra/settings/onprem";
import { ONPREM_KUBERNETES_VERSIONS } from "../../../infra/versions";
import { minimal, minimalOnPrem, P, parse, parseOnPrem, problems, rejects, without } from "../../harness/config-fixtures";

const json = (value: unknown) => JSON.stringify(value);
const DOMAIN = "platform.corp.example";
const KUBECONFIG = [
    "apiVersion: v1",
    "kind: Config",
    "clusters:",
    "  - name: dc1",
    "    cluster: {server: https://10.0.0.10:6443}",
    "contexts:",
    "  - name: dc1-platform",
    "    context: {cluster: dc1, user: deployer}",
    "current-context: dc1-platform",
    "users:",
    "  - name: deployer",
    "    user: {token: not-a-real-token}",
].join("\n");
const STORAGE = { storageClassName: "longhorn-encrypted", snapshotClassName: "longhorn-snapshots", encryptedAtRest: true, encryption: "Longhorn volume encryption (LUKS2)" };

/** minimalOnPrem("dev") with `storage` fields replaced (`undefined` drops one). */
const withStorage = (fields: Record<string, unknown>) => minimalOnPrem("dev", { storage: json({ ...STORAGE, ...fields }) });
/** The kubeconfig given as contents instead of a path. */
const withKubeconfig = (contents: string, extra: Record<string, string> = {}) => ({ ...without(minimalOnPrem("dev", extra), "kubeconfigPath"), [`${P}:kubeconfig`]: contents });

describe("on-prem settings", () => {
    describe("the platform switch", () => {
        it("parses the smallest on-prem stack with platform onprem and secure defaults", () => {
            const config = parseOnPrem(minimalOnPrem("prod"));
            assert.equal(config.platform, "onprem");
            assert.equal(config.environment, "prod");
            assert.deepEqual(config.onprem.kubeconfig, { path: "/etc/secure-platform/kubeconfig" });
            assert.equal(config.onprem.kubernetesVersion, "1.33");
            assert.deepEqual(config.onprem.storage, { ...STORAGE, snapshotSchedule: DEFAULT_SNAPSHOT_SCHEDULE });
            assert.deepEqual(config.onprem.gateway, { serviceType: "LoadBalancer", loadBalancerSourceRanges: [], nodePortSourceRanges: [] });
            for (const unset of ["kubeContext", "gatewayCertificate", "registryMirror", "registryCredentials"] as const) {
                assert.equal(config.onprem[unset], undefined, unset);
            }
            assert.equal(config.domainName, undefined);
            assert.equal("network" in config || "cluster" in config || "edge" in config, false, "an on-prem config carries no AWS section");
        });

        it("defaults to aws, and takes aws explicitly", () => {
            assert.equal(parse(minimal("dev")).platform, "aws");
            assert.equal(parse(minimal("dev", { platform: "aws" })).platform, "aws");
        });

        it("refuses a platform that is neither aws nor onprem", () => {
            rejects(minimal("dev", { platform: "gcp" }), "platform", /"gcp" is not allowed; use one of aws, onprem/);
        });

        it("needs no AWS region, account, access entries or certificate", () => {
            const config = parseOnPrem(minimalOnPrem("dev"));
            assert.equal("region" in config, false);
            assert.equal(config.platform, "onprem");
        });

        for (const key of [...AWS_ONLY_SETTINGS, "aws:region"]) {
            it(`refuses the AWS-only setting ${key} on an on-prem stack`, () => {
                rejects(minimalOnPrem("dev", { [key]: "x" }), key, /applies only to platform aws; an on-prem stack creates no AWS resource, remove it/);
            });
        }

        for (const key of Object.keys(ONPREM_SETTINGS).filter((k) => k !== "platform")) {
            it(`refuses the on-prem setting ${key} on an AWS stack`, () => {
                rejects(minimal("dev", { [key]: "x" }), key, /applies only to platform onprem; set secure-platform:platform to onprem, or remove it/);
            });
        }

        it("takes the public domain name and checks it", () => {
            assert.equal(parseOnPrem(minimalOnPrem("dev", { domainName: DOMAIN })).domainName, DOMAIN);
            rejects(minimalOnPrem("dev", { domainName: "Platform.Corp.Example" }), "domainName", /is not a lower-case DNS name/);
        });

        it("reports every problem of an on-prem stack at once", () => {
            const found = problems({ [`${P}:platform`]: "onprem", [`${P}:environment`]: "prod", [`${P}:vpcCidr`]: "10.0.0.0/16" });
            for (const key of ["vpcCidr", "kubeconfig", "kubernetesVersion", "storage"]) {
                assert.ok(found.some((p) => p.startsWith(`${P}:${key}: `)), `no problem for ${key}:\n${found.join("\n")}`);
            }
        });
    });

    describe("kubeconfig", () => {
        it("takes the kubeconfig as secret contents", () => {
            const config = parseOnPrem(withKubeconfig(KUBECONFIG), "test", [`${P}:kubeconfig`]);
            assert.deepEqual(config.onprem.kubeconfig, { contents: KUBECONFIG });
        });

        it("takes a kubeconfig written in JSON, and refuses a JSON document that is not one", () => {
            const asJson = JSON.stringify({ apiVersion: "v1", kind: "Config", clusters: [], contexts: [], users: [] });
            assert.deepEqual(parseOnPrem(withKubeconfig(asJson), "test", [`${P}:kubeconfig`]).onprem.kubeconfig, { contents: asJson });
            rejects(withKubeconfig(JSON.stringify({ hello: "world" })), "kubeconfig", /does not look like a kubeconfig/, [`${P}:kubeconfig`]);
        });

        it("takes a context of the kubeconfig, and refuses one with spaces", () => {
            assert.equal(parseOnPrem(minimalOnPrem("dev", { kubeContext: "dc1-platform" })).onprem.kubeContext, "dc1-platform");
            rejects(minimalOnPrem("dev", { kubeContext: "dc1 platform" }), "kubeContext", /"dc1 platform" is not a kubeconfig context name/);
        });

        it("refuses both kubeconfig and kubeconfigPath", () => {
            rejects(minimalOnPrem("dev", { kubeconfig: KUBECONFIG }), "kubeconfigPath", /set kubeconfig or kubeconfigPath, not both/);
        });

        it("refuses neither, naming kubeconfig: the ambient kubeconfig is never used", () => {
            rejects(without(minimalOnPrem("dev"), "kubeconfigPath"), "kubeconfig", /missing; an on-prem stack deploys into the cluster of an explicit kubeconfig: set kubeconfig \(secret contents\) or kubeconfigPath, never the ambient one/);
        });

        it("refuses kubeconfig contents given as a plain value when the secret keys are known", () => {
            const raw = withKubeconfig(KUBECONFIG);
            rejects(raw, "kubeconfig", /must be a secret \(it holds the cluster's credentials\); set it with `pulumi config set --secret secure-platform:kubeconfig`/, []);
            const found = problems(raw, []);
            assert.equal(found.filter((p) => p.startsWith(`${P}:kubeconfig: `)).length, 1, `only the secrecy problem:\n${found.join("\n")}`);
        });

        it("refuses contents that are not a kubeconfig, such as a path", () => {
            rejects(withKubeconfig("/home/deployer/.kube/config"), "kubeconfig", /does not look like a kubeconfig \(YAML with clusters, contexts and users\); to name a file, use kubeconfigPath/, [`${P}:kubeconfig`]);
        });

        it("accepts the offline check's placeholder as the secret's contents", () => {
            const placeholder = `${OFFLINE_PLACEHOLDER_PREFIX}${P}:kubeconfig`;
            const config = parseOnPrem(withKubeconfig(placeholder), "test", [`${P}:kubeconfig`]);
            assert.deepEqual(config.onprem.kubeconfig, { contents: placeholder });
        });

        it("refuses a kubeconfigPath that is empty or spans lines", () => {
            rejects(minimalOnPrem("dev", { kubeconfigPath: " " }), "kubeconfigPath", /" " is not a file path/);
            rejects(minimalOnPrem("dev", { kubeconfigPath: KUBECONFIG }), "kubeconfigPath", /is not a file path/);
        });
    });

    describe("maxNodes", () => {
        it("defaults to 100 nodes and takes a count the mesh's quota then admits", () => {
            assert.equal(parseOnPrem(minimalOnPrem("dev")).onprem.maxNodes, 100);
            assert.equal(parseOnPrem(minimalOnPrem("dev", { maxNodes: "640" })).onprem.maxNodes, 640);
        });

        it("refuses a count that is not a whole number from 1 to 5000, naming the key", () => {
            rejects(minimalOnPrem("dev", { maxNodes: "0" }), "maxNodes", /0 is out of range; use a whole number from 1 to 5000/);
            rejects(minimalOnPrem("dev", { maxNodes: "ten" }), "maxNodes", /"ten" is not a whole number/);
        });
    });

    describe("distribution and selinux", () => {
        it("defaults to kubeadm without SELinux: the Istio CNI chart's own directories and no SELinux label", () => {
            const { onprem } = parseOnPrem(minimalOnPrem("dev"));
            assert.equal(onprem.distribution, "kubeadm");
            assert.equal(onprem.selinux, "disabled");
        });

        it("takes k3s and rke2, and each SELinux mode", () => {
            for (const distribution of ["kubeadm", "k3s", "rke2"]) {
                assert.equal(parseOnPrem(minimalOnPrem("dev", { distribution })).onprem.distribution, distribution);
            }
            for (const selinux of ["enforcing", "permissive", "disabled"]) {
                assert.equal(parseOnPrem(minimalOnPrem("dev", { selinux })).onprem.selinux, selinux);
            }
        });

        it("refuses a distribution or SELinux mode it does not know, naming the key and the allowed values", () => {
            rejects(minimalOnPrem("dev", { distribution: "microk8s" }), "distribution", /"microk8s" is not allowed; use one of kubeadm, k3s, rke2/);
            rejects(minimalOnPrem("dev", { selinux: "on" }), "selinux", /"on" is not allowed; use one of enforcing, permissive, disabled/);
        });
    });

    describe("dataNodes", () => {
        it("runs MongoDB on any node unless the stack names the data nodes", () => {
            assert.equal(parseOnPrem(minimalOnPrem("dev")).onprem.dataNodes, undefined);
        });

        it("takes the data nodes' labels and the taint reserving them, with or without a value", () => {
            const dataNodes = { nodeSelector: { "node-role.kubernetes.io/data": "true", pool: "db" }, taint: { key: "dedicated", value: "data", effect: "NoSchedule" } };
            assert.deepEqual(parseOnPrem(minimalOnPrem("dev", { dataNodes: json(dataNodes) })).onprem.dataNodes, dataNodes);
            const noValue = { nodeSelector: { pool: "db" }, taint: { key: "example.com/data", effect: "NoExecute" } };
            assert.deepEqual(parseOnPrem(minimalOnPrem("dev", { dataNodes: json(noValue) })).onprem.dataNodes, noValue);
        });

        it("needs at least one label, each a valid label key and value", () => {
            rejects(minimalOnPrem("dev", { dataNodes: json({}) }), "dataNodes", /dataNodes.nodeSelector is missing; name at least one label every data node carries/);
            rejects(minimalOnPrem("dev", { dataNodes: json({ nodeSelector: {} }) }), "dataNodes", /dataNodes.nodeSelector \{\} is not a map of labels/);
            rejects(minimalOnPrem("dev", { dataNodes: json({ nodeSelector: { "bad key": "x" } }) }), "dataNodes", /dataNodes.nodeSelector key "bad key" is not a label key/);
            rejects(minimalOnPrem("dev", { dataNodes: json({ nodeSelector: { "Example.com/data": "x" } }) }), "dataNodes", /is not a label key/);
            rejects(minimalOnPrem("dev", { dataNodes: json({ nodeSelector: { pool: "a".repeat(64) } }) }), "dataNodes", /dataNodes.nodeSelector.pool "a+\.\.\. is not a label value/);
            rejects(minimalOnPrem("dev", { dataNodes: json({ nodeSelector: { pool: true } }) }), "dataNodes", /dataNodes.nodeSelector.pool true is not a label value/);
        });

        it("refuses a taint without a key or with an effect Kubernetes does not have", () => {
            rejects(minimalOnPrem("dev", { dataNodes: json({ nodeSelector: { pool: "db" }, taint: { effect: "NoSchedule" } }) }), "dataNodes", /dataNodes.taint.key is missing/);
            rejects(minimalOnPrem("dev", { dataNodes: json({ nodeSelector: { pool: "db" }, taint: { key: "dedicated", effect: "NoRun" } }) }), "dataNodes", /dataNodes.taint.effect "NoRun" is not allowed; use NoSchedule, PreferNoSchedule, NoExecute/);
            rejects(minimalOnPrem("dev", { dataNodes: json({ nodeSelector: { pool: "db" }, taint: { key: "dedicated", value: "a b", effect: "NoSchedule" } }) }), "dataNodes", /dataNodes.taint.value "a b" is not a taint value/);
        });

        it("refuses unknown fields and values that are not objects", () => {
            rejects(minimalOnPrem("dev", { dataNodes: json({ nodeSelector: { pool: "db" }, tolerations: [] }) }), "dataNodes", /dataNodes.tolerations is not a known field; allowed: nodeSelector, taint/);
            rejects(minimalOnPrem("dev", { dataNodes: json({ nodeSelector: { pool: "db" }, taint: { key: "d", effect: "NoSchedule", operator: "Exists" } }) }), "dataNodes", /dataNodes.taint.operator is not a known field/);
            rejects(minimalOnPrem("dev", { dataNodes: "pool=db" }), "dataNodes", /expected \{nodeSelector, taint\?\}, got "pool=db"/);
        });
    });

    describe("clusterIdentifier", () => {
        it("is unset unless given (the program then uses the project and stack), and takes a name without spaces", () => {
            assert.equal(parseOnPrem(minimalOnPrem("dev")).onprem.clusterIdentifier, undefined);
            assert.equal(parseOnPrem(minimalOnPrem("dev", { clusterIdentifier: "dc1-rke2-prod" })).onprem.clusterIdentifier, "dc1-rke2-prod");
        });

        it("refuses a name with spaces or an empty one", () => {
            rejects(minimalOnPrem("dev", { clusterIdentifier: "dc1 prod" }), "clusterIdentifier", /"dc1 prod" is not a name without spaces/);
            rejects(minimalOnPrem("dev", { clusterIdentifier: "" }), "clusterIdentifier", /"" is not a name without spaces/);
        });
    });

    describe("kubernetesVersion", () => {
        it("takes every version the pinned Istio supports", () => {
            for (const version of ONPREM_KUBERNETES_VERSIONS) {
                assert.equal(parseOnPrem(minimalOnPrem("dev", { kubernetesVersion: version })).onprem.kubernetesVersion, version);
            }
        });

        it("is required: namespaces pin their Pod Security Standards to it", () => {
            rejects(without(minimalOnPrem("dev"), "kubernetesVersion"), "kubernetesVersion", /missing; set the cluster's Kubernetes minor version \(1\.31, .*\): namespaces pin/);
        });

        it("refuses an unsupported version", () => {
            rejects(minimalOnPrem("dev", { kubernetesVersion: "1.29" }), "kubernetesVersion", /"1.29" is not supported; use one of 1\.31, 1\.32, /);
            rejects(minimalOnPrem("dev", { kubernetesVersion: "v1.33" }), "kubernetesVersion", /"v1.33" is not supported/);
            const found = problems(minimalOnPrem("dev", { kubernetesVersion: "1.29" }));
            assert.ok(!found.some((p) => /YAML read/.test(p)), "no YAML hint for a two-digit minor");
        });

        it("explains a version YAML read as a number (1.30 became 1.3)", () => {
            rejects(minimalOnPrem("dev", { kubernetesVersion: "1.3" }), "kubernetesVersion", /"1.3" is not supported \(YAML read 1.30 as a number; quote it\)/);
        });
    });

    describe("storage", () => {
        it("is required", () => {
            rejects(without(minimalOnPrem("dev"), "storage"), "storage", /missing; name the existing StorageClass and VolumeSnapshotClass for MongoDB and declare whether the class encrypts at rest/);
        });

        it("must be an object", () => {
            rejects(minimalOnPrem("dev", { storage: "longhorn-encrypted" }), "storage", /expected \{storageClassName, snapshotClassName, encryptedAtRest, encryption, snapshotSchedule\?\}, got "longhorn-encrypted"/);
            rejects(minimalOnPrem("dev", { storage: json(["longhorn-encrypted"]) }), "storage", /expected \{storageClassName, .*got \["longhorn-encrypted"\]/);
        });

        it("refuses class names that are missing, not strings or not Kubernetes object names", () => {
            rejects(withStorage({ storageClassName: undefined }), "storage", /storage.storageClassName is missing; name an existing StorageClass/);
            rejects(withStorage({ storageClassName: 42 }), "storage", /storage.storageClassName 42 is not a Kubernetes object name/);
            rejects(withStorage({ storageClassName: "Longhorn_Encrypted" }), "storage", /storage.storageClassName "Longhorn_Encrypted" is not a Kubernetes object name/);
            rejects(withStorage({ snapshotClassName: undefined }), "storage", /storage.snapshotClassName is missing; name an existing VolumeSnapshotClass/);
            rejects(withStorage({ snapshotClassName: "-snapshots" }), "storage", /storage.snapshotClassName "-snapshots" is not a Kubernetes object name/);
        });

        it("needs the declaration whether the class encrypts at rest, as a boolean", () => {
            rejects(withStorage({ encryptedAtRest: undefined }), "storage", /storage.encryptedAtRest is missing; declare whether the StorageClass encrypts volumes at rest/);
            rejects(withStorage({ encryptedAtRest: "true" }), "storage", /storage.encryptedAtRest "true" is not true or false/);
            rejects(withStorage({ encryptedAtRest: 1 }), "storage", /storage.encryptedAtRest 1 is not true or false/);
        });

        it("needs a description of how the class encrypts", () => {
            rejects(withStorage({ encryption: undefined }), "storage", /storage.encryption is missing; say how the class encrypts/);
            rejects(withStorage({ encryption: " " }), "storage", /storage.encryption " " is not a description/);
            rejects(withStorage({ encryption: "x".repeat(201) }), "storage", /storage.encryption "x+\.\.\. is not a description; say how the class encrypts \(at most 200 characters\)/);
            rejects(withStorage({ encryption: true }), "storage", /storage.encryption true is not a description/);
        });

        it("describes an unencrypted class as none when the stack declares it so (the policy pack refuses it)", () => {
            const { storage } = parseOnPrem(withStorage({ encryptedAtRest: false, encryption: undefined })).onprem;
            assert.equal(storage.encryptedAtRest, false);
            assert.equal(storage.encryption, "none");
        });

        it("takes a five-field cron schedule for snapshots, and refuses anything else", () => {
            assert.equal(parseOnPrem(withStorage({ snapshotSchedule: "30 */6 * * 1-5" })).onprem.storage.snapshotSchedule, "30 */6 * * 1-5");
            for (const schedule of ["0 3 * *", "0 3 * * * *", "@daily", "cron(0 3 ? * * *)", "0 3 * * MON"]) {
                rejects(withStorage({ snapshotSchedule: schedule }), "storage", /storage.snapshotSchedule .* is not a five-field cron expression like "0 3 \* \* \*"/);
            }
            rejects(withStorage({ snapshotSchedule: 3 }), "storage", /storage.snapshotSchedule 3 is not a five-field cron expression/);
        });

        it("refuses unknown fields", () => {
            rejects(withStorage({ class: "longhorn" }), "storage", /storage.class is not a known field; allowed: storageClassName, snapshotClassName, encryptedAtRest, encryption, snapshotSchedule/);
        });
    });

    describe("gateway", () => {
        it("takes a NodePort with the sources its node ports admit, or a LoadBalancer restricted to client ranges", () => {
            const balancer = ["192.168.50.10/32", "192.168.50.11/32"];
            assert.deepEqual(parseOnPrem(minimalOnPrem("dev", { gateway: json({ serviceType: "NodePort", nodePortSourceRanges: balancer }) })).onprem.gateway, { serviceType: "NodePort", loadBalancerSourceRanges: [], nodePortSourceRanges: balancer });
            const ranges = ["10.0.0.0/8", "192.168.10.0/24"];
            assert.deepEqual(parseOnPrem(minimalOnPrem("dev", { gateway: json({ loadBalancerSourceRanges: ranges }) })).onprem.gateway, { serviceType: "LoadBalancer", loadBalancerSourceRanges: ranges, nodePortSourceRanges: [] });
        });

        it("requires the sources of a NodePort, which is open on every node", () => {
            rejects(minimalOnPrem("dev", { gateway: json({ serviceType: "NodePort" }) }), "gateway", /gateway.nodePortSourceRanges is missing; a NodePort gateway is reachable on every node, so list the addresses your load balancer forwards from/);
            rejects(minimalOnPrem("dev", { gateway: json({ serviceType: "NodePort", nodePortSourceRanges: [] }) }), "gateway", /gateway.nodePortSourceRanges is missing/);
            rejects(minimalOnPrem("dev", { gateway: json({ serviceType: "NodePort", nodePortSourceRanges: ["192.168.50.1/24"] }) }), "gateway", /gateway.nodePortSourceRanges: "192.168.50.1\/24" has host bits set/);
            rejects(minimalOnPrem("dev", { gateway: json({ serviceType: "NodePort", nodePortSourceRanges: ["192.168.50.10/32", "192.168.50.10/32"] }) }), "gateway", /duplicate range "192.168.50.10\/32"/);
        });

        it("refuses other service types", () => {
            rejects(minimalOnPrem("dev", { gateway: json({ serviceType: "ClusterIP" }) }), "gateway", /gateway.serviceType "ClusterIP" is not allowed; use LoadBalancer or NodePort/);
        });

        it("refuses source ranges with host bits, that are not a list, or are given twice", () => {
            rejects(minimalOnPrem("dev", { gateway: json({ loadBalancerSourceRanges: ["10.0.0.1/8"] }) }), "gateway", /gateway.loadBalancerSourceRanges: "10.0.0.1\/8" has host bits set; the network address is 10.0.0.0\/8/);
            rejects(minimalOnPrem("dev", { gateway: json({ loadBalancerSourceRanges: ["corp"] }) }), "gateway", /gateway.loadBalancerSourceRanges: "corp" is not an IPv4 CIDR/);
            rejects(minimalOnPrem("dev", { gateway: json({ loadBalancerSourceRanges: "10.0.0.0/8" }) }), "gateway", /gateway.loadBalancerSourceRanges must be a list of CIDRs, got "10.0.0.0\/8"/);
            rejects(minimalOnPrem("dev", { gateway: json({ loadBalancerSourceRanges: ["10.0.0.0/8", "10.0.0.0/8"] }) }), "gateway", /duplicate range "10.0.0.0\/8"; each must appear once/);
        });

        it("refuses each service type's source ranges on the other", () => {
            rejects(minimalOnPrem("dev", { gateway: json({ serviceType: "NodePort", loadBalancerSourceRanges: ["10.0.0.0/8"], nodePortSourceRanges: ["10.1.0.0/16"] }) }), "gateway", /gateway.loadBalancerSourceRanges applies to a LoadBalancer only; list the sources a NodePort admits in gateway.nodePortSourceRanges/);
            rejects(minimalOnPrem("dev", { gateway: json({ nodePortSourceRanges: ["10.1.0.0/16"] }) }), "gateway", /gateway.nodePortSourceRanges applies to a NodePort only; a LoadBalancer takes no node ports and admits gateway.loadBalancerSourceRanges/);
        });

        it("refuses unknown fields and values that are not objects", () => {
            rejects(minimalOnPrem("dev", { gateway: json({ type: "NodePort" }) }), "gateway", /gateway.type is not a known field; allowed: serviceType, loadBalancerSourceRanges, nodePortSourceRanges/);
            rejects(minimalOnPrem("dev", { gateway: "NodePort" }), "gateway", /expected \{serviceType\?, loadBalancerSourceRanges\?, nodePortSourceRanges\?\}, got "NodePort"/);
        });
    });

    describe("registry mirror and credentials", () => {
        const MIRROR = "registry.corp.example:5000/mirror";

        it("takes a mirror as host[:port][/path]", () => {
            for (const mirror of [MIRROR, "registry.corp.example", "localhost:5000", "harbor.corp.example/proxy-cache/docker-hub"]) {
                assert.equal(parseOnPrem(minimalOnPrem("dev", { registryMirror: mirror })).onprem.registryMirror, mirror);
            }
        });

        it("refuses a URL, upper case, a trailing slash or a tag", () => {
            for (const mirror of ["https://registry.corp.example", "Registry.Corp.Example", "registry.corp.example/", "registry.corp.example/mirror:1.0", "registry.corp.example:port"]) {
                rejects(minimalOnPrem("dev", { registryMirror: mirror }), "registryMirror", /is not a registry as host\[:port\]\[\/path\] in lower case, without https:\/\//);
            }
        });

        const credentials = (value: unknown, mirror: string | null = MIRROR) => minimalOnPrem("dev", { ...(mirror ? { registryMirror: mirror } : {}), registryCredentials: json(value) });
        const SECRET = [`${P}:registryCredentials`];

        it("takes credentials for the mirror with a secret password", () => {
            assert.deepEqual(parseOnPrem(credentials({ username: "robot$platform", password: "s3cret" }), "test", SECRET).onprem.registryCredentials, { username: "robot$platform", password: "s3cret" });
            const placeholder = `${OFFLINE_PLACEHOLDER_PREFIX}${P}:registryCredentials`;
            assert.equal(parseOnPrem(credentials({ username: "robot", password: placeholder }), "test", SECRET).onprem.registryCredentials?.password, placeholder);
        });

        it("refuses credentials without a mirror", () => {
            rejects(credentials({ username: "robot", password: "s3cret" }, null), "registryCredentials", /set registryMirror too: the credentials are for the mirror/, SECRET);
        });

        it("refuses a plain password when the secret keys are known", () => {
            rejects(credentials({ username: "robot", password: "s3cret" }), "registryCredentials", /registryCredentials.password must be a secret \(\{secure: \.\.\.\} in the stack file\), not a plain value/, []);
        });

        it("refuses a user name with a colon, an empty one, and a missing password", () => {
            rejects(credentials({ username: "robot:platform", password: "s3cret" }), "registryCredentials", /registryCredentials.username "robot:platform" is not a user name \(non-empty, no ':'\)/, SECRET);
            rejects(credentials({ username: "", password: "s3cret" }), "registryCredentials", /registryCredentials.username "" is not a user name/, SECRET);
            rejects(credentials({ username: "robot" }), "registryCredentials", /registryCredentials.password is missing; give it as a secret/, SECRET);
        });

        it("refuses unknown fields and values that are not objects", () => {
            rejects(credentials({ user: "robot", password: "s3cret" }), "registryCredentials", /registryCredentials.user is not a known field; allowed: username, password/, SECRET);
            rejects(minimalOnPrem("dev", { registryMirror: MIRROR, registryCredentials: "robot:s3cret" }), "registryCredentials", /expected \{username, password\}, got "robot:s3cret"/, SECRET);
        });
    });

    describe("backups on-prem", () => {
        it("needs no vault lock in prod: there is no AWS Backup vault", () => {
            const { backup } = parseOnPrem(minimalOnPrem("prod")).data;
            assert.deepEqual(backup, { retentionDays: 90, schedule: DEFAULT_BACKUP_SCHEDULE, vaultLock: "none" });
        });

        for (const [field, value] of [["schedule", "cron(0 3 ? * * *)"], ["vaultLock", "compliance"], ["copyRegion", "eu-central-1"]] as const) {
            it(`refuses backup.${field}, which only AWS Backup reads`, () => {
                rejects(minimalOnPrem("prod", { backup: json({ [field]: value }) }), "backup", new RegExp(`backup.${field} applies only to platform aws \\(AWS Backup\\); on-prem snapshots run on storage.snapshotSchedule`));
            });
        }

        it("still checks the retention", () => {
            assert.equal(parseOnPrem(minimalOnPrem("dev", { backup: json({ retentionDays: 14 }) })).data.backup.retentionDays, 14);
            rejects(minimalOnPrem("prod", { backup: json({ retentionDays: 7 }) }), "backup", /backup.retentionDays 7 is out of range; use a whole number from .* in prod/);
        });
    });
});

/** Real certificates and keys, made by the openssl CLI (node can verify X.509 but not issue it). */
const OPENSSL = spawnSync("openssl", ["version"]).status === 0;

describe("gatewayCertificate", { skip: OPENSSL ? false : "the openssl CLI is not installed" }, () => {
    let dir = "";
    const pem: Record<string, string> = {};
    const SECRET = [`${P}:gatewayCertificate`];

    function writeKey(name: string, key: crypto.KeyPairKeyObjectResult): string {
        const file = path.join(dir, `${name}.key`);
        fs.writeFileSync(file, key.privateKey.export({ type: "pkcs8", format: "pem" }));
        pem[`${name}.key`] = fs.readFileSync(file, "utf8");
        return file;
    }

    /** A self-signed certificate for `san` with the key at `keyFile`; `dates` switch to `openssl ca` to set them. */
    function certificate(name: string, keyFile: string, san: string | undefined, dates?: { start: string; end: string }): void {
        const out = path.join(dir, `${name}.crt`);
        const extension = san ? ["-addext", `subjectAltName=${san}`] : [];
        if (!dates) {
            execFileSync("openssl", ["req", "-x509", "-key", keyFile, "-out", out, "-subj", `/CN=${DOMAIN}`, "-days", "30", "-sha256", ...extension], { stdio: "pipe" });
        } else {
            const csr = path.join(dir, `${name}.csr`);
            execFileSync("openssl", ["req", "-new", "-key", keyFile, "-out", csr, "-subj", `/CN=${DOMAIN}`, ...extension], { stdio: "pipe" });
            execFileSync("openssl", ["ca", "-batch", "-config", path.join(dir, "ca.cnf"), "-selfsign", "-keyfile", keyFile, "-in", csr, "-out", out, "-startdate", dates.start, "-enddate", dates.end, "-notext"], { stdio: "pipe", cwd: dir });
        }
        pem[`${name}.crt`] = fs.readFileSync(out, "utf8");
    }

    before(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "onprem-certs-"));
        fs.mkdirSync(path.join(dir, "issued"));
        fs.writeFileSync(path.join(dir, "index.txt"), "");
        fs.writeFileSync(path.join(dir, "serial"), "01\n");
        fs.writeFileSync(path.join(dir, "ca.cnf"), [
            "[ca]", "default_ca = selfsigned",
            "[selfsigned]", "database = index.txt", "new_certs_dir = issued", "serial = serial", "default_md = sha256",
            "policy = any", "copy_extensions = copy", "unique_subject = no",
            "[any]", "commonName = supplied",
        ].join("\n"));
        const san = `DNS:${DOMAIN}`;
        const rsa = writeKey("rsa3072", crypto.generateKeyPairSync("rsa", { modulusLength: 3072 }));
        const weak = writeKey("rsa1024", crypto.generateKeyPairSync("rsa", { modulusLength: 1024 }));
        const ec = writeKey("p256", crypto.generateKeyPairSync("ec", { namedCurve: "prime256v1" }));
        writeKey("other", crypto.generateKeyPairSync("ec", { namedCurve: "prime256v1" }));
        const ed = writeKey("ed25519", crypto.generateKeyPairSync("ed25519"));
        certificate("ed25519", ed, san);
        certificate("rsa3072", rsa, san);
        certificate("rsa1024", weak, san);
        certificate("p256", ec, san);
        certificate("wildcard", ec, "DNS:*.corp.example");
        certificate("tenants", ec, `DNS:${DOMAIN},DNS:*.${DOMAIN}`);
        certificate("other-name", ec, "DNS:www.corp.example");
        certificate("cn-only", ec, undefined);
        certificate("expired", ec, san, { start: "20200101000000Z", end: "20210101000000Z" });
        certificate("future", ec, san, { start: "20990101000000Z", end: "20991231000000Z" });
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    const withCertificate = (certificatePem: string, privateKeyPem: unknown) =>
        minimalOnPrem("dev", { domainName: DOMAIN, gatewayCertificate: json({ certificate: certificatePem, privateKey: privateKeyPem }) });

    it("takes an RSA-3072 certificate naming the domain, with its secret key", () => {
        const config = parseOnPrem(withCertificate(pem["rsa3072.crt"], pem["rsa3072.key"]), "test", SECRET);
        assert.deepEqual(config.onprem.gatewayCertificate, { certificatePem: pem["rsa3072.crt"], privateKeyPem: pem["rsa3072.key"] });
    });

    it("requires the certificate to cover every tenant's host too", () => {
        const withTenants = (certificatePem: string) => ({ ...withCertificate(certificatePem, pem["p256.key"]), [`${P}:tenants`]: json([{ name: "acme" }, { name: "globex", hosts: ["*.globex.example"] }]) });
        rejects(withTenants(pem["tenants.crt"]), "gatewayCertificate", /gatewayCertificate.certificate does not cover "\*.globex.example" \(tenants\[1\].hosts\); add it to the certificate's subject alternative names/, SECRET);
        rejects(withTenants(pem["p256.crt"]), "gatewayCertificate", /gatewayCertificate.certificate does not cover "acme.platform.corp.example" \(tenants\[0\].hosts\)/, SECRET);
        const covered = { ...withCertificate(pem["tenants.crt"], pem["p256.key"]), [`${P}:tenants`]: json([{ name: "acme" }]) };
        assert.deepEqual(parseOnPrem(covered, "test", SECRET).tenants[0].hosts, ["acme.platform.corp.example"]);
    });

    it("takes an ECDSA P-256 certificate, and one for a wildcard covering the domain", () => {
        assert.equal(parseOnPrem(withCertificate(pem["p256.crt"], pem["p256.key"]), "test", SECRET).onprem.gatewayCertificate?.certificatePem, pem["p256.crt"]);
        assert.equal(parseOnPrem(withCertificate(pem["wildcard.crt"], pem["p256.key"]), "test", SECRET).onprem.gatewayCertificate?.certificatePem, pem["wildcard.crt"]);
    });

    it("takes the offline check's placeholder as the key and still checks the certificate", () => {
        const placeholder = `${OFFLINE_PLACEHOLDER_PREFIX}${P}:gatewayCertificate`;
        assert.equal(parseOnPrem(withCertificate(pem["p256.crt"], placeholder), "test", SECRET).onprem.gatewayCertificate?.privateKeyPem, placeholder);
        rejects(withCertificate(pem["rsa1024.crt"], placeholder), "gatewayCertificate", /has a 1024-bit RSA key/, SECRET);
    });

    it("refuses an Ed25519 certificate, which common TLS clients do not accept from servers", () => {
        rejects(withCertificate(pem["ed25519.crt"], pem["ed25519.key"]), "gatewayCertificate", /has a ed25519 key; use RSA \(2048\+ bits\) or ECDSA/, SECRET);
    });

    it("refuses a key that does not belong to the certificate", () => {
        rejects(withCertificate(pem["p256.crt"], pem["other.key"]), "gatewayCertificate", /gatewayCertificate.privateKey does not belong to gatewayCertificate.certificate/, SECRET);
        rejects(withCertificate(pem["rsa3072.crt"], pem["p256.key"]), "gatewayCertificate", /does not belong to gatewayCertificate.certificate/, SECRET);
    });

    it("refuses an RSA key under 2048 bits", () => {
        rejects(withCertificate(pem["rsa1024.crt"], pem["rsa1024.key"]), "gatewayCertificate", /gatewayCertificate.certificate has a 1024-bit RSA key; use at least 2048 bits/, SECRET);
    });

    it("refuses a certificate that does not name domainName in its subject alternative names", () => {
        rejects(withCertificate(pem["other-name.crt"], pem["p256.key"]), "gatewayCertificate", /gatewayCertificate.certificate does not name platform.corp.example \(domainName\) in its subject alternative names/, SECRET);
    });

    it("refuses a certificate naming the domain only in its common name, which clients ignore", () => {
        rejects(withCertificate(pem["cn-only.crt"], pem["p256.key"]), "gatewayCertificate", /does not name platform.corp.example \(domainName\) in its subject alternative names/, SECRET);
    });

    it("refuses an expired certificate and one not valid yet", () => {
        rejects(withCertificate(pem["expired.crt"], pem["p256.key"]), "gatewayCertificate", /gatewayCertificate.certificate expired on 2021-01-01/, SECRET);
        rejects(withCertificate(pem["future.crt"], pem["p256.key"]), "gatewayCertificate", /gatewayCertificate.certificate is not valid before 2099-01-01/, SECRET);
    });

    it("judges validity at the given time", () => {
        const x509 = new crypto.X509Certificate(pem["p256.crt"]);
        assert.deepEqual(certificateProblems(x509, DOMAIN), []);
        assert.deepEqual(certificateProblems(x509, DOMAIN, new Date("2200-01-01T00:00:00Z")), [`gatewayCertificate.certificate expired on ${new Date(x509.validTo).toISOString().slice(0, 10)}`]);
        assert.match(certificateProblems(x509, DOMAIN, new Date("2000-01-01T00:00:00Z")).join("\n"), /is not valid before/);
        assert.deepEqual(certificateProblems(x509, undefined), [], "without domainName no name is required");
    });

    it("refuses a certificate or key that is not PEM", () => {
        rejects(withCertificate("MIIB...not-pem", pem["p256.key"]), "gatewayCertificate", /gatewayCertificate.certificate is not a PEM certificate \(-----BEGIN CERTIFICATE-----\)/, SECRET);
        rejects(withCertificate(pem["p256.crt"], "-----BEGIN PRIVATE KEY-----\nnope\n-----END PRIVATE KEY-----\n"), "gatewayCertificate", /gatewayCertificate.privateKey is not an unencrypted PEM private key/, SECRET);
        rejects(withCertificate(pem["p256.crt"], pem["p256.crt"]), "gatewayCertificate", /gatewayCertificate.privateKey is not an unencrypted PEM private key/, SECRET);
    });

    it("refuses a private key given as a plain value when the secret keys are known", () => {
        rejects(withCertificate(pem["p256.crt"], pem["p256.key"]), "gatewayCertificate", /gatewayCertificate.privateKey must be a secret \(\{secure: \.\.\.\} in the stack file, or `pulumi config set --secret --path 'gatewayCertificate.privateKey'`\), not a plain value/, []);
    });

    it("refuses a missing key, unknown fields and values that are not objects", () => {
        rejects(withCertificate(pem["p256.crt"], undefined), "gatewayCertificate", /gatewayCertificate.privateKey is missing; give the PEM key as a secret/, SECRET);
        rejects(minimalOnPrem("dev", { gatewayCertificate: json({ certificate: pem["p256.crt"], key: pem["p256.key"] }) }), "gatewayCertificate", /gatewayCertificate.key is not a known field; allowed: certificate, privateKey/, SECRET);
        rejects(minimalOnPrem("dev", { gatewayCertificate: pem["p256.crt"] }), "gatewayCertificate", /expected \{certificate, privateKey\} in PEM, got/, SECRET);
    });
});
