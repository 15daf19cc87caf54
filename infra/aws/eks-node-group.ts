import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { NodeGroupSettings } from "../settings/cluster";
import type { KubernetesVersion } from "../versions";

/** Bottlerocket's two volumes: a small OS volume and the data volume for images and pod storage. */
export const BOTTLEROCKET_OS_VOLUME = { deviceName: "/dev/xvda", sizeGiB: 4 } as const;
export const BOTTLEROCKET_DATA_VOLUME_DEVICE = "/dev/xvdb";

export interface NodeTaint {
    readonly key: string;
    readonly value: string;
    readonly effect: "NO_SCHEDULE" | "NO_EXECUTE" | "PREFER_NO_SCHEDULE";
}

export interface EksNodeGroupArgs {
    readonly clusterName: pulumi.Input<string>;
    readonly kubernetesVersion: KubernetesVersion;
    readonly nodeRoleArn: pulumi.Input<string>;
    /** Private subnets only (app or data tier). */
    readonly subnetIds: readonly pulumi.Input<string>[];
    /** Security groups of the nodes (NodeSecurityGroup). */
    readonly securityGroupIds: readonly pulumi.Input<string>[];
    /** KMS key that encrypts both node volumes (the platform's `ebs` key). */
    readonly ebsKeyArn: pulumi.Input<string>;
    readonly sizing: NodeGroupSettings;
    /** Kubernetes labels of the nodes. @default {} */
    readonly labels?: Readonly<Record<string, string>>;
    /** Taints that keep other workloads off the nodes. @default [] */
    readonly taints?: readonly NodeTaint[];
}

/** Bottlerocket's AMI type for the instance types' architecture (Graviton families end in g, e.g. m7g). */
export function bottlerocketAmiType(instanceTypes: readonly string[]): "BOTTLEROCKET_ARM_64" | "BOTTLEROCKET_x86_64" {
    const arm = instanceTypes.map((type) => /^[a-z]+\d+[a-z]*g[a-z]*\./.test(type));
    if (arm.some((a) => a !== arm[0])) {
        throw new Error(`EksNodeGroup: instanceTypes ${JSON.stringify(instanceTypes)} mix ARM (Graviton) and x86 types; one node group runs one architecture`);
    }
    return arm[0] ? "BOTTLEROCKET_ARM_64" : "BOTTLEROCKET_x86_64";
}

/**
 * A managed node group of Bottlerocket nodes built from a launch template that requires IMDSv2 with a
 * hop limit of 1 (pods cannot reach the node's credentials), encrypts both volumes with the EBS key,
 * and has no SSH key, no remote access and no public address.
 */
export class EksNodeGroup extends pulumi.ComponentResource {
    readonly launchTemplate: aws.ec2.LaunchTemplate;
    readonly nodeGroup: aws.eks.NodeGroup;

    constructor(name: string, args: EksNodeGroupArgs, opts?: pulumi.ComponentResourceOptions) {
        const amiType = bottlerocketAmiType(args.sizing.instanceTypes);
        super("secure-platform:aws:EksNodeGroup", name, {}, opts);
        const encryptedVolume = (sizeGiB: number) => ({
            volumeType: "gp3",
            volumeSize: sizeGiB,
            encrypted: "true",
            kmsKeyId: args.ebsKeyArn,
            deleteOnTermination: "true",
        });

        this.launchTemplate = new aws.ec2.LaunchTemplate(`${name}-lt`, {
            description: `${name} nodes: IMDSv2 only, encrypted volumes, no SSH`,
            metadataOptions: {
                httpEndpoint: "enabled",
                httpTokens: "required",
                httpPutResponseHopLimit: 1,
                instanceMetadataTags: "disabled",
            },
            blockDeviceMappings: [
                { deviceName: BOTTLEROCKET_OS_VOLUME.deviceName, ebs: encryptedVolume(BOTTLEROCKET_OS_VOLUME.sizeGiB) },
                { deviceName: BOTTLEROCKET_DATA_VOLUME_DEVICE, ebs: encryptedVolume(args.sizing.diskSizeGiB) },
            ],
            vpcSecurityGroupIds: [...args.securityGroupIds],
            monitoring: { enabled: true },
            tagSpecifications: ["instance", "volume", "network-interface"].map((resourceType) => ({ resourceType, tags: { Name: name } })),
            updateDefaultVersion: true,
            tags: { Name: name },
        }, { parent: this });

        this.nodeGroup = new aws.eks.NodeGroup(name, {
            clusterName: args.clusterName,
            version: args.kubernetesVersion,
            nodeRoleArn: args.nodeRoleArn,
            subnetIds: [...args.subnetIds],
            amiType,
            capacityType: "ON_DEMAND",
            instanceTypes: [...args.sizing.instanceTypes],
            scalingConfig: { minSize: args.sizing.minSize, maxSize: args.sizing.maxSize, desiredSize: args.sizing.desiredSize },
            updateConfig: { maxUnavailable: 1 },
            nodeRepairConfig: { enabled: true },
            launchTemplate: { id: this.launchTemplate.id, version: this.launchTemplate.latestVersion.apply(String) },
            labels: { ...args.labels },
            taints: (args.taints ?? []).map((t) => ({ ...t })),
            tags: { Name: name },
        }, { parent: this });

        this.registerOutputs({ nodeGroupName: this.nodeGroup.nodeGroupName });
    }
}
