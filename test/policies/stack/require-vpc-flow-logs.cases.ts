import { resource, ruleCases, unknown } from "../../harness/policy-cases";

const vpc = (name: string, id: unknown = `vpc-${name}`) => resource("aws:ec2/vpc:Vpc", name, { cidrBlock: "10.0.0.0/16", id });
const flowLog = (name: string, target: ReturnType<typeof vpc> | string, trafficType: unknown = "ALL") =>
    typeof target === "string"
        ? resource("aws:ec2/flowLog:FlowLog", name, { vpcId: target, trafficType, logDestinationType: "s3", logDestination: "arn:aws:s3:::logs" })
        : resource("aws:ec2/flowLog:FlowLog", name, { vpcId: target.props.id, trafficType, logDestinationType: "s3", logDestination: "arn:aws:s3:::logs" }, { from: { vpcId: [target] } });

const main = vpc("main");
const second = vpc("second");
const fresh = vpc("fresh", unknown);

export default ruleCases("require-vpc-flow-logs", {
    compliant: [
        { name: "a VPC with a flow log of all traffic", resources: [main, flowLog("main-all", main)] },
        { name: "two VPCs, each logged", resources: [main, second, flowLog("main-all", main), flowLog("second-all", second)] },
        { name: "a flow log that names the VPC by id only", resources: [main, flowLog("by-id", "vpc-main")] },
        {
            name: "a VPC whose id is not known yet, matched through the engine's dependency record",
            resources: [fresh, flowLog("fresh-all", fresh)],
        },
        { name: "rejected traffic only, where the team accepts EC2.6's minimum", resources: [main, flowLog("rejects", main, "REJECT")], config: { "require-vpc-flow-logs": { trafficTypes: ["ALL", "REJECT"] } } },
        { name: "no VPC at all", resources: [resource("aws:s3/bucket:Bucket", "b", {})] },
    ],
    violating: [
        { name: "a VPC without flow logs", resources: [main], message: /VPC main has no flow log/ },
        { name: "the flow log belongs to the other VPC", resources: [main, second, flowLog("second-all", second)], message: /VPC main has no flow log/ },
        { name: "rejected traffic only", resources: [main, flowLog("rejects", main, "REJECT")], message: /REJECT traffic only; one must record ALL/ },
    ],
    unknown: [
        { name: "a flow log naming an unmanaged VPC by an id not known yet", resources: [main, resource("aws:ec2/flowLog:FlowLog", "unknown-target", { vpcId: unknown, trafficType: "ALL" })] },
    ],
});
