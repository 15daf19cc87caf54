/**
 * Istio's sidecar injection, as istiod's mutating webhook applies it when a pod is created: which pods
 * get it (the webhook's selectors in istiod@<version>/templates/mutatingwebhook.yaml, then the pod's own
 * `sidecar.istio.io/inject` label or annotation, istio/istio pkg/kube/inject/inject.go `injectRequired`),
 * and what it adds, modelled from the pinned injection templates with the istiod release's values:
 * - `sidecar` (istiod@<version>/files/injection-template.yaml): the `istio-validation` init container
 *   (`istio-init` without istio-cni) and the `istio-proxy` container, with `global.proxy.resources` (or the
 *   pod's `sidecar.istio.io/proxyCPU`... annotations), the template's security contexts, its volumes;
 * - `gateway` (files/gateway-injection-template.yaml), for pods that ask for it: the proxy image and
 *   user/group of the chart's `istio-proxy` container, the pod's unprivileged-port sysctl, its volumes.
 * The template is laid over the pod, then the pod's own `istio-proxy` fields are laid back over it (an
 * `image: auto` excepted; pkg/kube/inject/webhook.go `reapplyOverwrittenContainers`).
 *
 * Native sidecars: since Istio 1.27 `ENABLE_NATIVE_SIDECARS` defaults to true (1.27 release notes), so on
 * the clusters the platform accepts (Kubernetes 1.31+) `istio-proxy` is an init container with
 * `restartPolicy: Always`, unless the pod's `sidecar.istio.io/nativeSidecar` annotation says "false".
 */
import { truthy } from "../charts/chart-values";
import type { PodModel } from "../pods";
import type { Plain } from "../stack";

/** istiod's setting (`ENABLE_NATIVE_SIDECARS`) when nothing overrides it, for Istio 1.27 and later. */
export const NATIVE_SIDECARS_BY_DEFAULT = true;
/** Namespaces the injector never injects (pkg/kube/inject: IgnoredNamespaces). */
const IGNORED_NAMESPACES = ["kube-system", "kube-public"];
const PROXY_UID = 1337;
const INJECT = "sidecar.istio.io/inject";

export interface Injector {
    /** The istiod release's values, as its chart renders them (see chart-values.ts). */
    readonly values: Plain;
    /** Labels of the namespaces the stack creates, by name. */
    readonly namespaceLabels: ReadonlyMap<string, Readonly<Record<string, string>>>;
}

/** True when istiod's webhook would inject the pod (default-revision webhooks, then the pod's opt-in/out). */
export function injects(injector: Injector, pod: PodModel): boolean {
    const spec = pod.template.spec;
    if (spec.hostNetwork === true || IGNORED_NAMESPACES.includes(pod.namespace)) {
        return false;
    }
    const revision = truthy(injector.values.revision) ? String(injector.values.revision) : "";
    const ns = injector.namespaceLabels.get(pod.namespace) ?? {};
    const labels: Plain = pod.template.metadata.labels ?? {};
    const annotations: Plain = pod.template.metadata.annotations ?? {};
    const nsInjection = ns["istio-injection"];
    const nsRevision = ns["istio.io/rev"];
    const podInject = labels[INJECT];
    const podRevision = labels["istio.io/rev"];
    const selected =
        // rev.namespace / rev.object: a namespace or pod naming this revision
        (nsRevision === (revision || "default") && nsInjection === undefined && podInject !== "false") ||
        (nsRevision === undefined && nsInjection === undefined && podInject !== "false" && podRevision === (revision || "default")) ||
        // namespace / object: the default revision's `istio-injection=enabled` or the pod's own label
        (revision === "" && nsInjection === "enabled" && podInject !== "false") ||
        (revision === "" && nsInjection === undefined && nsRevision === undefined && podInject === "true" && podRevision === undefined);
    if (!selected) {
        return false;
    }
    // injectRequired: the label wins over the annotation; no value follows the injector's policy.
    const asked = String(labels[INJECT] ?? annotations[INJECT] ?? "").toLowerCase();
    if (asked === "") {
        return injector.values.global?.proxy?.autoInject !== "disabled";
    }
    return ["y", "yes", "true", "on"].includes(asked);
}

