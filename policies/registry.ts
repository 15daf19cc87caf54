/**
 * Every rule of the pack, by domain. The pack, the generated catalogue (docs/policies.md) and the
 * tests all read this list; a second rule with a name already taken stops the pack from loading.
 */
import disallowWeakCertificateKeys from "./aws/acm/disallow-weak-certificate-keys";
import disallowHighRiskPortsFromInternet from "./aws/ec2/disallow-high-risk-ports-from-internet";
import disallowPublicIpAssignment from "./aws/ec2/disallow-public-ip-assignment";
import requireEbsVolumeEncryption from "./aws/ec2/require-ebs-volume-encryption";
import requireImdsv2 from "./aws/ec2/require-imdsv2";
import requireLaunchTemplateEbsEncryption from "./aws/ec2/require-launch-template-ebs-encryption";
import restrictImdsHopLimit from "./aws/ec2/restrict-imds-hop-limit";
import restrictIngressFromInternet from "./aws/ec2/restrict-ingress-from-internet";
import disallowNodeGroupRemoteAccess from "./aws/eks/disallow-node-group-remote-access";
import disallowPublicClusterEndpoint from "./aws/eks/disallow-public-cluster-endpoint";
import requireClusterAccessEntries from "./aws/eks/require-cluster-access-entries";
import requireClusterAuditLogging from "./aws/eks/require-cluster-audit-logging";
import requireNetworkPolicyEnforcement from "./aws/eks/require-network-policy-enforcement";
import requireClusterSecretsEncryption from "./aws/eks/require-cluster-secrets-encryption";
import requireSupportedKubernetesVersion from "./aws/eks/require-supported-kubernetes-version";
import requireAlbHardening from "./aws/elb/require-alb-hardening";
import requireHttpsListeners from "./aws/elb/require-https-listeners";
import requireLbAccessLogs from "./aws/elb/require-lb-access-logs";
import requireLbDeletionProtection from "./aws/elb/require-lb-deletion-protection";
import requireTlsSecurityPolicy from "./aws/elb/require-tls-security-policy";
import disallowPublicBucketAcl from "./aws/s3/disallow-public-bucket-acl";
import requireBucketKmsEncryption from "./aws/s3/require-bucket-kms-encryption";
import requireBucketPublicAccessBlock from "./aws/s3/require-bucket-public-access-block";
import requireBucketSslOnly from "./aws/s3/require-bucket-ssl-only";
import requireAlbWebAcl from "./aws/waf/require-alb-web-acl";
import requireWebAclLogging from "./aws/waf/require-web-acl-logging";
import requireWebAclRules from "./aws/waf/require-web-acl-rules";
import disallowNaclAdminPortsFromInternet from "./aws/ec2/disallow-nacl-admin-ports-from-internet";
import disallowSubnetPublicIp from "./aws/ec2/disallow-subnet-public-ip";
import requireLogGroupEncryption from "./aws/cloudwatch/require-log-group-encryption";
import requireLogGroupRetention from "./aws/cloudwatch/require-log-group-retention";
import disallowPublicKeyPolicy from "./aws/kms/disallow-public-kms-key-policy";
import requireKeyRotation from "./aws/kms/require-kms-key-rotation";
import restrictKeyAdministration from "./aws/kms/restrict-kms-key-administration";
import requireMeshMinTlsVersion from "./kubernetes/mesh/require-mesh-min-tls-version";
import requireMeshWideStrictMtls from "./kubernetes/mesh/require-mesh-wide-strict-mtls";
import requireStrictMtls from "./kubernetes/mesh/require-strict-mtls";
import restrictMeshOutboundTraffic from "./kubernetes/mesh/restrict-mesh-outbound-traffic";
import restrictTenantIngressRoutes from "./kubernetes/mesh/restrict-tenant-ingress-routes";
import requirePodSecurityLabels from "./kubernetes/namespaces/require-pod-security-labels";
import requireDefaultDenyNetworkPolicy from "./kubernetes/network/require-default-deny-network-policy";
import restrictServiceExposure from "./kubernetes/network/restrict-service-exposure";
import disableDefaultServiceAccountToken from "./kubernetes/rbac/disable-default-service-account-token";
import disallowClusterAdminBindings from "./kubernetes/rbac/disallow-cluster-admin-bindings";
import disallowWildcardRbac from "./kubernetes/rbac/disallow-wildcard-rbac";
import restrictSecretAccess from "./kubernetes/rbac/restrict-secret-access";
import disallowHostNamespaces from "./kubernetes/workloads/disallow-host-namespaces";
import disallowHostPaths from "./kubernetes/workloads/disallow-host-paths";
import disallowHostPorts from "./kubernetes/workloads/disallow-host-ports";
import disallowPrivilegeEscalation from "./kubernetes/workloads/disallow-privilege-escalation";
import disallowPrivilegedContainers from "./kubernetes/workloads/disallow-privileged-containers";
import requireRunAsNonRoot from "./kubernetes/workloads/require-run-as-non-root";
import requireSeccompProfile from "./kubernetes/workloads/require-seccomp-profile";
import requireTrustedImages from "./kubernetes/workloads/require-trusted-images";
import restrictBaselineOverrides from "./kubernetes/workloads/restrict-baseline-overrides";
import restrictCapabilities from "./kubernetes/workloads/restrict-capabilities";
import restrictVolumeTypes from "./kubernetes/workloads/restrict-volume-types";
import requireBackupPlanRetention from "./aws/backup/require-backup-plan-retention";
import requireBackupVaultEncryption from "./aws/backup/require-backup-vault-encryption";
import disallowPublicEbsSnapshots from "./aws/ec2/disallow-public-ebs-snapshots";
import requireSecretCmk from "./aws/secretsmanager/require-secret-cmk";
import requireMongodbEncryptionAtRest from "./kubernetes/data/require-mongodb-encryption-at-rest";
import requireMongodbTls from "./kubernetes/data/require-mongodb-tls";
import restrictMongodbExposure from "./kubernetes/data/restrict-mongodb-exposure";
import requireMirroredSources from "./kubernetes/images/require-mirrored-sources";
import requireEncryptedStorageClass from "./kubernetes/storage/require-encrypted-storage-class";
import requireLongRandomSecrets from "./secrets/require-long-random-secrets";
import requireStrongPrivateKeys from "./secrets/require-strong-private-keys";
import requireBackupForDataVolumes from "./stack/require-backup-for-data-volumes";
import requireEncryptedDataVolumes from "./stack/require-encrypted-data-volumes";
import requireBackupVaultLock from "./stack/require-backup-vault-lock";
import requireProtectedStatefulResources from "./stack/require-protected-stateful-resources";
import type { Rule } from "./lib/rule";
import requireVpcFlowLogs from "./stack/require-vpc-flow-logs";
import restrictDefaultSecurityGroup from "./stack/restrict-default-security-group";

