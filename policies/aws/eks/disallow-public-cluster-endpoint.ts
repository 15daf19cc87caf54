import { defineResourceRule } from "../../lib/rule";
import { isAnywhere, list } from "../../lib/values";

export default defineResourceRule<{ allowRestrictedPublicEndpoint: boolean }>({
    name: "disallow-public-cluster-endpoint",
    description: "The EKS API endpoint must be private, or public only to listed CIDRs and never to 0.0.0.0/0.",
    severity: "high",
    controls: ["FSBP EKS.1"],
    remediation: "Set `vpcConfig.endpointPublicAccess: false` on the aws.eks.Cluster (reach the API from the VPC or a VPN), or list your office/VPN egress ranges in `vpcConfig.publicAccessCidrs`.",
    config: {
        allowRestrictedPublicEndpoint: {
            type: "boolean",
            default: true,
            description: "Whether a public endpoint limited to listed CIDRs is accepted; set false for production stacks (strict FSBP EKS.1).",
        },
    },
    resourceTypes: ["aws:eks/cluster:Cluster"],
    validate(props, { config }, report) {
        const vpc = props.vpcConfig ?? {};
        // EKS makes the endpoint public unless told otherwise.
        if (vpc.endpointPublicAccess === false) {
            return;
        }
        const cidrs = list(vpc.publicAccessCidrs).map(String);
        if (!config.allowRestrictedPublicEndpoint) {
            report(`The API endpoint is public (${cidrs.length > 0 ? cidrs.join(", ") : "open to any address"}); this stack requires a private endpoint.`);
        } else if (cidrs.length === 0) {
            report("The API endpoint is public and publicAccessCidrs is not set, so EKS opens it to 0.0.0.0/0.");
        } else if (cidrs.some(isAnywhere)) {
            report(`The API endpoint is public to ${cidrs.filter(isAnywhere).join(", ")}.`);
        }
    },
});
