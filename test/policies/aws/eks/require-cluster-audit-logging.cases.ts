import { resource, ruleCases, unknown } from "../../../harness/policy-cases";

const cluster = (name: string, enabledClusterLogTypes: unknown) =>
    resource("aws:eks/cluster:Cluster", name, {
        roleArn: "arn:aws:iam::111122223333:role/platform-cluster",
        version: "1.34",
        vpcConfig: { subnetIds: ["subnet-0a1b2c3d4e5f60718", "subnet-0b2c3d4e5f6071829"], endpointPublicAccess: false },
        enabledClusterLogTypes,
    });
const ALL = ["api", "audit", "authenticator", "controllerManager", "scheduler"];
const auditOnly = { "require-cluster-audit-logging": { requiredLogTypes: ["audit"] } };

export default ruleCases("require-cluster-audit-logging", {
    compliant: [
        { name: "all five control-plane log types", resources: [cluster("platform", ALL)] },
        { name: "all five in another order", resources: [cluster("reordered", ["scheduler", "audit", "api", "controllerManager", "authenticator"])] },
        { name: "audit and authenticator where the team requires audit only", resources: [cluster("lean", ["audit", "authenticator"])], config: auditOnly },
    ],
    violating: [
        {
            name: "no control-plane logs",
            resources: [resource("aws:eks/cluster:Cluster", "silent", { roleArn: "arn:aws:iam::111122223333:role/platform-cluster", vpcConfig: { subnetIds: ["subnet-0a1b2c3d4e5f60718"] } })],
            message: /enabledClusterLogTypes lacks api, audit, authenticator, controllerManager, scheduler \(enabled: none\)/,
        },
        { name: "API and audit logs only", resources: [cluster("partial", ["api", "audit"])], message: /enabledClusterLogTypes lacks authenticator, controllerManager, scheduler \(enabled: api, audit\)/ },
        { name: "API logs only where the team requires audit only", resources: [cluster("no-audit", ["api"])], config: auditOnly, message: /enabledClusterLogTypes lacks audit \(enabled: api\)/ },
    ],
    unknown: [
        { name: "log types not known yet", resources: [cluster("later", unknown)] },
    ],
});
