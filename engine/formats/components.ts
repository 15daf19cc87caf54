/**
 * The stack cut into the components a threat model talks about (network, edge, cluster, node groups,
 * namespaces, mesh, databases, keys, secrets, storage, backups, buckets, logs, identities), each with
 * the resources it consists of. Resources no component claims are listed as "other resources".
 */
import type { Architecture, Cluster, LoadBalancer, Mesh, Namespace, Network, NodeGroup, WebAcl } from "./architecture";
import { HELM_TYPES } from "./architecture";
import { DATABASE_TYPES, GENERATED_SECRET_TYPES, KEY_TYPES } from "./assets";
import { kubernetesRef, ResourceView, strings, unique } from "./stack-view";

export type Component =
    | { readonly kind: "network"; readonly name: string; readonly members: readonly ResourceView[]; readonly network: Network }
    | { readonly kind: "load balancer"; readonly name: string; readonly members: readonly ResourceView[]; readonly lb: LoadBalancer }
    | { readonly kind: "web ACL"; readonly name: string; readonly members: readonly ResourceView[]; readonly acl: WebAcl }
    | { readonly kind: "cluster"; readonly name: string; readonly members: readonly ResourceView[]; readonly cluster: Cluster }
    | { readonly kind: "node group"; readonly name: string; readonly members: readonly ResourceView[]; readonly group: NodeGroup }
    | { readonly kind: "namespace"; readonly name: string; readonly members: readonly ResourceView[]; readonly namespace: Namespace }
    | { readonly kind: "service mesh"; readonly name: string; readonly members: readonly ResourceView[]; readonly mesh: Mesh }
    | { readonly kind: "database"; readonly name: string; readonly members: readonly ResourceView[]; readonly database: ResourceView }
    | { readonly kind: "admission controller" | "threat detection" | "key management" | "secrets" | "storage" | "backup" | "bucket" | "audit trail" | "logging" | "identity" | "other"; readonly name: string; readonly members: readonly ResourceView[] };

export type ComponentKind = Component["kind"];

const NETWORK_TYPES = new Set([
    "aws:ec2/subnet:Subnet", "aws:ec2/routeTable:RouteTable", "aws:ec2/route:Route", "aws:ec2/routeTableAssociation:RouteTableAssociation",
    "aws:ec2/internetGateway:InternetGateway", "aws:ec2/natGateway:NatGateway", "aws:ec2/eip:Eip", "aws:ec2/networkAcl:NetworkAcl",
    "aws:ec2/networkAclRule:NetworkAclRule", "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl", "aws:ec2/defaultRouteTable:DefaultRouteTable",
    "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", "aws:ec2/vpcEndpoint:VpcEndpoint", "aws:ec2/flowLog:FlowLog",
    "aws:ec2/securityGroup:SecurityGroup", "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", "aws:ec2/securityGroupRule:SecurityGroupRule",
]);

/** `seed` and every resource of `types` that refers, directly or through others, to it. */
function closure(arch: Architecture, seed: readonly ResourceView[], accepts: (r: ResourceView) => boolean): ResourceView[] {
    const members = new Set(seed);
    let grew = true;
    while (grew) {
        grew = false;
        for (const member of [...members]) {
            for (const referrer of arch.view.referrers(member)) {
                if (!members.has(referrer) && accepts(referrer)) {
                    members.add(referrer);
                    grew = true;
                }
            }
        }
    }
    return [...members];
}

