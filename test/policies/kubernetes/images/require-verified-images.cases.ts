import { ruleCases, unknown } from "../../../harness/policy-cases";
import { compliantPodSpec, container, DIGEST, workload } from "../workloads/workload-fixtures";
import { clusterImagePolicy, labelledNamespace, OWN_IMAGES } from "./image-verification-fixtures";

const RULE = "require-verified-images";
const running = (image: unknown) => compliantPodSpec({ containers: [container("app", { image })] });
const platform = labelledNamespace("platform");
const signed = clusterImagePolicy("platform-images-signed", [OWN_IMAGES]);
const thirdParty = clusterImagePolicy("third-party-images-pinned", ["index.docker.io/istio/proxyv2:*", "index.docker.io/istio/proxyv2@sha256:*"], { name: "digest-pinned", static: { action: "pass" } });

export default ruleCases(RULE, {
    compliant: [
        { name: "an image of the platform's own under the signed glob, by tag", resources: [platform, signed, workload("Deployment", "api", running("111122223333.dkr.ecr.eu-west-1.amazonaws.com/platform/api:1.4.2"), "platform")] },
        { name: "any image pinned by digest, with no ClusterImagePolicy at all", resources: [platform, workload("StatefulSet", "cache", running(`docker.io/library/redis:7.4@${DIGEST}`), "platform")] },
        { name: "a Docker Hub image written short, covered by an index.docker.io glob", resources: [platform, thirdParty, workload("Deployment", "proxy", running("istio/proxyv2:1.29.0"), "platform")] },
        { name: "a tagged image in a namespace that is not verified", resources: [platform, labelledNamespace("tools", {}), workload("Deployment", "debug", running("busybox:1.36"), "tools")] },
        { name: "a stack without verified namespaces", resources: [workload("Deployment", "web", running("nginx:1.27.3"))] },
        { name: "a namespace the team lists as verified, with its images pinned", resources: [workload("Job", "migrate", running(`registry.example.com/jobs/migrate@${DIGEST}`), "batch")], config: { [RULE]: { verifiedNamespaces: ["batch"] } } },
    ],
    violating: [
        {
            name: "a tag-only third-party image in the platform namespace",
            resources: [platform, signed, workload("Deployment", "web", running("nginx:1.27.3"), "platform")],
            message: /Deployment platform\/web: container app uses nginx:1\.27\.3, which is neither pinned by digest nor covered by a ClusterImagePolicy \(globs: 111122223333\.dkr\.ecr\.eu-west-1\.amazonaws\.com\/platform\/\*\*\)/,
        },
        {
            name: "an image of another repository of the same registry: * stops at /",
            resources: [platform, thirdParty, workload("Deployment", "proxy", running("docker.io/istio/proxyv2-debug/x:1.0"), "platform")],
            message: /uses docker\.io\/istio\/proxyv2-debug\/x:1\.0, which is neither pinned by digest nor covered/,
        },
        {
            name: "a tagged image where the stack declares no ClusterImagePolicy",
            resources: [platform, workload("CronJob", "report", running("111122223333.dkr.ecr.eu-west-1.amazonaws.com/platform/report:2.0.0"), "platform")],
            message: /CronJob platform\/report: container app uses .*report:2\.0\.0, which is neither pinned by digest nor covered by a ClusterImagePolicy \(the stack declares none\)/,
        },
        {
            name: "an untagged image under a glob of tags only (it is :latest)",
            resources: [platform, clusterImagePolicy("tags", ["registry.example.com/platform/api:v*"]), workload("Deployment", "api", running("registry.example.com/platform/api"), "platform")],
            message: /uses registry\.example\.com\/platform\/api, which is neither pinned/,
        },
        {
            name: "an init container with a tag in a tenant namespace",
            resources: [labelledNamespace("tenant-acme"), signed, workload("Job", "seed", compliantPodSpec({ initContainers: [container("wait", { image: "busybox:1.36" })] }), "tenant-acme")],
            message: /Job tenant-acme\/seed: init container wait uses busybox:1\.36/,
        },
        {
            name: "a digest that is not sha256",
            resources: [platform, workload("Deployment", "api", running("registry.example.com/api@md5:abc"), "platform")],
            message: /uses registry\.example\.com\/api@md5:abc, which is neither pinned/,
        },
    ],
    unknown: [
        { name: "an image not known yet", resources: [platform, signed, workload("Deployment", "api", running(unknown), "platform")] },
    ],
});
