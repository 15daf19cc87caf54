import { defineStackRule } from "../../lib/rule";
import { ofType, referrers } from "../../lib/values";

/**
 * Decision: every function runs in the VPC, not only those that reach private resources. A function
 * outside it has its own path to the internet, past the NAT, the network ACLs, the VPC endpoints and the
 * flow logs every other workload of the platform goes through, and cannot reach the data tier without
 * exposing it. Lambda@Edge functions cannot be attached to a VPC: a function a CloudFront distribution
 * associates with a cache behavior is left out. With two subnets or more the function keeps running when a
 * zone fails (the rule counts subnets; it cannot see their zones).
 */
export default defineStackRule<{ minSubnets: number }>({
    name: "require-function-vpc",
    description: "Lambda functions (other than Lambda@Edge) must run attached to the VPC, with security groups and subnets in at least two Availability Zones.",
    severity: "low",
    controls: ["AWS Config lambda-inside-vpc", "FSBP Lambda.5", "NIST SP 800-53 SC-7"],
    remediation: "Set `vpcConfig: { subnetIds: <private subnets in two or more zones>, securityGroupIds: [<a group allowing only the egress the function needs>] }` on the aws.lambda.Function; reach AWS APIs through VPC endpoints or the NAT, and give the role AWSLambdaVPCAccessExecutionRole's network-interface permissions.",
    config: {
        minSubnets: { type: "integer", minimum: 1, maximum: 6, default: 2, description: "Fewest subnets a function's vpcConfig may list (FSBP Lambda.5 asks for two Availability Zones)." },
    },
    validate(resources, { config }, report) {
        const distributions = ofType(resources, "aws:cloudfront/distribution:Distribution");
        const viaDefault = referrers(distributions, "defaultCacheBehavior", "qualifiedArn");
        const viaOrdered = referrers(distributions, "orderedCacheBehaviors", "qualifiedArn");
        for (const fn of ofType(resources, "aws:lambda/function:Function")) {
            if (viaDefault(fn).length > 0 || viaOrdered(fn).length > 0) {
                continue;
            }
            const vpc = fn.props.vpcConfig;
            const subnets = Array.isArray(vpc?.subnetIds) ? vpc.subnetIds.length : 0;
            const groups = Array.isArray(vpc?.securityGroupIds) ? vpc.securityGroupIds.length : 0;
            if (subnets === 0) {
                report(fn, `Function ${fn.name} has no vpcConfig: it reaches the internet on its own, past the VPC's egress controls and flow logs. Expected private subnets and a security group.`);
            } else if (groups === 0) {
                report(fn, `Function ${fn.name} lists no security group in vpcConfig.securityGroupIds. Expected a group limiting its traffic.`);
            } else if (subnets < config.minSubnets) {
                report(fn, `Function ${fn.name} runs in ${subnets} subnet${subnets === 1 ? "" : "s"}: a zone failure stops it. Expected subnets in at least ${config.minSubnets} Availability Zones.`);
            }
        }
    },
});
