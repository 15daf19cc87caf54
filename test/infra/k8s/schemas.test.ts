/**
 * Every Kubernetes object the program creates validates against the Kubernetes and Istio OpenAPI
 * schemas (kubernetes-models, @kubernetes-models/istio): a misspelt field or a wrong type fails here
 * instead of at `pulumi up`. Runs on the prod stack, which has every kind of object.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { ROOT } from "../../harness/cli";
import { CheckResult, runCheck } from "../../../engine/engine";
import type { RecordedResource } from "../../../engine/program";
import { plain } from "../../harness/resources";

/** Resources that are not API objects (charts, providers) or have no schema of their own. */
const NOT_OBJECTS = ["kubernetes:helm.sh/v3:Release", "pulumi:providers:kubernetes"];
/**
 * Custom resources with no published model package (the CSI snapshotter's and the Percona operator's
 * CRDs); their specs are tested field by field in test/infra/aws/ebs-storage.test.ts and
 * test/infra/k8s/mongodb/percona-mongodb.test.ts.
 */
const NO_PUBLISHED_SCHEMA = ["kubernetes:snapshot.storage.k8s.io/v1:VolumeSnapshotClass", "kubernetes:psmdb.percona.com/v1:PerconaServerMongoDB"];

let result: CheckResult;
let objects: RecordedResource[];

before(async () => {
    result = await runCheck({ root: ROOT, stack: "prod" });
    objects = result.resources.filter((r) => r.custom && r.type.startsWith("kubernetes:") && !NOT_OBJECTS.includes(r.type) && !NO_PUBLISHED_SCHEMA.includes(r.type));
});

/** The schema module of a Pulumi type token: `kubernetes:networking.k8s.io/v1:NetworkPolicy`. */
function modelModule(type: string): { module: string; kind: string; apiVersion: string } {
    const [, groupVersion, pulumiKind] = type.split(":");
    const [group, version] = groupVersion.split("/");
    // Patch resources carry a partial object of the same kind.
    const kind = pulumiKind.replace(/Patch$/, "");
    const apiVersion = group === "core" ? version : `${group}/${version}`;
    const module = group.endsWith(".istio.io")
        ? `@kubernetes-models/istio/${group}/${version}`
        : `kubernetes-models/${group === "core" ? "" : `${group}/`}${version}`;
    return { module, kind, apiVersion };
}

/** API groups of custom resources that only their pinned CRDs describe (Sigstore's policy-controller). */
const CRD_ONLY_GROUPS = ["policy.sigstore.dev"];

describe("Kubernetes objects of the prod stack", () => {
    it("include every kind the baseline and the mesh promise", () => {
        const kinds = new Set(objects.map((r) => r.type.split(":")[2]));
        for (const kind of ["Namespace", "NetworkPolicy", "ResourceQuota", "LimitRange", "ServiceAccountPatch", "Role", "RoleBinding", "Secret", "PeerAuthentication", "AuthorizationPolicy", "Gateway", "StorageClass", "ServiceAccount", "ServiceEntry"]) {
            assert.ok(kinds.has(kind), `${kind} is rendered`);
        }
    });

    it("validate against the Kubernetes and Istio schemas", async () => {
        const failures: string[] = [];
        for (const resource of objects) {
            // kubernetes-models has no schema for these groups; preflight validates them against their pinned CRDs
            // (test/engine/preflight/custom-resources.test.ts).
            if (CRD_ONLY_GROUPS.some((group) => resource.type.startsWith(`kubernetes:${group}/`))) {
                continue;
            }
            const { module, kind, apiVersion } = modelModule(resource.type);
            // The schema packages are ES modules; the path comes from the type token.
            const models = (await import(module)) as Record<string, new (data: unknown) => { validate(): void }>;
            const Model = models[kind];
            assert.ok(Model, `${module} has a ${kind} schema (${resource.type})`);
            const object = { ...(plain(resource.inputs) as Record<string, unknown>), apiVersion, kind };
            try {
                new Model(object).validate();
            } catch (error) {
                failures.push(`${resource.urn}: ${(error as Error).message}`);
            }
        }
        assert.deepEqual(failures, []);
    });

    it("reject an object with a misspelt field value, so the check above can fail", async () => {
        const { PeerAuthentication } = (await import("@kubernetes-models/istio/security.istio.io/v1" as string)) as Record<string, new (data: unknown) => { validate(): void }>;
        assert.throws(() => new PeerAuthentication({ apiVersion: "security.istio.io/v1", kind: "PeerAuthentication", metadata: { name: "default" }, spec: { mtls: { mode: "STRICTLY" } } }).validate(), /mode/);
    });
});
