/**
 * Credentials written into a pod template or a ConfigMap instead of a Secret. Both are stored and served
 * in plain text: anyone who can read the Deployment or the ConfigMap (a tenant's developers can, and
 * AmazonEKSViewPolicy reads ConfigMaps but no Secrets) reads the credential, and a value in the environment
 * also reaches logs and child processes. Names are judged word by word (`DB_PASSWORD`, `apiKey`,
 * `spring.datasource.password`); values that only point elsewhere (empty, a file path, a `$(VAR)` reference,
 * a template placeholder or a boolean) are not credentials. Values that look like credentials
 * whatever their name (a private key, a URL with a password, an AWS access key, a JWT) are judged too.
 * Messages never repeat a value.
 */
import { kindOf, namespaceOf, withPatches } from "../../lib/kubernetes-kinds";
import { containersOf, podSpecOf, where, WORKLOAD_TYPE_LIST } from "../../lib/pod-spec";
import { defineResourceRule, type Props, type Report } from "../../lib/rule";
import { list } from "../../lib/values";

const CONFIG_MAP_TYPES = withPatches(["kubernetes:core/v1:ConfigMap"]);

/** Words that make a name a credential's; `KEY` only after a qualifier (`API_KEY`, not `CACHE_KEY`). */
const SECRET_WORDS = new Set(["PASSWORD", "PASSWD", "PASSPHRASE", "PWD", "SECRET", "SECRETS", "TOKEN", "TOKENS", "APIKEY", "CREDENTIAL", "CREDENTIALS", "PRIVATEKEY"]);
const KEY_QUALIFIERS = new Set(["API", "ACCESS", "PRIVATE", "SECRET", "SIGNING", "ENCRYPTION", "MASTER", "CLIENT", "AUTH", "LICENSE", "SSH", "HMAC", "DB", "ADMIN", "ROOT"]);
/** Words that make a credential-like name point elsewhere or describe the credential instead of holding it. */
const NOT_A_VALUE = new Set(["FILE", "PATH", "DIR", "NAME", "REF", "ID", "ARN", "URL", "URI", "ENDPOINT", "HOST", "PORT", "HEADER", "PREFIX", "SUFFIX", "TTL", "TIMEOUT", "EXPIRY", "EXPIRES", "EXPIRATION", "LIFETIME", "LENGTH", "SIZE", "TYPE", "ALGORITHM", "ALG", "FORMAT", "ENABLED", "REQUIRED", "POLICY", "ROTATION", "PUBLIC", "COUNT", "MODE", "PARAM", "FIELD", "KEYS", "MIN", "MAX"]);

/** `spring.datasource.password`, `dbPassword`, `API-KEY` → upper-case words. */
export function nameWords(name: string): string[] {
    return name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w.toUpperCase());
}

/** Whether a variable or key name says it holds a credential. */
export function isCredentialName(name: string): boolean {
    const words = nameWords(name);
    if (words.some((w) => NOT_A_VALUE.has(w))) {
        return false;
    }
    return words.some((w, i) => SECRET_WORDS.has(w) || (w === "KEY" && (i === 0 ? words.length === 1 : KEY_QUALIFIERS.has(words[i - 1]))));
}

/** Whether a literal value only points elsewhere or is a setting, not a credential. */
export function isReference(value: string): boolean {
    const v = value.trim();
    return v === ""
        || /^(true|false|yes|no|on|off|null|none)$/i.test(v)
        || /^\$\([A-Za-z_][A-Za-z0-9_]*\)$/.test(v)
        || /^(\$\{[^}]*\}|\{\{.*\}\}|<[^>]*>|%\([^)]*\)s?)$/.test(v)
        || /^(\/|\.\/|file:\/\/)/.test(v)
        || (/^[a-z][a-z0-9+.-]*:\/\//i.test(v) && !hasUrlPassword(v));
}

function hasUrlPassword(value: string): boolean {
    return /^[a-z][a-z0-9+.-]*:\/\/[^/@\s:]*:[^/@\s]+@/i.test(value);
}

/** What a value is when its shape alone says it is a credential, whatever its name. */
export function credentialShape(value: string): string | undefined {
    if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(value)) {
        return "a private key";
    }
    if (/[a-z][a-z0-9+.-]*:\/\/[^/@\s:]+:[^/@\s$]+@/i.test(value) && !/:\/\/[^/@\s:]+:(\$\{[^}]*\}|\$\([^)]*\)|\{\{[^}]*\}\}|<[^>]*>|\*+)@/.test(value)) {
        return "a URL with a password";
    }
    if (/\b(AKIA|ASIA)[0-9A-Z]{16}\b/.test(value)) {
        return "an AWS access key";
    }
    if (/\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/.test(value)) {
        return "a JSON Web Token";
    }
    if (/\b(gh[pousr]_[A-Za-z0-9]{36,}|glpat-[A-Za-z0-9_-]{20,}|xox[abprs]-[A-Za-z0-9-]{10,}|sk_live_[A-Za-z0-9]{16,})\b/.test(value)) {
        return "an access token";
    }
    return undefined;
}

