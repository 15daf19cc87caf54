/**
 * The Pod Security Standards as the PodSecurity admission plugin enforces them on a pod, at a level and a
 * version (a namespace's `pod-security.kubernetes.io/enforce` and `-version` labels). Each rule follows a
 * check of k8s.io/pod-security-admission/policy (check_*.go) and the version it applies from; the wording of
 * each violation follows the plugin's ("<reason> (<detail>)").
 * Reference: kubernetes.io/docs/concepts/security/pod-security-standards/.
 */
import type { Plain } from "./stack";

export type PodSecurityLevel = "privileged" | "baseline" | "restricted";

export interface PodSecurityPolicy {
    readonly level: PodSecurityLevel;
    /** Minor version of the standard (`v1.35` → 35); "latest" is the newest this model knows. */
    readonly minor: number;
    /** The label values, for messages: `restricted:v1.35`. */
    readonly label: string;
}

/** The newest Kubernetes minor version whose standard this model follows. */
export const LATEST_MODELLED_MINOR = 35;

/** The enforced policy of a namespace from its labels; privileged when no enforce label is set (the plugin's default). */
export function enforcedPolicy(labels: Plain | undefined): PodSecurityPolicy {
    const level = String(labels?.["pod-security.kubernetes.io/enforce"] ?? "privileged") as PodSecurityLevel;
    const version = String(labels?.["pod-security.kubernetes.io/enforce-version"] ?? "latest");
    const match = /^v1\.(\d+)$/.exec(version);
    const minor = match ? Math.min(Number(match[1]), LATEST_MODELLED_MINOR) : LATEST_MODELLED_MINOR;
    return { level: ["baseline", "restricted"].includes(level) ? level : "privileged", minor, label: `${level}:${version}` };
}

/** Capabilities baseline allows adding (check_capabilities_baseline.go). */
const BASELINE_CAPABILITIES = ["AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT"];

/** Volume types restricted allows (check_restrictedVolumes.go); `image` volumes are read-only OCI content. */
const RESTRICTED_VOLUMES = ["configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim", "projected", "secret", "image"];

/** Safe sysctls by the version that allowed them (check_sysctls.go). */
function allowedSysctls(minor: number): string[] {
    return [
        "kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range", "net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range", "net.ipv4.ip_unprivileged_port_start",
        ...(minor >= 27 ? ["net.ipv4.ip_local_reserved_ports"] : []),
        ...(minor >= 29 ? ["net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout", "net.ipv4.tcp_keepalive_intvl", "net.ipv4.tcp_keepalive_probes"] : []),
    ];
}

function containersOfSpec(spec: Plain): Plain[] {
    return [...((spec.initContainers ?? []) as Plain[]), ...((spec.containers ?? []) as Plain[])];
}

const quote = (names: string[]) => names.map((n) => `"${n}"`).join(", ");
const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

