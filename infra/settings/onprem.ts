/**
 * Settings of the on-prem variant (`platform: onprem`): the cluster to deploy into, its storage, how
 * the ingress gateway is exposed and with which certificate, and an image and chart mirror (with its
 * credentials) for air-gapped sites.
 */
import * as crypto from "node:crypto";
import { parseCidr } from "../lib/cidr";
import { ConfigReader, describe, isOfflinePlaceholder, isPlainObject, SettingDoc } from "../lib/config-reader";
import { ONPREM_KUBERNETES_VERSIONS } from "../versions";

export const PLATFORMS = ["aws", "onprem"] as const;
export type PlatformKind = (typeof PLATFORMS)[number];

export const GATEWAY_SERVICE_TYPES = ["LoadBalancer", "NodePort"] as const;
export type GatewayServiceType = (typeof GATEWAY_SERVICE_TYPES)[number];

/** Kubernetes distributions whose node layout (CNI directories) the platform knows. */
export const DISTRIBUTIONS = ["kubeadm", "k3s", "rke2"] as const;
export type Distribution = (typeof DISTRIBUTIONS)[number];

/** SELinux modes of the nodes: with a policy loaded (enforcing or permissive) the CNI agent needs a label. */
export const SELINUX_MODES = ["enforcing", "permissive", "disabled"] as const;
export type SelinuxMode = (typeof SELINUX_MODES)[number];

/** Taint effects that keep other pods off the data nodes. */
export const TAINT_EFFECTS = ["NoSchedule", "PreferNoSchedule", "NoExecute"] as const;
export type TaintEffect = (typeof TAINT_EFFECTS)[number];

/** Smallest RSA modulus an imported gateway key may have (NIST SP 800-57: 112-bit strength). */
export const MIN_IMPORTED_RSA_BITS = 2048;
/** Curves an imported gateway key may use. */
export const IMPORTED_EC_CURVES = ["prime256v1", "secp384r1", "secp521r1"] as const;

export interface StorageSettings {
    /** Existing StorageClass the MongoDB volumes are provisioned from. */
    readonly storageClassName: string;
    /** Existing VolumeSnapshotClass the scheduled snapshots use. */
    readonly snapshotClassName: string;
    /** The stack's declaration that the class encrypts volumes at rest; the policy pack refuses false. */
    readonly encryptedAtRest: boolean;
    /** How the class encrypts (e.g. "Longhorn volume encryption, LUKS2"), for reviewers and the threat model. */
    readonly encryption: string;
    /** When volume snapshots are taken, a five-field cron expression (snapscheduler). @default "0 3 * * *" */
    readonly snapshotSchedule: string;
}

export interface GatewaySettings {
    /** How the ingress gateway's Service is exposed. @default LoadBalancer */
    readonly serviceType: GatewayServiceType;
    /**
     * Client ranges a LoadBalancer admits: its `loadBalancerSourceRanges` and the gateway pods' NetworkPolicy.
     * @default every address
     */
    readonly loadBalancerSourceRanges: readonly string[];
    /**
     * NodePort only, and required there: the addresses the gateway's pods admit on its node ports, the load
     * balancer in front of the nodes (or the clients' ranges when it keeps their addresses).
     */
    readonly nodePortSourceRanges: readonly string[];
}

/** A certificate and key the gateway presents instead of one from the internal CA. */
export interface ImportedCertificate {
    /** PEM certificate, followed by its intermediates. */
    readonly certificatePem: string;
    /** PEM private key (a secret). */
    readonly privateKeyPem: string;
}

/** The nodes MongoDB's members run on: labels they carry and, optionally, the taint that reserves them. */
export interface DataNodeSettings {
    /** Labels every data node carries; the members' pods select them. */
    readonly nodeSelector: Readonly<Record<string, string>>;
    /** The taint on the data nodes, which the members' pods tolerate. @default none (other pods may share the nodes) */
    readonly taint?: { readonly key: string; readonly value?: string; readonly effect: TaintEffect };
}

export interface RegistryCredentials {
    readonly username: string;
    /** A secret. */
    readonly password: string;
}

