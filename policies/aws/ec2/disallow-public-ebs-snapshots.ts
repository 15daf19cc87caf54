import { defineResourceRule } from "../../lib/rule";

export default defineResourceRule<{ allowedStates: string[] }>({
    name: "disallow-public-ebs-snapshots",
    description: "EBS snapshots must never be restorable by everyone: public sharing is blocked for the account and region, and no snapshot is shared with all accounts.",
    severity: "critical",
    controls: ["FSBP EC2.1", "AWS Config ebs-snapshot-block-public-access"],
    remediation: "Set `state: \"block-all-sharing\"` on aws.ebs.SnapshotBlockPublicAccess, and share snapshots only with named 12-digit account IDs in aws.ec2.SnapshotCreateVolumePermission.",
    config: {
        allowedStates: {
            type: "array",
            items: { type: "string", enum: ["block-all-sharing", "block-new-sharing"] },
            default: ["block-all-sharing"],
            description: "Block public access states accepted (block-new-sharing leaves snapshots that are already public as they are).",
        },
    },
    resourceTypes: ["aws:ebs/snapshotBlockPublicAccess:SnapshotBlockPublicAccess", "aws:ec2/snapshotCreateVolumePermission:SnapshotCreateVolumePermission"],
    validate(props, { type, config }, report) {
        if (type === "aws:ebs/snapshotBlockPublicAccess:SnapshotBlockPublicAccess") {
            if (!config.allowedStates.includes(props.state)) {
                report(`Snapshot block public access is ${props.state ?? "not set"}; allowed: ${config.allowedStates.join(", ")}.`);
            }
        } else if (!/^\d{12}$/.test(String(props.accountId))) {
            report(`Snapshot ${props.snapshotId ?? ""} is shared with ${JSON.stringify(props.accountId)}, not a single account: anyone can restore it.`);
        }
    },
});
