/**
 * Reads Pulumi.yaml and a stack settings file (stacks/Pulumi.<stack>.yaml) the way the Pulumi CLI
 * does, and turns the `config:` block into what the CLI hands a program: fully qualified keys, values
 * as strings (lists and objects JSON-encoded), and the list of keys that were given as secrets.
 * Secure values cannot be decrypted offline; they become placeholders that stay marked secret.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parseDocument } from "yaml";
import { OFFLINE_PLACEHOLDER_PREFIX } from "../infra/lib/config-reader";

/** A problem with the files or flags the user gave; the check exits 2 on it. */
export class InputError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "InputError";
    }
}

export interface ProjectFile {
    readonly name: string;
    /** Absolute path of the folder holding Pulumi.yaml. */
    readonly root: string;
    /** Absolute path of the program (`main`). */
    readonly main: string;
    /** Absolute path of the stack settings folder (`stackConfigDir`). */
    readonly stackConfigDir: string;
}

export interface StackSettings {
    /** The file the settings came from. */
    readonly file: string;
    /** Fully qualified key → value as the CLI passes it to programs and policy packs. */
    readonly config: Readonly<Record<string, string>>;
    /** Keys whose values were secure (or contained secure values). */
    readonly secretKeys: readonly string[];
    readonly secretsProvider?: string;
    /** The stack's data key, encrypted by the key service `secretsProvider` names (base64, as the CLI writes it). */
    readonly encryptedKey?: string;
}

/** The value a secure setting takes offline: recognisable, stable, and never a real secret. */
export function securePlaceholder(key: string): string {
    return `${OFFLINE_PLACEHOLDER_PREFIX}${key}`;
}

const STACK_FILE_KEYS = ["secretsprovider", "encryptedkey", "encryptionsalt", "config", "environment"];

