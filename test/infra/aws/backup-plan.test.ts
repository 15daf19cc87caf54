import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import * as aws from "@pulumi/aws";
import { lookupAwsContext } from "../../../infra/aws/aws-context";
import { BACKUP_ROLE_POLICIES, BackupPlan, backupRule, VAULT_LOCK_GRACE_DAYS } from "../../../infra/aws/backup-plan";
import type { BackupSettings } from "../../../infra/settings/data";
import { RecordedResource, renderComponents } from "../../../engine/program";
import { descendantsOf, named, ofType, plain } from "../../harness/resources";

const KEY = "arn:aws:kms:eu-west-1:123456789012:key/backup";
const TAG = { key: "secure-platform/backup", value: "platform-prod" };
const DEPLOYER = "arn:aws:iam::123456789012:role/deployer";
const VAULT = "aws:backup/vault:Vault";
const LOCK = "aws:backup/vaultLockConfiguration:VaultLockConfiguration";

const SETTINGS: Record<string, BackupSettings> = {
    prod: { retentionDays: 90, schedule: "cron(0 3 ? * * *)", vaultLock: "compliance", copyRegion: "eu-central-1" },
    dev: { retentionDays: 7, schedule: "cron(0 3 ? * * *)", vaultLock: "none" },
    governance: { retentionDays: 35, schedule: "cron(0 3 ? * * *)", vaultLock: "governance" },
};

const input = (r: RecordedResource) => plain(r.inputs);
let prod: readonly RecordedResource[];
let dev: readonly RecordedResource[];
let governance: readonly RecordedResource[];

before(async () => {
    // Mocks are process-wide: one program declares a plan per variant.
    const { resources } = await renderComponents(() => {
        const provider = new aws.Provider("aws", { region: "eu-west-1" });
        for (const [name, settings] of Object.entries(SETTINGS)) {
            new BackupPlan(name, { context: lookupAwsContext("eu-west-1", provider), namePrefix: `platform-${name}`, kmsKeyArn: KEY, volumeTag: TAG, settings, keyAdmins: [DEPLOYER], protect: true }, { provider });
        }
    });
    const plans = ofType(resources, "secure-platform:aws:BackupPlan");
    [prod, dev, governance] = Object.keys(SETTINGS).map((name) => descendantsOf(resources, named(plans, name)));
});

describe("BackupPlan", () => {
    it("encrypts the vault with the backup CMK, never force-destroys it, and protects it", () => {
        const [vault] = ofType(dev, VAULT);
        assert.equal(input(vault).kmsKeyArn, KEY);
        assert.equal(input(vault).forceDestroy, false);
        assert.equal(vault.protect, true);
    });

    it("backs up daily and keeps recovery points for the configured days", () => {
        const [plan] = ofType(dev, "aws:backup/plan:Plan");
        const [rule] = input(plan).rules;
        assert.equal(rule.schedule, "cron(0 3 ? * * *)");
        assert.deepEqual(rule.lifecycle, { deleteAfter: 7 });
        assert.equal(rule.copyActions, undefined);
    });

    it("selects every volume carrying the backup tag, as a role with only AWS Backup's managed policies", () => {
        const [selection] = ofType(dev, "aws:backup/selection:Selection");
        assert.deepEqual(input(selection).selectionTags, [{ type: "STRINGEQUALS", key: TAG.key, value: TAG.value }]);
        const role = ofType(dev, "aws:iam/role:Role")[0];
        assert.deepEqual(JSON.parse(input(role).assumeRolePolicy).Statement[0].Principal, { Service: "backup.amazonaws.com" });
        assert.deepEqual(ofType(dev, "aws:iam/rolePolicyAttachment:RolePolicyAttachment").map((a) => input(a).policyArn.split("policy/")[1]).sort(), [...BACKUP_ROLE_POLICIES].sort());
    });

    it("locks no vault unless asked", () => {
        assert.equal(ofType(dev, LOCK).length, 0);
    });

    it("locks both vaults in compliance mode with the retention as minimum, and copies to the other region under its own key", () => {
        const locks = ofType(prod, LOCK).map(input);
        assert.equal(locks.length, 2);
        for (const lock of locks) {
            assert.equal(lock.minRetentionDays, 90);
            assert.equal(lock.changeableForDays, VAULT_LOCK_GRACE_DAYS);
        }
        const copyVault = ofType(prod, VAULT).find((v) => input(v).region === "eu-central-1")!;
        const copyKey = ofType(prod, "aws:kms/key:Key")[0];
        assert.equal(input(copyKey).region, "eu-central-1");
        assert.equal(input(copyKey).enableKeyRotation, true);
        assert.equal(input(copyKey).deletionWindowInDays, 30);
        assert.match(JSON.stringify(JSON.parse(input(copyKey).policy)), /backup\.eu-central-1\.amazonaws\.com/);
        assert.equal(copyKey.protect, true);
        assert.equal(copyVault.protect, true);
        const copyPolicy = JSON.parse(input(copyKey).policy);
        const writers = copyPolicy.Statement.filter((s: { Action: string[] }) => s.Action.some((a) => /^kms:(\*|Put\*|PutKeyPolicy)$/.test(a)));
        assert.deepEqual(writers.map((s: { Principal: unknown }) => s.Principal), [{ AWS: [DEPLOYER] }], "only the key administrators may change the copy key's policy");
        assert.equal(input(copyKey).bypassPolicyLockoutSafetyCheck, false);
        const [rule] = input(ofType(prod, "aws:backup/plan:Plan")[0]).rules;
        assert.equal(rule.copyActions.length, 1);
        assert.deepEqual(rule.copyActions[0].lifecycle, { deleteAfter: 90 });
    });

    it("locks in governance mode without a grace period, so privileged principals can still lift it", () => {
        const [lock] = ofType(governance, LOCK).map(input);
        assert.equal(lock.minRetentionDays, 35);
        assert.equal(lock.changeableForDays, undefined);
    });

    it("builds one daily rule whose copy keeps the same retention", () => {
        const settings: BackupSettings = { retentionDays: 35, schedule: "cron(0 5 ? * * *)", vaultLock: "none" };
        assert.deepEqual(backupRule("vault", settings, "arn:copy"), {
            ruleName: "daily", targetVaultName: "vault", schedule: "cron(0 5 ? * * *)", startWindow: 60, completionWindow: 1440,
            lifecycle: { deleteAfter: 35 }, copyActions: [{ destinationVaultArn: "arn:copy", lifecycle: { deleteAfter: 35 } }],
        });
    });

    it("refuses a name AWS Backup would reject, before creating anything", () => {
        assert.throws(() => new BackupPlan("bad", { context: {} as never, namePrefix: "platform/prod", kmsKeyArn: KEY, volumeTag: TAG, keyAdmins: [DEPLOYER], settings: { retentionDays: 7, schedule: "cron(0 3 ? * * *)", vaultLock: "none" } }), /namePrefix "platform\/prod" must be 1 to 40 letters/);
    });
});
