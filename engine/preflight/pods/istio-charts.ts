/**
 * The pods of Istio's charts, as the pinned templates render them (file and template named on each model):
 * the istio-cni node agent (cni@<version>/templates/daemonset.yaml), istiod
 * (istiod@<version>/templates/deployment.yaml, autoscale.yaml) and the gateway
 * (gateway@<version>/templates/deployment.yaml, hpa.yaml). The gateway's `istio-proxy` container is
 * completed by the sidecar injector (see sidecar-injection.ts).
 */
import { truthy } from "../charts/chart-values";
import type { Plain } from "../stack";
import { chartPod, ChartPodContext, ChartPodModel, compact } from "./chart-pod";

/** `.Values.x | default .Values.global.x`, as Istio's templates pick a component's or the global setting. */
function orGlobal(values: Plain, key: string): unknown {
    return truthy(values[key]) ? values[key] : values.global?.[key];
}

/**
 * An Istio image: a full reference when `image` has a `/`, otherwise `<hub>/<image>:<tag>[-<variant>]`
 * from the component's or the global hub, tag and variant (daemonset.yaml, deployment.yaml, _helpers.tpl "istio-tag").
 */
export function istioImage(values: Plain, defaultName: string): string {
    const image = values.image;
    if (typeof image === "string" && image.includes("/")) {
        return image;
    }
    const variant = orGlobal(values, "variant");
    return `${orGlobal(values, "hub")}/${truthy(image) ? image : defaultName}:${orGlobal(values, "tag")}${truthy(variant) ? `-${variant}` : ""}`;
}

/** `resources`, else `global.defaultResources` (daemonset.yaml and deployment.yaml of cni and istiod). */
function resourcesOrDefault(values: Plain): Plain | undefined {
    return truthy(values.resources) ? values.resources : values.global?.defaultResources;
}

function rendered(values: Plain): boolean {
    const scope = values.global?.resourceScope;
    return scope === "all" || scope === "namespace";
}

/** cni@<version>/templates/daemonset.yaml: `istio-cni-node` on every Linux node, tolerating every taint by default. */
export const istioCniPods: ChartPodModel = (context: ChartPodContext) => {
    const v = context.values;
    if (!rendered(v)) {
        return [];
    }
    const ambient = truthy(v.ambient?.enabled);
    const hostNetwork = ambient && truthy(v.ambient?.shareHostNetworkNamespace);
    const procfs = truthy(v.repair?.repairPods) || ambient;
    const pullPolicy = truthy(v.pullPolicy) ? v.pullPolicy : v.global?.imagePullPolicy;
    const container = compact({
        name: "install-cni",
        image: istioImage(v, "install-cni"),
        imagePullPolicy: truthy(pullPolicy) ? pullPolicy : undefined,
        ports: [{ containerPort: 15014, name: "metrics", protocol: "TCP" }],
        securityContext: compact({
            privileged: false,
            runAsGroup: 0,
            runAsUser: 0,
            runAsNonRoot: false,
            capabilities: { drop: ["ALL"], add: ["NET_ADMIN", "NET_RAW", "SYS_PTRACE", "SYS_ADMIN", "DAC_OVERRIDE"] },
            seLinuxOptions: truthy(v.seLinuxOptions) ? { ...v.seLinuxOptions, type: v.seLinuxOptions.type ?? "spc_t" } : undefined,
            seccompProfile: truthy(v.seccompProfile) ? v.seccompProfile : undefined,
        }),
        volumeMounts: [
            { mountPath: "/host/opt/cni/bin", name: "cni-bin-dir" },
            ...(procfs ? [{ mountPath: "/host/proc", name: "cni-host-procfs", readOnly: true }] : []),
            { mountPath: "/host/etc/cni/net.d", name: "cni-net-dir" },
            { mountPath: "/var/run/istio-cni", name: "cni-socket-dir" },
            ...(ambient ? [{ mountPath: "/host/var/run/netns", mountPropagation: "HostToContainer", name: "cni-netns-dir" }, { mountPath: "/var/run/ztunnel", name: "cni-ztunnel-sock-dir" }] : []),
        ],
        resources: resourcesOrDefault(v),
    });
    const spec = compact({
        hostNetwork: hostNetwork ? true : undefined,
        dnsPolicy: hostNetwork ? "ClusterFirstWithHostNet" : undefined,
        nodeSelector: { "kubernetes.io/os": "linux" },
        affinity: truthy(v.affinity) ? v.affinity : undefined,
        tolerations: truthy(v.tolerations) ? v.tolerations : undefined,
        priorityClassName: "system-node-critical",
        serviceAccountName: "istio-cni",
        terminationGracePeriodSeconds: v.terminationGracePeriodSeconds,
        containers: [container],
        volumes: [
            // The chart uses /home/kubernetes/bin on GKE; preflight models other clusters.
            { name: "cni-bin-dir", hostPath: { path: truthy(v.cniBinDir) ? v.cniBinDir : "/opt/cni/bin" } },
            ...(procfs ? [{ name: "cni-host-procfs", hostPath: { path: "/proc", type: "Directory" } }] : []),
            ...(ambient ? [{ name: "cni-ztunnel-sock-dir", hostPath: { path: "/var/run/ztunnel", type: "DirectoryOrCreate" } }] : []),
            { name: "cni-net-dir", hostPath: { path: v.cniConfDir } },
            { name: "cni-socket-dir", hostPath: { path: "/var/run/istio-cni" } },
            { name: "cni-netns-dir", hostPath: { path: v.cniNetnsDir, type: "DirectoryOrCreate" } },
        ],
    });
    const metadata = {
        labels: { "k8s-app": "istio-cni-node", "sidecar.istio.io/inject": "false", "istio.io/dataplane-mode": "none", "app.kubernetes.io/name": "istio-cni", ...(v.podLabels ?? {}) },
        annotations: {
            "sidecar.istio.io/inject": "false",
            "prometheus.io/scrape": "true",
            "prometheus.io/port": "15014",
            "prometheus.io/path": "/metrics",
            "container.apparmor.security.beta.kubernetes.io/install-cni": "unconfined",
            ...(v.podAnnotations ?? {}),
        },
    };
    return [chartPod(context, "DaemonSet", "istio-cni-node", 1, { metadata, spec })];
};

