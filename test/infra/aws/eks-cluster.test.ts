import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import * as aws from "@pulumi/aws";
import { lookupAwsContext } from "../../../infra/aws/aws-context";
import { accessEntryKey, CONTROL_PLANE_LOG_TYPES, EksCluster, EksClusterArgs, validateEksClusterArgs } from "../../../infra/aws/eks-cluster";
import { RecordedResource, renderComponents } from "../../../engine/program";
import { descendantsOf, named, ofType, plain } from "../../harness/resources";

const admin = { principalArn: "arn:aws:iam::777788889999:role/platform-deployer", access: "cluster-admin" as const };
const viewer = { principalArn: "arn:aws:iam::777788889999:role/sre", access: "view" as const, namespaces: ["platform"] };

function args(overrides: Partial<EksClusterArgs> = {}): EksClusterArgs {
    return {
        context: { region: "eu-west-1" } as EksClusterArgs["context"],
        clusterName: "secure-platform-test",
        kubernetesVersion: "1.35",
        roleArn: "arn:aws:iam::777788889999:role/cluster",
        vpcId: "vpc-0123",
        subnetIds: ["subnet-a", "subnet-b", "subnet-c"],
        privateAccessCidrs: ["10.30.0.0/16"],
        secretsKeyArn: "arn:aws:kms:eu-west-1:777788889999:key/cluster",
        logs: { kmsKeyArn: "arn:aws:kms:eu-west-1:777788889999:key/logs", retentionInDays: 731 },
        accessEntries: [admin, viewer],
        ...overrides,
    };
}

let prod: RecordedResource[];
let dev: RecordedResource[];

before(async () => {
    const { resources } = await renderComponents(() => {
        const provider = new aws.Provider("aws", { region: "eu-west-1" });
        const context = lookupAwsContext("eu-west-1", provider);
        new EksCluster("prod", args({ context, deletionProtection: true, protect: true }), { provider });
        new EksCluster("dev", args({ context, clusterName: "secure-platform-dev", publicAccessCidrs: ["198.51.100.0/24"], accessEntries: [admin] }), { provider });
    }, { accountId: "777788889999" });
    prod = descendantsOf(resources, named(resources, "prod"));
    dev = descendantsOf(resources, named(resources, "dev"));
});

const input = (r: RecordedResource, key: string) => plain(r.inputs)[key];
const clusterOf = (resources: RecordedResource[]) => ofType(resources, "aws:eks/cluster:Cluster")[0];