export interface OnPremSettings {
    /** Where the kubeconfig comes from: the secret setting `kubeconfig`, or a file. */
    readonly kubeconfig: { readonly contents: string } | { readonly path: string };
    /** Context of the kubeconfig to use. @default its current-context */
    readonly kubeContext?: string;
    readonly kubernetesVersion: string;
    readonly storage: StorageSettings;
    readonly gateway: GatewaySettings;
    /** @default a certificate issued by the internal CA */
    readonly gatewayCertificate?: ImportedCertificate;
    /** Registry (host[:port][/path]) every image is pulled from, instead of the public registries. */
    readonly registryMirror?: string;
    readonly registryCredentials?: RegistryCredentials;
    /** Nodes the cluster may grow to: the Istio CNI node agent runs on each, and its namespace's quota admits that many. */
    readonly maxNodes: number;
    /** The cluster's distribution, which decides where the Istio CNI agent installs its plugin. @default kubeadm */
    readonly distribution: Distribution;
    /** The nodes' SELinux mode; enforcing or permissive runs the CNI agent as `spc_t`. @default disabled */
    readonly selinux: SelinuxMode;
    /** Where MongoDB's members run. @default any node */
    readonly dataNodes?: DataNodeSettings;
    /**
     * The Kubernetes provider's `clusterIdentifier`: only a change of it replaces the provider and every resource.
     * @default `<project>-<stack>`
     */
    readonly clusterIdentifier?: string;
}

/** The node count the on-prem mesh's quotas admit unless `maxNodes` says otherwise. */
export const DEFAULT_ONPREM_MAX_NODES = 100;
export const MAX_ONPREM_NODES = 5000;

export const DEFAULT_SNAPSHOT_SCHEDULE = "0 3 * * *";

