import assert from "node:assert/strict";
import * as crypto from "node:crypto";
import { before, describe, it } from "node:test";
import * as k8s from "@pulumi/kubernetes";
import {
    ADMISSION_NAMESPACE, controllerImageValues, DIGEST_POLICY, digestPolicyBindingSpec, digestPolicySpec, ImageVerification, PINNED_IMAGES_POLICY, policyControllerQuota, policyControllerValues, signedImagesPolicySpec,
    POLICY_CONTROLLER_RESOURCES, registryPorts, SIGNED_IMAGES_POLICY, thirdPartyGlobs, thirdPartyImages, VERIFICATION_OPT_IN_LABEL,
} from "../../../../infra/k8s/admission/image-verification";
import { RESTRICTED_CONTAINER_SECURITY_CONTEXT } from "../../../../infra/k8s/pod-security";
import { POLICY_CONTROLLER } from "../../../../infra/versions";
import { customResourcesCheck } from "../../../../engine/preflight/custom-resources";
import { helmValuesCheck } from "../../../../engine/preflight/helm-values";
import { allPods } from "../../../../engine/preflight/pods";
import { PreflightStack } from "../../../../engine/preflight/stack";
import { RecordedResource, renderComponents } from "../../../../engine/program";
import { globMatches } from "../../../../policies/lib/image-policy-globs";
import { named, ofType, plain } from "../../../harness/resources";

const PEM = crypto.generateKeyPairSync("ec", { namedCurve: "P-256" }).publicKey.export({ type: "spki", format: "pem" }).toString().trim();
const MIRROR = { registryMirror: "registry.corp.example:5000/mirror" };
const ECR = { registryMirrors: { "docker.io": "111122223333.dkr.ecr.eu-west-1.amazonaws.com/docker-hub", "quay.io": "111122223333.dkr.ecr.eu-west-1.amazonaws.com/quay", "ghcr.io": "111122223333.dkr.ecr.eu-west-1.amazonaws.com/github" } };
const RELEASE = "kubernetes:helm.sh/v3:Release";
const CIP = "kubernetes:policy.sigstore.dev/v1beta1:ClusterImagePolicy";
const BINDING = "kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicyBinding";

let prod: readonly RecordedResource[];
const DEV_SETTINGS = { mode: "warn" as const, images: ["111122223333.dkr.ecr.eu-west-1.amazonaws.com/platform/**"], keyless: { issuer: "https://token.actions.githubusercontent.com", subjectRegExp: "^https://github.com/example-org/" } };

before(async () => {
    ({ resources: prod } = await renderComponents(() => {
        const provider = new k8s.Provider("cluster", { kubeconfig: "{}" });
        new ImageVerification("image-verification", {
            kubernetesVersion: "1.35",
            settings: { mode: "enforce", images: ["registry.corp.example:5000/platform/**"], key: PEM },
            namespaces: ["platform", "data", "tenant-acme"],
            replicas: 2,
            sources: MIRROR,
        }, { provider });
    }));
});

const release = (resources: readonly RecordedResource[]) => plain(ofType(resources, RELEASE)[0].inputs);
const policy = (resources: readonly RecordedResource[], name: string) => plain(ofType(resources, CIP).find((r) => plain(r.inputs).metadata.name === name)?.inputs);

