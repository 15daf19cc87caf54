/**
 * A prod update that renews certificates and rotates the keystore is an update of the protected Secrets, not a
 * replacement Pulumi would refuse. Each prod stack (AWS `prod`, `onprem`) is rendered twice in its own process: as
 * committed, and with every keystore generation raised and every certificate issued anew (the mocks answer the
 * same for the same resource, so the second render makes the tls and random resources' outputs new, as their
 * providers do when they create them again), and every tenant's key rotated (`keyGeneration` raised: a version
 * added, none replaced). Between the two, every protected resource must keep its URN, and any
 * whose inputs change must be a Kubernetes Secret whose change only the provider's `enableSecretMutable` keeps
 * from being a replacement: a change of `data` or `stringData` only, through a provider that sets it, with nothing
 * (`immutable`, `replaceOnChanges`, `deleteBeforeReplace`, `replacementTrigger`) forcing one anyway.
 *
 * What this cannot show: the diff itself. There is no previous state offline, so the provider's decision is
 * modelled from its source (pulumi-kubernetes provider/pkg/provider/diff.go `forceNewProperties`: with the option
 * set, a Secret is replaced only for `.type`, `.metadata.name` or `.metadata.namespace`, or when it is `immutable`),
 * and whether the tls provider renews a certificate on a given day is its own business (`earlyRenewalHours`).
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { parse as parseYaml } from "yaml";
import type { RecordedResource } from "../../engine/program";
import { renderStackInChild } from "../harness/child-render";
import { ROOT } from "../harness/cli";
import { plain } from "../harness/resources";

const SECRET = "kubernetes:core/v1:Secret";
const NAMESPACE = "kubernetes:core/v1:Namespace";
const PROVIDER = "pulumi:providers:kubernetes";
/** Fields of a Secret whose change the provider turns into an update when `enableSecretMutable` is set. */
const MUTABLE_SECRET_FIELDS = ["data", "stringData"];
/** The stack file's tenants, each with its key rotated once more. */
function rotatedTenants(stack: string): string {
    const file = parseYaml(readFileSync(join(ROOT, "stacks", `Pulumi.${stack}.yaml`), "utf8")) as { config: Record<string, Array<Record<string, unknown>>> };
    return JSON.stringify(file.config["secure-platform:tenants"].map((tenant) => ({ ...tenant, keyGeneration: Number(tenant.keyGeneration ?? 1) + 1 })));
}
const ROTATED = {
    config: { "secure-platform:keystore": JSON.stringify({ rootKey: 2, jwtSigningKey: 2, hashSalt: 2 }) },
    reissued: [
        "tls:index/locallySignedCert:LocallySignedCert",
        "tls:index/selfSignedCert:SelfSignedCert",
        "keystore-root-key",
        "keystore-hash-salt",
        "keystore-jwt-signing-key",
    ],
};
const STACKS = ["prod", "onprem"] as const;

const renders = new Map<string, { committed: RecordedResource[]; rotated: RecordedResource[] }>();

before(async () => {
    // Two at a time: the machines running the tests have two cores.
    for (const stack of STACKS) {
        const scenario = { ...ROTATED, config: { ...ROTATED.config, "secure-platform:tenants": rotatedTenants(stack) } };
        const [committed, rotated] = await Promise.all([renderStackInChild(stack), renderStackInChild(stack, scenario)]);
        renders.set(stack, { committed, rotated });
    }
});

/** Top-level input fields whose values differ between two renders of a resource. */
function changedFields(before: RecordedResource, after: RecordedResource): string[] {
    const fields = new Set([...Object.keys(before.inputs), ...Object.keys(after.inputs)]);
    return [...fields].filter((field) => JSON.stringify(before.inputs[field]) !== JSON.stringify(after.inputs[field])).sort();
}

