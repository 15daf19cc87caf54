import { stackConfig } from "../lib/environment";
import { dataMembers, PERCONA_MONGODB_TYPES, storageClassOf } from "../lib/percona";
import type { PolicyResource } from "../lib/policy-api";
import { defineStackRule, type Props } from "../lib/rule";
import { ebsParameter, isEbsProvisioner, STORAGE_CLASS_TYPE } from "../lib/storage-class";
import { ofType } from "../lib/values";

/**
 * CSI provisioners whose StorageClass says in a parameter that it encrypts: the parameter must be
 * exactly "true" (Longhorn: `encrypted`, with a passphrase Secret; Ceph RBD: `encrypted`, LUKS).
 */
const ENCRYPTING_PARAMETER: Readonly<Record<string, string>> = {
    "driver.longhorn.io": "encrypted",
    "rbd.csi.ceph.com": "encrypted",
};

const CLAIM_TYPE = "kubernetes:core/v1:PersistentVolumeClaim";
/** StatefulSets teams add: each volumeClaimTemplate becomes a claim per replica, provisioned by its class. */
const STATEFUL_SET_TYPE = "kubernetes:apps/v1:StatefulSet";

interface Declaration {
    readonly storageClassName?: unknown;
    readonly encryptedAtRest?: unknown;
}

/** The stack's own declaration about a class it does not create (`{storageClassName, encryptedAtRest}`). */
function declared(key: string): Declaration | undefined {
    const raw = stackConfig()[key];
    if (raw === undefined) {
        return undefined;
    }
    try {
        const value = JSON.parse(raw) as unknown;
        return typeof value === "object" && value !== null && !Array.isArray(value) ? value as Declaration : undefined;
    } catch {
        return undefined;
    }
}

/** Whether a class the stack declares encrypts, by its provisioner's parameters; undefined when they cannot tell. */
function encryptsByParameters(storageClass: Props): boolean | undefined {
    const provisioner = storageClass.provisioner;
    if (isEbsProvisioner(provisioner)) {
        return ebsParameter(storageClass.parameters, "encrypted") === "true";
    }
    const parameter = ENCRYPTING_PARAMETER[provisioner as string];
    return parameter === undefined ? undefined : storageClass.parameters?.[parameter] === "true";
}

export default defineStackRule<{ declarationKey: string; encryptingStorageClasses: string[] }>({
    name: "require-encrypted-data-volumes",
    description: "Every data volume (MongoDB members, PersistentVolumeClaims, StatefulSet volumeClaimTemplates) must come from a StorageClass shown to encrypt at rest: one the stack declares with an encrypting parameter (EBS, Longhorn, Ceph RBD), or an existing class the stack's configuration declares encrypting. The cluster's default class, or a class nobody vouches for, is refused.",
    severity: "high",
    controls: ["NIST SP 800-53 SC-28", "EKS BP encryption-at-rest"],
    remediation: "Name the StorageClass explicitly in the volume claims. Either declare it in the stack with its provisioner's encryption parameter (`encrypted: \"true\"`), or, for a class the cluster already has, declare it in the stack configuration (`secure-platform:storage: {storageClassName, encryptedAtRest: true, encryption}`) after checking it encrypts (e.g. Longhorn with LUKS), or list it in encryptingStorageClasses.",
    config: {
        declarationKey: {
            type: "string",
            default: "secure-platform:storage",
            description: "Stack config key holding `{storageClassName, encryptedAtRest}`: the stack's declaration about a class it does not create.",
        },
        encryptingStorageClasses: {
            type: "array",
            items: { type: "string" },
            default: [],
            description: "Classes the organisation has verified encrypt at rest, for stacks that do not declare them.",
        },
    },
    validate(resources, { config }, report) {
        const classes = new Map(ofType(resources, STORAGE_CLASS_TYPE).map((c) => [c.props.metadata?.name as string, c]));
        const declaration = declared(config.declarationKey);
        const judge = (owner: PolicyResource, where: string, className: string | null | undefined) => {
            if (className === undefined || className === null || className === "") {
                report(owner, `${where} names no StorageClass: it gets the cluster's default class, which this stack cannot show encrypts.`);
                return;
            }
            const storageClass = classes.get(className);
            const byParameters = storageClass ? encryptsByParameters(storageClass.props) : undefined;
            // The organisation's list vouches for classes the stack does not declare; a stack that declares one
            // under that name with encryption off is judged by its parameters, not let through by the name.
            if (byParameters === true || (byParameters === undefined && config.encryptingStorageClasses.includes(className))) {
                return;
            }
            if (byParameters === false) {
                report(owner, `${where} uses StorageClass ${className} (${storageClass!.props.provisioner}), whose parameters do not turn encryption on.`);
            } else if (declaration?.storageClassName === className && declaration.encryptedAtRest === true) {
                return;
            } else if (declaration?.storageClassName === className) {
                report(owner, `${where} uses StorageClass ${className}, which the stack declares does not encrypt at rest (${config.declarationKey}.encryptedAtRest: ${JSON.stringify(declaration.encryptedAtRest)}).`);
            } else {
                report(owner, `${where} uses StorageClass ${className}${storageClass ? ` (${storageClass.props.provisioner})` : ", which this stack does not declare"}, and nothing shows it encrypts at rest: declare it in ${config.declarationKey} or encryptingStorageClasses.`);
            }
        };
        for (const database of PERCONA_MONGODB_TYPES.flatMap((type) => ofType(resources, type))) {
            for (const { label, spec } of dataMembers(database.props)) {
                if (spec.volumeSpec?.persistentVolumeClaim !== undefined) {
                    judge(database, `${database.name} ${label}`, storageClassOf(spec));
                }
            }
        }
        for (const claim of ofType(resources, CLAIM_TYPE)) {
            judge(claim, `PersistentVolumeClaim ${claim.props.metadata?.name ?? claim.name}`, claim.props.spec?.storageClassName);
        }
        for (const set of ofType(resources, STATEFUL_SET_TYPE)) {
            const templates = set.props.spec?.volumeClaimTemplates;
            for (const [index, template] of (Array.isArray(templates) ? templates : []).entries()) {
                const label = template?.metadata?.name ?? `#${index}`;
                judge(set, `StatefulSet ${set.props.metadata?.name ?? set.name} volumeClaimTemplate ${label}`, template?.spec?.storageClassName);
            }
        }
    },
});