describe("ImageVerification", () => {
    it("installs the pinned policy-controller chart with the controller image pinned by the chart's digest, from the mirror", () => {
        const values = release(prod);
        assert.equal(values.chart, "policy-controller");
        assert.equal(values.version, POLICY_CONTROLLER.chartVersion);
        assert.equal(values.namespace, ADMISSION_NAMESPACE);
        assert.deepEqual(values.values.webhook.image, { repository: "registry.corp.example:5000/mirror/sigstore/policy-controller/policy-controller", version: POLICY_CONTROLLER.image.split("@")[1] });
        assert.deepEqual(controllerImageValues(ECR).repository, "111122223333.dkr.ecr.eu-west-1.amazonaws.com/github/sigstore/policy-controller/policy-controller");
        assert.equal(values.disableWebhooks, true, "the post-delete hook with its unpinned cgr.dev image never runs");
    });

    it("fails closed, runs PSS-restricted, highly available with a PDB in prod and alone without one in dev", () => {
        const webhook = release(prod).values.webhook;
        assert.equal(webhook.failurePolicy, "Fail");
        assert.equal(webhook.replicaCount, 2);
        assert.deepEqual(webhook.podDisruptionBudget, { enabled: true, minAvailable: 1 });
        assert.deepEqual(webhook.podSecurityContext, { enabled: true, ...RESTRICTED_CONTAINER_SECURITY_CONTEXT, runAsUser: 65532 });
        assert.equal(webhook.securityContext.runAsNonRoot, true);
        assert.deepEqual(webhook.securityContext.seccompProfile, { type: "RuntimeDefault" });
        assert.deepEqual(webhook.resources, POLICY_CONTROLLER_RESOURCES);
        assert.deepEqual(webhook.configData, { "no-match-policy": "deny" });
        const devWebhook = policyControllerValues(1, "warn", ECR).webhook as Record<string, any>;
        assert.equal(devWebhook.replicaCount, 1);
        assert.equal(devWebhook.podDisruptionBudget.enabled, false);
        assert.deepEqual(devWebhook.configData, { "no-match-policy": "warn" });
    });

    it("keeps the controller out of the mesh, reachable only on its webhook port, sized to its quota", () => {
        const namespace = plain(ofType(prod, "kubernetes:core/v1:Namespace")[0].inputs);
        assert.equal(namespace.metadata.name, ADMISSION_NAMESPACE);
        assert.equal(namespace.metadata.labels["istio-injection"], undefined);
        assert.equal(namespace.metadata.labels[VERIFICATION_OPT_IN_LABEL], undefined, "the controller's own namespace is never judged by itself");
        const webhook = plain(named(prod, `${ADMISSION_NAMESPACE}-allow-webhook`).inputs);
        assert.deepEqual(webhook.spec.ingress, [{ ports: [{ protocol: "TCP", port: 8443 }] }]);
        assert.deepEqual(webhook.spec.podSelector, { matchLabels: { "control-plane": "policy-controller-webhook" } });
        assert.deepEqual(registryPorts(MIRROR), [443, 5000]);
        assert.deepEqual(registryPorts(ECR), [443]);
        const quota = plain(named(prod, `${ADMISSION_NAMESPACE}-quota`).inputs).spec.hard;
        assert.equal(quota.pods, String(policyControllerQuota(2).pods));
        assert.equal(quota["limits.memory"], policyControllerQuota(2).memory);
    });

    it("verifies the platform's images by the stack's key, and admits the third-party images it runs only by digest", () => {
        assert.deepEqual(policy(prod, SIGNED_IMAGES_POLICY).spec, { mode: "enforce", images: [{ glob: "registry.corp.example:5000/platform/**" }], authorities: [{ name: "key", key: { data: PEM, hashAlgorithm: "sha256" } }] });
        assert.deepEqual(signedImagesPolicySpec(DEV_SETTINGS).authorities, [{ name: "keyless", keyless: { identities: [{ issuer: "https://token.actions.githubusercontent.com", subjectRegExp: "^https://github.com/example-org/" }] } }]);
        const kmsKey = { uri: "awskms:///arn:aws:kms:eu-west-1:111122223333:key/0f3c2b1a-7d4e-4c6b-9a8f-2e1d3c4b5a69", arn: "arn:aws:kms:eu-west-1:111122223333:key/0f3c2b1a-7d4e-4c6b-9a8f-2e1d3c4b5a69" };
        assert.deepEqual(signedImagesPolicySpec({ mode: "enforce", images: DEV_SETTINGS.images, kmsKey }).authorities, [{ name: "kms", key: { kms: kmsKey.uri, hashAlgorithm: "sha256" } }]);
        const pinned = policy(prod, PINNED_IMAGES_POLICY).spec;
        assert.deepEqual(pinned.authorities, [{ name: "digest-pinned", static: { action: "pass" } }]);
        const globs: string[] = pinned.images.map((i: { glob: string }) => i.glob);
        for (const image of thirdPartyImages(MIRROR)) {
            assert.ok(globs.some((glob) => globMatches(glob, `${image}@sha256:${"a".repeat(64)}`)), `${image} resolved to a digest is covered`);
        }
        assert.ok(!globs.some((glob) => globMatches(glob, "registry.corp.example:5000/mirror/istio/proxyv2-debug/x:1")), "no other repository is covered");
        assert.ok(thirdPartyGlobs({}).includes("index.docker.io/istio/proxyv2:*"), "Docker Hub images are matched as index.docker.io");
    });

    it("refuses tag-only pods in the verified namespaces by name, denying in prod and warning in dev", () => {
        const binding = plain(ofType(prod, BINDING)[0].inputs).spec;
        assert.deepEqual(binding.validationActions, ["Deny"]);
        assert.deepEqual(binding.matchResources.namespaceSelector, { matchExpressions: [{ key: "kubernetes.io/metadata.name", operator: "In", values: ["data", "platform", "tenant-acme"] }] });
        assert.deepEqual(digestPolicyBindingSpec(["platform"], "warn").validationActions, ["Warn", "Audit"]);
        const spec = digestPolicySpec();
        assert.equal(spec.failurePolicy, "Fail");
        assert.match(String((spec.validations as { expression: string }[])[0].expression), /object\.spec\.containers\.all\(c, c\.image\.matches\('@sha256:\[0-9a-f\]\{64\}\$'\)\)/);
        assert.equal(plain(ofType(prod, BINDING)[0].inputs).spec.policyName, DIGEST_POLICY);
    });

    it("renders what the API server and Helm accept: ClusterImagePolicies against the pinned CRD, values the chart reads, a restricted pod", () => {
        const stack = new PreflightStack(prod);
        assert.equal(stack.kubernetesObjects.filter((o) => o.kind === "ClusterImagePolicy").length, 2);
        assert.deepEqual(customResourcesCheck.run(stack).map((f) => f.message), []);
        assert.deepEqual(helmValuesCheck.run(stack).map((f) => f.message), []);
        const pods = allPods(stack);
        assert.equal(pods.length, 1);
        assert.equal(pods[0].replicas, 2);
        assert.equal(pods[0].template.spec.containers[0].image, `${controllerImageValues(MIRROR).repository}@${POLICY_CONTROLLER.image.split("@")[1]}`);
        assert.equal(pods[0].template.spec.containers[0].securityContext.runAsNonRoot, true);
    });

    it("refuses to verify no namespace", () => {
        assert.throws(() => new ImageVerification("bad", { kubernetesVersion: "1.35", namespaces: [], replicas: 1 }), /namespaces must name at least one namespace/);
    });
});