const STORAGE_FIELDS = ["storageClassName", "snapshotClassName", "encryptedAtRest", "encryption", "snapshotSchedule"] as const;
const GATEWAY_FIELDS = ["serviceType", "loadBalancerSourceRanges", "nodePortSourceRanges"] as const;
const CERTIFICATE_FIELDS = ["certificate", "privateKey"] as const;
const CREDENTIAL_FIELDS = ["username", "password"] as const;
/** A Kubernetes object name (DNS-1123 subdomain). */
const OBJECT_NAME = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** host[:port][/path], no scheme: how image references name a registry. */
const REGISTRY = /^(?=.{1,255}$)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?(\/[a-z0-9]+([._-][a-z0-9]+)*)*$/;
const CRON_FIELD = /^[0-9*,/-]+$/;
const KUBE_CONTEXT = /^[^\s]{1,253}$/;
const CLUSTER_IDENTIFIER = /^[^\s]{1,253}$/;
/** A label or taint key: an optional DNS subdomain prefix and a name (k8s.io/apimachinery validation IsQualifiedName). */
const QUALIFIED_NAME = /^(?:(?=[^/]{1,253}\/)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?(?=[^/]{1,63}$)[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
/** A label or taint value: empty, or up to 63 characters (IsValidLabelValue). */
const LABEL_VALUE = /^(?:(?=.{1,63}$)[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/;
const DATA_NODE_FIELDS = ["nodeSelector", "taint"] as const;
const TAINT_FIELDS = ["key", "value", "effect"] as const;

/** Settings that only the AWS variant reads; an on-prem stack that sets one is told so. */
export const AWS_ONLY_SETTINGS = [
    "awsAccountId", "tags", "logRetentionDays", "kmsDeletionWindowDays", "vpcCidr", "availabilityZones", "natGateways",
    "publicAccessCidrs", "privateAccessCidrs", "accessEntries", "nodeGroups", "certificateArn", "hostedZoneId", "tlsPolicy",
    "wafRateLimit", "dockerHubCredentialArn", "githubCredentialArn", "deployPhase", "deployRunner", "previewRoleArn", "securityServices", "auditTrail",
] as const;

export const ONPREM_SETTINGS: Readonly<Record<string, SettingDoc>> = {
    platform: { summary: "Where the platform runs: aws (its own VPC and EKS cluster) or onprem (an existing cluster reached by kubeconfig, no AWS at all).", default: "aws" },
    kubeconfig: { summary: "onprem: kubeconfig contents, a secret (`pulumi config set --secret kubeconfig < file`).", default: "(or kubeconfigPath)" },
    kubeconfigPath: { summary: "onprem: path of a kubeconfig file on the machine running Pulumi.", default: "(or kubeconfig)" },
    kubeContext: { summary: "onprem: the kubeconfig context to deploy into.", default: "(its current-context)" },
    storage: {
        summary: "onprem: `{storageClassName, snapshotClassName, encryptedAtRest, encryption, snapshotSchedule?}`: existing classes for MongoDB's volumes and their snapshots, the declaration that the class encrypts at rest and how, and a five-field cron schedule.",
        default: "(required; snapshotSchedule 0 3 * * *)",
    },
    gateway: { summary: "onprem: `{serviceType?, loadBalancerSourceRanges?, nodePortSourceRanges?}`: the ingress gateway Service as LoadBalancer or NodePort, the client CIDRs a LoadBalancer admits, and (required for NodePort) the CIDRs the node ports admit: your load balancer's addresses.", default: "{serviceType: LoadBalancer}" },
    gatewayCertificate: { summary: "onprem: `{certificate, privateKey}` PEM the gateway presents (the key a secret): RSA 2048+ or ECDSA P-256/384/521, valid now, naming domainName.", default: "(issued by the internal CA)" },
    registryMirror: { summary: "onprem: registry (host[:port][/path]) every image is pulled from: <mirror>/<repository> for each upstream image, for air-gapped sites.", default: "(public registries)" },
    registryCredentials: { summary: "onprem: `{username, password}` for the mirror (password a secret); becomes an image pull secret in every namespace that pulls.", default: "(anonymous pulls)" },
    maxNodes: { summary: `onprem: nodes the cluster may grow to, 1 to ${MAX_ONPREM_NODES}: the Istio CNI node agent runs on every node and its namespace's quota admits this many.`, default: String(DEFAULT_ONPREM_MAX_NODES) },
    distribution: { summary: "onprem: the cluster's distribution, kubeadm, k3s or rke2: where the Istio CNI agent finds the CNI configuration and plugin directories.", default: "kubeadm" },
    selinux: { summary: "onprem: the nodes' SELinux mode, enforcing, permissive or disabled; with a policy loaded the Istio CNI agent runs as spc_t.", default: "disabled" },
    dataNodes: { summary: "onprem: `{nodeSelector, taint?}`: labels of the nodes MongoDB's members run on, and the taint `{key, value?, effect}` reserving them, which the members tolerate.", default: "(any node)" },
    clusterIdentifier: { summary: "onprem: a name of the cluster that survives kubeconfig changes (server URL, CA, credentials); changing it replaces every Kubernetes resource.", default: "<project>-<stack>" },
};

export function readPlatformKind(reader: ConfigReader): PlatformKind | undefined {
    return reader.oneOf("platform", PLATFORMS, "aws");
}

/** Reports every setting that belongs to the other variant. */
export function rejectOtherVariantSettings(reader: ConfigReader, platform: PlatformKind): void {
    const others: readonly string[] = platform === "onprem" ? [...AWS_ONLY_SETTINGS, "aws:region"] : Object.keys(ONPREM_SETTINGS).filter((key) => key !== "platform");
    for (const key of others) {
        if (reader.get(key) !== undefined) {
            reader.problem(key, platform === "onprem"
                ? "applies only to platform aws; an on-prem stack creates no AWS resource, remove it"
                : "applies only to platform onprem; set secure-platform:platform to onprem, or remove it");
        }
    }
}

export function readOnPrem(reader: ConfigReader, domainName: string | undefined): Partial<OnPremSettings> {
    const kubeContext = reader.matching("kubeContext", KUBE_CONTEXT, "a kubeconfig context name");
    const registryMirror = reader.matching("registryMirror", REGISTRY, "a registry as host[:port][/path] in lower case, without https:// (e.g. registry.corp.example:5000/mirror)");
    const registryCredentials = readCredentials(reader);
    if (registryCredentials && !registryMirror) {
        reader.problem("registryCredentials", "set registryMirror too: the credentials are for the mirror");
    }
    const gatewayCertificate = readCertificate(reader, domainName);
    const dataNodes = readDataNodes(reader);
    const clusterIdentifier = reader.matching("clusterIdentifier", CLUSTER_IDENTIFIER, "a name without spaces, at most 253 characters");
    return {
        kubeconfig: readKubeconfig(reader),
        ...(kubeContext ? { kubeContext } : {}),
        kubernetesVersion: readVersion(reader),
        storage: readStorage(reader),
        gateway: readGateway(reader),
        ...(gatewayCertificate ? { gatewayCertificate } : {}),
        ...(registryMirror ? { registryMirror } : {}),
        ...(registryCredentials ? { registryCredentials } : {}),
        maxNodes: reader.integerInRange("maxNodes", 1, MAX_ONPREM_NODES, DEFAULT_ONPREM_MAX_NODES),
        distribution: reader.oneOf("distribution", DISTRIBUTIONS, "kubeadm"),
        selinux: reader.oneOf("selinux", SELINUX_MODES, "disabled"),
        ...(dataNodes ? { dataNodes } : {}),
        ...(clusterIdentifier ? { clusterIdentifier } : {}),
    };
}

function readDataNodes(reader: ConfigReader): DataNodeSettings | undefined {
    const value = reader.structured("dataNodes");
    if (value === undefined) {
        return undefined;
    }
    if (!isPlainObject(value)) {
        reader.problem("dataNodes", `expected {nodeSelector, taint?}, got ${describe(value)}`);
        return undefined;
    }
    let ok = reader.onlyFields("dataNodes", "dataNodes", value, DATA_NODE_FIELDS);
    const selector = value.nodeSelector;
    if (!isPlainObject(selector) || Object.keys(selector).length === 0) {
        reader.problem("dataNodes", `dataNodes.nodeSelector ${selector === undefined ? "is missing" : `${describe(selector)} is not a map of labels`}; name at least one label every data node carries, e.g. {"node-role.example.com/data": "true"}`);
        ok = false;
    } else {
        for (const [key, label] of Object.entries(selector)) {
            if (!QUALIFIED_NAME.test(key)) {
                reader.problem("dataNodes", `dataNodes.nodeSelector key ${describe(key)} is not a label key ([prefix/]name, the name at most 63 letters, digits, '-', '_' or '.')`);
                ok = false;
            }
            if (typeof label !== "string" || !LABEL_VALUE.test(label)) {
                reader.problem("dataNodes", `dataNodes.nodeSelector.${key} ${describe(label)} is not a label value (a string of at most 63 letters, digits, '-', '_' or '.')`);
                ok = false;
            }
        }
    }
    const taint = value.taint === undefined ? undefined : readTaint(reader, value.taint);
    if (value.taint !== undefined && taint === undefined) {
        ok = false;
    }
    return ok ? { nodeSelector: { ...(selector as Record<string, string>) }, ...(taint ? { taint } : {}) } : undefined;
}

function readTaint(reader: ConfigReader, value: unknown): DataNodeSettings["taint"] {
    if (!isPlainObject(value)) {
        reader.problem("dataNodes", `dataNodes.taint: expected {key, value?, effect}, got ${describe(value)}`);
        return undefined;
    }
    let ok = reader.onlyFields("dataNodes", "dataNodes.taint", value, TAINT_FIELDS);
    if (typeof value.key !== "string" || !QUALIFIED_NAME.test(value.key)) {
        reader.problem("dataNodes", `dataNodes.taint.key ${value.key === undefined ? "is missing" : `${describe(value.key)} is not a taint key ([prefix/]name)`}`);
        ok = false;
    }
    if (value.value !== undefined && (typeof value.value !== "string" || !LABEL_VALUE.test(value.value))) {
        reader.problem("dataNodes", `dataNodes.taint.value ${describe(value.value)} is not a taint value (at most 63 letters, digits, '-', '_' or '.')`);
        ok = false;
    }
    if (!(TAINT_EFFECTS as readonly unknown[]).includes(value.effect)) {
        reader.problem("dataNodes", `dataNodes.taint.effect ${value.effect === undefined ? "is missing" : `${describe(value.effect)} is not allowed`}; use ${TAINT_EFFECTS.join(", ")}`);
        ok = false;
    }
    return ok
        ? { key: value.key as string, ...(value.value ? { value: value.value as string } : {}), effect: value.effect as TaintEffect }
        : undefined;
}

function readKubeconfig(reader: ConfigReader): OnPremSettings["kubeconfig"] | undefined {
    const contents = reader.secret("kubeconfig", "it holds the cluster's credentials");
    const path = reader.get("kubeconfigPath");
    if (reader.get("kubeconfig") !== undefined && path !== undefined) {
        reader.problem("kubeconfigPath", "set kubeconfig or kubeconfigPath, not both");
        return undefined;
    }
    if (path !== undefined) {
        if (path.trim() === "" || path.includes("\n")) {
            reader.problem("kubeconfigPath", `${describe(path)} is not a file path`);
            return undefined;
        }
        return { path };
    }
    if (contents !== undefined) {
        if (!isOfflinePlaceholder(contents) && !looksLikeKubeconfig(contents)) {
            reader.problem("kubeconfig", "does not look like a kubeconfig (YAML with clusters, contexts and users); to name a file, use kubeconfigPath");
            return undefined;
        }
        return { contents };
    }
    if (reader.get("kubeconfig") === undefined) {
        reader.problem("kubeconfig", "missing; an on-prem stack deploys into the cluster of an explicit kubeconfig: set kubeconfig (secret contents) or kubeconfigPath, never the ambient one");
    }
    return undefined;
}

/** A kubeconfig in YAML (top-level keys) or in JSON (an object with clusters). */
function looksLikeKubeconfig(contents: string): boolean {
    if (/^\s*(apiVersion|clusters|contexts|kind|users|current-context|preferences)\s*:/m.test(contents)) {
        return true;
    }
    try {
        const parsed = JSON.parse(contents) as unknown;
        return isPlainObject(parsed) && Array.isArray(parsed.clusters);
    } catch {
        return false;
    }
}

function readVersion(reader: ConfigReader): string | undefined {
    const value = reader.get("kubernetesVersion");
    if (value === undefined) {
        reader.problem("kubernetesVersion", `missing; set the cluster's Kubernetes minor version (${ONPREM_KUBERNETES_VERSIONS.join(", ")}): namespaces pin their Pod Security Standards to it`);
        return undefined;
    }
    if (!(ONPREM_KUBERNETES_VERSIONS as readonly string[]).includes(value)) {
        const yamlHint = /^1\.\d$/.test(value) ? ` (YAML read 1.${value.slice(2)}0 as a number; quote it)` : "";
        reader.problem("kubernetesVersion", `${JSON.stringify(value)} is not supported${yamlHint}; use one of ${ONPREM_KUBERNETES_VERSIONS.join(", ")} (the versions the pinned Istio supports)`);
        return undefined;
    }
    return value;
}

function readStorage(reader: ConfigReader): StorageSettings | undefined {
    const value = reader.structured("storage");
    if (value === undefined) {
        reader.problem("storage", "missing; name the existing StorageClass and VolumeSnapshotClass for MongoDB and declare whether the class encrypts at rest: {storageClassName, snapshotClassName, encryptedAtRest, encryption}");
        return undefined;
    }
    if (!isPlainObject(value)) {
        reader.problem("storage", `expected {storageClassName, snapshotClassName, encryptedAtRest, encryption, snapshotSchedule?}, got ${describe(value)}`);
        return undefined;
    }
    let ok = reader.onlyFields("storage", "storage", value, STORAGE_FIELDS);
    for (const field of ["storageClassName", "snapshotClassName"] as const) {
        const name = value[field];
        if (typeof name !== "string" || !OBJECT_NAME.test(name)) {
            reader.problem("storage", `storage.${field} ${name === undefined ? "is missing" : `${describe(name)} is not a Kubernetes object name`}; name an existing ${field === "storageClassName" ? "StorageClass" : "VolumeSnapshotClass"}`);
            ok = false;
        }
    }
    if (typeof value.encryptedAtRest !== "boolean") {
        reader.problem("storage", `storage.encryptedAtRest ${value.encryptedAtRest === undefined ? "is missing" : `${describe(value.encryptedAtRest)} is not true or false`}; declare whether the StorageClass encrypts volumes at rest (e.g. Longhorn with encrypted: "true", Ceph RBD with LUKS)`);
        ok = false;
    }
    const encryption = value.encryption ?? (value.encryptedAtRest === false ? "none" : undefined);
    if (typeof encryption !== "string" || encryption.trim() === "" || encryption.length > 200) {
        reader.problem("storage", `storage.encryption ${encryption === undefined ? "is missing" : `${describe(encryption)} is not a description`}; say how the class encrypts (at most 200 characters), e.g. "Longhorn volume encryption (LUKS2)"`);
        ok = false;
    }
    const schedule = value.snapshotSchedule ?? DEFAULT_SNAPSHOT_SCHEDULE;
    if (typeof schedule !== "string" || !isCron(schedule)) {
        reader.problem("storage", `storage.snapshotSchedule ${describe(schedule)} is not a five-field cron expression like "0 3 * * *"`);
        ok = false;
    }
    return ok
        ? {
            storageClassName: value.storageClassName as string,
            snapshotClassName: value.snapshotClassName as string,
            encryptedAtRest: value.encryptedAtRest as boolean,
            encryption: encryption as string,
            snapshotSchedule: schedule as string,
        }
        : undefined;
}

function isCron(text: string): boolean {
    const fields = text.split(" ");
    return fields.length === 5 && fields.every((field) => CRON_FIELD.test(field));
}

function readGateway(reader: ConfigReader): GatewaySettings | undefined {
    const value = reader.structured("gateway") ?? {};
    if (!isPlainObject(value)) {
        reader.problem("gateway", `expected {serviceType?, loadBalancerSourceRanges?, nodePortSourceRanges?}, got ${describe(value)}`);
        return undefined;
    }
    let ok = reader.onlyFields("gateway", "gateway", value, GATEWAY_FIELDS);
    const serviceType = value.serviceType ?? "LoadBalancer";
    if (!(GATEWAY_SERVICE_TYPES as readonly unknown[]).includes(serviceType)) {
        reader.problem("gateway", `gateway.serviceType ${describe(serviceType)} is not allowed; use ${GATEWAY_SERVICE_TYPES.join(" or ")}`);
        ok = false;
    }
    const ranges = readRanges(reader, "loadBalancerSourceRanges", value.loadBalancerSourceRanges);
    if (ranges && ranges.length > 0 && serviceType === "NodePort") {
        reader.problem("gateway", "gateway.loadBalancerSourceRanges applies to a LoadBalancer only; list the sources a NodePort admits in gateway.nodePortSourceRanges");
        ok = false;
    }
    const nodePortRanges = readRanges(reader, "nodePortSourceRanges", value.nodePortSourceRanges);
    if (nodePortRanges && nodePortRanges.length > 0 && serviceType !== "NodePort") {
        reader.problem("gateway", "gateway.nodePortSourceRanges applies to a NodePort only; a LoadBalancer takes no node ports and admits gateway.loadBalancerSourceRanges");
        ok = false;
    }
    // A node port is open on every node, so the gateway's pods must know whom to admit (README, "On-prem and air-gapped clusters").
    if (nodePortRanges && nodePortRanges.length === 0 && serviceType === "NodePort") {
        reader.problem("gateway", "gateway.nodePortSourceRanges is missing; a NodePort gateway is reachable on every node, so list the addresses your load balancer forwards from (or the clients' ranges, when it keeps their addresses): the gateway's pods admit only these");
        ok = false;
    }
    return ok && ranges && nodePortRanges
        ? { serviceType: serviceType as GatewayServiceType, loadBalancerSourceRanges: ranges, nodePortSourceRanges: nodePortRanges }
        : undefined;
}

/** A list of distinct CIDRs at `gateway.<field>`, empty when unset. */
function readRanges(reader: ConfigReader, field: string, value: unknown): string[] | undefined {
    const ranges = value ?? [];
    if (!Array.isArray(ranges) || !ranges.every((r) => typeof r === "string")) {
        reader.problem("gateway", `gateway.${field} must be a list of CIDRs, got ${describe(ranges)}`);
        return undefined;
    }
    let ok = true;
    for (const range of ranges) {
        const parsed = parseCidr(range);
        if (!parsed.ok) {
            reader.problem("gateway", `gateway.${field}: ${parsed.reason}`);
            ok = false;
        }
    }
    return reader.noDuplicates("gateway", ranges, "range") && ok ? ranges : undefined;
}

function readCertificate(reader: ConfigReader, domainName: string | undefined): ImportedCertificate | undefined {
    const value = reader.structured("gatewayCertificate");
    if (value === undefined) {
        return undefined;
    }
    if (!isPlainObject(value)) {
        reader.problem("gatewayCertificate", `expected {certificate, privateKey} in PEM, got ${describe(value)}`);
        return undefined;
    }
    if (!reader.onlyFields("gatewayCertificate", "gatewayCertificate", value, CERTIFICATE_FIELDS)) {
        return undefined;
    }
    const { certificate, privateKey } = value;
    if (typeof privateKey !== "string" || privateKey === "") {
        reader.problem("gatewayCertificate", "gatewayCertificate.privateKey is missing; give the PEM key as a secret");
        return undefined;
    }
    if (reader.isSecret("gatewayCertificate") === false) {
        reader.problem("gatewayCertificate", "gatewayCertificate.privateKey must be a secret ({secure: ...} in the stack file, or `pulumi config set --secret --path 'gatewayCertificate.privateKey'`), not a plain value");
        return undefined;
    }
    let x509: crypto.X509Certificate;
    try {
        x509 = new crypto.X509Certificate(String(certificate));
    } catch {
        reader.problem("gatewayCertificate", "gatewayCertificate.certificate is not a PEM certificate (-----BEGIN CERTIFICATE-----)");
        return undefined;
    }
    const problems = certificateProblems(x509, domainName);
    if (!isOfflinePlaceholder(privateKey)) {
        problems.push(...keyProblems(x509, privateKey));
    }
    for (const problem of problems) {
        reader.problem("gatewayCertificate", problem);
    }
    return problems.length === 0 ? { certificatePem: String(certificate), privateKeyPem: privateKey } : undefined;
}

/** What is wrong with a certificate the gateway would present. */
export function certificateProblems(x509: crypto.X509Certificate, domainName: string | undefined, now = new Date()): string[] {
    const problems: string[] = [];
    if (new Date(x509.validTo) <= now) {
        problems.push(`gatewayCertificate.certificate expired on ${new Date(x509.validTo).toISOString().slice(0, 10)}`);
    }
    if (new Date(x509.validFrom) > now) {
        problems.push(`gatewayCertificate.certificate is not valid before ${new Date(x509.validFrom).toISOString().slice(0, 10)}`);
    }
    // subject "never": clients match only the SANs (RFC 6125, CA/B BR), while checkHost would fall back to the CN.
    if (domainName && x509.checkHost(domainName, { subject: "never" }) === undefined) {
        problems.push(`gatewayCertificate.certificate does not name ${domainName} (domainName) in its subject alternative names`);
    }
    problems.push(...publicKeyProblems(x509.publicKey, "gatewayCertificate.certificate"));
    return problems;
}

function publicKeyProblems(key: crypto.KeyObject, where: string): string[] {
    const details = key.asymmetricKeyDetails ?? {};
    if (key.asymmetricKeyType === "rsa" || key.asymmetricKeyType === "rsa-pss") {
        return (details.modulusLength ?? 0) < MIN_IMPORTED_RSA_BITS
            ? [`${where} has a ${details.modulusLength}-bit RSA key; use at least ${MIN_IMPORTED_RSA_BITS} bits`]
            : [];
    }
    if (key.asymmetricKeyType === "ec") {
        return (IMPORTED_EC_CURVES as readonly string[]).includes(details.namedCurve ?? "")
            ? []
            : [`${where} uses the curve ${details.namedCurve}; use P-256, P-384 or P-521`];
    }
    // Ed25519 and other key types are not accepted by common TLS clients for server certificates.
    return [`${where} has a ${key.asymmetricKeyType} key; use RSA (2048+ bits) or ECDSA`];
}

function keyProblems(x509: crypto.X509Certificate, privateKeyPem: string): string[] {
    let key: crypto.KeyObject;
    try {
        key = crypto.createPrivateKey(privateKeyPem);
    } catch {
        return ["gatewayCertificate.privateKey is not an unencrypted PEM private key"];
    }
    return x509.checkPrivateKey(key) ? [] : ["gatewayCertificate.privateKey does not belong to gatewayCertificate.certificate"];
}

function readCredentials(reader: ConfigReader): RegistryCredentials | undefined {
    const value = reader.structured("registryCredentials");
    if (value === undefined) {
        return undefined;
    }
    if (!isPlainObject(value)) {
        reader.problem("registryCredentials", `expected {username, password}, got ${describe(value)}`);
        return undefined;
    }
    if (!reader.onlyFields("registryCredentials", "registryCredentials", value, CREDENTIAL_FIELDS)) {
        return undefined;
    }
    const { username, password } = value;
    let ok = true;
    if (typeof username !== "string" || username === "" || username.includes(":")) {
        reader.problem("registryCredentials", `registryCredentials.username ${describe(username)} is not a user name (non-empty, no ':')`);
        ok = false;
    }
    if (typeof password !== "string" || password === "") {
        reader.problem("registryCredentials", "registryCredentials.password is missing; give it as a secret");
        ok = false;
    } else if (reader.isSecret("registryCredentials") === false) {
        reader.problem("registryCredentials", "registryCredentials.password must be a secret ({secure: ...} in the stack file), not a plain value");
        ok = false;
    }
    return ok ? { username: username as string, password: password as string } : undefined;
}
