import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import * as aws from "@pulumi/aws";
import { lookupAwsContext } from "../../../infra/aws/aws-context";
import { ADDONS_AFTER_NODES, ADDONS_BEFORE_NODES, assertPinOffered, compareAddonVersions, EksAddons, VPC_CNI_CONFIGURATION } from "../../../infra/aws/eks-addons";
import { ADDON_NAMES, ADDON_VERSIONS } from "../../../infra/versions";
import { RecordedResource, renderComponents } from "../../../engine/program";
import { byId, descendantsOf, named, ofType, plain } from "../../harness/resources";

let core: RecordedResource[];
let late: RecordedResource[];
let all: readonly RecordedResource[];

before(async () => {
    const { resources } = await renderComponents(() => {
        const provider = new aws.Provider("aws", { region: "eu-west-1" });
        const common = { context: lookupAwsContext("eu-west-1", provider), clusterName: "secure-platform-test", kubernetesVersion: "1.35" as const };
        const coreAddons = new EksAddons("core", { ...common, addons: ADDONS_BEFORE_NODES }, { provider });
        new EksAddons("late", { ...common, addons: ADDONS_AFTER_NODES, ebsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/ebs" }, { provider, dependsOn: [coreAddons] });
    });
    all = resources;
    core = descendantsOf(resources, named(resources, "core"));
    late = descendantsOf(resources, named(resources, "late"));
});

const input = (r: RecordedResource, key: string) => plain(r.inputs)[key];
const addon = (resources: RecordedResource[], name: string) => ofType(resources, "aws:eks/addon:Addon").find((a) => input(a, "addonName") === name)!;

describe("EksAddons", () => {
    it("installs every add-on once, at the version pinned for the cluster's Kubernetes version", () => {
        const installed = [...ofType(core, "aws:eks/addon:Addon"), ...ofType(late, "aws:eks/addon:Addon")];
        assert.deepEqual(installed.map((a) => input(a, "addonName")).sort(), [...ADDON_NAMES].sort());
        for (const a of installed) {
            assert.equal(input(a, "addonVersion"), ADDON_VERSIONS["1.35"][input(a, "addonName") as keyof (typeof ADDON_VERSIONS)["1.35"]]);
            assert.equal(input(a, "resolveConflictsOnUpdate"), "OVERWRITE");
        }
    });

    it("turns on network policy enforcement in the VPC CNI", () => {
        assert.deepEqual(JSON.parse(input(addon(core, "vpc-cni"), "configurationValues")), VPC_CNI_CONFIGURATION);
        assert.equal(VPC_CNI_CONFIGURATION.enableNetworkPolicy, "true");
    });

    it("gives the CNI and the EBS CSI driver their own Pod Identity roles, trusted only for their service account in this cluster", () => {
        for (const [resources, name, serviceAccount] of [[core, "vpc-cni", "aws-node"], [late, "aws-ebs-csi-driver", "ebs-csi-controller-sa"]] as const) {
            const [association] = input(addon(resources, name), "podIdentityAssociations");
            assert.equal(association.serviceAccount, serviceAccount);
            const role = byId(all, association.roleArn.split("/").pop());
            const trust = JSON.parse(input(role, "assumeRolePolicy")).Statement[0];
            assert.equal(trust.Principal.Service, "pods.eks.amazonaws.com");
            assert.deepEqual(trust.Action, ["sts:AssumeRole", "sts:TagSession"]);
            assert.deepEqual(trust.Condition.StringEquals, {
                "aws:SourceAccount": "123456789012",
                "aws:RequestTag/eks-cluster-name": "secure-platform-test",
                "aws:RequestTag/kubernetes-namespace": "kube-system",
                "aws:RequestTag/kubernetes-service-account": serviceAccount,
            });
        }
        assert.equal(input(addon(core, "kube-proxy"), "podIdentityAssociations"), undefined);
    });

    it("lets the EBS CSI driver use the EBS key only through EC2", () => {
        const [policy] = ofType(late, "aws:iam/rolePolicy:RolePolicy");
        const statements = JSON.parse(input(policy, "policy")).Statement;
        for (const statement of statements) {
            assert.equal(statement.Resource, "arn:aws:kms:eu-west-1:123456789012:key/ebs");
            assert.equal(statement.Condition.StringEquals["kms:ViaService"], "ec2.eu-west-1.amazonaws.com");
        }
        const attached = ofType(late, "aws:iam/rolePolicyAttachment:RolePolicyAttachment").map((a) => input(a, "policyArn"));
        assert.deepEqual(attached, ["arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy"]);
    });

    it("refuses the EBS CSI driver without the key its volumes use", () => {
        assert.throws(() => new EksAddons("bad", {
            context: { region: "eu-west-1" } as never, clusterName: "c", kubernetesVersion: "1.35", addons: ["aws-ebs-csi-driver"],
        }), /needs ebsKeyArn/);
    });
});

describe("add-on pins against what EKS offers", () => {
    it("orders versions by major, minor, patch and EKS build", () => {
        assert.ok(compareAddonVersions("v1.66.0-eksbuild.1", "v1.64.0-eksbuild.3") > 0);
        assert.ok(compareAddonVersions("v1.64.0-eksbuild.1", "v1.64.0-eksbuild.2") < 0);
        assert.ok(compareAddonVersions("v1.9.0-eksbuild.1", "v1.10.0-eksbuild.1") < 0, "numerically, not as text");
        assert.equal(compareAddonVersions("v1.3.10-eksbuild.2", "v1.3.10-eksbuild.2"), 0);
        assert.throws(() => compareAddonVersions("1.66.0", "v1.66.0-eksbuild.1"), /"1.66.0" is not an EKS add-on version like v1.66.0-eksbuild.1/);
    });

    it("refuses a pin newer than the newest version EKS offers, naming the add-on, both versions and the file to fix", () => {
        assert.equal(assertPinOffered("aws-ebs-csi-driver", "1.35", "v1.64.0-eksbuild.1", "v1.64.0-eksbuild.2"), "v1.64.0-eksbuild.1");
        assert.throws(() => assertPinOffered("aws-ebs-csi-driver", "1.35", "v1.66.0-eksbuild.1", "v1.64.0-eksbuild.1"),
            /aws-ebs-csi-driver is pinned to v1.66.0-eksbuild.1 for Kubernetes 1.35, but the newest version EKS offers is v1.64.0-eksbuild.1; set ADDON_VERSIONS in infra\/versions.ts/);
    });

    it("every pin is a well-formed add-on version", () => {
        for (const [kubernetesVersion, pins] of Object.entries(ADDON_VERSIONS)) {
            for (const [name, version] of Object.entries(pins)) {
                assert.doesNotThrow(() => compareAddonVersions(version, version), `${name} on ${kubernetesVersion}`);
            }
        }
    });
});
