/**
 * Settings of image verification (infra/k8s/admission/image-verification.ts): which of the platform's own
 * application images must be signed, by which identity or key, and whether a failure refuses the pod or only
 * warns. Variant-neutral: the same setting on AWS and on-prem.
 *
 * Without the setting no image is admitted by signature: only the pinned third-party images the platform runs are
 * (Istio's proxy, Percona's images), and everything else in the platform and tenant namespaces is refused.
 */
import * as crypto from "node:crypto";
import { ConfigReader, describe, isOfflinePlaceholder, isPlainObject, SettingDoc } from "../lib/config-reader";
import type { Environment } from "./platform";

export const IMAGE_VERIFICATION_KEY = "imageVerification";

/** `enforce` refuses a pod whose image fails verification; `warn` admits it with a warning (dev only). */
export type VerificationMode = "enforce" | "warn";
export const VERIFICATION_MODES: readonly VerificationMode[] = ["enforce", "warn"];

/** Keyless (Fulcio certificate) signatures by one OIDC identity: the issuer, and the subject or a pattern of it. */
export interface KeylessIdentity {
    /** The OIDC issuer URL, e.g. https://token.actions.githubusercontent.com. */
    readonly issuer: string;
    /** The exact subject (a workflow URL, an e-mail). */
    readonly subject?: string;
    /** A regular expression (RE2) the subject must match, anchored by the caller. */
    readonly subjectRegExp?: string;
}

export interface ImageVerificationSettings {
    readonly mode: VerificationMode;
    /** policy-controller globs of the platform's own images (`*` within a path segment, `**` across). */
    readonly images: readonly string[];
    /** Exactly one of `keyless`, `key` and `kmsKey`. */
    readonly keyless?: KeylessIdentity;
    /** A PEM public key (cosign.pub), kept in the stack: verification needs nothing outside the cluster. */
    readonly key?: string;
    /**
     * An asymmetric AWS KMS key the images are signed with (`key: awskms:///<key ARN>` in the setting; AWS stacks
     * only): the controller reads its public half with an EKS Pod Identity role of its own.
     */
    readonly kmsKey?: { readonly uri: string; readonly arn: string };
}

export const IMAGE_VERIFICATION_SETTINGS: Readonly<Record<string, SettingDoc>> = {
    [IMAGE_VERIFICATION_KEY]: {
        summary: "How the platform's own application images are verified before they run: {mode: enforce|warn (warn only in dev), images: [policy-controller globs, e.g. <registry>/platform/**], keyless: {issuer, subject | subjectRegExp}} or {..., key: <PEM public key, or awskms:///<KMS key ARN> on AWS>}. Third-party images are admitted only pinned by digest.",
        default: "(none: only the platform's pinned third-party images are admitted in the platform and tenant namespaces; mode enforce)",
    },
};

