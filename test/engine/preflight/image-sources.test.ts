import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { cacheRuleOf, cacheRulesOf, imageKey, imageSourceFindings, registryOf } from "../../../engine/preflight/image-sources";
import { allPods, PodModel } from "../../../engine/preflight/pods";
import { Plain, PreflightStack } from "../../../engine/preflight/stack";
import type { RecordedResource } from "../../../engine/program";
import { editInputs, handBuilt, pod, resource, stackConfig, urnOf } from "./hand-built-stacks";
import { renderStacks, RenderedStack } from "./rendered-stacks";

const REGION = "eu-west-1";
const ECR = `111122223333.dkr.ecr.${REGION}.amazonaws.com`;
const DATA_TOLERATION = { key: "secure-platform/dedicated", operator: "Equal", value: "data", effect: "NoSchedule" };

interface VpcOptions {
    readonly endpoints?: readonly string[];
    readonly privateDns?: boolean;
    readonly s3OnDataRoutes?: boolean;
}

/** A VPC like infra/aws/network.ts builds: app subnet with NAT, isolated data subnet, endpoints in the data subnet. */
function vpc(options: VpcOptions = {}): RecordedResource[] {
    const endpoints = options.endpoints ?? ["ecr.api", "ecr.dkr"];
    return [
        resource("aws:ec2/vpc:Vpc", "vpc", { cidrBlock: "10.0.0.0/16" }),
        resource("aws:ec2/subnet:Subnet", "app-a", { vpcId: "vpc-id", cidrBlock: "10.0.0.0/18", tags: { Tier: "app" } }),
        resource("aws:ec2/subnet:Subnet", "data-a", { vpcId: "vpc-id", cidrBlock: "10.0.224.0/21", tags: { Tier: "data" } }),
        resource("aws:ec2/routeTable:RouteTable", "app-rt", { vpcId: "vpc-id" }),
        resource("aws:ec2/route:Route", "app-egress", { routeTableId: "app-rt-id", destinationCidrBlock: "0.0.0.0/0", natGatewayId: "nat-1" }),
        resource("aws:ec2/routeTable:RouteTable", "data-rt", { vpcId: "vpc-id" }),
        resource("aws:ec2/routeTableAssociation:RouteTableAssociation", "app-a-assoc", { subnetId: "app-a-id", routeTableId: "app-rt-id" }),
        resource("aws:ec2/routeTableAssociation:RouteTableAssociation", "data-a-assoc", { subnetId: "data-a-id", routeTableId: "data-rt-id" }),
        resource("aws:ec2/securityGroup:SecurityGroup", "endpoints-sg", { vpcId: "vpc-id", description: "endpoints" }),
        resource("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "https-from-vpc", { securityGroupId: "endpoints-sg-id", ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "10.0.0.0/16" }),
        resource("aws:ec2/vpcEndpoint:VpcEndpoint", "s3", { vpcId: "vpc-id", serviceName: `com.amazonaws.${REGION}.s3`, vpcEndpointType: "Gateway", routeTableIds: ["app-rt-id", ...(options.s3OnDataRoutes === false ? [] : ["data-rt-id"])] }),
        ...endpoints.map((service) => resource("aws:ec2/vpcEndpoint:VpcEndpoint", service.replace(".", "-"), {
            vpcId: "vpc-id", serviceName: `com.amazonaws.${REGION}.${service}`, vpcEndpointType: "Interface", privateDnsEnabled: options.privateDns ?? true, subnetIds: ["data-a-id"], securityGroupIds: ["endpoints-sg-id"],
        })),
        resource("aws:ec2/securityGroup:SecurityGroup", "nodes-sg", { vpcId: "vpc-id", description: "nodes" }),
        resource("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", "nodes-https-out", { securityGroupId: "nodes-sg-id", ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "0.0.0.0/0" }),
        resource("aws:ec2/launchTemplate:LaunchTemplate", "nodes-lt", { vpcSecurityGroupIds: ["nodes-sg-id"] }),
        resource("aws:eks/nodeGroup:NodeGroup", "nodes-app", { labels: { "secure-platform/node-group": "app" }, taints: [], scalingConfig: { desiredSize: 2, maxSize: 4 }, subnetIds: ["app-a-id"], launchTemplate: { id: "nodes-lt-id" } }),
        resource("aws:eks/nodeGroup:NodeGroup", "nodes-data", { labels: { "secure-platform/node-group": "data" }, taints: [{ key: "secure-platform/dedicated", value: "data", effect: "NO_SCHEDULE" }], scalingConfig: { desiredSize: 1, maxSize: 3 }, subnetIds: ["data-a-id"], launchTemplate: { id: "nodes-lt-id" } }),
    ];
}

const AWS = { platform: "aws", region: REGION };

function onData(image: string, kind: PodModel["kind"] = "StatefulSet"): PodModel {
    return pod("data", "mongodb-rs0", [{ name: "mongod", image }], { kind, spec: { nodeSelector: { "secure-platform/node-group": "data" }, tolerations: [DATA_TOLERATION] } });
}

describe("registries of image references", () => {
    it("puts Docker short names on docker.io and reads an ECR registry's account and region, pull-through paths included", () => {
        assert.deepEqual(registryOf("percona/percona-server-mongodb:8.0.12-4"), { host: "docker.io" });
        assert.deepEqual(registryOf(`${ECR}/docker-hub/percona/percona-server-mongodb:8.0.12-4`), { host: ECR, ecr: { account: "111122223333", region: REGION } });
        assert.deepEqual(registryOf("602401143452.dkr.ecr-fips.us-east-1.amazonaws.com/eks/pause:3.10"), { host: "602401143452.dkr.ecr-fips.us-east-1.amazonaws.com", ecr: { account: "602401143452", region: "us-east-1" } });
        assert.deepEqual(registryOf("quay.io/backube/snapscheduler:3.5.0"), { host: "quay.io" });
    });
});

describe("image sources on AWS", () => {
    it("finds a workload on the isolated data nodes pulling from a public registry, naming the group, subnet, image and fix", () => {
        const mongo = onData("docker.io/percona/percona-server-mongodb:8.0.12-4");
        const [finding] = imageSourceFindings(handBuilt(vpc(), AWS), [mongo]);
        assert.equal(finding.check, "image-sources");
        assert.equal(finding.urn, mongo.origin.urn);
        assert.equal(finding.path, "spec.template");
        assert.equal(finding.refusedBy, "kubelet (image pull)");
        assert.match(finding.message, /StatefulSet data\/mongodb-rs0: on node group nodes-data \(subnets data-a\) container "mongod" \(docker\.io\/percona\/percona-server-mongodb:8\.0\.12-4\) cannot be pulled: docker\.io is outside AWS, and route table data-rt has no route to an internet or NAT gateway; the kubelet reports ErrImagePull and ImagePullBackOff forever/);
        assert.match(finding.fix, /pull-through cache/);
    });

    it("lets the data nodes pull the same image through the ECR pull-through cache", () => {
        assert.deepEqual(imageSourceFindings(handBuilt(vpc(), AWS), [onData(`${ECR}/docker-hub/percona/percona-server-mongodb:8.0.12-4`)]), []);
    });

    it("lets the app nodes pull from Docker Hub through their NAT route", () => {
        assert.deepEqual(imageSourceFindings(handBuilt(vpc(), AWS), [pod("platform", "web", [{ name: "web", image: "nginx:1.27" }])]), []);
    });

    it("says why a DaemonSet on the data nodes never becomes ready", () => {
        const [finding] = imageSourceFindings(handBuilt(vpc(), AWS), [onData("quay.io/brancz/kube-rbac-proxy:v0.23.0", "DaemonSet")]);
        assert.match(finding.message, /the DaemonSet is never ready and Helm's readiness wait never passes/);
    });

    it("finds ECR unreachable from the data nodes without the ecr.dkr interface endpoint, for pods and for the add-ons every node runs", () => {
        const addon = resource("aws:eks/addon:Addon", "vpc-cni", { addonName: "vpc-cni", clusterName: "c" });
        const findings = imageSourceFindings(handBuilt([...vpc({ endpoints: ["ecr.api"] }), addon], AWS), [onData(`${ECR}/docker-hub/percona/percona-server-mongodb:8.0.12-4`)]);
        assert.deepEqual(findings.map((f) => f.urn.split("::").pop()), ["mongodb-rs0", "nodes-data"]);
        assert.match(findings[0].message, /the VPC has no ecr\.dkr interface endpoint for eu-west-1/);
        assert.match(findings[1].message, /node group nodes-data \(subnets data-a\) cannot pull the EKS add-on images \(vpc-cni\) from Amazon ECR in eu-west-1: .*nodes never become Ready/);
    });

    it("finds ECR unreachable from the data nodes when the endpoints have private DNS off", () => {
        const [finding] = imageSourceFindings(handBuilt(vpc({ privateDns: false }), AWS), [onData(`${ECR}/docker-hub/x:1`)]);
        assert.match(finding.message, /private DNS off/);
    });

    it("finds image layers unreachable when the data route table lacks the S3 gateway endpoint", () => {
        const [finding] = imageSourceFindings(handBuilt(vpc({ s3OnDataRoutes: false }), AWS), [onData(`${ECR}/docker-hub/x:1`)]);
        assert.match(finding.message, /route table data-rt has no route to the S3 gateway endpoint, and image layers are served from S3/);
        assert.match(finding.fix, /S3 gateway endpoint's routeTableIds/);
    });

    it("finds image layers unreachable when the data subnet's network ACL allows HTTPS only inside the VPC", () => {
        const resources = [
            ...vpc(),
            resource("aws:ec2/networkAcl:NetworkAcl", "data-acl", { vpcId: "vpc-id", subnetIds: ["data-a-id"], ingress: [{ ruleNo: 100, action: "allow", protocol: "-1", cidrBlock: "10.0.0.0/16", fromPort: 0, toPort: 0 }], egress: [{ ruleNo: 100, action: "allow", protocol: "-1", cidrBlock: "10.0.0.0/16", fromPort: 0, toPort: 0 }] }),
            resource("aws:ec2/subnet:Subnet", "data-b", { vpcId: "vpc-id", cidrBlock: "10.0.232.0/21", tags: { Tier: "data" } }),
        ];
        // The interface endpoints move to data-b, which data-a's ACL reaches; only S3's public addresses are outside what it allows.
        const moved = resources.map((r) => (r.type === "aws:ec2/vpcEndpoint:VpcEndpoint" && (r.inputs as Plain).vpcEndpointType === "Interface" ? { ...r, inputs: { ...(r.inputs as Plain), subnetIds: ["data-b-id"] } as RecordedResource["inputs"] } : r));
        const [finding] = imageSourceFindings(handBuilt(moved, AWS), [onData(`${ECR}/docker-hub/x:1`)]);
        assert.match(finding.message, /S3 is reached at its public addresses through the gateway endpoint, but data-acl \(data-acl-id\) drops outbound tcp\/443 from data-a \(rule \*\)/);
    });
    it("finds ECR unreachable when a deny rule drops HTTPS to the subnet the endpoints sit in, naming the ACL and rule", () => {
        const allowAll = (ruleNo: number) => ({ ruleNo, action: "allow", protocol: "-1", cidrBlock: "0.0.0.0/0", fromPort: 0, toPort: 0 });
        const resources = [
            ...vpc().map((r) => (r.type === "aws:ec2/vpcEndpoint:VpcEndpoint" && (r.inputs as Plain).vpcEndpointType === "Interface" ? { ...r, inputs: { ...(r.inputs as Plain), subnetIds: ["data-b-id"] } as RecordedResource["inputs"] } : r)),
            resource("aws:ec2/subnet:Subnet", "data-b", { vpcId: "vpc-id", cidrBlock: "10.0.232.0/21", tags: { Tier: "data" } }),
            resource("aws:ec2/networkAcl:NetworkAcl", "data-acl", {
                vpcId: "vpc-id", subnetIds: ["data-a-id"],
                ingress: [allowAll(200)],
                egress: [{ ruleNo: 100, action: "deny", protocol: "tcp", cidrBlock: "10.0.232.0/21", fromPort: 443, toPort: 443 }, allowAll(200)],
            }),
        ];
        const [finding] = imageSourceFindings(handBuilt(resources, AWS), [onData(`${ECR}/docker-hub/x:1`)]);
        assert.match(finding.message, /every path to endpoint ecr-api is dropped: data-acl \(data-acl-id\) drops outbound tcp\/443 from data-a \(rule 100\)/);
        assert.match(finding.fix, /network ACLs/);
    });
});

describe("first pulls through the pull-through cache on AWS", () => {
    const MONGOD = `${ECR}/docker-hub/percona/percona-server-mongodb:8.0.12-4`;
    const rule = resource("aws:ecr/pullThroughCacheRule:PullThroughCacheRule", "image-cache-docker-hub", { ecrRepositoryPrefix: "docker-hub", upstreamRegistryUrl: "registry-1.docker.io" });
    const JOB_URN = urnOf("kubernetes:batch/v1:Job", "warmup");
    const STATEFULSET_URN = urnOf("kubernetes:apps/v1:StatefulSet", "mongodb-rs0");

    /** A Job on the app nodes (NAT route) pulling `images`, and its resource. */
    function warmup(images: readonly string[], annotations: Plain = {}): { pod: PodModel; resource: RecordedResource } {
        return {
            pod: pod("image-warmup", "warmup", images.map((image, i) => ({ name: `image-${i}`, image })), { kind: "Job", urn: JOB_URN, spec: { nodeSelector: { "secure-platform/node-group": "app" } } }),
            resource: resource("kubernetes:batch/v1:Job", "warmup", { metadata: { namespace: "image-warmup", annotations } }),
        };
    }

    /** The data StatefulSet's resource, a child of a component that depends on `dependsOn` (as KubernetesPlatform does). */
    function dataWorkload(dependsOn: readonly string[]): RecordedResource[] {
        const component = resource("secure-platform:k8s:KubernetesPlatform", "kubernetes", {}, { custom: false, dependencies: dependsOn });
        return [component, resource("kubernetes:apps/v1:StatefulSet", "mongodb-rs0", {}, { parent: component.urn })];
    }

    function firstPulls(resources: readonly RecordedResource[], pods: readonly PodModel[]) {
        return imageSourceFindings(handBuilt([...vpc(), rule, ...resources], AWS), pods).filter((f) => f.refusedBy === "Amazon ECR");
    }

    it("finds a pod on the isolated data nodes making the first pull of a cached image, naming the image, the group, why and the fix", () => {
        const findings = firstPulls(dataWorkload([]), [onData(MONGOD)]);
        assert.equal(findings.length, 1, findings.map((f) => f.message).join("\n"));
        const [finding] = findings;
        assert.equal(finding.check, "image-sources");
        assert.equal(finding.urn, STATEFULSET_URN);
        assert.equal(finding.path, "spec.template");
        assert.equal(finding.message, `StatefulSet data/mongodb-rs0: on node group nodes-data (subnets data-a, no route to a NAT or internet gateway) container "mongod" (${MONGOD}) may make the first pull of its image through pull-through cache rule image-cache-docker-hub (prefix docker-hub/): no pod that lands only on node groups with a NAT route pulls the same image. The first pull of an image through a pull-through cache rule over the ECR interface endpoints needs a NAT route (later pulls do not), so ECR cannot import it and the kubelet reports ErrImagePull and ImagePullBackOff`);
        assert.equal(finding.fix, "pull the image once from a node with a NAT route before anything on nodes-data needs it (infra/aws/image-warmup.ts ImageWarmup: add the image to its list and make the workload depend on it)");
    });

    it("finds the first pull when a pod on the app nodes pulls the same image but the data workload does not depend on it", () => {
        const job = warmup([MONGOD]);
        const [finding, ...rest] = firstPulls([job.resource, ...dataWorkload([])], [job.pod, onData(MONGOD)]);
        assert.deepEqual(rest, []);
        assert.match(finding.message, /Job image-warmup\/warmup pulls the same image on nodes-app, but StatefulSet mongodb-rs0 does not depend on Job warmup \(through its dependencies, parents or provider\), so nothing makes that pull come first/);
    });

    it("accepts the first pull from the app nodes when the data workload depends on it through its parent component", () => {
        const job = warmup([MONGOD]);
        assert.deepEqual(firstPulls([job.resource, ...dataWorkload([JOB_URN])], [job.pod, onData(MONGOD)]), []);
    });

    it("accepts the same image under another tag only for the tag that was pulled first", () => {
        const job = warmup([MONGOD.replace(":8.0.12-4", ":8.0.11-3")]);
        const [finding] = firstPulls([job.resource, ...dataWorkload([JOB_URN])], [job.pod, onData(MONGOD)]);
        assert.match(finding.message, /no pod that lands only on node groups with a NAT route pulls the same image/);
    });

    it("does not count a warm-up Pulumi does not wait for", () => {
        const job = warmup([MONGOD], { "pulumi.com/skipAwait": "true" });
        const [finding] = firstPulls([job.resource, ...dataWorkload([JOB_URN])], [job.pod, onData(MONGOD)]);
        assert.match(finding.message, /Job image-warmup\/warmup pulls the same image first on nodes-app, but Pulumi does not wait for it \(pulumi\.com\/skipAwait\)/);
    });

    it("counts a DaemonSet on both tiers as racing its own first pull, and accepts it once a warm-up is ordered before it", () => {
        const image = `${ECR}/docker-hub/istio/install-cni:1.29.0`;
        const cni = pod("istio-cni", "istio-cni-node", [{ name: "install-cni", image }], { kind: "DaemonSet", spec: { tolerations: [{ operator: "Exists" }] } });
        const cniResource = (dependencies: string[]) => resource("kubernetes:apps/v1:DaemonSet", "istio-cni-node", {}, { dependencies });
        const [finding, ...rest] = firstPulls([cniResource([])], [cni]);
        assert.deepEqual(rest, [], "only the data nodes are isolated");
        assert.match(finding.message, /^DaemonSet istio-cni\/istio-cni-node: on node group nodes-data .*no pod that lands only on node groups with a NAT route pulls the same image; its own pods on nodes-app pull the same image at the same time, which is a race, not an order\..*the DaemonSet is never ready/);
        const job = warmup([image]);
        assert.deepEqual(firstPulls([job.resource, cniResource([JOB_URN])], [job.pod, cni]), []);
    });

    it("does not judge an image in a plain ECR repository of the account, which has no first pull through a rule", () => {
        assert.deepEqual(firstPulls(dataWorkload([]), [onData(`${ECR}/platform/mongod:8.0.12-4`)]), []);
    });

    it("does not judge a cached image when the stack has no pull-through cache rule", () => {
        assert.deepEqual(imageSourceFindings(handBuilt(vpc(), AWS), [onData(MONGOD)]), []);
    });

    it("matches an image to the rule whose prefix starts its repository path in the rule's account and region", () => {
        const provider = resource("pulumi:providers:aws", "aws", { region: REGION, allowedAccountIds: JSON.stringify(["111122223333"]) });
        const rules = cacheRulesOf(handBuilt([
            provider,
            resource("aws:ecr/pullThroughCacheRule:PullThroughCacheRule", "hub", { ecrRepositoryPrefix: "docker-hub" }, { provider: `${provider.urn}::aws-id` }),
            resource("aws:ecr/pullThroughCacheRule:PullThroughCacheRule", "hub-istio", { ecrRepositoryPrefix: "docker-hub/istio" }, { provider: `${provider.urn}::aws-id` }),
        ], AWS));
        assert.deepEqual(rules.map((r) => [r.prefix, r.account, r.region]), [["docker-hub", "111122223333", REGION], ["docker-hub/istio", "111122223333", REGION]]);
        assert.equal(cacheRuleOf(rules, `${ECR}/docker-hub/percona/x:1`)?.resource.name, "hub");
        assert.equal(cacheRuleOf(rules, `${ECR}/docker-hub/istio/proxyv2:1`)?.resource.name, "hub-istio");
        assert.equal(cacheRuleOf(rules, `${ECR}/docker-hubx/percona/x:1`), undefined);
        assert.equal(cacheRuleOf(rules, `444455556666.dkr.ecr.${REGION}.amazonaws.com/docker-hub/percona/x:1`), undefined);
        assert.equal(cacheRuleOf(rules, `111122223333.dkr.ecr.us-east-1.amazonaws.com/docker-hub/percona/x:1`), undefined);
        assert.equal(cacheRuleOf(rules, "docker.io/percona/x:1"), undefined);
        assert.equal(imageKey(`${ECR}/docker-hub/library/nginx`), `${ECR}/docker-hub/library/nginx:latest`);
    });
});

describe("image sources on an air-gapped site", () => {
    const mirror = "registry.corp.example:5000/mirror";
    const onprem = { platform: "onprem", onprem: { registryMirror: mirror } };

    it("finds an image outside the mirror and accepts one under it", () => {
        const findings = imageSourceFindings(handBuilt([], onprem), [pod("data", "snapscheduler", [{ name: "proxy", image: "quay.io/brancz/kube-rbac-proxy:v0.23.0" }, { name: "manager", image: `${mirror}/backube/snapscheduler:3.5.0` }])]);
        assert.equal(findings.length, 1);
        assert.match(findings[0].message, /container "proxy" pulls quay\.io\/brancz\/kube-rbac-proxy:v0\.23\.0 from quay\.io, but this site is air-gapped \(registryMirror registry\.corp\.example:5000\/mirror\)/);
        assert.match(findings[0].fix, /registry\.corp\.example:5000\/mirror\/brancz\/kube-rbac-proxy:v0\.23\.0/);
    });
});

describe("image sources of the committed stacks", () => {
    let stacks: Record<string, RenderedStack>;
    before(async () => {
        stacks = await renderStacks(["dev", "prod", "onprem"]);
    });

    /** The first-pull findings (refused by Amazon ECR) of a stack's resources. */
    function firstPulls(name: string, resources: readonly RecordedResource[]) {
        const stack = new PreflightStack(resources, stackConfig(name));
        return imageSourceFindings(stack, allPods(stack)).filter((f) => f.refusedBy === "Amazon ECR");
    }

    /** The stack without the mongod image in the warm-up Job, which then warms everything else the data nodes run. */
    function withoutMongodWarmup(resources: readonly RecordedResource[]): RecordedResource[] {
        return editInputs(resources, (r) => r.type === "kubernetes:batch/v1:Job" && r.urn.includes("secure-platform:aws:ImageWarmup$"), (inputs) => {
            const containers = inputs.spec.template.spec.containers as Plain[];
            inputs.spec.template.spec.containers = containers.filter((c) => !String(c.image).includes("/percona/percona-server-mongodb:"));
            assert.equal(inputs.spec.template.spec.containers.length, containers.length - 1, "the warm-up pulls the mongod image once");
        });
    }

    for (const name of ["dev", "prod"]) {
        it(`finds no first pull on ${name}'s isolated data nodes, whose images the warm-up Job pulls from the app nodes first`, () => {
            assert.ok(stacks[name].resources.some((r) => r.type === "aws:ecr/pullThroughCacheRule:PullThroughCacheRule"), "the stack caches its images");
            assert.deepEqual(firstPulls(name, stacks[name].resources).map((f) => f.message), []);
        });

        it(`finds mongod making the first pull on ${name}'s data nodes once the warm-up Job no longer pulls its image`, () => {
            const findings = firstPulls(name, withoutMongodWarmup(stacks[name].resources));
            assert.equal(findings.length, 1, findings.map((f) => f.message).join("\n"));
            assert.match(findings[0].urn, /PerconaServerMongoDB::mongodb-cluster$/);
            assert.match(findings[0].message, /^StatefulSet data\/mongodb-rs0 .*: on node group nodes-data \(subnets network-data-a(, network-data-[b-z])*, no route to a NAT or internet gateway\) container "mongod" \(\d{12}\.dkr\.ecr\.eu-west-1\.amazonaws\.com\/docker-hub\/percona\/percona-server-mongodb:[^)]+\) may make the first pull of its image through pull-through cache rule image-cache-docker-hub \(prefix docker-hub\/\): no pod that lands only on node groups with a NAT route pulls the same image\./);
            assert.match(findings[0].fix, /before anything on nodes-data needs it \(infra\/aws\/image-warmup\.ts ImageWarmup/);
        });
    }

    it("finds the data nodes' first pulls on dev once KubernetesPlatform no longer depends on the warm-up", () => {
        const resources = stacks.dev.resources.map((r) => (r.type === "secure-platform:k8s:KubernetesPlatform" ? { ...r, dependencies: r.dependencies.filter((d) => !d.includes("secure-platform:aws:ImageWarmup")) } : r));
        assert.notDeepEqual(resources, stacks.dev.resources, "KubernetesPlatform depended on the warm-up");
        const findings = firstPulls("dev", resources);
        const mongod = findings.find((f) => f.message.startsWith("StatefulSet data/mongodb-rs0"));
        assert.ok(mongod, findings.map((f) => f.message).join("\n"));
        assert.match(mongod.message, /on node group nodes-data .*"mongod" \([^)]*\/docker-hub\/percona\/percona-server-mongodb:[^)]+\).*Job image-warmup\/image-warmup-job pulls the same image on nodes-app, but PerconaServerMongoDB mongodb-cluster does not depend on Job image-warmup-job/);
        assert.ok(findings.some((f) => f.message.startsWith("DaemonSet istio-cni/istio-cni-node") && f.message.includes("which is a race, not an order")), "istio-cni's pulls race on both tiers");
    });

    it("finds MongoDB on dev's isolated data nodes once its image comes from Docker Hub", () => {
        const resources = editInputs(stacks.dev.resources, (r) => r.type === "kubernetes:psmdb.percona.com/v1:PerconaServerMongoDB", (inputs) => {
            inputs.spec.image = "docker.io/percona/percona-server-mongodb:8.0.12-4";
        });
        const stack = new PreflightStack(resources, stackConfig("dev"));
        const findings = imageSourceFindings(stack, allPods(stack)).filter((f) => f.message.includes("percona-server-mongodb:8.0.12-4"));
        assert.ok(findings.length >= 1, imageSourceFindings(stack, allPods(stack)).map((f) => f.message).join("\n"));
        assert.match(findings[0].message, /on node group nodes-data \(subnets network-data-a, network-data-b\) container "mongod" \(docker\.io\/percona\/percona-server-mongodb:8\.0\.12-4\) cannot be pulled: docker\.io is outside AWS, and route table network-data-rt has no route to an internet or NAT gateway/);
    });

    it("finds an on-prem image outside the registry mirror", () => {
        const resources = editInputs(stacks.onprem.resources, (r) => r.type === "kubernetes:psmdb.percona.com/v1:PerconaServerMongoDB", (inputs) => {
            inputs.spec.image = "docker.io/percona/percona-server-mongodb:8.0.12-4";
        });
        const stack = new PreflightStack(resources, stackConfig("onprem"));
        const findings = imageSourceFindings(stack, allPods(stack)).filter((f) => f.message.includes("docker.io/percona/percona-server-mongodb"));
        assert.equal(findings.length, 1);
        assert.match(findings[0].message, /air-gapped \(registryMirror registry\.corp\.example:5000\/mirror\)/);
    });
});
