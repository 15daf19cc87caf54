import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import * as pulumi from "@pulumi/pulumi";
import { HASH_SALT_BYTES, KEYSTORE_KEYS, Keystore, ROOT_KEY_BYTES } from "../../../infra/secrets/keystore";
import { GENERATED_SECRET_MARKER } from "../../../engine/mocks";
import { RecordedResource, renderComponents } from "../../../engine/program";
import { descendantsOf, named, ofType, plain } from "../../harness/resources";

const RANDOM_BYTES = "random:index/randomBytes:RandomBytes";
const PRIVATE_KEY = "tls:index/privateKey:PrivateKey";

let keystore: RecordedResource[];
let document: Record<string, string>;
const secrecy: Record<string, boolean> = {};

before(async () => {
    const { resources } = await renderComponents(async () => {
        const store = new Keystore("keystore", { generations: { rootKey: 1, jwtSigningKey: 4, hashSalt: 2 } });
        for (const key of ["rootKey", "hashSalt", "jwtSigningKeyPem", "jwtPublicKeyPem"] as const) {
            secrecy[key] = await pulumi.isSecret(store[key]);
        }
        secrecy.document = await pulumi.isSecret(store.document());
        document = await new Promise((resolve) => store.document().apply(resolve));
    });
    keystore = descendantsOf(resources, named(resources, "keystore"));
});

describe("Keystore", () => {
    it("makes a 64-byte root key and a 32-byte hash salt with @pulumi/random", () => {
        assert.equal(plain(named(keystore, "keystore-root-key").inputs).length, ROOT_KEY_BYTES);
        assert.equal(plain(named(keystore, "keystore-hash-salt").inputs).length, HASH_SALT_BYTES);
        assert.equal(ROOT_KEY_BYTES, 64);
        assert.ok(HASH_SALT_BYTES >= 32);
        assert.equal(ofType(keystore, RANDOM_BYTES).length, 2);
    });

    it("makes an asymmetric JWT signing key: ECDSA P-256", () => {
        const [key] = ofType(keystore, PRIVATE_KEY);
        assert.deepEqual(plain(key.inputs), { algorithm: "ECDSA", ecdsaCurve: "P256" });
    });

    it("replaces each value when its generation changes, and only that value", () => {
        assert.equal(named(keystore, "keystore-root-key").replacementTrigger, 1);
        assert.equal(named(keystore, "keystore-hash-salt").replacementTrigger, 2);
        assert.equal(named(keystore, "keystore-jwt-signing-key").replacementTrigger, 4);
    });

    it("keeps generated material secret: outputs marked by the provider and wrapped by the component", () => {
        for (const r of keystore.filter((r) => r.custom)) {
            const expected = r.type === PRIVATE_KEY ? ["privateKeyPem", "privateKeyOpenssh", "privateKeyPemPkcs8"] : ["base64", "hex"];
            assert.deepEqual([...new Set(r.additionalSecretOutputs)].sort(), expected.sort(), r.name);
        }
        assert.deepEqual(secrecy, { rootKey: true, hashSalt: true, jwtSigningKeyPem: true, jwtPublicKeyPem: false, document: true });
    });

    it("publishes the keystore as one document with every value, the public key and the generations", () => {
        assert.deepEqual(Object.keys(document).sort(), Object.values(KEYSTORE_KEYS).sort());
        assert.ok(document[KEYSTORE_KEYS.jwtSigningKey].includes("BEGIN PRIVATE KEY"), "PKCS#8 signing key");
        assert.ok(document[KEYSTORE_KEYS.jwtPublicKey].includes("BEGIN PUBLIC KEY"));
        assert.ok(!document[KEYSTORE_KEYS.jwtPublicKey].includes(GENERATED_SECRET_MARKER), "the public key is not the private one");
        assert.equal(Buffer.from(document[KEYSTORE_KEYS.rootKey], "base64").length, ROOT_KEY_BYTES);
        assert.equal(Buffer.from(document[KEYSTORE_KEYS.hashSalt], "base64").length, HASH_SALT_BYTES);
        assert.deepEqual(JSON.parse(document[KEYSTORE_KEYS.generations]), { rootKey: 1, jwtSigningKey: 4, hashSalt: 2 });
    });

    it("refuses a generation below 1 before creating anything", () => {
        assert.throws(() => new Keystore("bad", { generations: { rootKey: 0, jwtSigningKey: 1, hashSalt: 1 } }), /generations.rootKey must be a whole number of at least 1, got 0/);
    });
});
