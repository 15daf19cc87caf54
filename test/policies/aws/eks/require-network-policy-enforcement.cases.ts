import { resource, ruleCases, unknown } from "../../../harness/policy-cases";

const addon = (name: string, addonName: string, props: Record<string, unknown> = {}) =>
    resource("aws:eks/addon:Addon", name, { clusterName: "platform", addonName, addonVersion: "v1.23.0-eksbuild.1", ...props });

export default ruleCases("require-network-policy-enforcement", {
    compliant: [
        { name: "the VPC CNI enforcing network policies", resources: [addon("cni", "vpc-cni", { configurationValues: JSON.stringify({ enableNetworkPolicy: "true" }) })] },
        { name: "the setting as a JSON boolean", resources: [addon("cni-bool", "vpc-cni", { configurationValues: "{\"enableNetworkPolicy\": true, \"env\": {\"ENABLE_PREFIX_DELEGATION\": \"true\"}}" })] },
        { name: "another add-on without configuration", resources: [addon("dns", "coredns")] },
    ],
    violating: [
        { name: "the VPC CNI with its defaults", resources: [addon("default", "vpc-cni")], message: /enableNetworkPolicy is not set \(false\)/ },
        { name: "enforcement turned off", resources: [addon("off", "vpc-cni", { configurationValues: JSON.stringify({ enableNetworkPolicy: "false" }) })], message: /enableNetworkPolicy is false/ },
        { name: "configuration that is not JSON", resources: [addon("yaml", "vpc-cni", { configurationValues: "enableNetworkPolicy: true" })], message: /not a JSON object/ },
    ],
    unknown: [
        { name: "configuration not known yet", resources: [addon("later", "vpc-cni", { configurationValues: unknown })] },
    ],
});
