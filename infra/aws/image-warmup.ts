/**
 * Pulls every image the isolated data tier runs once from the app tier, before anything runs there.
 *
 * The data tier reaches ECR only through its interface endpoints, and the first pull of an image through a
 * pull-through cache rule over those endpoints needs a route to a NAT gateway; later pulls do not
 * (docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html, "Considerations for Amazon ECR VPC
 * endpoints"). A Job on an app node (which has the NAT route) pulls each of those images, which imports it
 * into the cache; the in-cluster components wait for the Job, so no data node is ever the first to pull.
 * A version bump changes the Job's images, which replaces the Job, so new images are warmed the same way.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { NamespaceQuota } from "../k8s/secure-namespace";
import { SecureNamespace } from "../k8s/secure-namespace";
import { RESTRICTED_CONTAINER_SECURITY_CONTEXT, RESTRICTED_POD_SECURITY_CONTEXT } from "../k8s/pod-security";

export const WARMUP_NAMESPACE = "image-warmup";

/** What each warm-up container may use: it only starts a shell and exits. */
export const WARMUP_CONTAINER_RESOURCES = { requests: { cpu: "10m", memory: "16Mi" }, limits: { cpu: "100m", memory: "64Mi" } } as const;

/** How long the images may take to import and pull before the Job (and the deployment) fails. */
export const WARMUP_DEADLINE_SECONDS = 900;

export interface ImageWarmupArgs {
    /** Cluster minor version the namespace's Pod Security labels are pinned to. */
    readonly kubernetesVersion: string;
    /**
     * Images to import into the cache, as nodes pull them (`<registry>/<prefix>/<repository>:<tag>`). Each
     * must have `/bin/sh`: the container runs `exit 0` in it (the pinned Istio and Percona images do).
     */
    readonly images: readonly string[];
    /** Nodes with a NAT route, where the first pull may happen. */
    readonly nodeSelector: Readonly<Record<string, string>>;
}

/** One container per image, each exiting at once: the kubelet pulls every container's image before starting it. */
export function warmupContainers(images: readonly string[]): k8s.types.input.core.v1.Container[] {
    return [...new Set(images)].map((image, i) => ({
        name: `image-${i}`,
        image,
        imagePullPolicy: "IfNotPresent",
        command: ["/bin/sh", "-c", "exit 0"],
        resources: { requests: { ...WARMUP_CONTAINER_RESOURCES.requests }, limits: { ...WARMUP_CONTAINER_RESOURCES.limits } },
        securityContext: { ...RESTRICTED_CONTAINER_SECURITY_CONTEXT, capabilities: { drop: ["ALL"] }, seccompProfile: { type: "RuntimeDefault" } },
    }));
}

/** The namespace's quota: the Job's one pod, and one more while a replaced Job's pod finishes. */
export function warmupQuota(imageCount: number): NamespaceQuota {
    const pods = 2;
    return {
        cpu: `${pods * imageCount * 100}m`,
        memory: `${pods * imageCount * 64}Mi`,
        pods,
        storage: "1Gi",
    };
}

export class ImageWarmup extends pulumi.ComponentResource {
    readonly job: k8s.batch.v1.Job;

    constructor(name: string, args: ImageWarmupArgs, opts: pulumi.ComponentResourceOptions = {}) {
        if (args.images.length === 0) {
            throw new Error("ImageWarmup: images must name at least one image");
        }
        if (Object.keys(args.nodeSelector).length === 0) {
            throw new Error("ImageWarmup: nodeSelector must select the nodes that have a NAT route");
        }
        super("secure-platform:aws:ImageWarmup", name, {}, opts);
        const images = [...new Set(args.images)];
        // Nothing here talks to anything: the kubelet pulls, the pod only exits. No sidecar, no traffic.
        const namespace = new SecureNamespace(WARMUP_NAMESPACE, {
            name: WARMUP_NAMESPACE,
            kubernetesVersion: args.kubernetesVersion,
            quota: warmupQuota(images.length),
            mesh: false,
        }, { parent: this });
        // Auto-named, so a changed image list creates the new Job before the old one is deleted.
        this.job = new k8s.batch.v1.Job(`${name}-job`, {
            metadata: { namespace: WARMUP_NAMESPACE, labels: { "app.kubernetes.io/name": "image-warmup" } },
            spec: {
                backoffLimit: 3,
                activeDeadlineSeconds: WARMUP_DEADLINE_SECONDS,
                template: {
                    metadata: { labels: { "app.kubernetes.io/name": "image-warmup" } },
                    spec: {
                        restartPolicy: "Never",
                        automountServiceAccountToken: false,
                        nodeSelector: { ...args.nodeSelector },
                        securityContext: { ...RESTRICTED_POD_SECURITY_CONTEXT, seccompProfile: { type: "RuntimeDefault" } },
                        containers: warmupContainers(images),
                    },
                },
            },
        // Pulumi waits for a Job to complete for 10 minutes by default; wait past the Job's own deadline.
        }, { parent: this, dependsOn: [namespace], customTimeouts: { create: `${WARMUP_DEADLINE_SECONDS / 60 + 5}m`, update: `${WARMUP_DEADLINE_SECONDS / 60 + 5}m` } });
        this.registerOutputs({});
    }
}
