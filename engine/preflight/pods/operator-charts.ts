/**
 * The pods of the operators' charts, as the pinned templates render them: the Percona operator
 * (psmdb-operator@<version>/templates/deployment.yaml, _helpers.tpl) and snapscheduler with its
 * kube-rbac-proxy sidecar (snapscheduler@<version>/templates/deployment.yaml, _helpers.tpl).
 */
import { truthy } from "../charts/chart-values";
import type { Plain } from "../stack";
import { chartFullname as fullname, chartPod, ChartPodContext, ChartPodModel, compact } from "./chart-pod";

function chartName(context: ChartPodContext): string {
    const v = context.values;
    return (truthy(v.nameOverride) ? String(v.nameOverride) : context.chart.name).slice(0, 63).replace(/-$/, "");
}

/** psmdb-operator@<version>/templates/deployment.yaml */
export const perconaOperatorPods: ChartPodModel = (context: ChartPodContext) => {
    const v = context.values;
    const readOnlyRoot = truthy(v.securityContext?.readOnlyRootFilesystem);
    const container = compact({
        name: context.chart.name,
        securityContext: v.securityContext ?? {},
        image: `${v.image?.repository}:${v.image?.tag}`,
        imagePullPolicy: v.image?.pullPolicy,
        ports: [{ containerPort: 8080, protocol: "TCP", name: "metrics" }, { containerPort: 8081, protocol: "TCP", name: "health" }],
        volumeMounts: readOnlyRoot ? [{ name: "tmpdir", mountPath: "/tmp" }] : undefined,
        resources: v.resources ?? {},
    });
    const spec = compact({
        serviceAccountName: fullname(context),
        securityContext: v.podSecurityContext ?? {},
        imagePullSecrets: truthy(v.imagePullSecrets) ? v.imagePullSecrets : undefined,
        containers: [container],
        nodeSelector: truthy(v.nodeSelector) ? v.nodeSelector : undefined,
        affinity: truthy(v.affinity) ? v.affinity : undefined,
        tolerations: truthy(v.tolerations) ? v.tolerations : undefined,
        volumes: readOnlyRoot ? [{ name: "tmpdir", emptyDir: {} }] : undefined,
    });
    const metadata = compact({
        annotations: truthy(v.podAnnotations) ? v.podAnnotations : undefined,
        labels: { "app.kubernetes.io/name": chartName(context), "app.kubernetes.io/instance": context.release.releaseName, ...(v.podLabels ?? {}) },
    });
    const namespace = truthy(v.namespaceOverride) ? String(v.namespaceOverride) : context.release.namespace;
    const model = chartPod(context, "Deployment", fullname(context), Number(v.replicaCount ?? 1), { metadata, spec });
    return [namespace === model.namespace ? model : { ...model, namespace }];
};

/** `image.image`, else `<repository>:<tag>` (snapscheduler's "snapscheduler.image" and "rbacproxy.image" helpers). */
function snapschedulerImage(image: Plain | undefined, defaultTag: string): string {
    if (truthy(image?.image)) {
        return String(image?.image);
    }
    return `${image?.repository}:${defaultTag}`;
}

/** snapscheduler@<version>/templates/deployment.yaml: the manager and its kube-rbac-proxy. */
export const snapschedulerPods: ChartPodModel = (context: ChartPodContext) => {
    const v = context.values;
    const appVersion = context.chart.appVersion ?? context.chart.version;
    const rbacProxy = compact({
        name: "kube-rbac-proxy",
        image: snapschedulerImage(v.rbacProxy?.image, String(v.rbacProxy?.image?.tag)),
        imagePullPolicy: v.rbacProxy?.image?.pullPolicy,
        ports: [{ containerPort: 8443, name: "https" }],
        resources: v.rbacProxy?.resources ?? {},
        securityContext: v.securityContext ?? {},
    });
    const manager = compact({
        name: "manager",
        command: ["/manager"],
        image: snapschedulerImage(v.image, truthy(v.image?.tagOverride) ? String(v.image.tagOverride) : appVersion),
        imagePullPolicy: v.image?.pullPolicy,
        resources: v.resources ?? {},
        securityContext: v.securityContext ?? {},
    });
    const name = fullname(context);
    const spec = compact({
        imagePullSecrets: truthy(v.imagePullSecrets) ? v.imagePullSecrets : undefined,
        serviceAccountName: truthy(v.serviceAccount?.create) ? (truthy(v.serviceAccount?.name) ? v.serviceAccount.name : name) : truthy(v.serviceAccount?.name) ? v.serviceAccount.name : "default",
        securityContext: v.podSecurityContext ?? {},
        containers: [rbacProxy, manager],
        nodeSelector: truthy(v.nodeSelector) ? v.nodeSelector : undefined,
        affinity: truthy(v.affinity) ? v.affinity : undefined,
        tolerations: truthy(v.tolerations) ? v.tolerations : undefined,
        topologySpreadConstraints: truthy(v.topologySpreadConstraints) ? v.topologySpreadConstraints : undefined,
        terminationGracePeriodSeconds: 10,
        priorityClassName: truthy(v.priorityClassName) ? v.priorityClassName : undefined,
    });
    const metadata = compact({
        labels: { "backube/snapscheduler-affinity": "manager", "app.kubernetes.io/name": chartName(context), "app.kubernetes.io/instance": context.release.releaseName, ...(v.podLabels ?? {}) },
        annotations: truthy(v.podAnnotations) ? v.podAnnotations : undefined,
    });
    return [chartPod(context, "Deployment", name, Number(v.replicaCount ?? 1), { metadata, spec })];
};