/** `password = hunter2`, `"apiKey": "..."`, `token: abc` lines of a configuration file held in one value. */
function credentialLines(value: string): string[] {
    const found: string[] = [];
    for (const line of value.split(/\r?\n/)) {
        const match = /^\s*["']?([A-Za-z0-9_.\-[\]]+)["']?\s*[:=]\s*["']?([^"'\s,#;]*)/.exec(line);
        if (match && isCredentialName(match[1]) && !isReference(match[2])) {
            found.push(match[1]);
        }
    }
    return found;
}

/** A `--password=...` style argument with a literal value. */
function credentialArgument(arg: string): string | undefined {
    const match = /^--?([A-Za-z][A-Za-z0-9_.-]*)=(.*)$/s.exec(arg);
    return match && isCredentialName(match[1]) && !isReference(match[2]) ? match[1] : undefined;
}

function judgeContainers(spec: Props, what: string, allowed: readonly string[], allowSecretEnv: boolean, report: Report): void {
    for (const ref of containersOf(spec)) {
        const at = `${what}: ${where(ref)}`;
        for (const env of list(ref.container.env)) {
            const name = String(env.name ?? "");
            if (allowed.includes(name)) {
                continue;
            }
            if (typeof env.value === "string") {
                const shape = credentialShape(env.value);
                if (shape) {
                    report(`${at} sets environment variable ${name} to ${shape}, in plain text in the pod template. Expected the value in a Secret, mounted as a file (volumes[].secret).`);
                } else if (isCredentialName(name) && !isReference(env.value)) {
                    report(`${at} sets environment variable ${name} to a literal value, in plain text in the pod template. Expected the credential in a Secret, mounted as a file (volumes[].secret).`);
                }
            } else if (!allowSecretEnv && env.valueFrom?.secretKeyRef !== undefined) {
                report(`${at} reads Secret ${env.valueFrom.secretKeyRef.name ?? "(unnamed)"} into environment variable ${name}. Expected the Secret mounted as a file (volumes[].secret).`);
            }
        }
        if (!allowSecretEnv) {
            for (const source of list(ref.container.envFrom)) {
                if (source.secretRef !== undefined) {
                    report(`${at} loads every key of Secret ${source.secretRef.name ?? "(unnamed)"} into its environment (envFrom.secretRef). Expected the Secret mounted as a file (volumes[].secret).`);
                }
            }
        }
        for (const field of ["command", "args"] as const) {
            for (const arg of list(ref.container[field]).map(String)) {
                const flag = credentialArgument(arg);
                const shape = credentialShape(arg);
                if (flag || shape) {
                    report(`${at} passes ${flag ? `--${flag} with a literal value` : shape} in its ${field}, in plain text in the pod template. Expected the credential in a Secret, mounted as a file.`);
                }
            }
        }
    }
}

function judgeConfigMap(props: Props, type: string, allowed: readonly string[], report: Report): void {
    const data = props.data;
    if (typeof data !== "object" || data === null) {
        return;
    }
    const what = () => `${kindOf(type)} ${namespaceOf(props)}/${props.metadata?.name ?? "(unnamed)"}`;
    for (const [key, value] of Object.entries(data as Props)) {
        if (allowed.includes(key) || typeof value !== "string") {
            continue;
        }
        const shape = credentialShape(value);
        const lines = credentialLines(value);
        if (shape) {
            report(`${what()} holds ${shape} under key ${key}; ConfigMaps are stored and read in plain text. Expected it in a Secret, mounted as a file.`);
        } else if (isCredentialName(key) && !isReference(value)) {
            report(`${what()} holds a literal value under key ${key}, which names a credential; ConfigMaps are stored and read in plain text. Expected it in a Secret, mounted as a file.`);
        } else if (lines.length > 0) {
            report(`${what()} holds a file under key ${key} that sets ${lines.join(", ")} to literal values; ConfigMaps are stored and read in plain text. Expected those values in a Secret, mounted as a file.`);
        }
    }
}

export default defineResourceRule<{ allowedNames: string[]; allowSecretEnvironmentVariables: boolean; exemptNamespaces: string[] }>({
    name: "disallow-plaintext-credentials",
    description: "Credentials must not be written into pod templates (environment variables, arguments) or ConfigMaps, which are stored and read in plain text; they belong in Secrets, mounted as files.",
    severity: "high",
    controls: ["CIS K8s 5.4.1", "EKS BP secrets-volume-mounts"],
    remediation: "Move the value into a Secret (kubernetes.core.v1.Secret with `stringData`, from a Pulumi secret) and mount it as a file (`volumes[].secret` and `volumeMounts`), pointing the application at the file (e.g. `DB_PASSWORD_FILE=/run/secrets/db/password`); list a name that is not a credential in the rule's allowedNames.",
    config: {
        allowedNames: {
            type: "array",
            items: { type: "string" },
            default: [],
            description: "Environment variable names and ConfigMap keys that look like credentials but are not (e.g. SORT_KEY_TOKEN).",
        },
        allowSecretEnvironmentVariables: {
            type: "boolean",
            default: true,
            description: "Allow Secrets read into environment variables (valueFrom.secretKeyRef, envFrom.secretRef); false enforces CIS 5.4.1's files-only preference.",
        },
        exemptNamespaces: {
            type: "array",
            items: { type: "string" },
            default: ["kube-system"],
            description: "Namespaces this rule does not judge (the cluster's own system agents).",
        },
    },
    resourceTypes: [...WORKLOAD_TYPE_LIST, ...CONFIG_MAP_TYPES],
    validate(props, { type, name, config }, report) {
        const namespace = props.metadata?.namespace;
        if (typeof namespace === "string" && config.exemptNamespaces.includes(namespace)) {
            return;
        }
        if (CONFIG_MAP_TYPES.includes(type)) {
            judgeConfigMap(props, type, config.allowedNames, report);
            return;
        }
        const spec = podSpecOf(type, props);
        if (spec) {
            judgeContainers(spec, `${kindOf(type)} ${props.metadata?.name ?? name}`, config.allowedNames, config.allowSecretEnvironmentVariables, report);
        }
    },
});
