/**
 * Stack configuration: every `secure-platform:*` setting, its default and its validation, composed
 * from the sections in settings/.
 *
 * `parseConfig` is pure and does not load the Pulumi SDK, so the offline check validates a stack file
 * with exactly the code `pulumi up` runs, before anything else happens. Every problem is collected and
 * reported at once, each naming the key and what is allowed; nothing is registered until all pass.
 */
import * as crypto from "node:crypto";
import { ConfigReader, SettingDoc } from "./lib/config-reader";
import { certificateCovers, dnsSubjectAltNames, isOneLabelBelow } from "./lib/hostnames";
import { CLUSTER_SETTINGS, ClusterSettings, readCluster } from "./settings/cluster";
import { DATA_SETTINGS, DataSettings, readData } from "./settings/data";
import { DEPLOY_SETTINGS, DeploySettings, readDeploy } from "./settings/deploy";
import { DOMAIN, EDGE_SETTINGS, EdgeSettings, readEdge } from "./settings/edge";
import { IMAGE_SETTINGS, ImageSettings, readImages } from "./settings/images";
import { IMAGE_VERIFICATION_SETTINGS, ImageVerificationSettings, readImageVerification } from "./settings/image-verification";
import { MESH_SETTINGS, MeshSettings, readMesh } from "./settings/mesh";
import { NETWORK_SETTINGS, NetworkSettings, readNetwork } from "./settings/network";
import { ONPREM_SETTINGS, OnPremSettings, readOnPrem, readPlatformKind, rejectOtherVariantSettings } from "./settings/onprem";
import { PLATFORM_SETTINGS, PlatformSettings, readPlatform } from "./settings/platform";
import { requireCertificateCoversHosts } from "./settings/tenants";
import { AUDIT_TRAIL_SETTINGS, AuditTrailSettings, readAuditTrail } from "./settings/audit-trail";
import { readSecurityServices, SECURITY_SERVICES_SETTINGS, SecurityServicesSettings } from "./settings/security-services";

export const PROJECT = "secure-platform";

export type { Environment } from "./settings/platform";

/** What both variants read: identity, environment, tenants, the in-cluster components and the data tier. */
export interface CommonConfig {
    readonly project: string;
    readonly stack: string;
    readonly environment: PlatformSettings["environment"];
    readonly tenants: PlatformSettings["tenants"];
    readonly mesh: MeshSettings;
    readonly data: DataSettings;
    /** How the platform's own images are verified before they run; none: only pinned third-party images are admitted. */
    readonly imageVerification?: ImageVerificationSettings;
}

/** The validated configuration of an AWS stack (`platform: aws`, the default). */
export interface AwsPlatformConfig extends PlatformSettings, CommonConfig {
    readonly platform: "aws";
    readonly network: NetworkSettings;
    readonly cluster: ClusterSettings;
    readonly edge: EdgeSettings;
    readonly images: ImageSettings;
    readonly deploy: DeploySettings;
    /** Who provides GuardDuty, Security Hub and AWS Config in the account. */
    readonly securityServices: SecurityServicesSettings;
    /** The account's CloudTrail trail: created by the stack, or the organization's. */
    readonly auditTrail: AuditTrailSettings;
}

/** The validated configuration of an on-prem stack (`platform: onprem`): no AWS setting at all. */
export interface OnPremPlatformConfig extends CommonConfig {
    readonly platform: "onprem";
    /** Public name of the platform: a SAN of the gateway certificate. */
    readonly domainName?: string;
    readonly onprem: OnPremSettings;
}

/** The validated stack configuration. Built only by `parseConfig`. */
export type PlatformConfig = AwsPlatformConfig | OnPremPlatformConfig;

/** Documentation of every `secure-platform:` setting; also the list of known keys. */
export const SETTINGS: Readonly<Record<string, SettingDoc>> = {
    ...PLATFORM_SETTINGS,
    ...NETWORK_SETTINGS,
    ...CLUSTER_SETTINGS,
    ...EDGE_SETTINGS,
    ...IMAGE_SETTINGS,
    ...DEPLOY_SETTINGS,
    ...SECURITY_SERVICES_SETTINGS,
    ...AUDIT_TRAIL_SETTINGS,
    ...MESH_SETTINGS,
    ...DATA_SETTINGS,
    ...IMAGE_VERIFICATION_SETTINGS,
    ...ONPREM_SETTINGS,
};

export interface ParseOptions {
    readonly stack: string;
    readonly project?: string;
    /**
     * Fully qualified keys whose values are secret, as the CLI lists them to the program
     * (PULUMI_CONFIG_SECRET_KEYS). When given, a setting that must be secret is refused as a plain value.
     */
    readonly secretKeys?: readonly string[];
}

