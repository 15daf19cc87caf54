/**
 * Images are verified before they run, on EKS and on-prem alike: an admission controller refuses, in the platform
 * and tenant namespaces, any pod whose images are neither signed by the identity or key the stack names (the
 * platform's own application images) nor pinned by digest (third-party images).
 *
 * Why Sigstore policy-controller, plus a native ValidatingAdmissionPolicy:
 * - policy-controller verifies cosign signatures, keyless (a Fulcio certificate for an OIDC identity, checked against
 *   Rekor's keys offline) or by key, and its key authority needs no transparency log, so an air-gapped site verifies
 *   with a PEM key in its stack and nothing outside the cluster (pkg/webhook/validator.go, v0.13.1: without `ctlog`
 *   the Rekor check is skipped). It is opt-in per namespace (label `policy.sigstore.dev/include: "true"`), refuses an
 *   image that matches no ClusterImagePolicy (`no-match-policy` defaults to deny, pkg/config/store.go), and its
 *   mutating webhook resolves every tag to a digest at admission, re-invoked after Istio adds its sidecar
 *   (`reinvocationPolicy: IfNeeded`, chart templates/webhook/webhook_mutating.yaml): an admitted pod runs the image
 *   that was checked, whatever the tag points at later. It is one Deployment with a chart pinned by digest.
 *   Kyverno's verifyImages verifies the same signatures inside a general policy engine (more controllers, its own
 *   policy language to review); Ratify needs Gatekeeper beside it. Neither adds anything this platform needs.
 * - A ValidatingAdmissionPolicy (GA since Kubernetes 1.30, CEL evaluated in the API server, no webhook that can be
 *   down) refuses any pod image not pinned by `@sha256:` digest in the same namespaces. It selects them by name, not
 *   by the opt-in label, so removing the label (which turns the webhook off there) does not let a tag-only image in:
 *   the tag is resolved by the webhook or the pod is refused.
 *
 * The controller runs outside the mesh: the API server calls its webhook and has no sidecar, and with STRICT mutual
 * TLS "non-Istio workloads cannot communicate to Istio services" (istio.io/latest/about/faq/security). Its namespace
 * denies everything but the API server's calls to the webhook, its calls to the API, and HTTPS to the registries.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { ImageVerificationSettings, VerificationMode } from "../../settings/image-verification";
import { ISTIO, PERCONA_MONGODB, POLICY_CONTROLLER } from "../../versions";
import { AllowRule, tcp } from "../network-policies";
import { RESTRICTED_CONTAINER_SECURITY_CONTEXT, RESTRICTED_POD_SECURITY_CONTEXT } from "../pod-security";
import { ContainerResources, quotaFor, resourceValues, withRollingSurge } from "../resources";
import { ImagePullSecret, NamespaceQuota, SecureNamespace, VERIFICATION_OPT_IN_LABEL } from "../secure-namespace";

export { VERIFICATION_OPT_IN_LABEL };
import { chartFrom, hubFrom, imageFrom, pullSecrets, SourceSettings, splitImage } from "../sources";

export const ADMISSION_NAMESPACE = "cosign-system";
export const POLICY_CONTROLLER_RELEASE = "policy-controller";
/** The webhook's HTTPS port (chart templates/webhook/deployment_webhook.yaml `containerPort: 8443`). */
export const WEBHOOK_PORT = 8443;
/**
 * Labels of the webhook's pods: `control-plane: <fullname>-webhook`, the fullname being the release name, which
 * contains the chart's name (chart templates/webhook/deployment_webhook.yaml, _helpers.tpl).
 */
export const WEBHOOK_POD_LABELS = { "control-plane": `${POLICY_CONTROLLER_RELEASE}-webhook` } as const;
/** The webhook's service account: `<fullname>-webhook` (chart _helpers.tpl "webhook.serviceAccountName"). */
export const POLICY_CONTROLLER_SERVICE_ACCOUNT = `${POLICY_CONTROLLER_RELEASE}-webhook`;
/** The uid of the controller's distroless image (the chart's `webhook.securityContext.runAsUser`). */
export const POLICY_CONTROLLER_UID = 65532;
/** The chart's own requests and limits for the webhook (values.yaml `webhook.resources`). */
export const POLICY_CONTROLLER_RESOURCES: ContainerResources = { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "200m", memory: "512Mi" } };
/** Names of the objects the program creates. */
export const SIGNED_IMAGES_POLICY = "platform-images-signed";
export const PINNED_IMAGES_POLICY = "third-party-images-pinned";
export const DIGEST_POLICY = "require-digest-pinned-images";

