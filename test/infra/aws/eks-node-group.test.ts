import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import * as aws from "@pulumi/aws";
import { BOTTLEROCKET_DATA_VOLUME_DEVICE, BOTTLEROCKET_OS_VOLUME, bottlerocketAmiType, EksNodeGroup, EksNodeGroupArgs } from "../../../infra/aws/eks-node-group";
import { RecordedResource, renderComponents } from "../../../engine/program";
import { descendantsOf, named, ofType, plain } from "../../harness/resources";

const EBS_KEY = "arn:aws:kms:eu-west-1:123456789012:key/ebs";
let data: RecordedResource[];

function nodeArgs(overrides: Partial<EksNodeGroupArgs>): EksNodeGroupArgs {
    return {
        clusterName: "secure-platform-test",
        kubernetesVersion: "1.35",
        nodeRoleArn: "arn:aws:iam::123456789012:role/node",
        subnetIds: ["subnet-data-a", "subnet-data-b"],
        securityGroupIds: ["sg-nodes"],
        ebsKeyArn: EBS_KEY,
        sizing: { instanceTypes: ["r7g.large"], minSize: 3, maxSize: 3, desiredSize: 3, diskSizeGiB: 100 },
        ...overrides,
    };
}

before(async () => {
    const { resources } = await renderComponents(() => {
        const provider = new aws.Provider("aws", { region: "eu-west-1" });
        new EksNodeGroup("data", nodeArgs({
            labels: { "secure-platform/node-group": "data" },
            taints: [{ key: "secure-platform/dedicated", value: "data", effect: "NO_SCHEDULE" }],
        }), { provider });
    });
    data = descendantsOf(resources, named(resources, "data"));
});

const input = (r: RecordedResource, key: string) => plain(r.inputs)[key];

describe("EksNodeGroup", () => {
    it("requires IMDSv2 with a hop limit of 1, so pods cannot reach the node's credentials", () => {
        const [template] = ofType(data, "aws:ec2/launchTemplate:LaunchTemplate");
        assert.deepEqual(input(template, "metadataOptions"), { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1, instanceMetadataTags: "disabled" });
    });

    it("encrypts both Bottlerocket volumes with the EBS key, as gp3", () => {
        const [template] = ofType(data, "aws:ec2/launchTemplate:LaunchTemplate");
        const volumes = input(template, "blockDeviceMappings");
        assert.deepEqual(volumes.map((v: { deviceName: string }) => v.deviceName), [BOTTLEROCKET_OS_VOLUME.deviceName, BOTTLEROCKET_DATA_VOLUME_DEVICE]);
        for (const { ebs } of volumes) {
            assert.equal(ebs.encrypted, "true");
            assert.equal(ebs.kmsKeyId, EBS_KEY);
            assert.equal(ebs.volumeType, "gp3");
        }
        assert.equal(volumes[1].ebs.volumeSize, 100);
    });

    it("has no SSH key, no remote access, no public address and only the given security groups", () => {
        const [template] = ofType(data, "aws:ec2/launchTemplate:LaunchTemplate");
        assert.equal(input(template, "keyName"), undefined);
        assert.equal(input(template, "networkInterfaces"), undefined);
        assert.deepEqual(input(template, "vpcSecurityGroupIds"), ["sg-nodes"]);
        const [group] = ofType(data, "aws:eks/nodeGroup:NodeGroup");
        assert.equal(input(group, "remoteAccess"), undefined);
    });

    it("runs Bottlerocket for the instances' architecture, from the launch template, in the given subnets", () => {
        const [group] = ofType(data, "aws:eks/nodeGroup:NodeGroup");
        const [template] = ofType(data, "aws:ec2/launchTemplate:LaunchTemplate");
        assert.equal(input(group, "amiType"), "BOTTLEROCKET_ARM_64");
        assert.equal(input(group, "launchTemplate").id, template.id);
        assert.deepEqual(input(group, "subnetIds"), ["subnet-data-a", "subnet-data-b"]);
        assert.deepEqual(input(group, "scalingConfig"), { minSize: 3, maxSize: 3, desiredSize: 3 });
        assert.equal(input(group, "version"), "1.35");
    });

    it("labels and taints the nodes", () => {
        const [group] = ofType(data, "aws:eks/nodeGroup:NodeGroup");
        assert.deepEqual(input(group, "labels"), { "secure-platform/node-group": "data" });
        assert.deepEqual(input(group, "taints"), [{ key: "secure-platform/dedicated", value: "data", effect: "NO_SCHEDULE" }]);
    });

    it("picks the AMI type from the instance types and refuses a mix", () => {
        assert.equal(bottlerocketAmiType(["m7i.large", "m6i.large"]), "BOTTLEROCKET_x86_64");
        assert.equal(bottlerocketAmiType(["m7g.large", "c7gn.xlarge"]), "BOTTLEROCKET_ARM_64");
        assert.throws(() => bottlerocketAmiType(["m7g.large", "m7i.large"]), /mix ARM \(Graviton\) and x86/);
    });
});
