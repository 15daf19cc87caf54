import { defineResourceRule } from "../../lib/rule";
import { list } from "../../lib/values";

export default defineResourceRule({
    name: "disallow-node-group-remote-access",
    description: "EKS managed node groups must not open SSH remote access to their nodes.",
    severity: "high",
    controls: ["EKS BP no-ssh"],
    remediation: "Remove `remoteAccess` from the aws.eks.NodeGroup and use SSM Session Manager or `kubectl debug` for node access.",
    resourceTypes: ["aws:eks/nodeGroup:NodeGroup"],
    validate(props, _context, report) {
        const remote = props.remoteAccess;
        const sources = list(remote?.sourceSecurityGroupIds);
        if (remote && (remote.ec2SshKey || sources.length > 0)) {
            report(`remoteAccess is set (key ${remote.ec2SshKey ?? "none"}): nodes accept SSH${sources.length > 0 ? ` from ${sources.join(", ")}` : " from anywhere"}.`);
        }
    },
});
