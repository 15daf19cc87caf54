/**
 * The platform's own registry for every image a node pulls: ECR pull-through cache rules for the upstream
 * registries the platform's images come from, creation templates so each cached repository is created
 * encrypted with the images key and with a lifecycle policy, and registry scanning of what is cached.
 *
 * Nodes pull `<account>.dkr.ecr.<region>.amazonaws.com/<prefix>/<repository>:<tag>` through the ECR API,
 * ECR DKR and S3 gateway endpoints, and Docker Hub sees ECR's authenticated pulls instead of the NAT's IP.
 * Once an image is cached the isolated data tier needs nothing else; the first pull of an image through a
 * rule over the interface endpoints needs a NAT route (docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html,
 * "Considerations"), so images are pulled first from the app tier (README, "Images on AWS").
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { partitionOfRegion } from "../lib/partition";
import { AwsContext, withAwsContext } from "./aws-context";
import { ecrTrustPolicy, repositoryCreationPolicy } from "./iam-documents";

/** An upstream registry the cache fetches from. */
export interface PullThroughUpstream {
    /** The registry as image references name it (`splitImage` in infra/k8s/sources.ts). */
    readonly registry: string;
    /** What ECR fetches from (CreatePullThroughCacheRule's upstreamRegistryUrl for this registry). */
    readonly upstreamRegistryUrl: string;
    /** ECR repository prefix its images are cached under (2 to 30 characters; the console's default name). */
    readonly prefix: string;
    /** Whether ECR signs in with a Secrets Manager credential (required for Docker Hub and ghcr.io, none for Quay). */
    readonly credential: boolean;
}

/**
 * Every upstream registry of an image in infra/versions.ts. The upstream URLs and which one needs a
 * credential: docs.aws.amazon.com/AmazonECR/latest/userguide/pull-through-cache.html and the
 * CreatePullThroughCacheRule API reference.
 */
export const PULL_THROUGH_UPSTREAMS: readonly PullThroughUpstream[] = [
    { registry: "docker.io", upstreamRegistryUrl: "registry-1.docker.io", prefix: "docker-hub", credential: true },
    { registry: "quay.io", upstreamRegistryUrl: "quay.io", prefix: "quay", credential: false },
    // The image-verification controller (sigstore/policy-controller); GitHub Container Registry requires a credential.
    { registry: "ghcr.io", upstreamRegistryUrl: "ghcr.io", prefix: "github", credential: true },
];

export const IMAGE_CACHE_PREFIXES: readonly string[] = PULL_THROUGH_UPSTREAMS.map((u) => u.prefix);

/** Tagged images each cached repository keeps: the pinned version and a few before it, for rollbacks. */
export const CACHED_TAGGED_IMAGES = 10;

/**
 * Regions where ECR enhanced scanning (Amazon Inspector) is not offered; they get basic scanning
 * (docs.aws.amazon.com/AmazonECR/latest/userguide/image-scanning-enhanced.html, "Considerations").
 */
export const REGIONS_WITHOUT_ENHANCED_SCANNING: readonly string[] = ["me-central-1", "ap-south-2", "il-central-1", "ap-southeast-4", "eu-south-2"];

/** The private registry of an account in a region: where nodes pull from. */
export function ecrRegistryHost(accountId: string, region: string): string {
    return `${accountId}.dkr.ecr.${region}.${partitionOfRegion(region).dnsSuffix}`;
}

/** The path of the registry that replaces each upstream registry (SourceSettings.registryMirrors). */
export function imageCacheMirrors(registryHost: string): Record<string, string> {
    return Object.fromEntries(PULL_THROUGH_UPSTREAMS.map((u) => [u.registry, `${registryHost}/${u.prefix}`]));
}

/**
 * The lifecycle policy of every cached repository: keep the newest tagged images and expire older ones.
 * Untagged images are left alone on purpose: the per-platform images of a multi-architecture image (Istio's
 * and Percona's are) are untagged children of its tagged index, and a lifecycle rule does not follow the
 * index to them (github.com/aws/containers-roadmap/issues/1466), so expiring untagged images would break
 * the images in use. An expired image is imported again on its next pull.
 */
export function cacheLifecyclePolicy(): string {
    return JSON.stringify({
        rules: [{
            rulePriority: 1,
            description: `Keep the ${CACHED_TAGGED_IMAGES} newest tagged images`,
            selection: { tagStatus: "tagged", tagPatternList: ["*"], countType: "imageCountMoreThan", countNumber: CACHED_TAGGED_IMAGES },
            action: { type: "expire" },
        }],
    });
}

export type ScanType = "ENHANCED" | "BASIC";

/**
 * The registry's scanning configuration. Enhanced scanning (Amazon Inspector) where offered: it scans
 * OS and language packages and rescans continuously as new CVEs are published, which matters for
 * third-party images that are pulled once and run for months; it is billed per image by Inspector, a
 * handful of images here. Cached repositories are scanned continuously, anything else pushed to the
 * registry on push. Basic scanning elsewhere: OS packages, on push only.
 */
export function scanningConfiguration(region: string, prefixes: readonly string[] = IMAGE_CACHE_PREFIXES): {
    scanType: ScanType;
    rules: { scanFrequency: "CONTINUOUS_SCAN" | "SCAN_ON_PUSH"; repositoryFilters: { filter: string; filterType: "WILDCARD" }[] }[];
} {
    const everything = { scanFrequency: "SCAN_ON_PUSH" as const, repositoryFilters: [{ filter: "*", filterType: "WILDCARD" as const }] };
    if (REGIONS_WITHOUT_ENHANCED_SCANNING.includes(region)) {
        return { scanType: "BASIC", rules: [everything] };
    }
    return {
        scanType: "ENHANCED",
        rules: [
            { scanFrequency: "CONTINUOUS_SCAN", repositoryFilters: prefixes.map((prefix) => ({ filter: `${prefix}/*`, filterType: "WILDCARD" as const })) },
            everything,
        ],
    };
}

