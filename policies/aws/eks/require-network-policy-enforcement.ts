import { defineResourceRule, Props } from "../../lib/rule";

/** The add-on's configuration values, a JSON string (or nothing). */
function parseConfiguration(text: unknown): Props | undefined {
    if (typeof text !== "string" || text.trim() === "") {
        return {};
    }
    try {
        const parsed = JSON.parse(text) as unknown;
        return typeof parsed === "object" && parsed !== null ? (parsed as Props) : undefined;
    } catch {
        return undefined;
    }
}

export default defineResourceRule({
    name: "require-network-policy-enforcement",
    description: "The EKS VPC CNI add-on must enforce Kubernetes NetworkPolicies, or namespace isolation is only on paper.",
    severity: "high",
    controls: ["CIS EKS 5.4.4"],
    remediation: "Set `configurationValues: JSON.stringify({ enableNetworkPolicy: \"true\" })` on the aws.eks.Addon for vpc-cni (or run another CNI that enforces NetworkPolicies).",
    resourceTypes: ["aws:eks/addon:Addon"],
    validate(props, _context, report) {
        if (props.addonName !== "vpc-cni") {
            return;
        }
        const configuration = parseConfiguration(props.configurationValues);
        if (configuration === undefined) {
            report("configurationValues is not a JSON object, so network policy enforcement cannot be confirmed.");
        } else if (String(configuration.enableNetworkPolicy) !== "true") {
            report(`enableNetworkPolicy is ${configuration.enableNetworkPolicy ?? "not set (false)"}: NetworkPolicies are accepted by the API server but nothing enforces them.`);
        }
    },
});