function readYaml(file: string): unknown {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (error) {
        throw new InputError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
    const document = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
    if (document.errors.length > 0) {
        const first = document.errors[0];
        throw new InputError(`${file} is not valid YAML: ${first.message.split("\n")[0]}`);
    }
    return document.toJS({ maxAliasCount: 100 });
}

export function loadProject(root: string): ProjectFile {
    const file = path.join(root, "Pulumi.yaml");
    const data = readYaml(file);
    if (!isPlainObject(data) || typeof data.name !== "string") {
        throw new InputError(`${file} must be a mapping with a string "name"`);
    }
    const main = typeof data.main === "string" ? data.main : ".";
    const stackConfigDir = typeof data.stackConfigDir === "string" ? data.stackConfigDir : ".";
    return {
        name: data.name,
        root,
        main: path.resolve(root, main),
        stackConfigDir: path.resolve(root, stackConfigDir),
    };
}

export function stackFilePath(project: ProjectFile, stack: string): string {
    return path.join(project.stackConfigDir, `Pulumi.${stack}.yaml`);
}

/** Loads a stack settings file; every structural problem is an `InputError` naming the file and key. */
export function loadStackSettings(file: string, project: string): StackSettings {
    if (!fs.existsSync(file)) {
        throw new InputError(`stack settings file ${file} does not exist`);
    }
    const data = readYaml(file) ?? {};
    if (!isPlainObject(data)) {
        throw new InputError(`${file} must be a mapping with a "config:" block`);
    }
    for (const key of Object.keys(data)) {
        if (!STACK_FILE_KEYS.includes(key)) {
            throw new InputError(`${file}: "${key}" is not a stack settings key; allowed: ${STACK_FILE_KEYS.join(", ")}`);
        }
    }
    if (data.environment !== undefined) {
        throw new InputError(`${file}: "environment" imports Pulumi ESC environments, which cannot be resolved offline; put the settings under "config:"`);
    }
    const rawConfig = data.config ?? {};
    if (!isPlainObject(rawConfig)) {
        throw new InputError(`${file}: "config" must be a mapping of keys to values`);
    }

    const config: Record<string, string> = {};
    const secretKeys: string[] = [];
    for (const [rawKey, value] of Object.entries(rawConfig)) {
        const key = qualifyKey(rawKey, project, file);
        const { text, secret } = encodeValue(value, key, file);
        config[key] = text;
        if (secret) {
            secretKeys.push(key);
        }
    }
    return {
        file,
        config,
        secretKeys: secretKeys.sort(),
        ...(typeof data.secretsprovider === "string" ? { secretsProvider: data.secretsprovider } : {}),
        ...(typeof data.encryptedkey === "string" && data.encryptedkey !== "" ? { encryptedKey: data.encryptedkey } : {}),
    };
}

/**
 * The `secretsprovider` values the CLI serves itself (Pulumi Cloud's, or a passphrase with `encryptionsalt`); any
 * other is a key service URL (`awskms://`, `azurekeyvault://`, `gcpkms://`, `hashivault://`), handled by the CLI's
 * cloud secrets manager (pulumi/pulumi pkg/cmd/pulumi/stack/secrets.go, `GetSecretsManager`).
 */
const SELF_SERVED_SECRETS_PROVIDERS: readonly string[] = ["default", "passphrase"];

/**
 * What would go wrong with a stack file as committed although it is not invalid, as sentences (without the file,
 * which the caller names). Never a fix the check applies: an `encryptedkey` comes only from the key service.
 *
 * A key service `secretsprovider` without `encryptedkey`: the CLI then creates a new data key on every command and
 * encrypts it with the key service (pulumi/pulumi pkg/secrets/cloud/manager.go, `NewCloudSecretsManager` and
 * `generateNewDataKey`: `keeper.Encrypt`, kms:Encrypt on AWS), so a role that may only decrypt is refused, and
 * secure values encrypted under an earlier data key cannot be read.
 */
export function stackFileWarnings(settings: StackSettings, stack: string): string[] {
    const provider = settings.secretsProvider;
    if (provider === undefined || provider === "" || SELF_SERVED_SECRETS_PROVIDERS.includes(provider) || settings.encryptedKey !== undefined) {
        return [];
    }
    return [
        `secretsprovider ${provider} has no encryptedkey: every pulumi command would create a new data key and ` +
            "encrypt it with the key service (kms:Encrypt on AWS, refused to a role that may only decrypt), and secure values " +
            "encrypted under an earlier data key could not be read. Create the stack with " +
            `pulumi stack init [<org>/]${stack} --secrets-provider "${provider}" (an existing stack: pulumi stack change-secrets-provider "${provider}") ` +
            "and commit the encryptedkey it writes to this file (README, \"Deploying\")",
    ];
}

function qualifyKey(rawKey: string, project: string, file: string): string {
    const parts = rawKey.split(":");
    if (parts.length > 2 || parts.some((p) => p.length === 0)) {
        throw new InputError(`${file}: config key "${rawKey}" must look like <namespace>:<name>`);
    }
    return parts.length === 1 ? `${project}:${rawKey}` : rawKey;
}

/** Encodes one config value as the CLI does; `{secure: ...}` anywhere makes the whole key secret. */
function encodeValue(value: unknown, key: string, file: string): { text: string; secret: boolean } {
    let secret = false;
    const replaceSecure = (v: unknown, where: string): unknown => {
        if (isPlainObject(v)) {
            if ("secure" in v) {
                if (Object.keys(v).length !== 1 || typeof v.secure !== "string") {
                    throw new InputError(`${file}: ${where} has a malformed secure value; expected {secure: <ciphertext>}`);
                }
                secret = true;
                return securePlaceholder(key);
            }
            return Object.fromEntries(Object.entries(v).map(([k, inner]) => [k, replaceSecure(inner, `${where}.${k}`)]));
        }
        if (Array.isArray(v)) {
            return v.map((inner, i) => replaceSecure(inner, `${where}[${i}]`));
        }
        return v;
    };
    const plain = replaceSecure(value, key);
    if (plain === null || plain === undefined) {
        throw new InputError(`${file}: ${key} has no value; remove the key or give it a value`);
    }
    const text = typeof plain === "object" ? JSON.stringify(plain) : String(plain);
    return { text, secret };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}
