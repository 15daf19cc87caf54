import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import { EBS_CSI_DRIVER, EbsAccountGuards, EbsStorage, ebsStorageParameters } from "../../../infra/aws/ebs-storage";
import { RecordedResource, renderComponents } from "../../../engine/program";
import { descendantsOf, named, ofType, plain } from "../../harness/resources";

const KEY = "arn:aws:kms:eu-west-1:123456789012:key/ebs";
const TAG = { key: "secure-platform/backup", value: "platform-prod" };

let storage: RecordedResource[];
let guards: RecordedResource[];

before(async () => {
    const { resources } = await renderComponents(() => {
        const provider = new k8s.Provider("cluster", { kubeconfig: "{}" });
        new EbsStorage("storage", { storageClassName: "encrypted-gp3", snapshotClassName: "encrypted-ebs", kmsKeyArn: KEY, backupTag: TAG, protect: true }, { provider });
        new EbsAccountGuards("account", { provider: new aws.Provider("aws", { region: "eu-west-1" }) });
    });
    storage = descendantsOf(resources, named(resources, "storage"));
    guards = descendantsOf(resources, named(resources, "account"));
});

const input = (r: RecordedResource) => plain(r.inputs);

describe("EbsStorage", () => {
    it("provisions encrypted gp3 volumes with the customer-managed key, tagged for backup", () => {
        const [storageClass] = ofType(storage, "kubernetes:storage.k8s.io/v1:StorageClass").map(input);
        assert.equal(storageClass.metadata.name, "encrypted-gp3");
        assert.equal(storageClass.provisioner, EBS_CSI_DRIVER);
        assert.deepEqual(storageClass.parameters, ebsStorageParameters(KEY, TAG));
        assert.equal(storageClass.parameters.encrypted, "true");
        assert.equal(storageClass.parameters.kmsKeyId, KEY);
        assert.equal(storageClass.parameters.type, "gp3");
        assert.equal(storageClass.parameters.tagSpecification_1, "secure-platform/backup=platform-prod");
        assert.equal(storageClass.volumeBindingMode, "WaitForFirstConsumer");
    });

    it("retains volumes and snapshots when their Kubernetes objects go, and protects both classes", () => {
        const [storageClass] = ofType(storage, "kubernetes:storage.k8s.io/v1:StorageClass");
        const [snapshotClass] = ofType(storage, "kubernetes:snapshot.storage.k8s.io/v1:VolumeSnapshotClass");
        assert.equal(input(storageClass).reclaimPolicy, "Retain");
        assert.equal(input(snapshotClass).deletionPolicy, "Retain");
        assert.equal(input(snapshotClass).driver, EBS_CSI_DRIVER);
        assert.equal(storageClass.protect, true);
        assert.equal(snapshotClass.protect, true);
    });

    it("refuses a backup tag the driver cannot pass on", () => {
        assert.throws(() => new EbsStorage("bad", { storageClassName: "a", snapshotClassName: "b", kmsKeyArn: KEY, backupTag: { key: "a=b", value: "c" } }), /backupTag.key "a=b" must be 1 to 128 characters without "="/);
        assert.throws(() => new EbsStorage("bad", { storageClassName: "a", snapshotClassName: "b", kmsKeyArn: KEY, backupTag: { key: "a", value: "" } }), /backupTag.value "" must be 1 to 256/);
    });
});

describe("EbsAccountGuards", () => {
    it("turns on EBS encryption by default and blocks all public snapshot sharing, and leaves both in place on destroy", () => {
        const [byDefault] = ofType(guards, "aws:ebs/encryptionByDefault:EncryptionByDefault");
        const [blockPublic] = ofType(guards, "aws:ebs/snapshotBlockPublicAccess:SnapshotBlockPublicAccess");
        assert.equal(input(byDefault).enabled, true);
        assert.equal(input(blockPublic).state, "block-all-sharing");
        assert.equal(byDefault.retainOnDelete, true);
        assert.equal(blockPublic.retainOnDelete, true);
    });
});
