/**
 * Tenant keys: each tenant gets its own 64 random bytes per key version (`keyGeneration` in the tenant's settings),
 * made by @pulumi/random and existing in plaintext only as Pulumi secret outputs (the state is encrypted by the
 * stack's secrets provider). What the platform reads is one Kubernetes Secret per tenant holding every version's
 * ciphertext, sealed by the variant:
 * - on AWS with KMS (`aws.kms.Ciphertext`, infra/aws/tenant-key-store.ts) under the platform's secrets key, the
 *   tenant and the version as encryption context;
 * - on-prem with AES key wrap (RFC 3394, node's `id-aes256-wrap`) under a key-encryption key derived from the
 *   keystore's root key with HKDF-SHA-256 and the tenant and version as info.
 * A Kubernetes Secret rather than a Secrets Manager secret per tenant: one document and one code path on both
 * variants, mounted as files that change without a restart, and holding only ciphertext, so reading it gives nothing
 * without KMS (the tenant-keys role) or the root key. In the `platform` namespace rather than the tenant's: only
 * the platform's services reach the tenant's data (MongoDB admits the `platform` namespace alone), and the tenant's
 * own developers need not see it.
 *
 * Rotation keeps old keys readable: raising `keyGeneration` adds a version (its own RandomBytes, never a replaced
 * one), and the Secret keeps the ciphertext of every version from 1 to the current one (README, "Rotating keys").
 * Unlike the keystore's values, a version needs no `replacementTrigger`: replacing a key would lose the data under
 * it, so each version is a resource of its own, named after its number, that no later setting changes.
 */
import { createCipheriv, createDecipheriv, hkdfSync } from "node:crypto";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { MAX_TENANT_KEY_GENERATION } from "../settings/tenants";

/** Bytes of one tenant key version. */
export const TENANT_KEY_BYTES = 64;
/** Label of a tenant key Secret; its value is the tenant's name. */
export const TENANT_KEY_LABEL = "secure-platform.io/tenant-key";
/** Annotation saying how the Secret's versions are sealed (a {@link TenantKeyEncryption}). */
export const TENANT_KEY_ENCRYPTION_ANNOTATION = "secure-platform.io/key-encryption";
/** Key of the Secret naming the version new data is encrypted with; versions are under `v<generation>`. */
export const CURRENT_VERSION_KEY = "current";

/**
 * `aws-kms`: a KMS ciphertext blob (base64) of the key's base64 text, with {@link tenantKeyContext} as encryption
 * context. `aes256-wrap`: the raw key wrapped with AES key wrap (RFC 3394) under {@link deriveTenantKek}, base64.
 */
export type TenantKeyEncryption = "aws-kms" | "aes256-wrap";

/** The Secret holding a tenant's sealed key versions, in the namespace the platform reads them from. */
export function tenantKeySecretName(tenant: string): string {
    return `tenant-key-${tenant}`;
}

/** The Secret's key for one version. */
export function versionKey(generation: number): string {
    return `v${generation}`;
}

/**
 * The encryption context of a version on KMS, also the HKDF info on-prem: a ciphertext opens only for the tenant
 * and version it was made for, so one tenant's ciphertext cannot be passed off as another's.
 */
export function tenantKeyContext(tenant: string, generation: number): Record<string, string> {
    return { tenant, "key-version": String(generation) };
}

/** One version of a tenant's key to seal. */
export interface TenantKeyVersion {
    readonly tenant: string;
    readonly generation: number;
    /** The key, base64; secret. */
    readonly keyBase64: pulumi.Output<string>;
}

/** How a variant seals a key version: the result is the base64 ciphertext the platform stores. */
export interface TenantKeySealer {
    readonly encryption: TenantKeyEncryption;
    seal(version: TenantKeyVersion, parent: pulumi.Resource | undefined): pulumi.Output<string>;
}

/**
 * The AES key wrap IV of RFC 3394 section 2.2.3.1, which node's `id-aes256-wrap` also uses when given none:
 * unwrapping checks it, so a wrong KEK or a tampered ciphertext is refused.
 */
const RFC3394_IV = Buffer.from("A6A6A6A6A6A6A6A6", "hex");
/** HKDF salt: fixed, so the same root key and tenant always derive the same KEK (RFC 5869 section 3.1 allows it). */
const KEK_SALT = Buffer.from("secure-platform tenant key wrap");

/**
 * The 256-bit key-encryption key of one tenant's version: HKDF-SHA-256 (RFC 5869) over the keystore's root key,
 * with the tenant and version as info, so each tenant's versions are wrapped under keys of their own.
 */
export function deriveTenantKek(rootKey: Buffer, tenant: string, generation: number): Buffer {
    if (rootKey.length < 32) {
        throw new Error(`deriveTenantKek: the root key has ${rootKey.length} bytes; at least 32 are needed for a 256-bit key-encryption key`);
    }
    const info = Buffer.from(JSON.stringify(tenantKeyContext(tenant, generation)));
    return Buffer.from(hkdfSync("sha256", rootKey, KEK_SALT, info, 32));
}

