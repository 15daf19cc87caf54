import { list } from "../../lib/values";
import { defineWorkloadRule } from "../../lib/workload-rule";

/** Volume sources the restricted profile allows. */
export const ALLOWED_VOLUME_SOURCES = ["configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim", "projected", "secret"];

export default defineWorkloadRule({
    name: "restrict-volume-types",
    description: "Pods may only use volume types the restricted profile allows (configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected, secret).",
    severity: "medium",
    controls: ["PSS Restricted: Volume Types"],
    remediation: "Replace the volume with one of the allowed types, e.g. a PersistentVolumeClaim instead of an nfs or hostPath volume.",
    validate(spec, workload, report) {
        for (const volume of list(spec.volumes)) {
            const sources = Object.keys(volume).filter((key) => key !== "name");
            const disallowed = sources.filter((source) => !ALLOWED_VOLUME_SOURCES.includes(source));
            if (disallowed.length > 0) {
                report(`${workload.kind} ${workload.name}: volume ${volume.name} uses ${disallowed.join(", ")}.`);
            }
        }
    },
});
