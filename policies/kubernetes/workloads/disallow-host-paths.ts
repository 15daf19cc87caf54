import { list } from "../../lib/values";
import { defineWorkloadRule } from "../../lib/workload-rule";

export default defineWorkloadRule({
    name: "disallow-host-paths",
    description: "Pods must not mount directories of the node (hostPath volumes).",
    severity: "high",
    controls: ["PSS Baseline: HostPath Volumes", "CIS K8s 5.2.12"],
    remediation: "Replace the hostPath volume with a PersistentVolumeClaim, an emptyDir, a ConfigMap or a Secret.",
    validate(spec, workload, report) {
        for (const volume of list(spec.volumes)) {
            if (volume.hostPath) {
                report(`${workload.kind} ${workload.name} mounts ${volume.hostPath.path ?? "a host path"} from the node (volume ${volume.name}).`);
            }
        }
    },
});
