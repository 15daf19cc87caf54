/** Hand-written Percona Operator for MongoDB resources, as a team would declare them without our components. */
import { CaseResource, resource } from "../../../harness/policy-cases";
import type { WireValue } from "../../../../engine/wire";

export const PERCONA_TYPE = "kubernetes:psmdb.percona.com/v1:PerconaServerMongoDB";

export interface ReplsetOptions {
    readonly name?: string;
    readonly configuration?: WireValue;
    readonly expose?: WireValue;
    readonly storageClassName?: string | null;
    /** Labels the operator puts on the replica set's claims (`volumeSpec.persistentVolumeClaim.labels`). */
    readonly claimLabels?: Record<string, string>;
    /** Further replica set fields, e.g. `nonvoting` or `hidden` members. */
    readonly extra?: Record<string, WireValue>;
}

/** A volume spec: a claim on `storageClassName`, or an emptyDir when it is null. */
export function volumeSpec(storageClassName: string | null = "fast-encrypted", claimLabels?: Record<string, string>): Record<string, WireValue> {
    return storageClassName === null
        ? { emptyDir: {} }
        : { persistentVolumeClaim: { storageClassName, resources: { requests: { storage: "50Gi" } }, ...(claimLabels ? { labels: claimLabels } : {}) } };
}

export function replset(options: ReplsetOptions = {}): Record<string, WireValue> {
    return {
        name: options.name ?? "rs0",
        size: 3,
        ...(options.configuration !== undefined ? { configuration: options.configuration } : {}),
        ...(options.expose !== undefined ? { expose: options.expose } : {}),
        volumeSpec: volumeSpec(options.storageClassName, options.claimLabels),
        ...options.extra,
    };
}

/** A cluster with TLS required and encryption left on, overridable field by field. */
export function perconaCluster(name: string, spec: Record<string, WireValue> = {}, namespace = "databases"): CaseResource {
    return resource(PERCONA_TYPE, name, {
        apiVersion: "psmdb.percona.com/v1",
        kind: "PerconaServerMongoDB",
        metadata: { name, namespace },
        spec: {
            crVersion: "1.21.1",
            image: "percona/percona-server-mongodb:8.0.12-4",
            tls: { mode: "requireTLS", allowInvalidCertificates: false },
            secrets: { users: `${name}-users`, encryptionKey: `${name}-key`, ssl: `${name}-ssl`, sslInternal: `${name}-ssl-internal` },
            replsets: [replset()],
            ...spec,
        },
    });
}

export function storageClass(name: string, provisioner: string, parameters: Record<string, WireValue>, extra: Record<string, WireValue> = {}): CaseResource {
    return resource("kubernetes:storage.k8s.io/v1:StorageClass", name, { metadata: { name }, provisioner, parameters, ...extra });
}