/**
 * Wraps a key with AES-256 key wrap (RFC 3394, `id-aes256-wrap`): deterministic, so an unchanged key and root key
 * give the same ciphertext on every `pulumi up`, and made for keys: the input must be a multiple of 8 bytes
 * (64 is), and the result is 8 bytes longer.
 */
export function wrapTenantKey(rootKey: Buffer, tenant: string, generation: number, key: Buffer): Buffer {
    if (key.length < 16 || key.length % 8 !== 0) {
        throw new Error(`wrapTenantKey: AES key wrap takes a key of at least 16 bytes in multiples of 8, got ${key.length}`);
    }
    const cipher = createCipheriv("id-aes256-wrap", deriveTenantKek(rootKey, tenant, generation), RFC3394_IV);
    return Buffer.concat([cipher.update(key), cipher.final()]);
}

/** What the platform does to read a version on-prem; throws when the root key, tenant or version is not the one it was wrapped for. */
export function unwrapTenantKey(rootKey: Buffer, tenant: string, generation: number, wrapped: Buffer): Buffer {
    const decipher = createDecipheriv("id-aes256-wrap", deriveTenantKek(rootKey, tenant, generation), RFC3394_IV);
    return Buffer.concat([decipher.update(wrapped), decipher.final()]);
}

/** Seals versions under the keystore's root key (base64; secret), for clusters without a cloud KMS. */
export function rootKeySealer(rootKey: pulumi.Output<string>): TenantKeySealer {
    return {
        encryption: "aes256-wrap",
        seal: ({ tenant, generation, keyBase64 }) => pulumi.all([rootKey, keyBase64]).apply(([root, key]) =>
            wrapTenantKey(Buffer.from(root, "base64"), tenant, generation, Buffer.from(key, "base64")).toString("base64")),
    };
}

export interface TenantKeyArgs {
    readonly tenant: string;
    /** The version new data is encrypted with; versions 1 to it are kept. */
    readonly generation: number;
    readonly sealer: TenantKeySealer;
    /** Namespace of the Secret: where the platform, which encrypts the tenant's data, reads it. */
    readonly namespace: string;
    /** What the Secret waits for (its namespace). @default nothing */
    readonly dependsOn?: readonly pulumi.Resource[];
    /** Keep the Secret from `pulumi destroy` and replacement: without it, data under the key is unreadable. @default false */
    readonly protect?: boolean;
}

/** Checks the arguments before anything is registered; each error names the option and the fix. */
export function validateTenantKeyArgs(args: Pick<TenantKeyArgs, "tenant" | "generation">): void {
    if (!Number.isInteger(args.generation) || args.generation < 1 || args.generation > MAX_TENANT_KEY_GENERATION) {
        throw new Error(`TenantKey(${args.tenant}): generation must be a whole number from 1 to ${MAX_TENANT_KEY_GENERATION}, got ${args.generation}`);
    }
}

/**
 * One tenant's key: a RandomBytes per version (each its own resource, so adding a version replaces nothing) and a
 * Secret with every version's ciphertext and the current version's number. No component of its own: at a thousand
 * tenants each extra resource per tenant costs the check a thousand registrations.
 */
export interface TenantKey {
    readonly secret: k8s.core.v1.Secret;
    /** Each version's key, base64, by generation; secret. For the program's own use (e.g. tests); never stored. */
    readonly versions: ReadonlyMap<number, pulumi.Output<string>>;
}

/** Declares a tenant's key versions and its Secret under `opts.parent` (the tenant). */
export function createTenantKey(name: string, args: TenantKeyArgs, opts: { readonly parent?: pulumi.Resource } = {}): TenantKey {
    validateTenantKeyArgs(args);
    const parent = opts.parent;
    const versions = new Map<number, pulumi.Output<string>>();
    const sealed: Record<string, pulumi.Output<string>> = {};
    for (let generation = 1; generation <= args.generation; generation++) {
        const bytes = new random.RandomBytes(`${name}-${versionKey(generation)}`, { length: TENANT_KEY_BYTES }, { parent, protect: args.protect });
        const keyBase64 = pulumi.secret(bytes.base64);
        versions.set(generation, keyBase64);
        sealed[versionKey(generation)] = args.sealer.seal({ tenant: args.tenant, generation, keyBase64 }, parent);
    }
    const secret = new k8s.core.v1.Secret(name, {
        metadata: {
            name: tenantKeySecretName(args.tenant),
            namespace: args.namespace,
            labels: { [TENANT_KEY_LABEL]: args.tenant },
            annotations: { [TENANT_KEY_ENCRYPTION_ANNOTATION]: args.sealer.encryption },
        },
        type: "Opaque",
        stringData: { [CURRENT_VERSION_KEY]: String(args.generation), ...sealed },
    }, { parent, dependsOn: [...(args.dependsOn ?? [])], protect: args.protect });
    return { secret, versions };
}
