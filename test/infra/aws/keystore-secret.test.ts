import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import * as aws from "@pulumi/aws";
import { KeystoreSecret, SECRET_RECOVERY_WINDOW_DAYS } from "../../../infra/aws/keystore-secret";
import { KEYSTORE_KEYS, Keystore } from "../../../infra/secrets/keystore";
import { RecordedResource, renderComponents } from "../../../engine/program";
import { ofType, plain } from "../../harness/resources";
import { isSecretValue } from "../../../engine/wire";

const KEY = "arn:aws:kms:eu-west-1:123456789012:key/secrets";
let resources: readonly RecordedResource[];

before(async () => {
    ({ resources } = await renderComponents(() => {
        const keystore = new Keystore("keystore", { generations: { rootKey: 1, jwtSigningKey: 1, hashSalt: 1 } });
        new KeystoreSecret("keystore", { keystore, secretName: "secure-platform/prod/keystore", kmsKeyArn: KEY, protect: true }, { provider: new aws.Provider("aws", { region: "eu-west-1" }) });
    }));
});

describe("KeystoreSecret", () => {
    it("encrypts the secret with the given customer-managed key, keeps it recoverable for 30 days and protects it", () => {
        const [secret] = ofType(resources, "aws:secretsmanager/secret:Secret");
        assert.equal(plain(secret.inputs).kmsKeyId, KEY);
        assert.equal(plain(secret.inputs).recoveryWindowInDays, SECRET_RECOVERY_WINDOW_DAYS);
        assert.equal(SECRET_RECOVERY_WINDOW_DAYS, 30);
        assert.equal(secret.protect, true);
    });

    it("stores the whole keystore document as a secret value", () => {
        const [version] = ofType(resources, "aws:secretsmanager/secretVersion:SecretVersion");
        assert.ok(isSecretValue(version.inputs.secretString), "secretString travels as a secret");
        assert.deepEqual(Object.keys(JSON.parse(plain(version.inputs).secretString)).sort(), Object.values(KEYSTORE_KEYS).sort());
    });

    it("refuses a name Secrets Manager would reject", () => {
        assert.throws(() => new KeystoreSecret("bad", { keystore: {} as Keystore, secretName: "has spaces", kmsKeyArn: KEY }), /secretName "has spaces" may only use/);
    });
});