export function buildRegistry(rules: readonly Rule[]): readonly Rule[] {
    const seen = new Set<string>();
    for (const rule of rules) {
        const name = rule.metadata.name;
        if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(name)) {
            throw new Error(`policy name "${name}" must be kebab-case`);
        }
        if (seen.has(name)) {
            throw new Error(`policy name "${name}" is registered twice`);
        }
        seen.add(name);
    }
    return rules;
}

export const RULES: readonly Rule[] = buildRegistry([
    // aws/acm
    disallowWeakCertificateKeys,
    // aws/backup
    requireBackupPlanRetention,
    requireBackupVaultEncryption,
    // aws/cloudwatch
    requireLogGroupEncryption,
    requireLogGroupRetention,
    // aws/ec2
    disallowHighRiskPortsFromInternet,
    disallowNaclAdminPortsFromInternet,
    disallowPublicEbsSnapshots,
    disallowPublicIpAssignment,
    disallowSubnetPublicIp,
    requireEbsVolumeEncryption,
    requireImdsv2,
    requireLaunchTemplateEbsEncryption,
    restrictImdsHopLimit,
    restrictIngressFromInternet,
    // aws/eks
    disallowNodeGroupRemoteAccess,
    disallowPublicClusterEndpoint,
    requireClusterAccessEntries,
    requireClusterAuditLogging,
    requireClusterSecretsEncryption,
    requireNetworkPolicyEnforcement,
    requireSupportedKubernetesVersion,
    // aws/elb
    requireAlbHardening,
    requireHttpsListeners,
    requireLbAccessLogs,
    requireLbDeletionProtection,
    requireTlsSecurityPolicy,
    // aws/kms
    disallowPublicKeyPolicy,
    requireKeyRotation,
    restrictKeyAdministration,
    // aws/s3
    disallowPublicBucketAcl,
    requireBucketKmsEncryption,
    requireBucketPublicAccessBlock,
    requireBucketSslOnly,
    // aws/secretsmanager
    requireSecretCmk,
    // aws/waf
    requireAlbWebAcl,
    requireWebAclLogging,
    requireWebAclRules,
    // kubernetes/data
    requireMongodbEncryptionAtRest,
    requireMongodbTls,
    restrictMongodbExposure,
    // kubernetes/mesh
    requireMeshMinTlsVersion,
    requireMeshWideStrictMtls,
    requireStrictMtls,
    restrictMeshOutboundTraffic,
    restrictTenantIngressRoutes,
    // kubernetes/namespaces
    requirePodSecurityLabels,
    // kubernetes/network
    requireDefaultDenyNetworkPolicy,
    restrictServiceExposure,
    // kubernetes/rbac
    disableDefaultServiceAccountToken,
    disallowClusterAdminBindings,
    disallowWildcardRbac,
    restrictSecretAccess,
    // kubernetes/images
    requireMirroredSources,
    // kubernetes/storage
    requireEncryptedStorageClass,
    // kubernetes/workloads
    disallowHostNamespaces,
    disallowHostPaths,
    disallowHostPorts,
    disallowPrivilegeEscalation,
    disallowPrivilegedContainers,
    requireRunAsNonRoot,
    requireSeccompProfile,
    requireTrustedImages,
    restrictBaselineOverrides,
    restrictCapabilities,
    restrictVolumeTypes,
    // secrets
    requireLongRandomSecrets,
    requireStrongPrivateKeys,
    // stack
    requireBackupForDataVolumes,
    requireEncryptedDataVolumes,
    requireBackupVaultLock,
    requireProtectedStatefulResources,
    requireVpcFlowLogs,
    restrictDefaultSecurityGroup,
]);