/** `annotation .ObjectMeta key default`: the pod's annotation, or the default. */
function annotation(annotations: Plain, key: string, fallback: unknown): unknown {
    return annotations[key] ?? fallback;
}

/** The proxy image: `<hub>/<proxy image>:<tag>` with the image type (inject.go `ProxyImage`), or a full reference. */
function proxyImage(values: Plain, annotations: Plain, imageValue: unknown): string {
    const explicit = annotation(annotations, "sidecar.istio.io/proxyImage", imageValue);
    if (typeof explicit === "string" && explicit.includes("/")) {
        return explicit;
    }
    const global: Plain = values.global ?? {};
    const proxyConfig: Plain = values.meshConfig?.defaultConfig ?? {};
    const variant = truthy(global.proxy?.variant) ? global.proxy.variant : global.variant;
    const imageType = String(annotations["sidecar.istio.io/proxyImageType"] ?? proxyConfig.image?.imageType ?? (truthy(variant) ? variant : ""));
    let tag = String(global.tag ?? "");
    if (imageType !== "") {
        tag = tag.replace(/-(distroless|debug)$/, "");
        if (imageType !== "default") {
            tag = `${tag}-${imageType}`;
        }
    }
    const name = truthy(global.proxy?.image) ? String(global.proxy.image) : "proxyv2";
    return `${global.hub}/${name}:${tag}`;
}

/** The template's "resources": the pod's proxy annotations, else `global.proxy.resources`. */
function proxyResources(values: Plain, annotations: Plain): Plain | undefined {
    const pick = (cpu: string, memory: string): Plain | undefined => {
        const out: Plain = {};
        if (annotations[cpu] !== undefined) out.cpu = String(annotations[cpu]);
        if (annotations[memory] !== undefined) out.memory = String(annotations[memory]);
        return Object.keys(out).length > 0 ? out : undefined;
    };
    const requests = pick("sidecar.istio.io/proxyCPU", "sidecar.istio.io/proxyMemory");
    const limits = pick("sidecar.istio.io/proxyCPULimit", "sidecar.istio.io/proxyMemoryLimit");
    if (requests || limits) {
        return { ...(requests ? { requests } : {}), ...(limits ? { limits } : {}) };
    }
    const resources = values.global?.proxy?.resources;
    return truthy(resources) ? structuredClone(resources) : undefined;
}

