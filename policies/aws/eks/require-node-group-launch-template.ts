import { defineResourceRule } from "../../lib/rule";

/**
 * A managed node group without `launchTemplate` runs on the launch template the EKS API generates with
 * default values (EKS user guide, "Customize managed nodes with launch templates"). That template does not
 * require IMDSv2 session tokens, and nothing in the node group's own arguments can change its metadata
 * options, so its nodes answer IMDSv1 to any pod that can reach 169.254.169.254. Only a launch template of
 * our own, judged by require-imdsv2 and restrict-imds-hop-limit, fixes the metadata options.
 */
export default defineResourceRule({
    name: "require-node-group-launch-template",
    description: "EKS managed node groups must run on a launch template of their own, so that IMDSv2 and the metadata hop limit are set (the template EKS generates by default does not require IMDSv2).",
    severity: "high",
    controls: ["EKS BP restrict-imds", "FSBP EC2.8"],
    remediation: "Create an aws.ec2.LaunchTemplate with `metadataOptions: { httpTokens: \"required\", httpPutResponseHopLimit: 1 }` and encrypted block devices, and pass it as the node group's `launchTemplate: { id, version }`.",
    resourceTypes: ["aws:eks/nodeGroup:NodeGroup"],
    validate(props, _context, report) {
        const template = props.launchTemplate;
        if (!template || (!template.id && !template.name)) {
            report("the node group has no launchTemplate: EKS generates one with default metadata options, which leave IMDSv1 open to pods.");
        }
    },
});