function providerOf(resource: RecordedResource, resources: readonly RecordedResource[]): RecordedResource | undefined {
    return resources.find((r) => r.type === PROVIDER && resource.provider?.startsWith(`${r.urn}::`));
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const name = (r: RecordedResource): string => (plain(r.inputs) as any).metadata?.name;

for (const stack of STACKS) {
    describe(`stack ${stack}: renewing certificates and rotating the keystore`, () => {
        const committed = () => renders.get(stack)!.committed;
        const rotated = () => renders.get(stack)!.rotated;
        const protectedIn = (resources: readonly RecordedResource[]) => resources.filter((r) => r.protect);

        it("keeps every Kubernetes provider with Secret data updated in place and a stable clusterIdentifier, unchanged between the renders", () => {
            const providers = rotated().filter((r) => r.type === PROVIDER);
            assert.ok(providers.length > 0);
            for (const provider of providers) {
                assert.equal(provider.inputs.enableSecretMutable, "true", `${provider.urn} would replace a Secret whose data changes`);
                assert.equal(typeof provider.inputs.clusterIdentifier, "string", `${provider.urn} has no clusterIdentifier`);
                const before = committed().find((r) => r.urn === provider.urn);
                assert.ok(before, `${provider.urn} is new in the second render`);
                assert.deepEqual(changedFields(before, provider), [], `${provider.urn}'s configuration changed, which could replace it and every resource`);
            }
        });

        it("keeps every protected resource under the same URN, adding only the tenant keys' new versions", () => {
            const urns = (resources: readonly RecordedResource[]) => protectedIn(resources).map((r) => r.urn).sort();
            assert.ok(urns(committed()).length > 0);
            const added = urns(rotated()).filter((urn) => !urns(committed()).includes(urn));
            assert.deepEqual(urns(rotated()).filter((urn) => !added.includes(urn)), urns(committed()));
            assert.ok(added.length > 0 && added.every((urn) => /random:index\/randomBytes:RandomBytes::tenant-[a-z0-9-]+-key-v[2-9]$/.test(urn)), added.join(", "));
        });

        it("changes a protected resource only where its provider updates it in place: a Secret's data, through a provider with enableSecretMutable", () => {
            const changed: string[] = [];
            for (const after of protectedIn(rotated())) {
                const before = committed().find((r) => r.urn === after.urn);
                if (!before) {
                    continue; // A new version of a tenant's key, created, not changed (see above).
                }
                const fields = changedFields(before, after);
                if (fields.length === 0) {
                    continue;
                }
                changed.push(name(after));
                assert.equal(after.type, SECRET, `${after.urn} changed (${fields.join(", ")}) and is not a Secret: its provider may replace it`);
                assert.deepEqual(fields.filter((f) => !MUTABLE_SECRET_FIELDS.includes(f)), [], `${after.urn} changed ${fields.join(", ")}`);
                assert.notEqual(plain(after.inputs).immutable, true, `${after.urn} is immutable: its data cannot change in place`);
                assert.equal(providerOf(after, rotated())?.inputs.enableSecretMutable, "true", `${after.urn}'s provider would replace it`);
            }
            // The scenario did change the certificates and keys the protected Secrets hold.
            const tenantKeys = protectedIn(rotated()).filter((r) => r.type === SECRET && name(r).startsWith("tenant-key-")).map(name);
            assert.ok(tenantKeys.length >= 2, "the stack's tenants have protected keys");
            for (const secret of ["platform-keystore", "mongodb-ssl", "mongodb-ssl-internal", "mongodb-credentials", ...tenantKeys]) {
                assert.ok(changed.includes(secret), `${secret} did not change: ${changed.join(", ")}`);
            }
        });

        it("sets no option on a protected resource that forces a replacement", () => {
            for (const resource of protectedIn(rotated())) {
                assert.equal(resource.replacementTrigger, undefined, `${resource.urn} has a replacementTrigger`);
                assert.deepEqual(resource.replaceOnChanges ?? [], [], `${resource.urn} has replaceOnChanges`);
                assert.notEqual(resource.deleteBeforeReplace, true, `${resource.urn} is deleteBeforeReplace`);
            }
        });

        it("protects the namespaces that hold the database and the keystore", () => {
            const namespaces = rotated().filter((r) => r.type === NAMESPACE && ["data", "platform"].includes(name(r)));
            assert.equal(namespaces.length, 2);
            for (const namespace of namespaces) {
                assert.equal(namespace.protect, true, `namespace ${name(namespace)} is not protected`);
            }
        });
    });
}
