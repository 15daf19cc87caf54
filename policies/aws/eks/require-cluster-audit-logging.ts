import { defineResourceRule } from "../../lib/rule";
import { list } from "../../lib/values";

const LOG_TYPES = ["api", "audit", "authenticator", "controllerManager", "scheduler"];

export default defineResourceRule<{ requiredLogTypes: string[] }>({
    name: "require-cluster-audit-logging",
    description: "EKS clusters must send control-plane logs, audit logs at least, to CloudWatch.",
    severity: "medium",
    controls: ["FSBP EKS.8", "CIS EKS 2.1.1"],
    remediation: "List the log types in `enabledClusterLogTypes` on the aws.eks.Cluster (all five: api, audit, authenticator, controllerManager, scheduler), and pre-create `/aws/eks/<name>/cluster` with a KMS key and retention.",
    config: {
        requiredLogTypes: {
            type: "array",
            items: { type: "string", enum: LOG_TYPES },
            default: LOG_TYPES,
            description: "Control-plane log types every cluster must enable (FSBP EKS.8 requires audit).",
        },
    },
    resourceTypes: ["aws:eks/cluster:Cluster"],
    validate(props, { config }, report) {
        const enabled = list(props.enabledClusterLogTypes).map(String);
        const missing = config.requiredLogTypes.filter((type) => !enabled.includes(type));
        if (missing.length > 0) {
            report(`enabledClusterLogTypes lacks ${missing.join(", ")} (enabled: ${enabled.length > 0 ? enabled.join(", ") : "none"}).`);
        }
    },
});