export function readComponents(arch: Architecture): Component[] {
    const view = arch.view;
    const components: Component[] = [];
    const claimed = new Set<ResourceView>();
    const add = (component: Component) => {
        const members = unique(component.members).filter((m) => !claimed.has(m));
        members.forEach((m) => claimed.add(m));
        if (members.length > 0) {
            components.push({ ...component, members } as Component);
        }
    };
    const groupRules = (groups: readonly ResourceView[]) => arch.securityGroupRules.filter((r) => groups.includes(r.group)).map((r) => r.rule);

    for (const lb of arch.loadBalancers) {
        add({ kind: "load balancer", name: `load balancer ${lb.view.name}`, lb, members: unique([lb.view, ...lb.listeners.flatMap((l) => [l.view, ...l.targetGroups]), ...lb.securityGroups, ...groupRules(lb.securityGroups), ...view.referrers(lb.view).filter((r) => /^aws:(lb|alb|autoscaling)\//.test(r.type))]) });
    }
    for (const acl of arch.webAcls) {
        add({ kind: "web ACL", name: `web ACL ${acl.view.name}`, acl, members: [acl.view, ...view.referrers(acl.view).filter((r) => r.type.startsWith("aws:wafv2/"))] });
    }
    for (const cluster of arch.clusters) {
        const groups = unique(cluster.nodeGroups.flatMap((g) => g.securityGroups));
        add({ kind: "cluster", name: `cluster ${cluster.name}`, cluster, members: unique([cluster.view, ...cluster.accessEntries, ...view.ofType("aws:eks/accessPolicyAssociation:AccessPolicyAssociation").filter((a) => a.props.clusterName === cluster.name), ...cluster.addons, ...cluster.securityGroups, ...groupRules(cluster.securityGroups), ...groups, ...groupRules(groups)]) });
        for (const group of cluster.nodeGroups) {
            add({ kind: "node group", name: `node group ${group.view.name}`, group, members: [group.view, ...(group.launchTemplate ? [group.launchTemplate] : [])] });
        }
    }
    for (const network of arch.networks) {
        add({ kind: "network", name: `VPC ${network.vpc.name}`, network, members: closure(arch, [network.vpc], (r) => NETWORK_TYPES.has(r.type)) });
    }
    if (arch.mesh) {
        const mesh = arch.mesh;
        const meshReleases = arch.helmReleases.filter((r) => JSON.stringify([r.props.name, r.props.chart, r.props.repositoryOpts]).includes("istio") || mesh.gateways.some((g) => kubernetesRef(r).namespace === g.namespace));
        add({ kind: "service mesh", name: "service mesh", mesh, members: unique([...meshReleases, ...mesh.peerAuthentications, ...mesh.gateways.map((g) => g.view), ...mesh.serviceEntries, ...mesh.authorizationPolicies.filter((a) => kubernetesRef(a).namespace === mesh.rootNamespace || mesh.gateways.some((g) => g.namespace === kubernetesRef(a).namespace))]) });
    }
    // The image-verification controller: its release, its ClusterImagePolicies and the digest policy with its binding.
    add({ kind: "admission controller", name: "image admission (policy-controller)", members: [
        ...arch.helmReleases.filter((r) => String(r.props.chart ?? "").split("/").pop() === "policy-controller"),
        ...view.matching(/^kubernetes:policy\.sigstore\.dev\//),
        ...view.ofType("kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicy", "kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicyBinding"),
    ] });
    for (const database of view.ofType(...DATABASE_TYPES)) {
        const ref = kubernetesRef(database);
        const operators = arch.helmReleases.filter((r) => kubernetesRef(r).namespace === ref.namespace && strings(r.props.values).includes(ref.namespace ?? "default"));
        add({ kind: "database", name: `MongoDB ${ref.namespace}/${ref.name}`, database, members: unique([database, ...operators, ...view.references(database).filter((r) => r.type.startsWith("kubernetes:core/v1:"))]) });
    }
    add({ kind: "key management", name: "KMS keys", members: [...view.ofType(...KEY_TYPES), ...view.ofType("aws:kms/alias:Alias", "aws:kms/keyPolicy:KeyPolicy")] });
    add({ kind: "secrets", name: "secrets and keystore", members: [...view.ofType("aws:secretsmanager/secret:Secret", "aws:secretsmanager/secretVersion:SecretVersion", "aws:secretsmanager/secretPolicy:SecretPolicy", "kubernetes:core/v1:Secret", "aws:kms/ciphertext:Ciphertext"), ...view.ofType(...GENERATED_SECRET_TYPES), ...view.matching(/^tls:/), ...view.matching(/^random:/), ...view.ofType("aws:acm/certificate:Certificate")] });
    add({ kind: "storage", name: "storage and snapshots", members: [...view.ofType("kubernetes:storage.k8s.io/v1:StorageClass", "kubernetes:snapshot.storage.k8s.io/v1:VolumeSnapshotClass", "aws:ebs/encryptionByDefault:EncryptionByDefault", "aws:ebs/snapshotBlockPublicAccess:SnapshotBlockPublicAccess", "aws:ebs/volume:Volume", "kubernetes:core/v1:PersistentVolumeClaim"), ...view.matching(/^kubernetes:snapscheduler\.backube\//)] });
    add({ kind: "backup", name: "AWS Backup", members: view.matching(/^aws:backup\//) });
    for (const trail of view.ofType("aws:cloudtrail/trail:Trail")) {
        add({ kind: "audit trail", name: `CloudTrail trail ${trail.name}`, members: [trail] });
    }
    // GuardDuty, Security Hub and AWS Config with the service-linked role it records as (infra/aws/threat-detection.ts).
    add({ kind: "threat detection", name: "threat detection and compliance", members: [...view.matching(/^aws:(guardduty|securityhub|cfg)\//),
        ...view.ofType("aws:iam/serviceLinkedRole:ServiceLinkedRole").filter((r) => r.props.awsServiceName === "config.amazonaws.com")] });
    for (const bucket of view.ofType("aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2")) {
        add({ kind: "bucket", name: `bucket ${bucket.name}`, members: [bucket, ...view.referrers(bucket).filter((r) => r.type.startsWith("aws:s3/"))] });
    }
    add({ kind: "logging", name: "audit logs", members: view.matching(/^aws:cloudwatch\//) });
    for (const ns of arch.namespaces) {
        add({ kind: "namespace", name: `${ns.tenant ? "tenant " : ""}namespace ${ns.name}`, namespace: ns, members: [...(ns.view ? [ns.view] : []), ...view.all.filter((r) => r.type.startsWith("kubernetes:") && kubernetesRef(r).namespace === ns.name && !HELM_TYPES.includes(r.type))] });
    }
    add({ kind: "identity", name: "IAM roles and Pod Identity", members: [...view.matching(/^aws:iam\//), ...view.ofType("aws:eks/podIdentityAssociation:PodIdentityAssociation")] });
    add({ kind: "other", name: "other resources", members: view.customResources });
    return components;
}
