/**
 * Access ordering: every Kubernetes resource must depend, through its provider, its dependencies or its
 * parents, on the access the deployer uses to reach the cluster: the EKS access entry and access policy
 * association that make the deployer `cluster-admin`, and the cluster security group rules that admit the
 * deployer's network to the API on 443. `pulumi destroy` deletes a resource only after everything that
 * depends on it, and deletes the rest in parallel; the engine's dependency graph has an edge from a resource
 * to each of its dependencies, its provider and its parent (pkg/resource/graph/dependency_graph.go), so a
 * component's dependsOn orders its children too. Without that path the access can be deleted first, and every
 * delete of a Kubernetes object then fails (401/403, or a timeout) and stays in the state.
 */
import type { RecordedResource } from "../program";
import { DependencyGraph, providerUrn } from "./dependency-graph";
import { PreflightCheck, PreflightFinding } from "./finding";
import { isUnknown, Plain, PreflightStack } from "./stack";

export const ACCESS_ORDERING_CHECK = "access-ordering";

const CLUSTER_ADMIN_POLICY = /:cluster-access-policy\/AmazonEKSClusterAdminPolicy$/;

interface RequiredAccess {
    readonly resource: RecordedResource;
    readonly what: string;
}

/** The access a deployer of the cluster needs: cluster-admin entries and associations, and the API ingress rules of its security groups. */
function requiredAccess(stack: PreflightStack, cluster: RecordedResource): RequiredAccess[] {
    const inputs = stack.inputs(cluster);
    const clusterName = typeof inputs.name === "string" ? inputs.name : cluster.id;
    const ofCluster = (r: RecordedResource) => {
        const name = stack.inputs(r).clusterName;
        return name === clusterName || isUnknown(name);
    };
    const associations = stack.ofType("aws:eks/accessPolicyAssociation:AccessPolicyAssociation")
        .filter((a) => ofCluster(a) && CLUSTER_ADMIN_POLICY.test(String(stack.inputs(a).policyArn ?? "")));
    const principals = new Set(associations.map((a) => String(stack.inputs(a).principalArn)));
    const entries = stack.ofType("aws:eks/accessEntry:AccessEntry").filter((e) => ofCluster(e) && principals.has(String(stack.inputs(e).principalArn)));
    const sgIds = new Set(((inputs.vpcConfig as Plain | undefined)?.securityGroupIds ?? []) as string[]);
    const coversApi = (r: Plain) => {
        const protocol = String(r.ipProtocol ?? r.protocol ?? "");
        return protocol === "-1" || protocol === "all" || ((protocol === "tcp" || protocol === "6") && Number(r.fromPort) <= 443 && Number(r.toPort) >= 443);
    };
    const fromNetworks = (r: Plain) => typeof r.cidrIpv4 === "string" || typeof r.cidrIpv6 === "string" || (Array.isArray(r.cidrBlocks) && r.cidrBlocks.length > 0) || r.prefixListId !== undefined;
    const rules = [
        ...stack.ofType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"),
        ...stack.ofType("aws:ec2/securityGroupRule:SecurityGroupRule").filter((r) => stack.inputs(r).type === "ingress"),
    ].filter((r) => {
        const rule = stack.inputs(r);
        return sgIds.has(String(rule.securityGroupId)) && coversApi(rule) && fromNetworks(rule);
    });
    return [
        ...entries.map((e) => ({ resource: e, what: `access entry ${e.name} (cluster-admin ${String(stack.inputs(e).principalArn)})` })),
        ...associations.map((a) => ({ resource: a, what: `access policy association ${a.name} (AmazonEKSClusterAdminPolicy)` })),
        ...rules.map((r) => ({ resource: r, what: `security group rule ${r.name} (API on 443 from ${String(stack.inputs(r).cidrIpv4 ?? stack.inputs(r).cidrBlocks ?? stack.inputs(r).prefixListId)})` })),
    ];
}

export function accessOrderingFindings(stack: PreflightStack): PreflightFinding[] {
    const clusters = stack.ofType("aws:eks/cluster:Cluster");
    const providers = stack.ofType("pulumi:providers:kubernetes");
    if (clusters.length === 0 || providers.length === 0) {
        return [];
    }
    const graph = DependencyGraph.of(stack);
    const kubernetesOf = new Map<string, RecordedResource[]>();
    for (const resource of stack.resources) {
        const provider = providerUrn(resource.provider);
        if (resource.custom && resource.type.startsWith("kubernetes:") && provider) {
            const list = kubernetesOf.get(provider);
            if (list) {
                list.push(resource);
            } else {
                kubernetesOf.set(provider, [resource]);
            }
        }
    }
    const findings: PreflightFinding[] = [];
    for (const cluster of clusters) {
        const required = requiredAccess(stack, cluster).map((access) => ({ ...access, dependents: graph.dependentsOf(access.resource.urn) }));
        const clusterDependents = graph.dependentsOf(cluster.urn);
        // The providers that talk to this cluster are the ones built from it (its endpoint and certificate).
        for (const provider of providers.filter((p) => clusterDependents.has(p.urn) || clusters.length === 1)) {
            const resources = kubernetesOf.get(provider.urn) ?? [];
            const missing = required.filter((access) => resources.some((r) => !access.dependents.has(r.urn)));
            if (missing.length === 0 || resources.length === 0) {
                continue;
            }
            const unordered = resources.filter((r) => missing.some((access) => !access.dependents.has(r.urn)));
            const providerMissing = missing.filter((access) => !access.dependents.has(provider.urn));
            findings.push({
                check: ACCESS_ORDERING_CHECK,
                urn: provider.urn,
                path: "dependsOn",
                refusedBy: "Pulumi engine (delete order), then the Kubernetes API server (401/403)",
                message: `Kubernetes provider ${provider.name}${providerMissing.length > 0 ? ` does not depend on ${providerMissing.map((m) => m.what).join(", ")}` : ""}; ${unordered.length} of its ${resources.length} Kubernetes resources (e.g. ${unordered.slice(0, 3).map((r) => r.name).join(", ")}) are not ordered after ${providerMissing.length > 0 ? "that access" : missing.map((m) => m.what).join(", ")} by their own dependencies or parents either: \`pulumi destroy\` may delete the access first, and every delete of those objects then fails and they stay in the state`,
                fix: `pass { dependsOn: [...] } with ${missing.map((m) => `${m.resource.type.split(":").pop()} ${m.resource.name}`).join(", ")} to the Kubernetes provider (infra/aws/kubernetes-provider.ts, built in infra/aws/aws-platform.ts), so every Kubernetes resource is deleted before the access it needs`,
            });
        }
    }
    return findings;
}

export const accessOrderingCheck: PreflightCheck<PreflightStack> = {
    name: ACCESS_ORDERING_CHECK,
    description: "Every Kubernetes resource depends, through its provider, dependencies or parents, on the deployer's EKS access entry, cluster-admin policy association and API security group rules, so pulumi destroy cannot remove the access first.",
    run: (stack) => accessOrderingFindings(stack),
};
