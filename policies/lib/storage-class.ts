/**
 * Reading a Kubernetes StorageClass the way its provisioner does. Only the EBS provisioners are modelled:
 * the EBS CSI driver matches parameter keys case-insensitively, takes `encrypted` only when it is exactly
 * "true", and tags each volume with its `tagSpecification*` parameters ("key=value") and its own
 * `ebs.csi.aws.com/cluster=true` (kubernetes-sigs/aws-ebs-csi-driver, pkg/driver/controller.go).
 */
import type { Props } from "./rule";

export const STORAGE_CLASS_TYPE = "kubernetes:storage.k8s.io/v1:StorageClass";

/** Provisioners whose volumes are EBS volumes; in-tree classes are served by the CSI driver since CSI migration. */
export const EBS_PROVISIONERS: readonly string[] = ["ebs.csi.aws.com", "kubernetes.io/aws-ebs"];

/** The tag the EBS CSI driver puts on every volume it creates. */
export const EBS_DRIVER_TAG: readonly [string, string] = ["ebs.csi.aws.com/cluster", "true"];

export function isEbsProvisioner(provisioner: unknown): boolean {
    return EBS_PROVISIONERS.includes(provisioner as string);
}

/**
 * A StorageClass parameter looked up case-insensitively, as the EBS CSI driver does. Only the matching
 * key is read, so an unrelated parameter that is unknown during a preview does not stop the rule.
 */
export function ebsParameter(parameters: Props | undefined, key: string): unknown {
    if (parameters === undefined || parameters === null) {
        return undefined;
    }
    const found = Object.keys(parameters).find((k) => k.toLowerCase() === key.toLowerCase());
    return found === undefined ? undefined : parameters[found];
}

/** The tags an EBS StorageClass declares for its volumes: its `tagSpecification*` parameters ("key=value"). */
export function declaredVolumeTags(parameters: Props | undefined): Array<[string, string]> {
    return Object.keys(parameters ?? {})
        .filter((key) => key.startsWith("tagSpecification"))
        .map((key) => String(parameters![key]))
        .filter((value) => value.includes("="))
        .map((value): [string, string] => [value.slice(0, value.indexOf("=")), value.slice(value.indexOf("=") + 1)]);
}
