/**
 * Tenant keys on AWS: each version sealed with KMS under the platform's `secrets` key, the tenant and version as
 * encryption context (infra/secrets/tenant-keys.ts `tenantKeyContext`), and one role, assumed through EKS Pod
 * Identity by the platform's service account that opens them, allowed by the key policy to decrypt only with a
 * tenant in the context (kms-policy.ts `tenantKeys`).
 *
 * `aws.kms.Ciphertext` encrypts once and keeps its ciphertext until its plaintext, key or context changes (the
 * resource, unlike the data source, "is stable across every apply": terraform-provider-aws,
 * website/docs/r/kms_ciphertext.html.markdown), so an unchanged key shows no diff on `pulumi up`.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { tenantKeyContext, TenantKeySealer } from "../secrets/tenant-keys";
import { AwsContext, withAwsContext } from "./aws-context";
import { podIdentityTrustPolicy, ServiceAccountRef } from "./iam-documents";

/** The service account, in the platform namespace, of the services that open tenant keys. */
export const TENANT_KEY_SERVICE_ACCOUNT = "tenant-keys";

/**
 * Seals each version with `kms:Encrypt` as the principal running `pulumi up` (a key administrator, allowed to
 * encrypt with a tenant in the context only). `provider` is the stack's AWS provider: the tenants' components sit
 * under the Kubernetes platform, whose provider is Kubernetes only.
 */
export function kmsTenantKeySealer(keyArn: pulumi.Input<string>, provider: pulumi.ProviderResource): TenantKeySealer {
    return {
        encryption: "aws-kms",
        seal: ({ tenant, generation, keyBase64 }, parent) => new aws.kms.Ciphertext(`tenant-${tenant}-key-v${generation}-kms`, {
            keyId: keyArn,
            plaintext: keyBase64,
            context: tenantKeyContext(tenant, generation),
        }, { parent, provider }).ciphertextBlob,
    };
}

/**
 * The role the platform's tenant-key service account assumes (made before the keys, so the `secrets` key's policy
 * can name it as a reader). It needs no IAM policy: a key policy that names a role of its own account grants it
 * directly (AWS KMS developer guide, "Key policies in AWS KMS").
 */
export function tenantKeyReaderRole(name: string, context: AwsContext, identity: ServiceAccountRef, opts: pulumi.CustomResourceOptions): aws.iam.Role {
    return new aws.iam.Role(name, {
        description: `EKS Pod Identity: tenant keys (${identity.namespace}/${identity.serviceAccount})`,
        assumeRolePolicy: withAwsContext(context, (c) => podIdentityTrustPolicy(c, identity)),
    }, opts);
}
