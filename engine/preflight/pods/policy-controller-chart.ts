/**
 * The pods of Sigstore's policy-controller chart, as the pinned templates render them
 * (policy-controller@<version>/templates/webhook/deployment_webhook.yaml, _helpers.tpl). The chart's other pod, the
 * post-delete `leases-cleanup` Job (templates/webhook/cleanup-leases.yaml), is a hook: it is left out when the release
 * disables hooks, which the program does.
 */
import { truthy } from "../charts/chart-values";
import type { Plain } from "../stack";
import { chartFullname as fullname, chartPod, ChartPodContext, ChartPodModel, compact } from "./chart-pod";

/** `enabled` is the chart's switch, not a field of the context (`omit . "enabled"`). */
function withoutEnabled(context: Plain | undefined): Plain | undefined {
    if (!truthy(context?.enabled)) {
        return undefined;
    }
    const { enabled: _enabled, ...rest } = context as Plain;
    return rest;
}

/** The "policy-controller.image" helper: `<repository>@<version>` for a digest, `<repository>:<version>` otherwise. */
function image(values: Plain | undefined): string {
    const version = String(values?.version ?? "");
    return version.startsWith("sha256:") ? `${values?.repository}@${version}` : `${values?.repository}:${version}`;
}

/** templates/webhook/deployment_webhook.yaml */
export const policyControllerPods: ChartPodModel = (context: ChartPodContext) => {
    const v = context.values;
    const webhook = (v.webhook ?? {}) as Plain;
    const name = fullname(context);
    const controlPlane = `${name}-webhook`;
    const serviceAccount = truthy(webhook.serviceAccount?.create)
        ? (truthy(webhook.serviceAccount?.name) ? webhook.serviceAccount.name : `${name}-webhook`)
        : (truthy(webhook.serviceAccount?.name) ? webhook.serviceAccount.name : "default");
    const container = compact({
        name: `${truthy(v.nameOverride) ? v.nameOverride : context.chart.name}-${webhook.name ?? "webhook"}`,
        image: image(webhook.image),
        imagePullPolicy: webhook.image?.pullPolicy,
        ports: [{ containerPort: 8443, name: "https", protocol: "TCP" }, { containerPort: 9090, name: "metrics", protocol: "TCP" }],
        resources: webhook.resources ?? {},
        securityContext: withoutEnabled(webhook.podSecurityContext),
        volumeMounts: [{ mountPath: "/home/nonroot", name: "writable-home-dir" }, ...((webhook.volumeMounts ?? []) as Plain[])],
    });
    const spec = compact({
        nodeSelector: v.commonNodeSelector ?? {},
        imagePullSecrets: truthy(v.imagePullSecrets) ? v.imagePullSecrets : undefined,
        tolerations: v.commonTolerations ?? [],
        serviceAccountName: serviceAccount,
        automountServiceAccountToken: truthy(webhook.automountServiceAccountToken),
        priorityClassName: truthy(webhook.priorityClass) ? webhook.priorityClass : undefined,
        affinity: truthy(webhook.affinity)
            ? webhook.affinity
            : { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ podAffinityTerm: { labelSelector: { matchLabels: { "control-plane": controlPlane } }, topologyKey: "kubernetes.io/hostname" }, weight: 100 }] } },
        containers: [container],
        terminationGracePeriodSeconds: 300,
        securityContext: withoutEnabled(webhook.securityContext),
        volumes: [{ emptyDir: {}, name: "writable-home-dir" }, ...((webhook.volumes ?? []) as Plain[])],
    });
    const metadata = compact({
        annotations: truthy(webhook.podAnnotations) ? webhook.podAnnotations : undefined,
        labels: { "control-plane": controlPlane, "app.kubernetes.io/name": context.chart.name, "app.kubernetes.io/instance": context.release.releaseName, ...(webhook.customLabels ?? {}) },
    });
    return [chartPod(context, "Deployment", controlPlane, Number(webhook.replicaCount ?? 1), { metadata, spec })];
};
