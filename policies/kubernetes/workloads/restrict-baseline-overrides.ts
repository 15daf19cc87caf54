import { containersOf, where } from "../../lib/pod-spec";
import type { Props } from "../../lib/rule";
import { list } from "../../lib/values";
import { defineWorkloadRule } from "../../lib/workload-rule";

/** Sysctls the baseline profile allows (namespaced and safe). */
export const SAFE_SYSCTLS = [
    "kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range", "net.ipv4.ip_unprivileged_port_start", "net.ipv4.tcp_syncookies",
    "net.ipv4.ping_group_range", "net.ipv4.ip_local_reserved_ports", "net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout",
    "net.ipv4.tcp_keepalive_intvl", "net.ipv4.tcp_keepalive_probes", "net.ipv4.tcp_rmem", "net.ipv4.tcp_wmem",
];
const SELINUX_TYPES = ["container_t", "container_init_t", "container_kvm_t", "container_engine_t"];

function seLinuxProblem(options: Props | undefined): string | undefined {
    if (!options) {
        return undefined;
    }
    // An empty string leaves the runtime's default, which the baseline profile allows.
    if (options.type !== undefined && options.type !== "" && !SELINUX_TYPES.includes(String(options.type))) {
        return `SELinux type ${options.type}`;
    }
    if ((options.user !== undefined && options.user !== "") || (options.role !== undefined && options.role !== "")) {
        return "a custom SELinux user or role";
    }
    return undefined;
}

export default defineWorkloadRule({
    name: "restrict-baseline-overrides",
    description: "Pods must not unmask /proc, set unsafe sysctls, disable AppArmor or choose custom SELinux users, roles or types.",
    severity: "high",
    controls: ["PSS Baseline: /proc Mount Type", "PSS Baseline: Sysctls", "PSS Baseline: AppArmor", "PSS Baseline: SELinux"],
    remediation: "Remove `procMount: Unmasked`, unsafe `securityContext.sysctls`, `appArmorProfile.type: Unconfined` (or the `unconfined` AppArmor annotation) and custom `seLinuxOptions` user/role/type from the pod and its containers.",
    validate(spec, workload, report) {
        const pod = spec.securityContext ?? {};
        for (const sysctl of list(pod.sysctls)) {
            if (!SAFE_SYSCTLS.includes(String(sysctl.name))) {
                report(`${workload.kind} ${workload.name} sets sysctl ${sysctl.name}, outside the safe set.`);
            }
        }
        if (pod.appArmorProfile?.type === "Unconfined") {
            report(`${workload.kind} ${workload.name} runs its pod without AppArmor (Unconfined).`);
        }
        // The annotation form Kubernetes still honours: container.apparmor.security.beta.kubernetes.io/<container>.
        for (const [key, value] of Object.entries(workload.podAnnotations())) {
            if (key.startsWith("container.apparmor.security.beta.kubernetes.io/") && String(value).toLowerCase() === "unconfined") {
                report(`${workload.kind} ${workload.name}: container ${key.split("/")[1]} runs without AppArmor (unconfined annotation).`);
            }
        }
        const podSeLinux = seLinuxProblem(pod.seLinuxOptions);
        if (podSeLinux) {
            report(`${workload.kind} ${workload.name} chooses ${podSeLinux}.`);
        }
        for (const ref of containersOf(spec)) {
            const context = ref.container.securityContext ?? {};
            if (context.procMount !== undefined && context.procMount !== "Default") {
                report(`${workload.kind} ${workload.name}: ${where(ref)} mounts /proc ${context.procMount}.`);
            }
            if (context.appArmorProfile?.type === "Unconfined") {
                report(`${workload.kind} ${workload.name}: ${where(ref)} runs without AppArmor (Unconfined).`);
            }
            const containerSeLinux = seLinuxProblem(context.seLinuxOptions);
            if (containerSeLinux) {
                report(`${workload.kind} ${workload.name}: ${where(ref)} chooses ${containerSeLinux}.`);
            }
        }
    },
});
