/**
 * Image sources: whether the nodes a pod lands on can reach the registry of each of its images, as the
 * kubelet will find out when it pulls.
 *
 * - A subnet whose route table has a route to an internet or NAT gateway reaches any registry.
 * - A subnet with no route out of the VPC (the isolated data tier) reaches only AWS services through the
 *   VPC's endpoints. Pulling from Amazon ECR that way needs the `ecr.api` and `ecr.dkr` interface endpoints
 *   of the registry's region with private DNS, reachable on 443 (their security groups and the network ACLs
 *   on the way), and the S3 gateway endpoint on the subnet's route table, because image layers are served
 *   from S3 (docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html). Pull-through cache
 *   repositories are ECR repositories under the same host. EKS add-on images (the VPC CNI on every node) come
 *   from AWS-owned ECR registries in the cluster's region
 *   (docs.aws.amazon.com/eks/latest/userguide/add-ons-images.html). Any other registry is unreachable.
 * - The first pull of an image through a pull-through cache rule (an `aws:ecr/pullThroughCacheRule` of the
 *   stack whose `ecrRepositoryPrefix` starts the image's repository path in the stack's registry) over the ECR
 *   interface endpoints needs a route to a NAT gateway; later pulls do not (same page, "Considerations for Amazon
 *   ECR VPC endpoints"). So a pod that can land on a node in a subnet with no route out of the VPC must not be
 *   the first to pull such an image: a pod that lands only on node groups with a NAT route must pull the same
 *   image first, and the isolated pod's resource must depend on that pod's resource (through dependencies,
 *   parents or provider; see dependency-graph.ts) so Pulumi creates it, and waits for it, before. A pod that
 *   lands on both tiers at once (a DaemonSet such as istio-cni) races its own pulls and counts as not warmed.
 * - On an air-gapped on-prem site (`registryMirror` set) only the mirror is reachable.
 * Routes a preview cannot read, or that lead through a transit gateway, peering or appliance, are not judged.
 */
import { splitImage } from "../../infra/k8s/sources";
import type { RecordedResource } from "../program";
import { ALL_ADDRESSES, AddressSet, cidrSet, formatSet, intersect, isEmpty, subtract, union } from "./address-set";
import { DependencyGraph, providerUrn } from "./dependency-graph";
import { PreflightCheck, PreflightFinding } from "./finding";
import { evaluateAcl, NetworkModel, securityGroupsAdmit, SecurityGroupModel, TCP, VpcEndpointModel } from "./network-model";
import { NodeGroupModel, nodeGroupsOf, PodPlacement, placementOf } from "./placement";
import type { PodModel } from "./pods";
import { containersOf } from "./pods";
import { isUnknown, Plain, PreflightStack } from "./stack";

export const IMAGE_SOURCES_CHECK = "image-sources";

/** Ports a pulling node's connections come back to: Linux (32768–60999) and Windows (49152–65535) clients. */
const CLIENT_EPHEMERAL = { from: 32768, to: 65535 };

