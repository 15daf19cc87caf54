/**
 * The installation's keystore: a root key (64 random bytes), an asymmetric JWT signing key (ECDSA
 * P-256, ES256) whose public half verifiers may read, and a hash salt (32 random bytes). All are made
 * by providers (@pulumi/random, @pulumi/tls) and exist only as Pulumi secrets; the variant stores them
 * where the platform reads them (Secrets Manager on AWS, a Kubernetes Secret on every cluster).
 *
 * The providers' SDKs mark every generated value as a secret output; the component keeps them secret.
 *
 * Rotation: each value has a generation (`secure-platform:keystore`); raising it replaces that value on
 * the next `pulumi up` through the `replacementTrigger` resource option.
 */
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import * as tls from "@pulumi/tls";
import type { KeystoreGenerations } from "../settings/data";

export const ROOT_KEY_BYTES = 64;
export const HASH_SALT_BYTES = 32;
/** The JWT `alg` the signing key is made for. */
export const JWT_ALGORITHM = "ES256";

/** Key names of the keystore document, as the platform reads it. */
export const KEYSTORE_KEYS = {
    rootKey: "root-key",
    jwtSigningKey: "jwt-signing-key.pem",
    jwtPublicKey: "jwt-public-key.pem",
    hashSalt: "hash-salt",
    generations: "generations",
} as const;

export interface KeystoreArgs {
    readonly generations: KeystoreGenerations;
}

export class Keystore extends pulumi.ComponentResource {
    /** Base64 root key; secret. */
    readonly rootKey: pulumi.Output<string>;
    /** Base64 hash salt; secret. */
    readonly hashSalt: pulumi.Output<string>;
    /** PKCS#8 PEM of the JWT signing key; secret. */
    readonly jwtSigningKeyPem: pulumi.Output<string>;
    /** PEM of the JWT public key, for token verifiers; not secret. */
    readonly jwtPublicKeyPem: pulumi.Output<string>;
    readonly generations: KeystoreGenerations;

    constructor(name: string, args: KeystoreArgs, opts: pulumi.ComponentResourceOptions = {}) {
        for (const [field, generation] of Object.entries(args.generations)) {
            if (!Number.isInteger(generation) || generation < 1) {
                throw new Error(`Keystore: generations.${field} must be a whole number of at least 1, got ${generation}`);
            }
        }
        super("secure-platform:secrets:Keystore", name, {}, opts);
        const { generations } = args;
        const secretBytes = (key: string, length: number, generation: number) => new random.RandomBytes(`${name}-${key}`, { length }, {
            parent: this,
            replacementTrigger: generation,
        });
        const rootKey = secretBytes("root-key", ROOT_KEY_BYTES, generations.rootKey);
        const hashSalt = secretBytes("hash-salt", HASH_SALT_BYTES, generations.hashSalt);
        const jwtKey = new tls.PrivateKey(`${name}-jwt-signing-key`, { algorithm: "ECDSA", ecdsaCurve: "P256" }, {
            parent: this,
            replacementTrigger: generations.jwtSigningKey,
        });

        this.rootKey = pulumi.secret(rootKey.base64);
        this.hashSalt = pulumi.secret(hashSalt.base64);
        this.jwtSigningKeyPem = pulumi.secret(jwtKey.privateKeyPemPkcs8);
        this.jwtPublicKeyPem = jwtKey.publicKeyPem;
        this.generations = generations;
        this.registerOutputs({ jwtPublicKeyPem: this.jwtPublicKeyPem });
    }

    /** The keystore as one document (key name → value), secret as a whole. */
    document(): pulumi.Output<Record<string, string>> {
        return pulumi.secret(pulumi.all([this.rootKey, this.jwtSigningKeyPem, this.jwtPublicKeyPem, this.hashSalt]).apply(([rootKey, jwtSigningKey, jwtPublicKey, hashSalt]): Record<string, string> => ({
            [KEYSTORE_KEYS.rootKey]: rootKey,
            [KEYSTORE_KEYS.jwtSigningKey]: jwtSigningKey,
            [KEYSTORE_KEYS.jwtPublicKey]: jwtPublicKey,
            [KEYSTORE_KEYS.hashSalt]: hashSalt,
            [KEYSTORE_KEYS.generations]: JSON.stringify(this.generations),
        })));
    }
}
