import { resource, ruleCases, unknown } from "../../../harness/policy-cases";

const blockPublic = (name: string, state: unknown) => resource("aws:ebs/snapshotBlockPublicAccess:SnapshotBlockPublicAccess", name, state === undefined ? {} : { state: state as string });
const share = (name: string, accountId: string) => resource("aws:ec2/snapshotCreateVolumePermission:SnapshotCreateVolumePermission", name, { snapshotId: "snap-0a1b2c3d4e5f60718", accountId });

export default ruleCases("disallow-public-ebs-snapshots", {
    compliant: [
        { name: "all public sharing blocked", resources: [blockPublic("account", "block-all-sharing")] },
        { name: "new public sharing blocked where the team accepts it", resources: [blockPublic("account", "block-new-sharing")], config: { "disallow-public-ebs-snapshots": { allowedStates: ["block-all-sharing", "block-new-sharing"] } } },
        { name: "a snapshot shared with one named account", resources: [share("dr-copy", "444455556666")] },
    ],
    violating: [
        { name: "public sharing unblocked", resources: [blockPublic("account", "unblocked")], message: /Snapshot block public access is unblocked; allowed: block-all-sharing/ },
        { name: "only new sharing blocked", resources: [blockPublic("account", "block-new-sharing")], message: /is block-new-sharing/ },
        { name: "block public access declared without a state", resources: [blockPublic("account", undefined)], message: /Snapshot block public access is not set/ },
        { name: "a snapshot shared with something other than an account ID", resources: [share("group", "123")], message: /shared with "123", not a single account/ },
        { name: "a snapshot shared with everyone", resources: [share("public", "all")], message: /shared with "all", not a single account/ },
    ],
    unknown: [
        { name: "state not known yet", resources: [blockPublic("later", unknown)] },
        { name: "account not known yet", resources: [share("later", unknown)] },
    ],
});
