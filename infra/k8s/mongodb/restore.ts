/**
 * A restore of MongoDB from one of its logical backups, optionally rolled forward to a point in time with
 * the PITR oplog slices: a `PerconaServerMongoDBRestore` (operator v1.22.0, deploy/crd.yaml
 * perconaservermongodbrestores.psmdb.percona.com) the program renders when the stack asks for one
 * (`restore` setting), so a restore is a reviewed change like any other. Pure: the manifest is built here and
 * `PerconaMongoDb` creates it.
 *
 * The operator runs a restore once per object, into the running replica set, and pauses PITR while it runs
 * (PBM: a restore invalidates the oplog timeline). A new request is a new object, named after its content.
 */
import * as crypto from "node:crypto";

/** What to restore: a backup the operator lists (`kubectl -n data get psmdb-backup`), and how far to roll forward. */
export interface RestoreRequest {
    /** Name of a `PerconaServerMongoDBBackup` of the cluster. */
    readonly backupName: string;
    /**
     * Roll forward with the oplog to this time (UTC, `YYYY-MM-DD HH:MM:SS`) or to the latest slice (`latest`);
     * the backup must be older than the time. @default the backup's own consistency point
     */
    readonly pointInTime?: string;
}

/** The name of the restore object: stable for one request, new for another. */
export function restoreObjectName(request: RestoreRequest): string {
    const digest = crypto.createHash("sha256").update(JSON.stringify([request.backupName, request.pointInTime ?? ""])).digest("hex");
    return `restore-${digest.slice(0, 12)}`;
}

/** The `PerconaServerMongoDBRestore` spec: the operator requires `clusterName` and `backupName` (CheckFields). */
export function restoreSpec(request: RestoreRequest, clusterName: string): Record<string, unknown> {
    const pitr = request.pointInTime === undefined
        ? undefined
        : request.pointInTime === "latest" ? { type: "latest" } : { type: "date", date: request.pointInTime };
    return {
        clusterName,
        backupName: request.backupName,
        // No storageName: with backupName the operator takes the storage from the backup object
        // (psmdb_restore_controller.go getBackup reads spec.storageName only for a backupSource).
        ...(pitr ? { pitr } : {}),
    };
}

/** The whole object, as `kubectl apply` or the program sends it. */
export function restoreManifest(request: RestoreRequest, clusterName: string, namespace: string): Record<string, unknown> {
    return {
        apiVersion: "psmdb.percona.com/v1",
        kind: "PerconaServerMongoDBRestore",
        metadata: { name: restoreObjectName(request), namespace },
        spec: restoreSpec(request, clusterName),
    };
}