/** istiod@<version>/templates/deployment.yaml (and autoscale.yaml for the replicas). */
export const istiodPods: ChartPodModel = (context: ChartPodContext) => {
    const v = context.values;
    if (!rendered(v) || (truthy(v.istiodRemote?.enabled) && !truthy(v.istiodRemote?.enabledLocalInjectorIstiod))) {
        return [];
    }
    const name = `istiod${truthy(v.revision) ? `-${v.revision}` : ""}`;
    const autoscaled = truthy(v.autoscaleEnabled) && truthy(v.autoscaleMin) && truthy(v.autoscaleMax);
    const replicas = autoscaled ? Number(v.autoscaleMax) : truthy(v.autoscaleEnabled) ? 1 : truthy(v.replicaCount) ? Number(v.replicaCount) : 1;
    const container = compact({
        name: "discovery",
        image: istioImage(v, "pilot"),
        imagePullPolicy: truthy(v.global?.imagePullPolicy) ? v.global.imagePullPolicy : undefined,
        ports: [8080, 15010, 15012, 15017, 15014].map((containerPort) => ({ containerPort, protocol: "TCP" })),
        resources: resourcesOrDefault(v),
        securityContext: compact({
            allowPrivilegeEscalation: false,
            readOnlyRootFilesystem: true,
            runAsNonRoot: true,
            capabilities: { drop: ["ALL"] },
            seccompProfile: truthy(v.seccompProfile) ? v.seccompProfile : undefined,
        }),
    });
    const spec = compact({
        nodeSelector: truthy(v.nodeSelector) ? v.nodeSelector : undefined,
        affinity: truthy(v.affinity) ? v.affinity : undefined,
        tolerations: [{ key: "cni.istio.io/not-ready", operator: "Exists" }, ...(truthy(v.tolerations) ? v.tolerations : [])],
        topologySpreadConstraints: truthy(v.topologySpreadConstraints) ? v.topologySpreadConstraints : undefined,
        serviceAccountName: name,
        priorityClassName: truthy(v.global?.priorityClassName) ? v.global.priorityClassName : undefined,
        initContainers: truthy(v.initContainers) ? v.initContainers : undefined,
        containers: [container],
        volumes: [
            { name: "local-certs", emptyDir: { medium: "Memory" } },
            { name: "istio-token", projected: { sources: [{ serviceAccountToken: { audience: v.global?.sds?.token?.aud, expirationSeconds: 43200, path: "istio-token" } }] } },
            { name: "cacerts", secret: { secretName: "cacerts", optional: true } },
            { name: "istio-kubeconfig", secret: { secretName: "istio-kubeconfig", optional: true } },
            { name: "istio-csr-dns-cert", secret: { secretName: "istiod-tls", optional: true } },
            { name: "istio-csr-ca-configmap", configMap: { name: truthy(v.global?.trustBundleName) ? v.global.trustBundleName : "istio-ca-root-cert", defaultMode: 420, optional: true } },
            ...(truthy(v.volumes) ? v.volumes : []),
        ],
    });
    const metadata = {
        labels: { app: "istiod", "istio.io/rev": truthy(v.revision) ? v.revision : "default", "sidecar.istio.io/inject": "false", istio: truthy(v.revision) ? "istiod" : "pilot", ...(v.podLabels ?? {}), "istio.io/dataplane-mode": "none", "app.kubernetes.io/name": "istiod" },
        annotations: { "prometheus.io/port": "15014", "prometheus.io/scrape": "true", "sidecar.istio.io/inject": "false", ...(v.podAnnotations ?? {}) },
    };
    return [chartPod(context, "Deployment", name, replicas, { metadata, spec })];
};

