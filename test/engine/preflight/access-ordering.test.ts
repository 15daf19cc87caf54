import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { accessOrderingFindings } from "../../../engine/preflight/access-ordering";
import { PreflightStack } from "../../../engine/preflight/stack";
import type { RecordedResource } from "../../../engine/program";
import { handBuilt, resource, stackConfig, urnOf } from "./hand-built-stacks";
import { renderStacks, RenderedStack } from "./rendered-stacks";

const ADMIN_POLICY = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy";
const DEPLOYER = "arn:aws:iam::111122223333:role/platform-deployer";

function access(): RecordedResource[] {
    const cluster = urnOf("aws:eks/cluster:Cluster", "cluster");
    return [
        resource("aws:ec2/securityGroup:SecurityGroup", "cluster-sg", { description: "control plane" }),
        resource("aws:eks/cluster:Cluster", "cluster", { name: "platform", vpcConfig: { securityGroupIds: ["cluster-sg-id"] } }, { id: "platform" }),
        resource("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "api-from-vpn", { securityGroupId: "cluster-sg-id", ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "172.16.0.0/12" }),
        resource("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "api-from-nodes", { securityGroupId: "cluster-sg-id", ipProtocol: "tcp", fromPort: 443, toPort: 443, referencedSecurityGroupId: "nodes-sg-id" }),
        resource("aws:eks/accessEntry:AccessEntry", "deployer", { clusterName: "platform", principalArn: DEPLOYER }, { dependencies: [cluster] }),
        resource("aws:eks/accessPolicyAssociation:AccessPolicyAssociation", "deployer-admin", { clusterName: "platform", principalArn: DEPLOYER, policyArn: ADMIN_POLICY, accessScope: { type: "cluster" } }, { dependencies: [cluster] }),
        resource("aws:eks/accessPolicyAssociation:AccessPolicyAssociation", "viewer", { clusterName: "platform", principalArn: "arn:aws:iam::111122223333:role/viewer", policyArn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy" }, { dependencies: [cluster] }),
    ];
}

const ACCESS = ["deployer", "deployer-admin", "api-from-vpn"].map((name) => access().find((r) => r.name === name)!.urn);

function kubernetes(providerDependencies: readonly string[], namespaceOptions: { parent?: string } = {}): RecordedResource[] {
    const provider = resource("pulumi:providers:kubernetes", "cluster", {}, { dependencies: [urnOf("aws:eks/cluster:Cluster", "cluster"), ...providerDependencies], id: "p1" });
    return [
        provider,
        resource("kubernetes:core/v1:Namespace", "platform", { metadata: { name: "platform" } }, { provider: `${provider.urn}::p1`, ...namespaceOptions }),
    ];
}

describe("access-ordering", () => {
    it("finds a Kubernetes provider that depends on none of the deployer's access, naming each piece and the fix", () => {
        const [finding] = accessOrderingFindings(handBuilt([...access(), ...kubernetes([])]));
        assert.equal(finding.check, "access-ordering");
        assert.equal(finding.urn, urnOf("pulumi:providers:kubernetes", "cluster"));
        assert.equal(finding.path, "dependsOn");
        assert.match(finding.message, /Kubernetes provider cluster does not depend on access entry deployer \(cluster-admin arn:aws:iam::111122223333:role\/platform-deployer\), access policy association deployer-admin \(AmazonEKSClusterAdminPolicy\), security group rule api-from-vpn \(API on 443 from 172\.16\.0\.0\/12\)/);
        assert.match(finding.message, /1 of its 1 Kubernetes resources \(e\.g\. platform\)/);
        assert.match(finding.fix, /dependsOn: \[\.\.\.\] \} with AccessEntry deployer, AccessPolicyAssociation deployer-admin, SecurityGroupIngressRule api-from-vpn/);
        assert.doesNotMatch(finding.message, /viewer|api-from-nodes/);
    });

    it("passes a provider that depends on every piece", () => {
        assert.deepEqual(accessOrderingFindings(handBuilt([...access(), ...kubernetes(ACCESS)])), []);
    });

    it("finds the piece still missing when the provider depends on only some", () => {
        const [finding] = accessOrderingFindings(handBuilt([...access(), ...kubernetes(ACCESS.slice(0, 2))]));
        assert.match(finding.message, /does not depend on security group rule api-from-vpn/);
    });

    it("counts a dependency of a parent component, which the engine orders its children by", () => {
        const component = resource("secure-platform:k8s:KubernetesPlatform", "kubernetes", {}, { custom: false, dependencies: ACCESS });
        assert.deepEqual(accessOrderingFindings(handBuilt([...access(), component, ...kubernetes([], { parent: component.urn })])), []);
    });
});

describe("access-ordering of the committed stacks", () => {
    let stacks: Record<string, RenderedStack>;
    before(async () => {
        stacks = await renderStacks(["prod"]);
    });

    const withProviderDependencies = (keep: (urn: string) => boolean, extra: readonly string[] = []) => new PreflightStack(stacks.prod.resources.map((r) => (
        r.type === "pulumi:providers:kubernetes" ? { ...r, dependencies: [...r.dependencies.filter(keep), ...extra] } : r
    )), stackConfig("prod"));

    it("finds the prod Kubernetes provider without its dependencies on the deployer's access", () => {
        const accessTypes = /aws:eks\/access|SecurityGroupIngressRule/;
        const stack = withProviderDependencies((urn) => !accessTypes.test(urn));
        const [finding] = accessOrderingFindings(stack);
        assert.ok(finding, "a finding");
        assert.match(finding.message, /Kubernetes provider cluster does not depend on access entry cluster-access-platform-deployer \(cluster-admin arn:aws:iam::777788889999:role\/platform-deployer\), access policy association cluster-access-platform-deployer/);
        assert.match(finding.message, /security group rule cluster-api-from-10-30-0-0-16/);
    });

    it("passes the prod Kubernetes provider once it depends on the deployer's access", () => {
        const required = stacks.prod.resources.filter((r) => r.name === "cluster-access-platform-deployer" || r.name === "cluster-api-from-10-30-0-0-16").map((r) => r.urn);
        assert.equal(required.length, 3);
        assert.deepEqual(accessOrderingFindings(withProviderDependencies(() => true, required)), []);
    });
});
