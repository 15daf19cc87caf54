import assert from "node:assert/strict";
import { createCipheriv } from "node:crypto";
import { before, describe, it } from "node:test";
import * as pulumi from "@pulumi/pulumi";
import {
    deriveTenantKek, rootKeySealer, TENANT_KEY_BYTES, TENANT_KEY_ENCRYPTION_ANNOTATION, TENANT_KEY_LABEL, createTenantKey, tenantKeySecretName,
    unwrapTenantKey, validateTenantKeyArgs, wrapTenantKey,
} from "../../../infra/secrets/tenant-keys";
import { MAX_TENANT_KEY_GENERATION } from "../../../infra/settings/tenants";
import { isSecretValue } from "../../../engine/wire";
import { RecordedResource, renderComponents } from "../../../engine/program";
import { descendantsOf, named, ofType, plain } from "../../harness/resources";

const ROOT_KEY = Buffer.from(Array.from({ length: 64 }, (_, i) => (i * 37 + 11) % 256));
const KEY = Buffer.from(Array.from({ length: 64 }, (_, i) => (i * 53 + 5) % 256));

describe("AES key wrap of tenant keys", () => {
    it("is node's id-aes256-wrap as RFC 3394 specifies it (section 4.6: 256 bits of key data, 256-bit KEK)", () => {
        const kek = Buffer.from("000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F", "hex");
        const data = Buffer.from("00112233445566778899AABBCCDDEEFF000102030405060708090A0B0C0D0E0F", "hex");
        const cipher = createCipheriv("id-aes256-wrap", kek, Buffer.from("A6A6A6A6A6A6A6A6", "hex"));
        assert.equal(Buffer.concat([cipher.update(data), cipher.final()]).toString("hex").toUpperCase(), "28C9F404C4B810F4CBCCB35CFB87F8263F5786E2D80ED326CBC7F0E71A99F43BFB988B9B7A02DD21");
    });

    it("wraps a 64-byte key into 72 bytes, the same on every run, and unwraps it back", () => {
        const wrapped = wrapTenantKey(ROOT_KEY, "acme", 1, KEY);
        assert.equal(wrapped.length, TENANT_KEY_BYTES + 8);
        assert.ok(wrapTenantKey(ROOT_KEY, "acme", 1, KEY).equals(wrapped), "deterministic: no diff on every pulumi up");
        assert.ok(unwrapTenantKey(ROOT_KEY, "acme", 1, wrapped).equals(KEY));
        assert.ok(!wrapped.includes(KEY.subarray(0, 16)), "no part of the key shows in the ciphertext");
    });

    it("derives a different 256-bit KEK per tenant and version, so a ciphertext opens only for its own", () => {
        const keks = [deriveTenantKek(ROOT_KEY, "acme", 1), deriveTenantKek(ROOT_KEY, "acme", 2), deriveTenantKek(ROOT_KEY, "globex", 1)];
        assert.ok(keks.every((k) => k.length === 32));
        assert.equal(new Set(keks.map((k) => k.toString("hex"))).size, 3);
        const wrapped = wrapTenantKey(ROOT_KEY, "acme", 1, KEY);
        assert.throws(() => unwrapTenantKey(ROOT_KEY, "globex", 1, wrapped));
        assert.throws(() => unwrapTenantKey(ROOT_KEY, "acme", 2, wrapped));
        const otherRoot = Buffer.from(ROOT_KEY.map((b) => b ^ 1));
        assert.throws(() => unwrapTenantKey(otherRoot, "acme", 1, wrapped));
    });

    it("refuses a root key too short for a 256-bit KEK and a key AES key wrap cannot take", () => {
        assert.throws(() => deriveTenantKek(Buffer.alloc(16), "acme", 1), /the root key has 16 bytes; at least 32 are needed/);
        assert.throws(() => wrapTenantKey(ROOT_KEY, "acme", 1, Buffer.alloc(60)), /multiples of 8, got 60/);
    });
});

describe("createTenantKey", () => {
    let resources: readonly RecordedResource[];
    const versions: Record<number, string> = {};
    const versionsSecret: boolean[] = [];

    before(async () => {
        const rendered = await renderComponents(async () => {
            // The tenant the key belongs to; the key declares its resources under it.
            const tenant = new pulumi.ComponentResource("test:index:Tenant", "tenant-acme", {});
            const key = createTenantKey("tenant-acme-key", {
                tenant: "acme", generation: 3, namespace: "platform", sealer: rootKeySealer(pulumi.secret(ROOT_KEY.toString("base64"))),
            }, { parent: tenant });
            for (const [generation, value] of key.versions) {
                versionsSecret.push(await pulumi.isSecret(value));
                versions[generation] = await new Promise<string>((resolve) => value.apply(resolve));
            }
        });
        resources = descendantsOf(rendered.resources, named(rendered.resources, "tenant-acme"));
    });

    it("makes one 64-byte RandomBytes per version, 1 to the current one, each its own resource", () => {
        const bytes = ofType(resources, "random:index/randomBytes:RandomBytes");
        assert.deepEqual(bytes.map((b) => b.name).sort(), ["tenant-acme-key-v1", "tenant-acme-key-v2", "tenant-acme-key-v3"]);
        assert.ok(bytes.every((b) => plain(b.inputs).length === TENANT_KEY_BYTES));
        assert.equal(new Set(Object.values(versions)).size, 3, "each version a different key");
        assert.ok(versionsSecret.length === 3 && versionsSecret.every(Boolean), "the plaintext exists only as secret outputs");
    });

    it("stores every version wrapped, never the plaintext, with the current version, labelled and annotated", () => {
        const [secret] = ofType(resources, "kubernetes:core/v1:Secret");
        const { metadata, stringData } = plain(secret.inputs);
        assert.deepEqual(metadata, {
            name: tenantKeySecretName("acme"), namespace: "platform",
            labels: { [TENANT_KEY_LABEL]: "acme" }, annotations: { [TENANT_KEY_ENCRYPTION_ANNOTATION]: "aes256-wrap" },
        });
        assert.equal(stringData.current, "3");
        for (const generation of [1, 2, 3]) {
            const stored = Buffer.from(stringData[`v${generation}`], "base64");
            const key = Buffer.from(versions[generation], "base64");
            assert.equal(stored.length, 72);
            assert.ok(!stored.equals(key) && !JSON.stringify(secret.inputs).includes(versions[generation]), `v${generation} stored in plaintext`);
            assert.ok(unwrapTenantKey(ROOT_KEY, "acme", generation, stored).equals(key), `v${generation} unwraps to its key`);
        }
        assert.ok(isSecretValue(secret.inputs.stringData) || Object.values(secret.inputs.stringData as object).some(isSecretValue), "the sealed document is kept secret too");
    });

    it("refuses a generation outside 1 to the bound before anything exists", () => {
        for (const bad of [0, 1.5, MAX_TENANT_KEY_GENERATION + 1]) {
            assert.throws(() => validateTenantKeyArgs({ tenant: "acme", generation: bad }), new RegExp(`TenantKey\\(acme\\): generation must be a whole number from 1 to ${MAX_TENANT_KEY_GENERATION}, got ${bad}`));
        }
    });
});
