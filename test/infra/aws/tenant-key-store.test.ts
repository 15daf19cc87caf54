import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { kmsTenantKeySealer, TENANT_KEY_SERVICE_ACCOUNT, tenantKeyReaderRole } from "../../../infra/aws/tenant-key-store";
import { TENANT_KEY_ENCRYPTION_ANNOTATION, createTenantKey } from "../../../infra/secrets/tenant-keys";
import { RecordedResource, renderComponents } from "../../../engine/program";
import { named, ofType, plain } from "../../harness/resources";

const KEY_ARN = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const CIPHERTEXT = "aws:kms/ciphertext:Ciphertext";

let resources: readonly RecordedResource[];

before(async () => {
    ({ resources } = await renderComponents(() => {
        const provider = new aws.Provider("aws", { region: "eu-west-1" });
        createTenantKey("tenant-acme-key", { tenant: "acme", generation: 2, namespace: "platform", sealer: kmsTenantKeySealer(KEY_ARN, provider) });
        tenantKeyReaderRole("tenant-keys", { region: "eu-west-1", accountId: pulumi.output("111122223333"), partition: pulumi.output("aws"), dnsSuffix: pulumi.output("amazonaws.com") },
            { clusterName: "platform-dev", namespace: "platform", serviceAccount: TENANT_KEY_SERVICE_ACCOUNT }, { provider });
    }));
});

describe("kmsTenantKeySealer", () => {
    it("encrypts each version with the given key, the tenant and the version as encryption context, through the stack's provider", () => {
        const ciphertexts = ofType(resources, CIPHERTEXT);
        assert.deepEqual(ciphertexts.map((c) => plain(c.inputs).context), [{ tenant: "acme", "key-version": "1" }, { tenant: "acme", "key-version": "2" }]);
        const providerUrn = named(resources, "aws").urn;
        for (const c of ciphertexts) {
            assert.equal(plain(c.inputs).keyId, KEY_ARN);
            assert.ok(c.provider?.startsWith(`${providerUrn}::`), `${c.name} uses the stack's AWS provider`);
        }
    });

    it("stores the KMS ciphertexts, not the keys, in the tenant's Secret", () => {
        const secret = plain(ofType(resources, "kubernetes:core/v1:Secret")[0].inputs);
        assert.equal(secret.metadata.annotations[TENANT_KEY_ENCRYPTION_ANNOTATION], "aws-kms");
        const ciphertexts = ofType(resources, CIPHERTEXT);
        for (const [index, c] of ciphertexts.entries()) {
            assert.equal(secret.stringData[`v${index + 1}`], plain(c.outputs).ciphertextBlob);
            assert.notEqual(secret.stringData[`v${index + 1}`], plain(c.inputs).plaintext);
        }
    });
});

describe("tenantKeyReaderRole", () => {
    it("is assumed through EKS Pod Identity by the platform's tenant-keys service account only", () => {
        const trust = JSON.parse(plain(named(resources, "tenant-keys").inputs).assumeRolePolicy);
        assert.deepEqual(trust.Statement[0].Principal, { Service: "pods.eks.amazonaws.com" });
        assert.equal(trust.Statement[0].Condition.StringEquals["aws:RequestTag/kubernetes-namespace"], "platform");
        assert.equal(trust.Statement[0].Condition.StringEquals["aws:RequestTag/kubernetes-service-account"], TENANT_KEY_SERVICE_ACCOUNT);
    });
});
