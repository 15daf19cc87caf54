/**
 * Reading a Percona Operator for MongoDB custom resource (`PerconaServerMongoDB`, psmdb.percona.com/v1)
 * however a program declares it. Replica sets are a list in the resource (the Helm chart's map form is
 * turned into a list before it reaches the API). Field names follow the operator's Custom Resource
 * reference (docs.percona.com/percona-operator-for-mongodb/operator.html) and its Go types.
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

/** A group of data-bearing members: its own mongod `configuration` and `volumeSpec`. */
export interface DataMembers {
    /** "replica set rs0", "replica set rs0 non-voting members", ... */
    readonly label: string;
    readonly spec: Props;
}

/**
 * Every group of members that holds data: each replica set's voting members, and its non-voting and
 * hidden members when enabled (each has its own configuration and volumes). Arbiters hold no data.
 */
export function dataMembers(props: Props): DataMembers[] {
    return replicaSets(props).flatMap((replset) => {
        const label = `replica set ${replset.name ?? "(unnamed)"}`;
        const groups: DataMembers[] = [{ label, spec: replset }];
        for (const kind of ["nonvoting", "hidden"] as const) {
            if (replset[kind]?.enabled === true) {
                groups.push({ label: `${label} ${kind === "nonvoting" ? "non-voting" : "hidden"} members`, spec: replset[kind] });
            }
        }
        return groups;
    });
}

/** The StorageClass a member group's volumes come from; undefined when it has no PVC (emptyDir / hostPath). */
export function storageClassOf(members: Props): string | undefined {
    return members.volumeSpec?.persistentVolumeClaim?.storageClassName;
}

/** The labels the resource asks the operator to put on a member group's claims. */
export function claimLabelsOf(members: Props): Record<string, string> {
    return members.volumeSpec?.persistentVolumeClaim?.labels ?? {};
}

/**
 * A `security.<key>` value set in a mongod configuration string (YAML), e.g. `enableEncryption: false`.
 * Handles the nested form (`security:\n  enableEncryption: false`), the dotted one and the flow one
 * (`security: {enableEncryption: false}`).
 */
export function mongodSecurityOption(configuration: unknown, key: string): string | undefined {
    if (typeof configuration !== "string") {
        return undefined;
    }
    const dotted = new RegExp(`^\\s*security\\.${key}\\s*:\\s*["']?([^"'\\s#,}]+)`, "m").exec(configuration);
    if (dotted) {
        return dotted[1];
    }
    const flow = /^\s*security\s*:\s*\{([^}]*)\}/m.exec(configuration);
    if (flow) {
        const match = new RegExp(`(?:^|,)\\s*["']?${key}["']?\\s*:\\s*["']?([^"'\\s,]+)`).exec(flow[1]);
        return match?.[1];
    }
    const lines = configuration.split("\n");
    const start = lines.findIndex((line) => /^(\s*)security\s*:\s*(#.*)?$/.test(line));
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