/** The namespace's quota: every replica plus the surge of a rolling update; no volumes. */
export function policyControllerQuota(replicas: number): NamespaceQuota {
    return quotaFor([{ pods: withRollingSurge(replicas), containers: [POLICY_CONTROLLER_RESOURCES] }], { storage: "0" });
}

/** `repository` and `version` (a digest) of the controller image, as the chart's "policy-controller.image" helper joins them. */
export function controllerImageValues(sources: SourceSettings): { repository: string; version: string } {
    const image = imageFrom(POLICY_CONTROLLER.image, sources);
    const at = image.indexOf("@");
    const repository = image.slice(0, at).replace(/:[^/:]+$/, "");
    return { repository, version: image.slice(at + 1) };
}

/**
 * The chart's values: the controller image by digest (upstream or mirror), PSS-restricted pod and container
 * contexts, the chart's resources, fail closed, a PDB once there are two replicas, and what an image matching no
 * policy meets (`no-match-policy`: deny, or warn in a dev stack that only warns).
 */
export function policyControllerValues(replicas: number, mode: VerificationMode, sources: SourceSettings = {}): Record<string, unknown> {
    return {
        imagePullSecrets: pullSecrets(sources),
        webhook: {
            replicaCount: replicas,
            image: controllerImageValues(sources),
            resources: resourceValues(POLICY_CONTROLLER_RESOURCES),
            failurePolicy: "Fail",
            // The chart names the pod's context `securityContext` and the container's `podSecurityContext`.
            securityContext: { enabled: true, ...RESTRICTED_POD_SECURITY_CONTEXT, runAsUser: POLICY_CONTROLLER_UID },
            podSecurityContext: { enabled: true, ...RESTRICTED_CONTAINER_SECURITY_CONTEXT, runAsUser: POLICY_CONTROLLER_UID },
            // One replica with minAvailable 1 would block every node drain.
            podDisruptionBudget: { enabled: replicas > 1, minAvailable: 1 },
            configData: { "no-match-policy": mode === "enforce" ? "deny" : "warn" },
        },
    };
}

/** A policy-controller glob's host: Docker Hub images are matched as `index.docker.io/...` (pkg/apis/glob/glob.go). */
function globRepository(image: string): string {
    const withoutDigest = image.split("@")[0];
    const repository = withoutDigest.replace(/:[^/:]+$/, "");
    const { registry, repository: path } = splitImage(repository);
    return `${registry === "docker.io" ? "index.docker.io" : registry}/${path}`;
}

/** Globs of one repository at any tag or digest (`*` stops at `/`, so no other repository matches). */
function repositoryGlobs(repository: string): string[] {
    return [`${repository}:*`, `${repository}@sha256:*`];
}

/**
 * The third-party images pods of the verified namespaces run, as the nodes pull them (upstream or mirror): Istio's
 * proxy (the sidecar and its init container) and the Percona operator's and database's images.
 */
export function thirdPartyImages(sources: SourceSettings): string[] {
    return [
        `${hubFrom(ISTIO.hub, sources)}/proxyv2:${ISTIO.version}`,
        imageFrom(PERCONA_MONGODB.operatorImage, sources),
        imageFrom(PERCONA_MONGODB.mongodImage, sources),
        imageFrom(PERCONA_MONGODB.backupImage, sources),
        imageFrom(PERCONA_MONGODB.pmmClientImage, sources),
    ];
}

/** The globs the third-party policy covers. */
export function thirdPartyGlobs(sources: SourceSettings): string[] {
    return [...new Set(thirdPartyImages(sources).map(globRepository))].flatMap(repositoryGlobs);
}