/** The secret keys the Pulumi CLI passes a program, or undefined when it passed none. */
export function secretKeysFromEnvironment(env: NodeJS.ProcessEnv = process.env): string[] | undefined {
    const raw = env.PULUMI_CONFIG_SECRET_KEYS;
    if (raw === undefined || raw === "") {
        return undefined;
    }
    try {
        const parsed = JSON.parse(raw) as unknown;
        return Array.isArray(parsed) && parsed.every((k) => typeof k === "string") ? parsed : undefined;
    } catch {
        return undefined;
    }
}

/**
 * Turns raw stack configuration (fully qualified keys, values as the Pulumi CLI passes them: strings,
 * with lists and objects JSON-encoded) into a validated `PlatformConfig`, or throws a `ConfigError`
 * listing every problem.
 */
export function parseConfig(raw: Readonly<Record<string, string>>, options: ParseOptions): PlatformConfig {
    const project = options.project ?? PROJECT;
    const reader = new ConfigReader(raw, project, options.secretKeys ? new Set(options.secretKeys) : undefined);
    reader.rejectUnknownKeys(Object.keys(SETTINGS));
    const kind = readPlatformKind(reader) ?? "aws";
    rejectOtherVariantSettings(reader, kind);

    // Tenants' hosts default below the platform's own; a malformed domainName is reported where it is read.
    const declaredDomain = reader.get("domainName");
    const platform = readPlatform(reader, kind, declaredDomain !== undefined && DOMAIN.test(declaredDomain) ? declaredDomain : undefined);
    // Sections that depend on the environment still run when it is missing, so their problems show too.
    const environment = platform.environment ?? "dev";
    const mesh = readMesh(reader, platform.tenants ?? []);
    const data = readData(reader, environment, platform.region, kind);
    const imageVerification = readImageVerification(reader, environment, { platform: kind, ...(platform.region ? { region: platform.region } : {}) });
    if (kind === "onprem") {
        const domainName = reader.matching("domainName", DOMAIN, "a lower-case DNS name like platform.corp.example");
        const onprem = readOnPrem(reader, domainName);
        if (onprem.gatewayCertificate && platform.tenants) {
            const sans = dnsSubjectAltNames(new crypto.X509Certificate(onprem.gatewayCertificate.certificatePem).subjectAltName);
            requireCertificateCoversHosts(reader, "gatewayCertificate", platform.tenants, (host) => certificateCovers(sans, host),
                "gatewayCertificate.certificate", "add it to the certificate's subject alternative names (or a wildcard for it), or change the tenant's hosts");
        }
        reader.throwIfProblems();
        return {
            platform: "onprem",
            project,
            stack: options.stack,
            environment: platform.environment!,
            tenants: platform.tenants!,
            ...(domainName ? { domainName } : {}),
            mesh: mesh as MeshSettings,
            data: data as DataSettings,
            ...(imageVerification ? { imageVerification } : {}),
            onprem: onprem as OnPremSettings,
        };
    }
    const network = readNetwork(reader, environment, platform.region);
    const cluster = readCluster(reader, environment, network.vpcCidr);
    const edge = readEdge(reader, platform.region);
    const requestedFor = edge.certificateArn ? undefined : edge.domainName;
    if (requestedFor && platform.tenants) {
        requireCertificateCoversHosts(reader, "tenants", platform.tenants, (host) => isOneLabelBelow(host, requestedFor),
            `the certificate requested for domainName (${requestedFor} and *.${requestedFor})`, `use a name one label below ${requestedFor}, or set certificateArn to a certificate that covers every tenant host`);
    }
    const images = readImages(reader, platform.region, platform.awsAccountId);
    const securityServices = readSecurityServices(reader);
    const auditTrail = readAuditTrail(reader);
    const deploy = readDeploy(reader, { region: platform.region, awsAccountId: platform.awsAccountId, accessEntries: cluster.accessEntries });

    reader.throwIfProblems();
    return {
        ...(platform as PlatformSettings),
        platform: "aws",
        project,
        stack: options.stack,
        network: network as NetworkSettings,
        cluster: cluster as ClusterSettings,
        edge: edge as EdgeSettings,
        images: images as ImageSettings,
        securityServices: securityServices as SecurityServicesSettings,
        auditTrail: auditTrail as AuditTrailSettings,
        deploy: deploy as DeploySettings,
        mesh: mesh as MeshSettings,
        data: data as DataSettings,
        ...(imageVerification ? { imageVerification } : {}),
    };
}
