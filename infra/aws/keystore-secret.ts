import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { Keystore } from "../secrets/keystore";

/** Days Secrets Manager keeps a deleted secret recoverable (the maximum). */
export const SECRET_RECOVERY_WINDOW_DAYS = 30;

export interface KeystoreSecretArgs {
    readonly keystore: Keystore;
    /** Secret name, e.g. `<project>/<stack>/keystore`. */
    readonly secretName: string;
    /** The customer-managed key the secret is encrypted with. */
    readonly kmsKeyArn: pulumi.Input<string>;
    /** Keep the secret from `pulumi destroy` (prod). @default false */
    readonly protect?: boolean;
}

/**
 * The keystore in AWS Secrets Manager: one secret, encrypted with the platform's secrets CMK, holding
 * the keystore document as JSON. A rotation writes a new version; Secrets Manager keeps the previous
 * one as AWSPREVIOUS, and a deleted secret stays recoverable for 30 days.
 */
export class KeystoreSecret extends pulumi.ComponentResource {
    readonly secret: aws.secretsmanager.Secret;

    constructor(name: string, args: KeystoreSecretArgs, opts?: pulumi.ComponentResourceOptions) {
        if (!/^[A-Za-z0-9/_+=.@-]{1,512}$/.test(args.secretName)) {
            throw new Error(`KeystoreSecret: secretName ${JSON.stringify(args.secretName)} may only use letters, digits and /_+=.@-`);
        }
        super("secure-platform:aws:KeystoreSecret", name, {}, opts);
        this.secret = new aws.secretsmanager.Secret(name, {
            name: args.secretName,
            description: "Platform keystore: root key, JWT signing key and hash salt",
            kmsKeyId: args.kmsKeyArn,
            recoveryWindowInDays: SECRET_RECOVERY_WINDOW_DAYS,
        }, { parent: this, protect: args.protect });
        new aws.secretsmanager.SecretVersion(name, {
            secretId: this.secret.id,
            secretString: args.keystore.document().apply((document) => JSON.stringify(document)),
        }, { parent: this });
        this.registerOutputs({ secretArn: this.secret.arn });
    }
}
