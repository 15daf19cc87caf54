import { resource, ruleCases, unknown } from "../../../harness/policy-cases";
import { lambdaFunction, SECURITY_GROUP, SUBNETS } from "./lambda-fixtures";

const edge = lambdaFunction("edge-headers", { runtime: "nodejs22.x", publish: true, vpcConfig: undefined, qualifiedArn: "arn:aws:lambda:us-east-1:111122223333:function:edge-headers:3" });
const distribution = (name: string, fn: ReturnType<typeof resource>, where: "defaultCacheBehavior" | "orderedCacheBehaviors") => {
    const association = { eventType: "origin-response", lambdaArn: fn.props.qualifiedArn };
    const behavior = { targetOriginId: "site", viewerProtocolPolicy: "redirect-to-https", allowedMethods: ["GET", "HEAD"], cachedMethods: ["GET", "HEAD"] };
    return resource("aws:cloudfront/distribution:Distribution", name, {
        enabled: true,
        defaultCacheBehavior: where === "defaultCacheBehavior" ? { ...behavior, lambdaFunctionAssociations: [association] } : behavior,
        orderedCacheBehaviors: where === "orderedCacheBehaviors" ? [{ ...behavior, pathPattern: "/assets/*", lambdaFunctionAssociations: [association] }] : [],
    }, { from: { [where]: [fn] } });
};

export default ruleCases("require-function-vpc", {
    compliant: [
        { name: "a function in two private subnets with a security group (the baseline)", resources: [lambdaFunction("app")] },
        { name: "a Lambda@Edge function a distribution's default behavior associates", resources: [edge, distribution("site", edge, "defaultCacheBehavior")] },
        { name: "a Lambda@Edge function an ordered cache behavior associates", resources: [edge, distribution("assets", edge, "orderedCacheBehaviors")] },
        { name: "one subnet where the team accepts it", resources: [lambdaFunction("single", { vpcConfig: { subnetIds: [SUBNETS[0]], securityGroupIds: [SECURITY_GROUP] } })], config: { "require-function-vpc": { minSubnets: 1 } } },
    ],
    violating: [
        { name: "no vpcConfig", resources: [lambdaFunction("outside", { vpcConfig: undefined })], message: /Function outside has no vpcConfig: it reaches the internet on its own/ },
        { name: "vpcConfig with no subnets (as the provider reports a function outside the VPC)", resources: [lambdaFunction("empty", { vpcConfig: { subnetIds: [], securityGroupIds: [], vpcId: "" } })], message: /Function empty has no vpcConfig/ },
        { name: "no security group", resources: [lambdaFunction("no-group", { vpcConfig: { subnetIds: SUBNETS, securityGroupIds: [] } })], message: /Function no-group lists no security group/ },
        { name: "one subnet (one Availability Zone)", resources: [lambdaFunction("one-zone", { vpcConfig: { subnetIds: [SUBNETS[0]], securityGroupIds: [SECURITY_GROUP] } })], message: /Function one-zone runs in 1 subnet: a zone failure stops it/ },
        { name: "a function next to a distribution that does not associate it", resources: [edge, lambdaFunction("api", { vpcConfig: undefined }), distribution("site", edge, "defaultCacheBehavior")], message: /Function api has no vpcConfig/ },
    ],
    unknown: [
        { name: "subnets not known yet", resources: [lambdaFunction("later", { vpcConfig: { subnetIds: unknown, securityGroupIds: [SECURITY_GROUP] } })] },
    ],
});