describe("EksCluster", () => {
    it("keeps the API endpoint private unless CIDRs are listed, and then only for them", () => {
        assert.deepEqual(input(clusterOf(prod), "vpcConfig"), {
            subnetIds: ["subnet-a", "subnet-b", "subnet-c"],
            securityGroupIds: [ofType(prod, "aws:ec2/securityGroup:SecurityGroup")[0].id],
            endpointPrivateAccess: true,
            endpointPublicAccess: false,
        });
        const devVpc = input(clusterOf(dev), "vpcConfig");
        assert.equal(devVpc.endpointPublicAccess, true);
        assert.deepEqual(devVpc.publicAccessCidrs, ["198.51.100.0/24"]);
    });

    it("encrypts secrets with the given key and sends all five control-plane log types", () => {
        const cluster = clusterOf(prod);
        assert.deepEqual(input(cluster, "encryptionConfig"), { provider: { keyArn: "arn:aws:kms:eu-west-1:777788889999:key/cluster" }, resources: ["secrets"] });
        assert.deepEqual(input(cluster, "enabledClusterLogTypes"), [...CONTROL_PLANE_LOG_TYPES]);
        assert.equal(CONTROL_PLANE_LOG_TYPES.length, 5);
    });

    it("pre-creates the log group EKS writes to, encrypted and retained, before the cluster", () => {
        const [group] = ofType(prod, "aws:cloudwatch/logGroup:LogGroup");
        assert.equal(input(group, "name"), "/aws/eks/secure-platform-test/cluster");
        assert.equal(input(group, "kmsKeyId"), "arn:aws:kms:eu-west-1:777788889999:key/logs");
        assert.equal(input(group, "retentionInDays"), 731);
        assert.ok(clusterOf(prod).dependencies.includes(group.urn));
    });

    it("authenticates through access entries only and gives the creator nothing", () => {
        const cluster = clusterOf(prod);
        assert.deepEqual(input(cluster, "accessConfig"), { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: false });
        assert.deepEqual(input(cluster, "upgradePolicy"), { supportType: "STANDARD" });
        assert.equal(input(cluster, "bootstrapSelfManagedAddons"), false);
        assert.equal(input(cluster, "version"), "1.35");
    });

    it("creates an access entry and a policy association per principal, scoped as configured", () => {
        const entries = ofType(prod, "aws:eks/accessEntry:AccessEntry");
        assert.deepEqual(entries.map((e) => input(e, "principalArn")).sort(), [admin.principalArn, viewer.principalArn].sort());
        const associations = ofType(prod, "aws:eks/accessPolicyAssociation:AccessPolicyAssociation");
        const byPrincipal = Object.fromEntries(associations.map((a) => [input(a, "principalArn"), a]));
        assert.equal(input(byPrincipal[admin.principalArn], "policyArn"), "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy");
        assert.deepEqual(input(byPrincipal[admin.principalArn], "accessScope"), { type: "cluster" });
        assert.equal(input(byPrincipal[viewer.principalArn], "policyArn"), "arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy");
        assert.deepEqual(input(byPrincipal[viewer.principalArn], "accessScope"), { type: "namespace", namespaces: ["platform"] });
        assert.deepEqual(entries.map((e) => e.name).sort(), [`prod-access-${accessEntryKey(admin.principalArn)}`, `prod-access-${accessEntryKey(viewer.principalArn)}`].sort());
    });

    it("admits the API port only from the listed private ranges", () => {
        const rules = ofType(prod, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule");
        assert.deepEqual(rules.map((r) => [input(r, "ipProtocol"), input(r, "fromPort"), input(r, "toPort"), input(r, "cidrIpv4")]), [["tcp", 443, 443, "10.30.0.0/16"]]);
        assert.equal(input(ofType(prod, "aws:ec2/securityGroup:SecurityGroup")[0], "egress"), undefined);
    });

    it("turns on deletion protection and protects the cluster and its logs when asked", () => {
        assert.equal(input(clusterOf(prod), "deletionProtection"), true);
        assert.equal(clusterOf(prod).protect, true);
        assert.equal(ofType(prod, "aws:cloudwatch/logGroup:LogGroup")[0].protect, true);
        assert.equal(input(clusterOf(dev), "deletionProtection"), false);
        assert.equal(clusterOf(dev).protect, false);
    });
});

describe("validateEksClusterArgs", () => {
    it("rejects 0.0.0.0/0 and any public endpoint on a protected cluster", () => {
        assert.throws(() => validateEksClusterArgs(args({ publicAccessCidrs: ["0.0.0.0/0"] })), /publicAccessCidrs entry "0.0.0.0\/0" is not allowed/);
        assert.throws(() => validateEksClusterArgs(args({ publicAccessCidrs: ["198.51.100.0/24"], deletionProtection: true })), /keeps its API endpoint private/);
    });
    it("requires a cluster-admin, distinct principals, two subnets and a valid name", () => {
        assert.throws(() => validateEksClusterArgs(args({ accessEntries: [viewer] })), /need a cluster-admin/);
        assert.throws(() => validateEksClusterArgs(args({ accessEntries: [admin, admin] })), /name a principal twice/);
        assert.throws(() => validateEksClusterArgs(args({ subnetIds: ["subnet-a"] })), /at least two availability zones/);
        assert.throws(() => validateEksClusterArgs(args({ clusterName: "-bad" })), /clusterName "-bad"/);
    });
});
