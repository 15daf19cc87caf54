/**
 * Reading a Percona Operator for MongoDB custom resource (`PerconaServerMongoDB`, psmdb.percona.com/v1)
 * however a program declares it. Replica sets are a list in the resource (the Helm chart's map form is
 * turned into a list before it reaches the API).
 */
import type { Props } from "./rule";
import { list } from "./values";

export const PERCONA_MONGODB_TYPES = ["kubernetes:psmdb.percona.com/v1:PerconaServerMongoDB"] as const;

/** Every replica set of the resource: `spec.replsets[]` and, when sharded, the config server replica set. */
export function replicaSets(props: Props): Props[] {
    const sets = list(props.spec?.replsets);
    const configServers = props.spec?.sharding?.enabled === true ? props.spec?.sharding?.configsvrReplSet : undefined;
    return configServers ? [...sets, { name: "cfg", ...configServers }] : sets;
}

/** The StorageClass a replica set's volumes come from; undefined when it has no PVC (emptyDir / hostPath). */
export function storageClassOf(replset: Props): string | undefined {
    return replset.volumeSpec?.persistentVolumeClaim?.storageClassName;
}

/**
 * A `security.<key>` value set in a mongod configuration string (YAML), e.g. `enableEncryption: false`.
 * Handles the nested form (`security:\n  enableEncryption: false`) and the dotted one.
 */
export function mongodSecurityOption(configuration: unknown, key: string): string | undefined {
    if (typeof configuration !== "string") {
        return undefined;
    }
    const dotted = new RegExp(`^\\s*security\\.${key}\\s*:\\s*["']?([^"'\\s#]+)`, "m").exec(configuration);
    if (dotted) {
        return dotted[1];
    }
    const lines = configuration.split("\n");
    const start = lines.findIndex((line) => /^(\s*)security\s*:\s*$/.test(line));
    if (start < 0) {
        return undefined;
    }
    const indent = /^(\s*)/.exec(lines[start])![1].length;
    for (const line of lines.slice(start + 1)) {
        if (line.trim() === "" || line.trim().startsWith("#")) {
            continue;
        }
        if (/^(\s*)/.exec(line)![1].length <= indent) {
            break;
        }
        const match = new RegExp(`^\\s*${key}\\s*:\\s*["']?([^"'\\s#]+)`).exec(line);
        if (match) {
            return match[1];
        }
    }
    return undefined;
}