const PRIVATE_RANGES: AddressSet = union(...["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "169.254.0.0/16", "127.0.0.0/8"].map((c) => cidrSet(c)!));
/** Where S3's public addresses lie: outside the private ranges (the gateway endpoint routes to them by prefix list). */
const PUBLIC_ADDRESSES: AddressSet = subtract(ALL_ADDRESSES, PRIVATE_RANGES);

const ECR_HOST = /^(\d{12})\.dkr(?:-ecr)?(?:\.ecr)?(?:-fips)?\.([a-z]{2}(?:-[a-z]+)+-\d)\.(?:amazonaws\.com(?:\.cn)?|on\.aws)$/;

/** The registry of an image reference and, for a private ECR registry, its account and region. */
export function registryOf(image: string): { host: string; ecr?: { account: string; region: string } } {
    const host = splitImage(image).registry;
    const match = ECR_HOST.exec(host);
    return match ? { host, ecr: { account: match[1], region: match[2] } } : { host };
}

/** Why a subnet cannot pull from a registry, or undefined when it can (or when that cannot be known). */
export type Unreachable = { readonly reason: string; readonly fix: string };

function endpointNamed(model: NetworkModel, vpcId: string | undefined, service: string, region: string): VpcEndpointModel | undefined {
    return model.endpoints.find((e) => e.vpcId === vpcId && e.service === service && (e.region === undefined || e.region === region));
}

/** Security groups of a node group's nodes: those of its launch template (EKS uses the cluster's group otherwise, which the stack does not hold). */
export function nodeSecurityGroupsOf(stack: PreflightStack, group: NodeGroupModel): string[] | undefined {
    const inputs = stack.inputs(stack.get(group.urn)!);
    const templateId = inputs.launchTemplate?.id;
    const template = stack.ofType("aws:ec2/launchTemplate:LaunchTemplate").find((t) => t.id === templateId);
    if (!template) {
        return undefined;
    }
    const lt = stack.inputs(template);
    const ids = [...((lt.vpcSecurityGroupIds ?? []) as unknown[]), ...((lt.networkInterfaces ?? []) as Plain[]).flatMap((n) => (n.securityGroups ?? []) as unknown[])].filter((v): v is string => typeof v === "string");
    return ids.length > 0 ? ids : undefined;
}

function aclName(model: NetworkModel, subnetId: string): string {
    const acl = model.aclOf(subnetId);
    return acl ? `network ACL ${acl.resource.name} (${acl.id})` : "the VPC's default network ACL";
}

/** Whether a subnet's TCP connections to `remote` on `port` get through both network ACLs and back. */
function aclPathBlocked(model: NetworkModel, subnetId: string, remoteSubnetId: string | undefined, remote: AddressSet, port: number): string | undefined {
    const subnet = model.subnets.get(subnetId);
    if (!subnet || remoteSubnetId === subnetId) {
        return undefined; // traffic inside one subnet crosses no ACL
    }
    const ephemeral = TCP(CLIENT_EPHEMERAL.from, CLIENT_EPHEMERAL.to);
    const checks: { acl: ReturnType<NetworkModel["aclOf"]>; direction: "ingress" | "egress"; flow: ReturnType<typeof TCP>; peer: AddressSet; what: string }[] = [
        { acl: model.aclOf(subnetId), direction: "egress", flow: TCP(port), peer: remote, what: `outbound tcp/${port} from ${subnet.resource.name}` },
        { acl: model.aclOf(subnetId), direction: "ingress", flow: ephemeral, peer: remote, what: `inbound replies to ${subnet.resource.name} on tcp/${CLIENT_EPHEMERAL.from}-${CLIENT_EPHEMERAL.to}` },
        ...(remoteSubnetId ? [
            { acl: model.aclOf(remoteSubnetId), direction: "ingress" as const, flow: TCP(port), peer: subnet.addresses, what: `inbound tcp/${port} to ${model.subnets.get(remoteSubnetId)?.resource.name ?? remoteSubnetId}` },
            { acl: model.aclOf(remoteSubnetId), direction: "egress" as const, flow: ephemeral, peer: subnet.addresses, what: `outbound replies from ${model.subnets.get(remoteSubnetId)?.resource.name ?? remoteSubnetId}` },
        ] : []),
    ];
    for (const check of checks) {
        if (!check.acl || check.acl.uncertain) {
            continue;
        }
        const { allowed, drops } = evaluateAcl(check.acl, check.direction, check.flow, check.peer);
        if (isEmpty(allowed) && drops.length > 0) {
            return `${check.acl.resource.name} (${check.acl.id}) drops ${check.what} (rule ${drops[0].rule.ruleNo})`;
        }
    }
    return undefined;
}

/** Whether nodes in `subnetId` (in security groups `nodeSgIds`) can pull from a private ECR registry in `region`. */
export function ecrUnreachable(model: NetworkModel, subnetId: string, region: string, nodeSgIds: readonly string[] | undefined): Unreachable | undefined {
    const subnet = model.subnets.get(subnetId);
    const reach = model.outsideReach(subnetId);
    if (!subnet || reach !== "no") {
        return undefined;
    }
    const table = model.routeTableOf(subnetId);
    const problems: string[] = [];
    const fixes: string[] = [];
    const nodeGroups = (nodeSgIds ?? []).map((id) => model.securityGroups.get(id)).filter((g): g is SecurityGroupModel => g !== undefined);
    for (const service of ["ecr.api", "ecr.dkr"]) {
        const endpoint = endpointNamed(model, subnet.vpcId, service, region);
        if (!endpoint || endpoint.type !== "Interface") {
            problems.push(`the VPC has no ${service} interface endpoint for ${region}`);
            fixes.push(`add the com.amazonaws.${region}.${service} interface endpoint (infra/aws/vpc-endpoints.ts)`);
            continue;
        }
        if (!endpoint.privateDns) {
            problems.push(`endpoint ${endpoint.resource.name} has private DNS off, so the registry's name resolves to public addresses`);
            fixes.push(`set privateDnsEnabled: true on ${endpoint.resource.name}`);
            continue;
        }
        const groups = endpoint.securityGroupIds.map((id) => model.securityGroups.get(id)).filter((g): g is SecurityGroupModel => g !== undefined);
        if (groups.length === endpoint.securityGroupIds.length && groups.length > 0) {
            const admit = securityGroupsAdmit(groups, "ingress", TCP(443), nodeSgIds ?? []);
            if (!admit.uncertain && !admit.viaGroup && !admit.viaPrefixList && !isEmpty(subtract(subnet.addresses, admit.addresses))) {
                problems.push(`security group ${groups.map((g) => g.resource?.name ?? g.id).join(", ")} of endpoint ${endpoint.resource.name} does not admit tcp/443 from ${formatSet(subtract(subnet.addresses, admit.addresses))}`);
                fixes.push(`admit tcp/443 from ${subnet.cidr ?? subnetId} in the endpoints' security group`);
                continue;
            }
        }
        if (nodeGroups.length > 0 && nodeGroups.length === (nodeSgIds ?? []).length) {
            const out = securityGroupsAdmit(nodeGroups, "egress", TCP(443), endpoint.securityGroupIds);
            const enis = union(...endpoint.subnetIds.map((id) => model.subnets.get(id)?.addresses ?? []));
            if (!out.uncertain && !out.viaGroup && !isEmpty(enis) && isEmpty(intersect(enis, out.addresses))) {
                problems.push(`the nodes' security groups allow no tcp/443 out to the endpoint's subnets`);
                fixes.push("allow tcp/443 from the node security group to the VPC endpoints");
                continue;
            }
        }
        const blocked = endpoint.subnetIds.map((eniSubnet) => aclPathBlocked(model, subnetId, eniSubnet, model.subnets.get(eniSubnet)?.addresses ?? [], 443));
        if (endpoint.subnetIds.length > 0 && blocked.every((b) => b !== undefined)) {
            problems.push(`every path to endpoint ${endpoint.resource.name} is dropped: ${blocked[0]}`);
            fixes.push(`allow tcp/443 and the replies on ${CLIENT_EPHEMERAL.from}-${CLIENT_EPHEMERAL.to} between ${subnet.cidr ?? subnetId} and the endpoint subnets in the network ACLs (infra/aws/network-plan.ts)`);
        }
    }
    const s3 = table?.gatewayEndpoints.find((e) => e.service === "s3" && (e.region === undefined || e.region === region))
        ?? model.endpoints.find((e) => e.vpcId === subnet.vpcId && e.service === "s3" && e.type === "Interface" && e.privateDns);
    if (!s3) {
        problems.push(`route table ${table?.resource?.name ?? table?.id ?? "(main)"} has no route to the S3 gateway endpoint, and image layers are served from S3`);
        fixes.push(`add route table ${table?.resource?.name ?? table?.id ?? "(main)"} to the S3 gateway endpoint's routeTableIds (infra/aws/network.ts)`);
    } else if (s3.type === "Gateway") {
        const blocked = aclPathBlocked(model, subnetId, undefined, PUBLIC_ADDRESSES, 443);
        if (blocked) {
            problems.push(`S3 is reached at its public addresses through the gateway endpoint, but ${blocked}`);
            fixes.push(`allow tcp/443 out to 0.0.0.0/0 (or S3's prefix list) and the replies in ${aclName(model, subnetId)}`);
        } else if (nodeGroups.length > 0 && nodeGroups.length === (nodeSgIds ?? []).length) {
            const out = securityGroupsAdmit(nodeGroups, "egress", TCP(443));
            if (!out.uncertain && !out.viaPrefixList && isEmpty(intersect(PUBLIC_ADDRESSES, out.addresses))) {
                problems.push("the nodes' security groups allow no tcp/443 out to S3's public addresses");
                fixes.push("allow tcp/443 from the node security group to S3's prefix list or 0.0.0.0/0");
            }
        }
    }
    return problems.length > 0 ? { reason: problems.join("; "), fix: [...new Set(fixes)].join("; ") } : undefined;
}

function regionOf(stack: PreflightStack): string | undefined {
    if (stack.config?.platform === "aws") {
        return stack.config.region;
    }
    const provider = stack.ofType("pulumi:providers:aws")[0];
    const region = provider ? stack.inputs(provider).region : undefined;
    return typeof region === "string" ? region : undefined;
}

function imagesOf(pod: PodModel): { image: string; container: string }[] {
    return containersOf(pod.template.spec)
        .filter((c) => typeof c.image === "string" && !isUnknown(c.image))
        .map((c) => ({ image: String(c.image), container: String(c.name) }));
}

function subnetNames(model: NetworkModel, ids: readonly string[]): string {
    return ids.map((id) => model.subnets.get(id)?.resource.name ?? id).join(", ");
}

/** A pull-through cache rule of the stack: images under `<registry>/<prefix>/` are imported through it on their first pull. */
export interface CacheRule {
    readonly resource: RecordedResource;
    readonly prefix: string;
    /** The registry's account: the rule's `registryId` or its provider's only allowed account; undefined when unknown (any). */
    readonly account?: string;
    /** The registry's region: its provider's, else the stack's; undefined when unknown (any). */
    readonly region?: string;
}

function providerOf(stack: PreflightStack, resource: RecordedResource): Plain | undefined {
    const provider = stack.get(providerUrn(resource.provider));
    return provider ? stack.inputs(provider) : undefined;
}

/** Provider inputs arrive JSON-encoded when they are not strings (`allowedAccountIds: "[\"1111…\"]"`). */
function stringList(value: unknown): string[] {
    let list = value;
    if (typeof value === "string") {
        try {
            list = JSON.parse(value);
        } catch {
            return [];
        }
    }
    return Array.isArray(list) ? list.filter((v): v is string => typeof v === "string") : [];
}

/** The stack's pull-through cache rules, with the registry each belongs to when the stack says. */
export function cacheRulesOf(stack: PreflightStack): CacheRule[] {
    const stackRegion = regionOf(stack);
    return stack.ofType("aws:ecr/pullThroughCacheRule:PullThroughCacheRule").flatMap((resource): CacheRule[] => {
        const inputs = stack.inputs(resource);
        if (typeof inputs.ecrRepositoryPrefix !== "string" || isUnknown(inputs.ecrRepositoryPrefix)) {
            return [];
        }
        const provider = providerOf(stack, resource);
        const allowed = stringList(provider?.allowedAccountIds);
        const account = typeof inputs.registryId === "string" && !isUnknown(inputs.registryId) ? inputs.registryId : allowed.length === 1 ? allowed[0] : undefined;
        const region = typeof provider?.region === "string" && !isUnknown(provider.region) ? provider.region : stackRegion;
        return [{ resource, prefix: inputs.ecrRepositoryPrefix.replace(/\/+$/, ""), ...(account ? { account } : {}), ...(region ? { region } : {}) }];
    });
}

/** The rule an image is pulled through: the longest prefix that starts its repository path in the rule's registry. */
export function cacheRuleOf(rules: readonly CacheRule[], image: string): CacheRule | undefined {
    const { ecr } = registryOf(image);
    if (!ecr) {
        return undefined;
    }
    const repository = splitImage(image).repository;
    return rules
        .filter((rule) => (rule.account === undefined || rule.account === ecr.account) && (rule.region === undefined || rule.region === ecr.region) && repository.startsWith(`${rule.prefix}/`))
        .sort((a, b) => b.prefix.length - a.prefix.length)[0];
}

/** One image as the cache stores it: registry, repository and tag (`latest` when none) or digest. */
export function imageKey(image: string): string {
    const { registry, repository } = splitImage(image);
    const last = repository.slice(repository.lastIndexOf("/") + 1);
    return `${registry}/${repository}${last.includes(":") || last.includes("@") ? "" : ":latest"}`;
}

/** Whether Pulumi waits for a workload or release to be ready before creating what depends on it. */
function awaited(stack: PreflightStack, urn: string): boolean {
    const resource = stack.get(urn);
    if (!resource) {
        return false;
    }
    const inputs = stack.inputs(resource);
    if (resource.type.startsWith("kubernetes:helm.sh/")) {
        return inputs.skipAwait !== true;
    }
    return String(inputs.metadata?.annotations?.["pulumi.com/skipAwait"] ?? "false") !== "true";
}

function resourceLabel(stack: PreflightStack, urn: string): string {
    const resource = stack.get(urn);
    return resource ? `${resource.type.split(":").pop()} ${resource.name}` : urn.split("::").pop() ?? urn;
}

/**
 * Pods that could make the first pull of a cached image on a node with no route out of the VPC, where the
 * pull-through cache cannot import it. `reachable` says whether the group reaches the registry at all (when
 * it does not, the reachability finding says so and this one would only repeat it).
 */
function firstPullFindings(stack: PreflightStack, model: NetworkModel, placements: readonly PodPlacement[], reachable: (group: NodeGroupModel, image: string) => boolean): PreflightFinding[] {
    const rules = cacheRulesOf(stack);
    if (rules.length === 0) {
        return [];
    }
    const graph = DependencyGraph.of(stack);
    const natRouted = (group: NodeGroupModel) => group.subnetIds.length > 0 && group.subnetIds.every((id) => model.outsideReach(id) === "yes");
    // Pods whose every node has a NAT route: a pull of theirs can import an image into the cache.
    const warmers = new Map<string, PodPlacement[]>();
    for (const placement of placements) {
        if (placement.groups.length > 0 && placement.groups.every(natRouted)) {
            for (const key of new Set(imagesOf(placement.pod).map(({ image }) => imageKey(image)))) {
                warmers.set(key, [...(warmers.get(key) ?? []), placement]);
            }
        }
    }
    const groupNames = (groups: readonly NodeGroupModel[]) => groups.map((g) => g.name).join(", ");
    /** Why nothing pulls `image` from a NAT-routed node before `placement`'s pods, or undefined when something does. */
    const notWarmed = (placement: PodPlacement, image: string): string | undefined => {
        const { pod } = placement;
        const others = (warmers.get(imageKey(image)) ?? []).filter((w) => w.pod.origin.urn !== pod.origin.urn);
        const ordered = others.filter((w) => graph.dependsOn(pod.origin.urn, w.pod.origin.urn));
        if (ordered.some((w) => awaited(stack, w.pod.origin.urn))) {
            return undefined;
        }
        const racing = placement.groups.filter(natRouted);
        const race = racing.length > 0 ? `; its own pods on ${groupNames(racing)} pull the same image at the same time, which is a race, not an order` : "";
        if (ordered.length > 0) {
            return `${ordered[0].pod.origin.description} pulls the same image first on ${groupNames(ordered[0].groups)}, but Pulumi does not wait for it (pulumi.com/skipAwait)${race}`;
        }
        if (others.length > 0) {
            const [warmer] = others;
            return `${warmer.pod.origin.description} pulls the same image on ${groupNames(warmer.groups)}, but ${resourceLabel(stack, pod.origin.urn)} does not depend on ${resourceLabel(stack, warmer.pod.origin.urn)} (through its dependencies, parents or provider), so nothing makes that pull come first${race}`;
        }
        return `no pod that lands only on node groups with a NAT route pulls the same image${race}`;
    };

    const findings: PreflightFinding[] = [];
    for (const placement of placements) {
        const { pod } = placement;
        for (const group of placement.groups) {
            const isolated = group.subnetIds.filter((id) => model.outsideReach(id) === "no");
            if (isolated.length === 0) {
                continue;
            }
            const byReason = new Map<string, { pulls: string[]; images: Set<string>; rules: Set<string> }>();
            for (const { image, container } of imagesOf(pod)) {
                const rule = cacheRuleOf(rules, image);
                const reason = rule && reachable(group, image) ? notWarmed(placement, image) : undefined;
                if (!rule || !reason) {
                    continue;
                }
                const entry = byReason.get(reason) ?? { pulls: [], images: new Set<string>(), rules: new Set<string>() };
                entry.pulls.push(`"${container}" (${image})`);
                entry.images.add(image);
                entry.rules.add(`${rule.resource.name} (prefix ${rule.prefix}/)`);
                byReason.set(reason, entry);
            }
            if (byReason.size === 0) {
                continue;
            }
            const entries = [...byReason];
            const images = new Set(entries.flatMap(([, e]) => [...e.images]));
            findings.push({
                check: IMAGE_SOURCES_CHECK,
                urn: pod.origin.urn,
                path: pod.origin.path,
                refusedBy: "Amazon ECR",
                message: `${pod.origin.description}: on node group ${group.name} (subnets ${subnetNames(model, isolated)}, no route to a NAT or internet gateway) ${entries.map(([reason, e]) => `container${e.pulls.length > 1 ? "s" : ""} ${e.pulls.join(", ")} may make the first pull of ${e.images.size > 1 ? "their images" : "its image"} through pull-through cache rule ${[...e.rules].join(", ")}: ${reason}`).join("; ")}. The first pull of an image through a pull-through cache rule over the ECR interface endpoints needs a NAT route (later pulls do not), so ECR cannot import it and the kubelet reports ErrImagePull and ImagePullBackOff${pod.kind === "DaemonSet" ? " on those nodes, so the DaemonSet is never ready and Helm's readiness wait never passes" : ""}`,
                fix: `pull ${images.size > 1 ? "each image" : "the image"} once from a node with a NAT route before anything on ${group.name} needs it (infra/aws/image-warmup.ts ImageWarmup: add the image to its list and make the workload depend on it)`,
            });
        }
    }
    return findings;
}

/** Findings for pods on node groups that cannot reach their images' registries (AWS). */
function awsFindings(stack: PreflightStack, pods: readonly PodModel[]): PreflightFinding[] {
    const groups = nodeGroupsOf(stack);
    if (groups.length === 0) {
        return [];
    }
    const model = NetworkModel.of(stack);
    const region = regionOf(stack);
    const findings: PreflightFinding[] = [];
    const verdicts = new Map<string, Unreachable | undefined>();
    const nodeSgs = new Map(groups.map((g) => [g.urn, nodeSecurityGroupsOf(stack, g)]));
    /** Why nodes of `group` cannot reach `image`'s registry, for the subnets where they cannot. */
    const unreachable = (group: NodeGroupModel, image: string): { subnets: string[]; why: Unreachable } | undefined => {
        const registry = registryOf(image);
        const failing: string[] = [];
        let why: Unreachable | undefined;
        for (const subnetId of group.subnetIds) {
            const key = `${subnetId}\0${group.urn}\0${registry.ecr ? `ecr:${registry.ecr.region}` : registry.host}`;
            if (!verdicts.has(key)) {
                let verdict: Unreachable | undefined;
                if (registry.ecr && region !== undefined && registry.ecr.region === region) {
                    verdict = ecrUnreachable(model, subnetId, registry.ecr.region, nodeSgs.get(group.urn));
                } else if (model.outsideReach(subnetId) === "no") {
                    const table = model.routeTableOf(subnetId);
                    verdict = {
                        reason: `${registry.host} is ${registry.ecr ? `an ECR registry in ${registry.ecr.region}, outside this VPC's endpoints` : "outside AWS"}, and route table ${table?.resource?.name ?? table?.id ?? "(main)"} has no route to an internet or NAT gateway`,
                        fix: registry.ecr
                            ? `replicate the repository to ${region ?? "the stack's region"} or give the tier a NAT route`
                            : "pull it from the stack's ECR pull-through cache (<account>.dkr.ecr.<region>.amazonaws.com/<prefix>/<repository>, infra/aws/image-cache.ts and the sources' registryMirrors) or keep the pod off the isolated tier",
                    };
                }
                verdicts.set(key, verdict);
            }
            const verdict = verdicts.get(key);
            if (verdict) {
                failing.push(subnetId);
                why ??= verdict;
            }
        }
        return why ? { subnets: failing, why } : undefined;
    };

    for (const placement of placementOf(stack, pods)) {
        const { pod } = placement;
        for (const group of placement.groups) {
            // One finding per pod and node group, with the images grouped by why they cannot be pulled.
            const byReason = new Map<string, { subnets: string[]; why: Unreachable; pulls: string[] }>();
            for (const { image, container } of imagesOf(pod)) {
                const problem = unreachable(group, image);
                if (problem) {
                    const entry = byReason.get(problem.why.reason) ?? { ...problem, pulls: [] };
                    entry.pulls.push(`"${container}" (${image})`);
                    byReason.set(problem.why.reason, entry);
                }
            }
            if (byReason.size === 0) {
                continue;
            }
            const entries = [...byReason.values()];
            const subnets = [...new Set(entries.flatMap((e) => e.subnets))];
            findings.push({
                check: IMAGE_SOURCES_CHECK,
                urn: pod.origin.urn,
                path: pod.origin.path,
                refusedBy: "kubelet (image pull)",
                message: `${pod.origin.description}: on node group ${group.name} (subnets ${subnetNames(model, subnets)}) ${entries.map((e) => `container${e.pulls.length > 1 ? "s" : ""} ${e.pulls.join(", ")} cannot be pulled: ${e.why.reason}`).join("; ")}; the kubelet reports ErrImagePull and ImagePullBackOff forever${pod.kind === "DaemonSet" ? " on those nodes, so the DaemonSet is never ready and Helm's readiness wait never passes" : ""}`,
                fix: [...new Set(entries.map((e) => e.why.fix))].join("; "),
            });
        }
    }

    findings.push(...firstPullFindings(stack, model, placementOf(stack, pods), (group, image) => unreachable(group, image) === undefined));

    // Every node runs the add-ons' DaemonSets (the VPC CNI's aws-node first): their images are in ECR.
    const addons = stack.ofType("aws:eks/addon:Addon");
    if (addons.length > 0 && region !== undefined) {
        const names = addons.map((a) => String(stack.inputs(a).addonName ?? a.name));
        for (const group of groups) {
            const problem = unreachable(group, `602401143452.dkr.ecr.${region}.amazonaws.com/eks/add-on`);
            if (problem) {
                findings.push({
                    check: IMAGE_SOURCES_CHECK,
                    urn: group.urn,
                    path: "subnetIds",
                    refusedBy: "kubelet (image pull)",
                    message: `node group ${group.name} (subnets ${subnetNames(model, problem.subnets)}) cannot pull the EKS add-on images (${names.join(", ")}) from Amazon ECR in ${region}: ${problem.why.reason}; without the VPC CNI the nodes never become Ready`,
                    fix: problem.why.fix,
                });
            }
        }
    }
    return findings;
}

/** On an air-gapped on-prem site every image must come from the mirror. */
function mirrorFindings(stack: PreflightStack, pods: readonly PodModel[]): PreflightFinding[] {
    const config = stack.config;
    if (config?.platform !== "onprem" || !config.onprem.registryMirror) {
        return [];
    }
    const mirror = config.onprem.registryMirror.replace(/\/$/, "");
    return pods.flatMap((pod) => imagesOf(pod)
        .filter(({ image }) => !image.startsWith(`${mirror}/`))
        .map(({ image, container }): PreflightFinding => ({
            check: IMAGE_SOURCES_CHECK,
            urn: pod.origin.urn,
            path: pod.origin.path,
            refusedBy: "kubelet (image pull)",
            message: `${pod.origin.description}: container "${container}" pulls ${image} from ${registryOf(image).host}, but this site is air-gapped (registryMirror ${mirror}): the kubelet reports ErrImagePull and ImagePullBackOff forever`,
            fix: `pull it as ${mirror}/${splitImage(image).repository} (copy it there with crane or skopeo, keeping the repository path) by passing the sources (imageFrom/hubFrom in infra/k8s/sources.ts) to wherever ${pod.origin.path} sets the image`,
        })));
}

export function imageSourceFindings(stack: PreflightStack, pods: readonly PodModel[]): PreflightFinding[] {
    return [...awsFindings(stack, pods), ...mirrorFindings(stack, pods)];
}

export function imageSourcesCheck(podsOf: (stack: PreflightStack) => readonly PodModel[]): PreflightCheck<PreflightStack> {
    return {
        name: IMAGE_SOURCES_CHECK,
        description: "Every image can be pulled on the nodes its pod lands on: isolated subnets reach only ECR through the VPC endpoints and never make the first pull through a pull-through cache rule, an air-gapped site only its mirror.",
        run: (stack) => imageSourceFindings(stack, podsOf(stack)),
    };
}