export interface ImageCacheArgs {
    readonly context: AwsContext;
    /**
     * The account whose registry nodes pull from: the stack's `awsAccountId`, or the Docker Hub credential's
     * account (ECR accepts only a secret of its own account and region, so a deployment into another account
     * fails creating the Docker Hub rule, before anything pulls).
     */
    readonly registryAccountId: string;
    /** Secrets Manager secret (`ecr-pullthroughcache/...`) ECR signs in to Docker Hub with. */
    readonly dockerHubCredentialArn: string;
    /** Secrets Manager secret (`ecr-pullthroughcache/...`) ECR signs in to GitHub Container Registry with. */
    readonly githubCredentialArn: string;
    /** The images key: every cached repository is encrypted with it. */
    readonly kmsKeyArn: pulumi.Input<string>;
}

/**
 * Pull-through cache rules (one per upstream registry), creation templates that encrypt, scan and expire
 * each cached repository, the role ECR creates them with, and the registry's scanning configuration.
 */
export class ImageCache extends pulumi.ComponentResource {
    /** `<account>.dkr.ecr.<region>.<suffix>`. */
    readonly registry: string;
    /** Upstream registry → the path of this registry that replaces it. */
    readonly mirrors: Readonly<Record<string, string>>;
    readonly rules: Readonly<Record<string, aws.ecr.PullThroughCacheRule>>;
    readonly templates: Readonly<Record<string, aws.ecr.RepositoryCreationTemplate>>;
    readonly creationRole: aws.iam.Role;
    readonly scanning: aws.ecr.RegistryScanningConfiguration;

    constructor(name: string, args: ImageCacheArgs, opts?: pulumi.ComponentResourceOptions) {
        if (!/^\d{12}$/.test(args.registryAccountId)) {
            throw new Error(`ImageCache: registryAccountId must be a 12-digit AWS account ID, got ${JSON.stringify(args.registryAccountId)}`);
        }
        super("secure-platform:aws:ImageCache", name, {}, opts);
        const parent = { parent: this };
        const prefixes = IMAGE_CACHE_PREFIXES;
        this.registry = ecrRegistryHost(args.registryAccountId, args.context.region);
        this.mirrors = imageCacheMirrors(this.registry);

        // KMS encryption in a creation template needs a role ECR assumes to create the repositories
        // (CreateRepositoryCreationTemplate, customRoleArn).
        this.creationRole = new aws.iam.Role(`${name}-repository-creation`, {
            description: "ECR: create the image cache's repositories, encrypted with the images key",
            assumeRolePolicy: ecrTrustPolicy(),
        }, parent);
        const creationPolicy = new aws.iam.RolePolicy(`${name}-repository-creation`, {
            role: this.creationRole.name,
            name: "create-cache-repositories",
            policy: pulumi.all([withAwsContext(args.context, (c) => c), pulumi.output(args.kmsKeyArn)])
                .apply(([context, keyArn]) => repositoryCreationPolicy(context, prefixes, keyArn)),
        }, parent);

        const rules: Record<string, aws.ecr.PullThroughCacheRule> = {};
        const templates: Record<string, aws.ecr.RepositoryCreationTemplate> = {};
        for (const upstream of PULL_THROUGH_UPSTREAMS) {
            // A template must exist before the first pull: it applies only to repositories created after it.
            templates[upstream.prefix] = new aws.ecr.RepositoryCreationTemplate(`${name}-${upstream.prefix}`, {
                // A pull-through cache rule's prefix is its template's prefix (CreateRepositoryCreationTemplate, prefix).
                prefix: upstream.prefix,
                description: `Repositories ECR creates for images cached from ${upstream.upstreamRegistryUrl}`,
                appliedFors: ["PULL_THROUGH_CACHE"],
                customRoleArn: this.creationRole.arn,
                encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: args.kmsKeyArn }],
                // Mutable: ECR refreshes a cached tag from upstream (at most once a day, on a pull), and an
                // immutable tag would stop it updating the cached image
                // (docs.aws.amazon.com/AmazonECR/latest/userguide/pull-through-cache.html, "Considerations").
                imageTagMutability: "MUTABLE",
                lifecyclePolicy: cacheLifecyclePolicy(),
            }, { parent: this, dependsOn: [creationPolicy] });
            rules[upstream.prefix] = new aws.ecr.PullThroughCacheRule(`${name}-${upstream.prefix}`, {
                ecrRepositoryPrefix: upstream.prefix,
                upstreamRegistryUrl: upstream.upstreamRegistryUrl,
                ...(upstream.credential ? { credentialArn: upstream.registry === "ghcr.io" ? args.githubCredentialArn : args.dockerHubCredentialArn } : {}),
            }, { parent: this, dependsOn: [templates[upstream.prefix]] });
        }
        this.rules = rules;
        this.templates = templates;

        // One scanning configuration per registry (account and region): the stack owns its account's.
        this.scanning = new aws.ecr.RegistryScanningConfiguration(`${name}-scanning`, scanningConfiguration(args.context.region, prefixes), parent);

        this.registerOutputs({ registry: this.registry });
    }
}