/** What policy-controller accepts as a glob (pkg/apis/glob/glob.go `validGlob`, sigstore/policy-controller v0.13.1). */
const GLOB = /^[a-zA-Z0-9-_:/*.@]+$/;
const ISSUER = /^https:\/\/[^\s/]+(\/\S*)?$/;
const FIELDS = ["mode", "images", "keyless", "key"] as const;
const EXAMPLE = `{mode: enforce, images: ["registry.example.com/platform/**"], keyless: {issuer: "https://token.actions.githubusercontent.com", subjectRegExp: "^https://github.com/example-org/services/"}}`;

/** The mode, enforced outside dev. */
function readMode(reader: ConfigReader, value: unknown, environment: Environment): VerificationMode | undefined {
    if (value === undefined) {
        return "enforce";
    }
    if (typeof value !== "string" || !(VERIFICATION_MODES as readonly string[]).includes(value)) {
        reader.problem(IMAGE_VERIFICATION_KEY, `mode ${describe(value)} is not allowed; use enforce or warn`);
        return undefined;
    }
    if (value === "warn" && environment !== "dev") {
        reader.problem(IMAGE_VERIFICATION_KEY, `mode warn is allowed only in dev; a ${environment} stack must use enforce, which refuses a pod whose image is not verified`);
        return undefined;
    }
    return value as VerificationMode;
}

function readImages(reader: ConfigReader, value: unknown): string[] | undefined {
    if (!Array.isArray(value) || value.length === 0 || !value.every((glob) => typeof glob === "string")) {
        reader.problem(IMAGE_VERIFICATION_KEY, `images must be a non-empty list of image globs (the platform's own images, e.g. "registry.example.com/platform/**"), got ${describe(value)}`);
        return undefined;
    }
    const bad = value.filter((glob) => !GLOB.test(glob) || glob === "*" || glob === "**" || glob.startsWith("*"));
    for (const glob of bad) {
        reader.problem(IMAGE_VERIFICATION_KEY, `images: ${JSON.stringify(glob)} is not a glob of one registry; start with the registry host (e.g. registry.example.com/platform/**) and use only letters, digits and -_:/*.@`);
    }
    return bad.length === 0 && reader.noDuplicates(IMAGE_VERIFICATION_KEY, value, "image glob") ? value : undefined;
}

function readKeyless(reader: ConfigReader, value: unknown): KeylessIdentity | undefined {
    if (!isPlainObject(value) || !reader.onlyFields(IMAGE_VERIFICATION_KEY, "keyless", value, ["issuer", "subject", "subjectRegExp"])) {
        if (!isPlainObject(value)) {
            reader.problem(IMAGE_VERIFICATION_KEY, `keyless must be {issuer, subject} or {issuer, subjectRegExp}, got ${describe(value)}`);
        }
        return undefined;
    }
    const { issuer, subject, subjectRegExp } = value;
    let ok = true;
    if (typeof issuer !== "string" || !ISSUER.test(issuer)) {
        reader.problem(IMAGE_VERIFICATION_KEY, `keyless.issuer must be the OIDC issuer's https:// URL (e.g. https://token.actions.githubusercontent.com), got ${describe(issuer)}`);
        ok = false;
    }
    if ((subject === undefined) === (subjectRegExp === undefined)) {
        reader.problem(IMAGE_VERIFICATION_KEY, "keyless needs exactly one of subject (the signer's exact identity) and subjectRegExp (a pattern of it)");
        ok = false;
    } else if (subject !== undefined && (typeof subject !== "string" || subject === "")) {
        reader.problem(IMAGE_VERIFICATION_KEY, `keyless.subject must be a non-empty string, got ${describe(subject)}`);
        ok = false;
    } else if (subjectRegExp !== undefined) {
        if (typeof subjectRegExp !== "string" || !subjectRegExp.startsWith("^")) {
            // An unanchored pattern matches any identity that merely contains it (a fork's workflow, say).
            reader.problem(IMAGE_VERIFICATION_KEY, `keyless.subjectRegExp must be a string anchored with ^ (e.g. "^https://github.com/example-org/"), got ${describe(subjectRegExp)}`);
            ok = false;
        } else {
            try {
                new RegExp(subjectRegExp);
            } catch (error) {
                reader.problem(IMAGE_VERIFICATION_KEY, `keyless.subjectRegExp is not a regular expression: ${(error as Error).message}`);
                ok = false;
            }
        }
    }
    return ok ? { issuer: issuer as string, ...(subject !== undefined ? { subject: subject as string } : { subjectRegExp: subjectRegExp as string }) } : undefined;
}

/**
 * A KMS key by ARN, as cosign and policy-controller name it (pkg/apis/policy/common/validation.go, keyARNRE, v0.13.1),
 * without an endpoint: the controller's role is granted that one key, so an alias or a bare key id is not taken.
 */
const KMS_KEY_URI = /^awskms:\/\/\/(arn:(aws|aws-cn|aws-us-gov):kms:([a-z0-9-]+):(\d{12}):key\/(mrk-)?[A-Fa-f0-9]{8}-?[A-Fa-f0-9]{4}-?[A-Fa-f0-9]{4}-?[A-Fa-f0-9]{4}-?[A-Fa-f0-9]{12})$/;

function readKmsKey(reader: ConfigReader, value: string, where: VerificationTarget): ImageVerificationSettings["kmsKey"] {
    if (where.platform !== "aws") {
        reader.problem(IMAGE_VERIFICATION_KEY, "key: an awskms:// key needs AWS credentials, which an on-prem controller has none of; set key to the key's public half (`cosign public-key --key awskms:///<key ARN>`)");
        return undefined;
    }
    const match = KMS_KEY_URI.exec(value);
    if (!match) {
        reader.problem(IMAGE_VERIFICATION_KEY, `key ${JSON.stringify(value)} is not awskms:/// followed by a KMS key ARN (arn:aws:kms:<region>:<account>:key/<key id>); the controller's role is granted exactly that key, so an alias or a bare key id is not taken`);
        return undefined;
    }
    if (where.region && match[3] !== where.region) {
        reader.problem(IMAGE_VERIFICATION_KEY, `key: the KMS key is in ${match[3]}; the controller reaches KMS of the stack's region, ${where.region} (aws:region), through its VPC endpoint`);
        return undefined;
    }
    return { uri: value, arn: match[1] };
}

function readKey(reader: ConfigReader, value: unknown): string | undefined {
    if (typeof value !== "string") {
        reader.problem(IMAGE_VERIFICATION_KEY, `key must be a PEM public key (the cosign.pub of the signing key pair) or, on AWS, awskms:///<KMS key ARN>, got ${describe(value)}`);
        return undefined;
    }
    if (isOfflinePlaceholder(value)) {
        return value;
    }
    try {
        const key = crypto.createPublicKey(value);
        if (key.asymmetricKeyType === "rsa" && (key.asymmetricKeyDetails?.modulusLength ?? 0) < 2048) {
            reader.problem(IMAGE_VERIFICATION_KEY, "key: an RSA key must be at least 2048 bits");
            return undefined;
        }
    } catch {
        reader.problem(IMAGE_VERIFICATION_KEY, "key is not a PEM public key (-----BEGIN PUBLIC KEY-----...); use the cosign.pub of the key pair that signs the images");
        return undefined;
    }
    return value.trim();
}

/** Where the stack runs: awskms keys are for AWS stacks, in their own region. */
export interface VerificationTarget {
    readonly platform: "aws" | "onprem";
    readonly region?: string;
}

/** The validated setting; undefined when it is absent or wrong (problems are reported on `reader`). */
export function readImageVerification(reader: ConfigReader, environment: Environment, where: VerificationTarget): ImageVerificationSettings | undefined {
    const value = reader.structured(IMAGE_VERIFICATION_KEY);
    if (value === undefined) {
        return undefined;
    }
    if (!isPlainObject(value)) {
        reader.problem(IMAGE_VERIFICATION_KEY, `expected an object like ${EXAMPLE}, got ${describe(value)}`);
        return undefined;
    }
    if (!reader.onlyFields(IMAGE_VERIFICATION_KEY, IMAGE_VERIFICATION_KEY, value, FIELDS)) {
        return undefined;
    }
    const mode = readMode(reader, value.mode, environment);
    const images = readImages(reader, value.images);
    if ((value.keyless === undefined) === (value.key === undefined)) {
        reader.problem(IMAGE_VERIFICATION_KEY, "needs exactly one of keyless (an OIDC identity, Sigstore keyless signing) and key (a PEM public key)");
        return undefined;
    }
    const keyless = value.keyless !== undefined ? readKeyless(reader, value.keyless) : undefined;
    const kmsKey = typeof value.key === "string" && value.key.startsWith("awskms://") ? readKmsKey(reader, value.key, where) : undefined;
    const key = value.key !== undefined && !(typeof value.key === "string" && value.key.startsWith("awskms://")) ? readKey(reader, value.key) : undefined;
    if (!mode || !images || (!keyless && !key && !kmsKey)) {
        return undefined;
    }
    return { mode, images, ...(keyless ? { keyless } : {}), ...(key ? { key } : {}), ...(kmsKey ? { kmsKey } : {}) };
}