function isObject(value: unknown): value is Plain {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A strategic merge of two containers or security contexts: maps merged, `over` wins elsewhere. */
function overlay(under: Plain, over: Plain): Plain {
    const out: Plain = { ...under };
    for (const [key, value] of Object.entries(over)) {
        out[key] = isObject(value) && isObject(out[key]) ? overlay(out[key] as Plain, value) : value;
    }
    return out;
}

/** Items of `base` with those of `added` merged in by name (volumes, containers, pull secrets). */
function mergeByName(base: readonly Plain[], added: readonly Plain[]): Plain[] {
    const out = base.map((item) => ({ ...item }));
    for (const item of added) {
        const at = out.findIndex((existing) => existing.name === item.name);
        if (at >= 0) {
            out[at] = overlay(out[at], item);
        } else {
            out.push(item);
        }
    }
    return out;
}

function sharedVolumes(values: Plain): Plain[] {
    const global: Plain = values.global ?? {};
    return [
        { name: "workload-socket", emptyDir: {} },
        { name: "credential-socket", emptyDir: {} },
        global.caName === "GkeWorkloadCertificate" ? { name: "gke-workload-certificate", csi: { driver: "workloadcertificates.security.cloud.google.com" } } : { name: "workload-certs", emptyDir: {} },
        { name: "istio-envoy", emptyDir: { medium: "Memory" } },
        { name: "istio-data", emptyDir: {} },
        { name: "istio-podinfo", downwardAPI: { items: [{ path: "labels", fieldRef: { fieldPath: "metadata.labels" } }, { path: "annotations", fieldRef: { fieldPath: "metadata.annotations" } }] } },
        { name: "istio-token", projected: { sources: [{ serviceAccountToken: { path: "istio-token", expirationSeconds: 43200, audience: global.sds?.token?.aud } }] } },
        ...(global.pilotCertProvider === "istiod" ? [{ name: "istiod-ca-cert", configMap: { name: truthy(global.trustBundleName) ? global.trustBundleName : "istio-ca-root-cert" } }] : []),
    ];
}

function pullSecretsOf(values: Plain): Plain[] {
    const names = values.global?.imagePullSecrets;
    return Array.isArray(names) ? names.map((name) => (isObject(name) ? name : { name: String(name) })) : [];
}

/** The `sidecar` template's init container and proxy, and whether the proxy is a native sidecar. */
function sidecarContainers(values: Plain, annotations: Plain): { init?: Plain; proxy: Plain; native: boolean; holdApplication: boolean } {
    const global: Plain = values.global ?? {};
    const proxyConfig: Plain = values.meshConfig?.defaultConfig ?? {};
    const cni = truthy(values.cni?.enabled);
    const mode = String(annotation(annotations, "sidecar.istio.io/interceptionMode", proxyConfig.interceptionMode ?? "REDIRECT"));
    const tproxy = mode === "TPROXY";
    const capNetBindService = String(annotation(annotations, "sidecar.istio.io/capNetBindService", global.proxy?.capNetBindService)) === "true";
    const native = String(annotations["sidecar.istio.io/nativeSidecar"] ?? String(NATIVE_SIDECARS_BY_DEFAULT)) !== "false";
    const holdApplication = truthy(proxyConfig.holdApplicationUntilProxyStarts ?? global.proxy?.holdApplicationUntilProxyStarts) && !native;
    const privileged = global.proxy?.privileged === true;
    const seccompProfile = truthy(global.proxy?.seccompProfile) ? global.proxy.seccompProfile : undefined;
    const resources = proxyResources(values, annotations);
    const pullPolicy = truthy(global.imagePullPolicy) ? { imagePullPolicy: global.imagePullPolicy } : {};
    const init: Plain | undefined = mode === "NONE" ? undefined : {
        name: cni ? "istio-validation" : "istio-init",
        image: proxyImage(values, annotations, global.proxy_init?.image),
        ...pullPolicy,
        ...(resources ? { resources } : {}),
        securityContext: {
            allowPrivilegeEscalation: privileged,
            privileged,
            capabilities: cni ? { drop: ["ALL"] } : { add: ["NET_ADMIN", "NET_RAW"], drop: ["ALL"] },
            ...(cni
                ? { readOnlyRootFilesystem: true, runAsGroup: PROXY_UID, runAsUser: PROXY_UID, runAsNonRoot: true }
                : { readOnlyRootFilesystem: false, runAsGroup: 0, runAsNonRoot: false, runAsUser: 0 }),
            ...(seccompProfile ? { seccompProfile } : {}),
        },
    };
    const added = [...(tproxy ? ["NET_ADMIN"] : []), ...(capNetBindService ? ["NET_BIND_SERVICE"] : [])];
    const proxy: Plain = {
        name: "istio-proxy",
        image: proxyImage(values, annotations, global.proxy?.image),
        ...(native ? { restartPolicy: "Always" } : {}),
        ports: [{ containerPort: 15090, protocol: "TCP", name: "http-envoy-prom" }],
        ...pullPolicy,
        securityContext: {
            allowPrivilegeEscalation: privileged,
            capabilities: { ...(added.length > 0 ? { add: added } : {}), drop: ["ALL"] },
            privileged,
            readOnlyRootFilesystem: true,
            ...(added.length > 0 ? { runAsNonRoot: false, runAsUser: 0, runAsGroup: PROXY_UID } : { runAsNonRoot: true, runAsUser: PROXY_UID, runAsGroup: PROXY_UID }),
            ...(seccompProfile ? { seccompProfile } : {}),
        },
        ...(resources ? { resources } : {}),
    };
    return { ...(init ? { init } : {}), proxy, native, holdApplication };
}

/** The pod with istiod's injection applied (the caller decided it is injected). */
export function inject(injector: Injector, pod: PodModel): PodModel {
    const values = injector.values;
    const { metadata, spec } = pod.template;
    const annotations: Plain = metadata.annotations ?? {};
    const templates = String(annotations["inject.istio.io/templates"] ?? (truthy(values.sidecarInjectorWebhook?.defaultTemplates) ? values.sidecarInjectorWebhook.defaultTemplates.join(",") : "sidecar"))
        .split(",").map((t) => t.trim());
    const original: Plain[] = spec.containers ?? [];
    const originalInit: Plain[] = spec.initContainers ?? [];
    const userProxy = [...original, ...originalInit].find((c) => c.name === "istio-proxy");
    /** The template's proxy with the pod's own `istio-proxy` fields laid back over it. */
    const withOverrides = (proxy: Plain): Plain => {
        if (!userProxy) {
            return proxy;
        }
        const { image, ...rest } = userProxy;
        return overlay(proxy, image === "auto" ? rest : userProxy);
    };
    let containers = original.filter((c) => c.name !== "istio-proxy");
    let initContainers = originalInit.filter((c) => c.name !== "istio-proxy");
    let podSecurityContext: Plain | undefined = spec.securityContext;
    const injectedInit: string[] = [];
    const injectedContainers: string[] = [];
    if (templates.includes("gateway")) {
        const global: Plain = values.global ?? {};
        const proxy = withOverrides({
            name: "istio-proxy",
            image: proxyImage(values, annotations, global.proxy?.image),
            ports: [{ containerPort: 15090, protocol: "TCP", name: "http-envoy-prom" }],
            securityContext: { runAsUser: PROXY_UID, runAsGroup: PROXY_UID },
            ...(truthy(global.imagePullPolicy) ? { imagePullPolicy: global.imagePullPolicy } : {}),
        });
        containers = [...containers, proxy];
        injectedContainers.push("istio-proxy");
        const gatewayContext = truthy(values.gateways?.securityContext) ? values.gateways.securityContext : { sysctls: [{ name: "net.ipv4.ip_unprivileged_port_start", value: "0" }] };
        podSecurityContext = overlay(podSecurityContext ?? {}, gatewayContext);
    } else if (templates.includes("sidecar")) {
        const { init, proxy, native, holdApplication } = sidecarContainers(values, annotations);
        const finalProxy = withOverrides(proxy);
        initContainers = [...(init ? [init] : []), ...(native ? [finalProxy] : []), ...initContainers];
        containers = native ? containers : holdApplication ? [finalProxy, ...containers] : [...containers, finalProxy];
        if (init) injectedInit.push(init.name);
        (native ? injectedInit : injectedContainers).push("istio-proxy");
    } else {
        return pod;
    }
    const volumes = mergeByName(spec.volumes ?? [], [
        ...sharedVolumes(values),
        ...(templates.includes("sidecar") && !templates.includes("gateway") ? [{ name: "istio-ca-crl", configMap: { name: "istio-ca-crl", optional: true } }] : []),
    ]);
    const imagePullSecrets = mergeByName(spec.imagePullSecrets ?? [], pullSecretsOf(values));
    return {
        ...pod,
        injected: true,
        template: {
            metadata: {
                ...metadata,
                labels: { "security.istio.io/tlsMode": "istio", ...(metadata.labels ?? {}) },
                annotations: {
                    ...annotations,
                    "istio.io/rev": truthy(values.revision) ? String(values.revision) : "default",
                    "sidecar.istio.io/status": JSON.stringify({ initContainers: injectedInit, containers: injectedContainers, volumes: volumes.map((v) => v.name), imagePullSecrets: imagePullSecrets.map((s) => s.name), revision: truthy(values.revision) ? values.revision : "default" }),
                },
            },
            spec: {
                ...spec,
                ...(podSecurityContext ? { securityContext: podSecurityContext } : {}),
                ...(initContainers.length > 0 ? { initContainers } : {}),
                containers,
                volumes,
                ...(imagePullSecrets.length > 0 ? { imagePullSecrets } : {}),
            },
        },
    };
}
