import { resource, ruleCases, unknown } from "../../harness/policy-cases";
import type { WireValue } from "../../../engine/wire";
import { perconaCluster, replset, storageClass, volumeSpec } from "../kubernetes/data/percona-fixtures";

const KEY = "arn:aws:kms:eu-west-1:111122223333:key/0b1c2d3e-4f50-4a61-8b72-93a4b5c6d7e8";
const ebs = (encrypted: WireValue) => storageClass("fast-encrypted", "ebs.csi.aws.com", { type: "gp3", encrypted, kmsKeyId: KEY });
const longhorn = (parameters: Record<string, WireValue>) => storageClass("fast-encrypted", "driver.longhorn.io", { numberOfReplicas: "3", ...parameters });
const onClass = (storageClassName: string) => perconaCluster("orders", { replsets: [replset({ storageClassName })] });
/** A replica set whose claims name no class: the cluster's default class provisions them. */
const onDefaultClass = (storageClassName?: null) => perconaCluster("orders", {
    replsets: [replset({ extra: { volumeSpec: { persistentVolumeClaim: { ...(storageClassName === null ? { storageClassName } : {}), resources: { requests: { storage: "50Gi" } } } } } })],
});
const claim = (name: string, storageClassName: WireValue) => resource("kubernetes:core/v1:PersistentVolumeClaim", name, {
    apiVersion: "v1",
    kind: "PersistentVolumeClaim",
    metadata: { name, namespace: "databases" },
    spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "20Gi" } }, ...(storageClassName === undefined ? {} : { storageClassName }) },
});
const statefulSet = (name: string, storageClassName: WireValue) => resource("kubernetes:apps/v1:StatefulSet", name, {
    apiVersion: "apps/v1",
    kind: "StatefulSet",
    metadata: { name, namespace: "tenant-acme" },
    spec: {
        serviceName: name,
        replicas: 3,
        selector: { matchLabels: { app: name } },
        template: { metadata: { labels: { app: name } }, spec: { containers: [{ name, image: "registry.internal/acme/queue:1.4.2" }] } },
        volumeClaimTemplates: [{
            metadata: { name: "data" },
            spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "10Gi" } }, ...(storageClassName === undefined ? {} : { storageClassName }) },
        }],
    },
});
const VOUCHED = { "require-encrypted-data-volumes": { encryptingStorageClasses: ["vault-encrypted"] } };

