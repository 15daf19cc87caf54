import { defineStackRule } from "../lib/rule";
import { ofType, referrers } from "../lib/values";

export default defineStackRule<{ trafficTypes: string[] }>({
    name: "require-vpc-flow-logs",
    description: "Every VPC must have a flow log recording its traffic.",
    severity: "medium",
    controls: ["FSBP EC2.6"],
    remediation: "Add an aws.ec2.FlowLog with `vpcId` set to the VPC, `trafficType: \"ALL\"` and a destination (a KMS-encrypted CloudWatch log group with retention, or S3).",
    config: {
        trafficTypes: {
            type: "array",
            items: { type: "string", enum: ["ALL", "ACCEPT", "REJECT"] },
            default: ["ALL"],
            description: "Traffic types a flow log may record to count (FSBP EC2.6 itself accepts REJECT).",
        },
    },
    validate(resources, { config }, report) {
        const flowLogsOf = referrers(ofType(resources, "aws:ec2/flowLog:FlowLog"), "vpcId");
        for (const vpc of ofType(resources, "aws:ec2/vpc:Vpc")) {
            const logs = flowLogsOf(vpc);
            if (logs.length === 0) {
                report(vpc, `VPC ${vpc.name} has no flow log.`);
            } else if (!logs.some((log) => config.trafficTypes.includes(String(log.props.trafficType)))) {
                report(vpc, `VPC ${vpc.name} has flow logs for ${logs.map((l) => l.props.trafficType).join(", ")} traffic only; one must record ${config.trafficTypes.join(" or ")}.`);
            }
        }
    },
});