/** The ClusterImagePolicy spec for the platform's own images: signed by the stack's keyless identity or key. */
export function signedImagesPolicySpec(settings: ImageVerificationSettings): Record<string, unknown> {
    // A KMS key is read once by the controller's reconciler, which inlines its public half
    // (pkg/reconciler/clusterimagepolicy/clusterimagepolicy.go, getKMSPublicKey, v0.13.1).
    const authority = settings.keyless
        ? { name: "keyless", keyless: { identities: [{ issuer: settings.keyless.issuer, ...(settings.keyless.subject !== undefined ? { subject: settings.keyless.subject } : { subjectRegExp: settings.keyless.subjectRegExp }) }] } }
        : settings.kmsKey
            ? { name: "kms", key: { kms: settings.kmsKey.uri, hashAlgorithm: "sha256" } }
            : { name: "key", key: { data: settings.key, hashAlgorithm: "sha256" } };
    return { mode: settings.mode, images: settings.images.map((glob) => ({ glob })), authorities: [authority] };
}

/**
 * The ClusterImagePolicy spec for third-party images: admitted without a signature (their publishers sign in ways
 * that differ per project), each pinned by the digest the webhook resolves and the digest policy requires.
 */
export function pinnedImagesPolicySpec(sources: SourceSettings, mode: VerificationMode): Record<string, unknown> {
    return { mode, images: thirdPartyGlobs(sources).map((glob) => ({ glob })), authorities: [{ name: "digest-pinned", static: { action: "pass" } }] };
}

/** CEL: every image of `field` (a container list that may be absent) is pinned by a sha256 digest. */
function allPinned(field: string): string {
    return `(!has(object.spec.${field}) || object.spec.${field}.all(c, c.image.matches('@sha256:[0-9a-f]{64}$')))`;
}

/** The ValidatingAdmissionPolicy spec: pods (and the ephemeral containers added to them) only with digest-pinned images. */
export function digestPolicySpec(): k8s.types.input.admissionregistration.v1.ValidatingAdmissionPolicySpec {
    return {
        failurePolicy: "Fail",
        matchConstraints: {
            resourceRules: [{ apiGroups: [""], apiVersions: ["v1"], operations: ["CREATE", "UPDATE"], resources: ["pods", "pods/ephemeralcontainers"] }],
        },
        validations: [{
            expression: [allPinned("initContainers"), allPinned("containers"), allPinned("ephemeralContainers")].join(" && "),
            message: "every container image must be pinned by digest (<image>@sha256:<digest>); sign the platform's images so the admission webhook resolves their tags, or pin third-party images by digest",
            reason: "Forbidden",
        }],
    };
}

/** The binding: the policy in the named namespaces, refusing (enforce) or warning and auditing (warn). */
export function digestPolicyBindingSpec(namespaces: readonly string[], mode: VerificationMode): k8s.types.input.admissionregistration.v1.ValidatingAdmissionPolicyBindingSpec {
    return {
        policyName: DIGEST_POLICY,
        validationActions: mode === "enforce" ? ["Deny"] : ["Warn", "Audit"],
        matchResources: { namespaceSelector: { matchExpressions: [{ key: "kubernetes.io/metadata.name", operator: "In", values: [...namespaces].sort() }] } },
    };
}

/** Ports the controller reaches registries on: HTTPS, and the mirror's port when it names one. */
export function registryPorts(sources: SourceSettings): number[] {
    const port = /^[^/]+:(\d+)(\/|$)/.exec(sources.registryMirror ?? "")?.[1];
    return [...new Set([443, ...(port ? [Number(port)] : [])])];
}

export interface ImageVerificationArgs {
    readonly kubernetesVersion: string;
    /** The stack's setting; none: only the third-party images are admitted. */
    readonly settings?: ImageVerificationSettings;
    /** Namespaces whose pods are verified (they carry the opt-in label; the digest policy selects them by name). */
    readonly namespaces: readonly string[];
    /** Controller replicas: 2 or more outside dev, so a node drain or a crash never stops every pod creation. */
    readonly replicas: number;
    readonly sources?: SourceSettings;
    readonly imagePullSecret?: ImagePullSecret;
    /** Egress the controller needs besides the API and the registries (EKS Pod Identity's agent, for a KMS key). @default none */
    readonly egress?: readonly AllowRule[];
}