/**
 * gateway@<version>/templates/deployment.yaml: the `istio-proxy` container with `image: auto`, which the
 * injector's `gateway` template fills in (the pod asks for it with `inject.istio.io/templates: gateway`).
 */
export const istioGatewayPods: ChartPodModel = (context: ChartPodContext) => {
    const v = context.values;
    const { release } = context;
    const kind = v.kind === "DaemonSet" ? "DaemonSet" : "Deployment";
    // _helpers.tpl "gateway.name"
    const name = truthy(v.name) ? String(v.name) : release.releaseName || "istio-ingressgateway";
    const autoscaled = truthy(v.autoscaling?.enabled) && kind === "Deployment";
    const replicas = kind === "DaemonSet" ? 1 : autoscaled ? Number(v.autoscaling.maxReplicas) : v.replicaCount !== undefined && v.replicaCount !== null ? Number(v.replicaCount) : 1;
    const labels: Plain = v.labels ?? {};
    const extraLabels = Object.fromEntries(Object.entries(labels).filter(([key]) => key !== "app" && key !== "istio"));
    const serviceAccount = v.serviceAccount ?? {};
    const container = compact({
        name: "istio-proxy",
        image: "auto",
        imagePullPolicy: truthy(v.imagePullPolicy) ? v.imagePullPolicy : undefined,
        securityContext: truthy(v.containerSecurityContext)
            ? v.containerSecurityContext
            : compact({
                capabilities: { drop: ["ALL"] },
                allowPrivilegeEscalation: false,
                privileged: false,
                readOnlyRootFilesystem: true,
                runAsUser: v.platform === "openshift" ? undefined : 1337,
                runAsGroup: v.platform === "openshift" ? undefined : 1337,
                runAsNonRoot: true,
            }),
        env: Object.entries(v.env ?? {}).map(([envName, value]) => ({ name: envName, value: String(value) })),
        ports: [{ containerPort: 15090, protocol: "TCP", name: "http-envoy-prom" }],
        resources: v.resources,
        volumeMounts: truthy(v.volumeMounts) ? v.volumeMounts : undefined,
        readinessProbe: truthy(v.readinessProbe) ? v.readinessProbe : undefined,
        lifecycle: truthy(v.lifecycle) ? v.lifecycle : undefined,
    });
    const spec = compact({
        imagePullSecrets: truthy(v.imagePullSecrets) ? v.imagePullSecrets : undefined,
        serviceAccountName: truthy(serviceAccount.create) ? (truthy(serviceAccount.name) ? serviceAccount.name : name) : truthy(serviceAccount.name) ? serviceAccount.name : "default",
        // Without a securityContext the chart lets the proxy bind ports below 1024 through a sysctl.
        securityContext: truthy(v.securityContext) ? v.securityContext : { sysctls: [{ name: "net.ipv4.ip_unprivileged_port_start", value: "0" }] },
        volumes: truthy(v.volumes) ? v.volumes : undefined,
        initContainers: truthy(v.initContainers) ? v.initContainers : undefined,
        containers: [container, ...(truthy(v.additionalContainers) ? v.additionalContainers : [])],
        nodeSelector: truthy(v.nodeSelector) ? v.nodeSelector : undefined,
        affinity: truthy(v.affinity) ? v.affinity : undefined,
        tolerations: truthy(v.tolerations) ? v.tolerations : undefined,
        topologySpreadConstraints: truthy(v.topologySpreadConstraints) ? v.topologySpreadConstraints : undefined,
        terminationGracePeriodSeconds: v.terminationGracePeriodSeconds,
        priorityClassName: truthy(v.priorityClassName) ? v.priorityClassName : undefined,
    });
    const metadata = {
        annotations: truthy(v.podAnnotations) ? v.podAnnotations : {},
        labels: compact({
            "sidecar.istio.io/inject": "true",
            "istio.io/rev": truthy(v.revision) ? String(v.revision) : undefined,
            app: truthy(labels.app) ? String(labels.app) : name,
            istio: truthy(labels.istio) ? String(labels.istio) : name.replace(/^istio-/, ""),
            "app.kubernetes.io/name": name,
            ...Object.fromEntries(Object.entries(extraLabels).map(([key, value]) => [key, String(value)])),
            "topology.istio.io/network": truthy(v.networkGateway) ? String(v.networkGateway) : undefined,
        }),
    };
    return [chartPod(context, kind, name, replicas, { metadata, spec })];
};
