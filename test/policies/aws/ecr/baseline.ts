/**
 * Compliant ECR resources the ECR rules' corpora change one field of: a repository a team pushes to, and
 * the platform's own pull-through cache template and registry scanning (infra/aws/image-cache.ts).
 */
import { resource } from "../../../harness/policy-cases";
import { defined } from "../defined";

export const IMAGES_KEY = "arn:aws:kms:eu-west-1:111122223333:key/5a6b7c8d-9e0f-4a1b-2c3d-4e5f6a7b8c9d";

/** A repository with immutable tags, scan on push and a customer-managed key. */
export const repository = (name: string, overrides: Record<string, unknown> = {}) =>
    resource("aws:ecr/repository:Repository", name, defined({
        name,
        imageTagMutability: "IMMUTABLE",
        imageScanningConfiguration: { scanOnPush: true },
        encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: IMAGES_KEY }],
        ...overrides,
    }));

/** The platform's creation template for the Docker Hub pull-through cache: mutable tags on purpose. */
export const cacheTemplate = (name: string, overrides: Record<string, unknown> = {}) =>
    resource("aws:ecr/repositoryCreationTemplate:RepositoryCreationTemplate", name, defined({
        prefix: "docker-hub",
        description: "Repositories ECR creates for images cached from registry-1.docker.io",
        appliedFors: ["PULL_THROUGH_CACHE"],
        customRoleArn: "arn:aws:iam::111122223333:role/image-cache-repository-creation",
        encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: IMAGES_KEY }],
        imageTagMutability: "MUTABLE",
        lifecyclePolicy: "{\"rules\":[]}",
        ...overrides,
    }));

/** The platform's registry scanning: cached repositories continuously, everything else on push. */
export const registryScanning = (name: string, overrides: Record<string, unknown> = {}) =>
    resource("aws:ecr/registryScanningConfiguration:RegistryScanningConfiguration", name, defined({
        scanType: "ENHANCED",
        rules: [
            { scanFrequency: "CONTINUOUS_SCAN", repositoryFilters: [{ filter: "docker-hub/*", filterType: "WILDCARD" }, { filter: "quay/*", filterType: "WILDCARD" }] },
            { scanFrequency: "SCAN_ON_PUSH", repositoryFilters: [{ filter: "*", filterType: "WILDCARD" }] },
        ],
        ...overrides,
    }));
