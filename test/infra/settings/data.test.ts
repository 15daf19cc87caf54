import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DEFAULT_BACKUP_SCHEDULE, MIN_PROD_BACKUP_RETENTION_DAYS } from "../../../infra/settings/data";
import { minimal, parse, problems, rejects } from "../../harness/config-fixtures";

const json = (value: unknown) => JSON.stringify(value);

describe("data settings", () => {
    it("defaults by environment: one member and a week of backups in dev, three members and a locked vault in prod", () => {
        const dev = parse(minimal("dev")).data;
        assert.deepEqual(dev.keystore, { rootKey: 1, jwtSigningKey: 1, hashSalt: 1 });
        assert.deepEqual(dev.mongodb, { members: 1, storageSize: "20Gi" });
        assert.deepEqual(dev.backup, { retentionDays: 7, schedule: DEFAULT_BACKUP_SCHEDULE, vaultLock: "none" });
        assert.deepEqual(parse(minimal("staging")).data.mongodb, { members: 3, storageSize: "100Gi" });
        assert.equal(parse(minimal("staging")).data.backup.retentionDays, 35);
        const prod = parse(minimal("prod")).data;
        assert.deepEqual(prod.mongodb, { members: 3, storageSize: "100Gi" });
        assert.deepEqual(prod.backup, { retentionDays: 90, schedule: DEFAULT_BACKUP_SCHEDULE, vaultLock: "compliance" });
    });

    it("takes every field", () => {
        const data = parse(minimal("prod", {
            keystore: json({ jwtSigningKey: 3 }),
            mongodb: json({ members: 5, storageSize: "2Ti" }),
            backup: json({ retentionDays: 400, schedule: "cron(30 1 ? * SUN *)", vaultLock: "governance", copyRegion: "eu-central-1" }),
        })).data;
        assert.deepEqual(data.keystore, { rootKey: 1, jwtSigningKey: 3, hashSalt: 1 });
        assert.deepEqual(data.mongodb, { members: 5, storageSize: "2Ti" });
        assert.deepEqual(data.backup, { retentionDays: 400, schedule: "cron(30 1 ? * SUN *)", vaultLock: "governance", copyRegion: "eu-central-1" });
    });

    it("refuses generations that are not whole numbers from 1", () => {
        rejects(minimal("dev", { keystore: json({ rootKey: 0 }) }), "keystore", /keystore.rootKey 0 is out of range/);
        rejects(minimal("dev", { keystore: json({ hashSalt: "2" }) }), "keystore", /keystore.hashSalt "2" is out of range/);
        rejects(minimal("dev", { keystore: json({ rootkey: 2 }) }), "keystore", /keystore.rootkey is not a known field; allowed: rootKey, jwtSigningKey, hashSalt/);
        rejects(minimal("dev", { keystore: "2" }), "keystore", /expected an object like/);
    });

    it("keeps a voting majority: odd member counts, one member only in dev", () => {
        rejects(minimal("dev", { mongodb: json({ members: 2 }) }), "mongodb", /mongodb.members 2 is not allowed; use one of 1, 3, 5, 7/);
        rejects(minimal("staging", { mongodb: json({ members: 1 }) }), "mongodb", /mongodb.members 1 is allowed only in dev/);
        rejects(minimal("prod", { mongodb: json({ members: 1 }) }), "mongodb", /allowed only in dev/);
        rejects(minimal("dev", { mongodb: json({ storageSize: "100GB" }) }), "mongodb", /mongodb.storageSize "100GB" is not a size/);
        rejects(minimal("dev", { mongodb: json({ storageSize: 100 }) }), "mongodb", /mongodb.storageSize 100 is not a size/);
    });

    it("refuses short retention, bad schedules, an unlocked prod vault and a copy into the same region", () => {
        rejects(minimal("dev", { backup: json({ retentionDays: 3 }) }), "backup", /backup.retentionDays 3 is out of range; use a whole number from 7 to 36500/);
        rejects(minimal("prod", { backup: json({ retentionDays: 30 }) }), "backup", new RegExp(`from ${MIN_PROD_BACKUP_RETENTION_DAYS} to 36500 in prod`));
        rejects(minimal("dev", { backup: json({ schedule: "0 3 * * *" }) }), "backup", /backup.schedule "0 3 \* \* \*" is not an AWS Backup cron expression/);
        rejects(minimal("dev", { backup: json({ vaultLock: "legal-hold" }) }), "backup", /backup.vaultLock "legal-hold" is not allowed; use one of none, governance, compliance/);
        rejects(minimal("prod", { backup: json({ vaultLock: "none" }) }), "backup", /vaultLock none is not allowed in prod/);
        rejects(minimal("dev", { backup: json({ copyRegion: "eu-west-1" }) }), "backup", /backup.copyRegion eu-west-1 is the stack's own region/);
        rejects(minimal("dev", { backup: json({ copyRegion: "Europe" }) }), "backup", /backup.copyRegion "Europe" is not an AWS region name/);
    });

    it("reports every problem of the section at once", () => {
        const found = problems(minimal("prod", { mongodb: json({ members: 1, storageSize: "1TB" }), backup: json({ retentionDays: 1, vaultLock: "none" }) }));
        assert.equal(found.filter((p) => /secure-platform:(mongodb|backup):/.test(p)).length, 4, found.join("\n"));
    });
});