/** Every violation of `policy` by a pod (metadata and spec), worded as the plugin reports it; empty when admitted. */
export function podSecurityViolations(policy: PodSecurityPolicy, metadata: Plain, spec: Plain): string[] {
    if (policy.level === "privileged") {
        return [];
    }
    const containers = containersOfSpec(spec);
    const sc = (c: Plain) => (c.securityContext ?? {}) as Plain;
    const podSc = (spec.securityContext ?? {}) as Plain;
    const annotations = (metadata.annotations ?? {}) as Plain;
    const windows = spec.os?.name === "windows";
    const violations: string[] = [];
    const per = (reason: string, predicate: (c: Plain) => boolean, detail: (names: string[]) => string) => {
        const bad = containers.filter(predicate).map((c) => String(c.name));
        if (bad.length > 0) {
            violations.push(`${reason} (${detail(bad)})`);
        }
    };

    // Baseline
    if (podSc.windowsOptions?.hostProcess === true || containers.some((c) => sc(c).windowsOptions?.hostProcess === true)) {
        violations.push("hostProcess (pod or containers must not set securityContext.windowsOptions.hostProcess=true)");
    }
    const hostNamespaces = ["hostNetwork", "hostPID", "hostIPC"].filter((k) => spec[k] === true);
    if (hostNamespaces.length > 0) {
        violations.push(`host namespaces (${hostNamespaces.map((k) => `${k}=true`).join(", ")})`);
    }
    per("privileged", (c) => sc(c).privileged === true, (n) => `${plural(n.length, "container", "containers")} ${quote(n)} must not set securityContext.privileged=true`);
    const added = (c: Plain) => ((sc(c).capabilities?.add ?? []) as string[]).filter((cap) => !BASELINE_CAPABILITIES.includes(String(cap).replace(/^CAP_/, "")));
    per("non-default capabilities", (c) => added(c).length > 0, (n) => `${plural(n.length, "container", "containers")} ${quote(n)} must not include ${quote([...new Set(containers.flatMap(added))])} in securityContext.capabilities.add`);
    const hostPaths = ((spec.volumes ?? []) as Plain[]).filter((v) => v.hostPath !== undefined).map((v) => String(v.name));
    if (hostPaths.length > 0 && policy.level === "baseline") {
        violations.push(`hostPath volumes (${plural(hostPaths.length, "volume", "volumes")} ${quote(hostPaths)})`);
    }
    const hostPorts = containers.flatMap((c) => ((c.ports ?? []) as Plain[]).filter((p) => Number(p.hostPort ?? 0) !== 0).map((p) => ({ c: String(c.name), port: Number(p.hostPort) })));
    if (hostPorts.length > 0) {
        violations.push(`hostPort (${plural(new Set(hostPorts.map((h) => h.c)).size, "container", "containers")} ${quote([...new Set(hostPorts.map((h) => h.c))])} ${plural(hostPorts.length, "uses hostPort", "use hostPorts")} ${hostPorts.map((h) => h.port).join(", ")})`);
    }
    const badAppArmor = Object.entries(annotations).filter(([k, v]) => k.startsWith("container.apparmor.security.beta.kubernetes.io/") && v !== "runtime/default" && !String(v).startsWith("localhost/"));
    const appArmorUnconfined = podSc.appArmorProfile?.type === "Unconfined" || containers.some((c) => sc(c).appArmorProfile?.type === "Unconfined");
    if (badAppArmor.length > 0 || appArmorUnconfined) {
        violations.push(`forbidden AppArmor profile${badAppArmor.length ? ` (${badAppArmor.map(([k, v]) => `${k}="${v}"`).join(", ")})` : ` (appArmorProfile.type="Unconfined")`}`);
    }
    const seLinuxTypes = ["", "container_t", "container_init_t", "container_kvm_t", ...(policy.minor >= 31 ? ["container_engine_t"] : [])];
    const badSeLinux = (o: Plain | undefined) => o !== undefined && (!seLinuxTypes.includes(String(o.type ?? "")) || Boolean(o.user) || Boolean(o.role));
    if (badSeLinux(podSc.seLinuxOptions) || containers.some((c) => badSeLinux(sc(c).seLinuxOptions))) {
        violations.push("seLinuxOptions (pod or containers set forbidden securityContext.seLinuxOptions)");
    }
    per("procMount", (c) => sc(c).procMount !== undefined && sc(c).procMount !== "Default", (n) => `${plural(n.length, "container", "containers")} ${quote(n)} must not set securityContext.procMount to "Unmasked"`);
    const unconfined = (o: Plain | undefined) => o?.type === "Unconfined";
    if (unconfined(podSc.seccompProfile) || containers.some((c) => unconfined(sc(c).seccompProfile))) {
        violations.push(`seccompProfile (pod or containers must not set securityContext.seccompProfile.type to "Unconfined")`);
    }
    const sysctls = ((podSc.sysctls ?? []) as Plain[]).map((s) => String(s.name)).filter((name) => !allowedSysctls(policy.minor).includes(name));
    if (sysctls.length > 0) {
        violations.push(`forbidden sysctls (${sysctls.join(", ")})`);
    }
    if (policy.minor >= 34) {
        const hosts = (c: Plain) => [c.livenessProbe, c.readinessProbe, c.startupProbe, c.lifecycle?.postStart, c.lifecycle?.preStop]
            .flatMap((h: Plain | undefined) => [h?.httpGet?.host, h?.tcpSocket?.host]).filter((h) => typeof h === "string" && h !== "");
        per("probe or lifecycle host", (c) => hosts(c).length > 0, (n) => `${plural(n.length, "container", "containers")} ${quote(n)} ${plural(n.length, "uses", "use")} probe or lifecycle host ${quote(containers.flatMap(hosts))}`);
    }
    if (policy.level === "baseline") {
        return violations;
    }

    // Restricted
    const badVolumes = ((spec.volumes ?? []) as Plain[]).filter((v) => !Object.keys(v).some((k) => RESTRICTED_VOLUMES.includes(k)));
    if (badVolumes.length > 0) {
        const types = [...new Set(badVolumes.map((v) => Object.keys(v).find((k) => k !== "name") ?? "unknown"))];
        violations.push(`restricted volume types (${plural(badVolumes.length, "volume", "volumes")} ${quote(badVolumes.map((v) => String(v.name)))} ${plural(badVolumes.length, "uses", "use")} ${plural(types.length, "restricted volume type", "restricted volume types")} ${quote(types)})`);
    }
    if (!windows) {
        per("allowPrivilegeEscalation != false", (c) => sc(c).allowPrivilegeEscalation !== false, (n) => `${plural(n.length, "container", "containers")} ${quote(n)} must set securityContext.allowPrivilegeEscalation=false`);
    }
    if (policy.minor >= 22 && !windows) {
        const dropsAll = (c: Plain) => ((sc(c).capabilities?.drop ?? []) as string[]).some((d) => d === "ALL");
        const addsOther = (c: Plain) => ((sc(c).capabilities?.add ?? []) as string[]).some((a) => a !== "NET_BIND_SERVICE");
        per("unrestricted capabilities", (c) => !dropsAll(c) || addsOther(c), (n) => `${plural(n.length, "container", "containers")} ${quote(n)} must set securityContext.capabilities.drop=["ALL"] and add only "NET_BIND_SERVICE"`);
    }
    const podNonRoot = podSc.runAsNonRoot === true;
    per("runAsNonRoot != true", (c) => sc(c).runAsNonRoot === false || (!podNonRoot && sc(c).runAsNonRoot !== true), (n) => `pod or ${plural(n.length, "container", "containers")} ${quote(n)} must set securityContext.runAsNonRoot=true`);
    if (policy.minor >= 23) {
        const podRoot = podSc.runAsUser === 0;
        per("runAsUser=0", (c) => sc(c).runAsUser === 0 || (podRoot && sc(c).runAsUser === undefined), (n) => `pod or ${plural(n.length, "container", "containers")} ${quote(n)} must not set runAsUser=0`);
    }
    if (policy.minor >= 19 && !windows) {
        const valid = (o: Plain | undefined) => o?.type === "RuntimeDefault" || o?.type === "Localhost";
        const podValid = valid(podSc.seccompProfile);
        per("seccompProfile", (c) => (sc(c).seccompProfile !== undefined ? !valid(sc(c).seccompProfile) : !podValid), (n) => `pod or ${plural(n.length, "container", "containers")} ${quote(n)} must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"`);
    }
    return violations;
}