export default ruleCases("require-encrypted-data-volumes", {
    compliant: [
        { name: "an EBS class with encrypted \"true\"", resources: [onClass("fast-encrypted"), ebs("true")] },
        { name: "a Longhorn class with encrypted \"true\"", resources: [onClass("fast-encrypted"), longhorn({ encrypted: "true", "csi.storage.k8s.io/node-publish-secret-name": "longhorn-crypto" })] },
        { name: "a Ceph RBD class with encrypted \"true\"", resources: [onClass("ceph-encrypted"), storageClass("ceph-encrypted", "rbd.csi.ceph.com", { clusterID: "ceph-1", pool: "platform", encrypted: "true", encryptionKMSID: "vault" })] },
        { name: "a class the stack does not declare, which the organisation vouches for", resources: [onClass("vault-encrypted")], config: VOUCHED },
        { name: "a claim on an encrypting class", resources: [claim("scratch", "fast-encrypted"), ebs("true")] },
        { name: "a StatefulSet whose claim template names an encrypting class", resources: [statefulSet("queue", "fast-encrypted"), ebs("true")] },
        {
            name: "non-voting and hidden members on an encrypting class too",
            resources: [
                perconaCluster("orders", { replsets: [replset({ extra: { nonvoting: { enabled: true, size: 1, volumeSpec: volumeSpec() }, hidden: { enabled: true, size: 1, volumeSpec: volumeSpec() } } })] }),
                longhorn({ encrypted: "true" }),
            ],
        },
        { name: "members whose data is not in a claim are judged by the backup rule, not here", resources: [perconaCluster("orders", { replsets: [replset({ storageClassName: null })] })] },
    ],
    violating: [
        { name: "claims that name no class get the cluster's default", resources: [onDefaultClass(), ebs("true")], message: /orders replica set rs0 names no StorageClass: it gets the cluster's default class, which this stack cannot show encrypts/ },
        { name: "a null class is the default class too", resources: [onDefaultClass(null), ebs("true")], message: /orders replica set rs0 names no StorageClass/ },
        { name: "an EBS class with encrypted \"True\", which the driver does not take for true", resources: [onClass("fast-encrypted"), ebs("True")], message: /orders replica set rs0 uses StorageClass fast-encrypted \(ebs.csi.aws.com\), whose parameters do not turn encryption on/ },
        { name: "an EBS class with encrypted \"false\"", resources: [onClass("fast-encrypted"), ebs("false")], message: /uses StorageClass fast-encrypted \(ebs.csi.aws.com\), whose parameters do not turn encryption on/ },
        { name: "a Longhorn class without encrypted", resources: [onClass("fast-encrypted"), longhorn({})], message: /uses StorageClass fast-encrypted \(driver.longhorn.io\), whose parameters do not turn encryption on/ },
        { name: "a Ceph RBD class with encrypted \"yes\"", resources: [onClass("ceph"), storageClass("ceph", "rbd.csi.ceph.com", { clusterID: "ceph-1", pool: "platform", encrypted: "yes" })], message: /uses StorageClass ceph \(rbd.csi.ceph.com\), whose parameters do not turn encryption on/ },
        {
            name: "a class the stack does not declare and nobody vouches for",
            resources: [onClass("longhorn-encrypted")],
            message: /orders replica set rs0 uses StorageClass longhorn-encrypted, which this stack does not declare, and nothing shows it encrypts at rest: declare it in secure-platform:storage or encryptingStorageClasses/,
        },
        { name: "a declared class whose provisioner has no encryption parameter", resources: [onClass("nfs"), storageClass("nfs", "nfs.csi.k8s.io", { server: "nfs.internal", share: "/platform" })], message: /uses StorageClass nfs \(nfs.csi.k8s.io\), and nothing shows it encrypts at rest/ },
        {
            name: "a class the organisation vouches for, redeclared by the stack with encryption off",
            resources: [onClass("vault-encrypted"), storageClass("vault-encrypted", "ebs.csi.aws.com", { type: "gp3", encrypted: "false" })],
            config: VOUCHED,
            message: /uses StorageClass vault-encrypted \(ebs.csi.aws.com\), whose parameters do not turn encryption on/,
        },
        { name: "a PersistentVolumeClaim on a class the stack does not declare", resources: [claim("scratch", "local-path")], message: /PersistentVolumeClaim scratch uses StorageClass local-path, which this stack does not declare/ },
        { name: "a PersistentVolumeClaim on the default class", resources: [claim("scratch", undefined)], message: /PersistentVolumeClaim scratch names no StorageClass/ },
        { name: "a StatefulSet whose claim template gets the default class", resources: [statefulSet("queue", undefined), ebs("true")], message: /StatefulSet queue volumeClaimTemplate data names no StorageClass/ },
        { name: "a StatefulSet whose claim template names an unencrypted EBS class", resources: [statefulSet("queue", "fast-encrypted"), ebs("false")], message: /StatefulSet queue volumeClaimTemplate data uses StorageClass fast-encrypted \(ebs.csi.aws.com\), whose parameters do not turn encryption on/ },
        {
            name: "non-voting members on an unencrypted class",
            resources: [
                perconaCluster("orders", { replsets: [replset({ extra: { nonvoting: { enabled: true, size: 1, volumeSpec: volumeSpec("plain") } } })] }),
                ebs("true"),
                storageClass("plain", "ebs.csi.aws.com", { type: "gp3" }),
            ],
            message: /orders replica set rs0 non-voting members uses StorageClass plain \(ebs.csi.aws.com\), whose parameters do not turn encryption on/,
        },
        {
            name: "hidden members on the default class",
            resources: [perconaCluster("orders", { replsets: [replset({ extra: { hidden: { enabled: true, size: 1, volumeSpec: { persistentVolumeClaim: { resources: { requests: { storage: "50Gi" } } } } } } })] }), ebs("true")],
            message: /orders replica set rs0 hidden members names no StorageClass/,
        },
    ],
    unknown: [
        { name: "the Longhorn class's encrypted parameter not known yet", resources: [onClass("fast-encrypted"), longhorn({ encrypted: unknown })] },
        { name: "the claim's class not known yet", resources: [claim("scratch", unknown)] },
        { name: "the StatefulSet claim template's class not known yet", resources: [statefulSet("queue", unknown)] },
    ],
});