export class ImageVerification extends pulumi.ComponentResource {
    /** What must exist before a pod is created in a verified namespace. */
    readonly ready: pulumi.Resource[];

    constructor(name: string, args: ImageVerificationArgs, opts: pulumi.ComponentResourceOptions = {}) {
        if (args.namespaces.length === 0) {
            throw new Error("ImageVerification: namespaces must name at least one namespace to verify");
        }
        super("secure-platform:k8s:ImageVerification", name, {}, opts);
        const sources = args.sources ?? {};
        const mode = args.settings?.mode ?? "enforce";
        const namespace = new SecureNamespace(ADMISSION_NAMESPACE, {
            name: ADMISSION_NAMESPACE,
            kubernetesVersion: args.kubernetesVersion,
            quota: policyControllerQuota(args.replicas),
            mesh: false,
            allows: [
                // The API server calls the webhooks from its own addresses (not pods), so no peer narrows this.
                { name: "webhook", direction: "Ingress", podLabels: WEBHOOK_POD_LABELS, ports: tcp(WEBHOOK_PORT) },
                { name: "kube-api", direction: "Egress", podLabels: WEBHOOK_POD_LABELS, ports: tcp(443, 6443) },
                // Tags are resolved and signatures fetched from the registry nodes pull from (and, for keyless
                // signatures, Sigstore's public trust root). The controller has no sidecar, so it cannot use the mesh's
                // egress gateway; only its own pods get this.
                { name: "registries", direction: "Egress", podLabels: WEBHOOK_POD_LABELS, ports: tcp(...registryPorts(sources)) },
                ...(args.egress ?? []).map((rule) => ({ ...rule, podLabels: WEBHOOK_POD_LABELS })),
            ],
            ...(args.imagePullSecret ? { imagePullSecret: args.imagePullSecret } : {}),
        }, { parent: this });
        const release = new k8s.helm.v3.Release(`${name}-controller`, {
            name: POLICY_CONTROLLER_RELEASE,
            ...chartFrom(POLICY_CONTROLLER.chart, POLICY_CONTROLLER.repository, sources),
            version: POLICY_CONTROLLER.chartVersion,
            namespace: ADMISSION_NAMESPACE,
            values: policyControllerValues(args.replicas, mode, sources),
            // No hooks: the chart's only one is a post-delete Job (templates/webhook/cleanup-leases.yaml) with an
            // unpinned image from cgr.dev and no security context; deleting the namespace removes its leases anyway.
            disableWebhooks: true,
            atomic: true,
            cleanupOnFail: true,
            maxHistory: 10,
            timeout: 600,
        }, { parent: this, dependsOn: [namespace] });
        const policies: pulumi.Resource[] = [
            new k8s.apiextensions.CustomResource(`${name}-${PINNED_IMAGES_POLICY}`, {
                apiVersion: "policy.sigstore.dev/v1beta1",
                kind: "ClusterImagePolicy",
                metadata: { name: PINNED_IMAGES_POLICY },
                spec: pinnedImagesPolicySpec(sources, mode),
            }, { parent: this, dependsOn: [release] }),
        ];
        if (args.settings) {
            policies.push(new k8s.apiextensions.CustomResource(`${name}-${SIGNED_IMAGES_POLICY}`, {
                apiVersion: "policy.sigstore.dev/v1beta1",
                kind: "ClusterImagePolicy",
                metadata: { name: SIGNED_IMAGES_POLICY },
                spec: signedImagesPolicySpec(args.settings),
            }, { parent: this, dependsOn: [release] }));
        }
        const digestPolicy = new k8s.admissionregistration.v1.ValidatingAdmissionPolicy(`${name}-${DIGEST_POLICY}`, {
            metadata: { name: DIGEST_POLICY },
            spec: digestPolicySpec(),
        }, { parent: this });
        const binding = new k8s.admissionregistration.v1.ValidatingAdmissionPolicyBinding(`${name}-${DIGEST_POLICY}`, {
            metadata: { name: DIGEST_POLICY },
            spec: digestPolicyBindingSpec(args.namespaces, mode),
        }, { parent: this, dependsOn: [digestPolicy] });
        this.ready = [release, ...policies, digestPolicy, binding];
        this.registerOutputs({});
    }
}
