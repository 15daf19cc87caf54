/**
 * Every rule of the pack, by domain. The pack, the generated catalogue (docs/policies.md) and the
 * tests all read this list; a second rule with a name already taken stops the pack from loading.
 */
import disallowWeakCertificateKeys from "./aws/acm/disallow-weak-certificate-keys";
import requireApiAccessLogs from "./aws/apigateway/require-api-access-logs";
import requireApiCacheEncryption from "./aws/apigateway/require-api-cache-encryption";
import requireApiExecutionLogging from "./aws/apigateway/require-api-execution-logging";
import requireApiRouteAuthorization from "./aws/apigateway/require-api-route-authorization";
import requireApiStageWebAcl from "./aws/apigateway/require-api-stage-web-acl";
import requireApiTlsPolicy from "./aws/apigateway/require-api-tls-policy";
import requireDefaultRootObject from "./aws/cloudfront/require-default-root-object";
import requireDistributionHttps from "./aws/cloudfront/require-distribution-https";
import requireDistributionLogging from "./aws/cloudfront/require-distribution-logging";
import requireDistributionTlsPolicy from "./aws/cloudfront/require-distribution-tls-policy";
import requireDistributionWebAcl from "./aws/cloudfront/require-distribution-web-acl";
import requireOriginAccessControl from "./aws/cloudfront/require-origin-access-control";
import requireOriginHttps from "./aws/cloudfront/require-origin-https";
import requireTrailHardening from "./aws/cloudtrail/require-trail-hardening";
import disallowAdminManagedPolicies from "./aws/iam/disallow-admin-managed-policies";
import disallowFullAdminPolicies from "./aws/iam/disallow-full-admin-policies";
import disallowIamUserAccessKeys from "./aws/iam/disallow-iam-user-access-keys";
import disallowPassroleOnAnyRole from "./aws/iam/disallow-passrole-on-any-role";
import disallowUserPolicies from "./aws/iam/disallow-user-policies";
import disallowWildcardServiceActions from "./aws/iam/disallow-wildcard-service-actions";
import restrictRoleTrustPolicy from "./aws/iam/restrict-role-trust-policy";
import disallowPlaintextFunctionSecrets from "./aws/lambda/disallow-plaintext-function-secrets";
import disallowPublicFunctionPermission from "./aws/lambda/disallow-public-function-permission";
import requireFunctionUrlAuth from "./aws/lambda/require-function-url-auth";
import requireFunctionVpc from "./aws/lambda/require-function-vpc";
import requireSupportedLambdaRuntime from "./aws/lambda/require-supported-lambda-runtime";
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
import requireNodeGroupLaunchTemplate from "./aws/eks/require-node-group-launch-template";
import requireAlbHardening from "./aws/elb/require-alb-hardening";
import requireHttpsListeners from "./aws/elb/require-https-listeners";
import requireLbAccessLogs from "./aws/elb/require-lb-access-logs";
import requireLbDeletionProtection from "./aws/elb/require-lb-deletion-protection";
import requireTlsSecurityPolicy from "./aws/elb/require-tls-security-policy";
import disallowPublicBucketAcl from "./aws/s3/disallow-public-bucket-acl";
import requireBucketKmsEncryption from "./aws/s3/require-bucket-kms-encryption";
import requireBucketPublicAccessBlock from "./aws/s3/require-bucket-public-access-block";
import requireBucketSslOnly from "./aws/s3/require-bucket-ssl-only";
import requireBucketAccessLogging from "./aws/s3/require-bucket-access-logging";
import disallowPublicBucketPolicy from "./aws/s3/disallow-public-bucket-policy";
import requireAccountPublicAccessBlock from "./aws/s3/require-account-public-access-block";
import disallowPublicDbInstance from "./aws/rds/disallow-public-db-instance";
import requireDbAutoMinorVersionUpgrade from "./aws/rds/require-db-auto-minor-version-upgrade";
import requireDbBackupRetention from "./aws/rds/require-db-backup-retention";
import requireDbDeletionProtection from "./aws/rds/require-db-deletion-protection";
import requireDbEncryption from "./aws/rds/require-db-encryption";
import requireDbIamAuthentication from "./aws/rds/require-db-iam-authentication";
import requireDbLogExports from "./aws/rds/require-db-log-exports";
import requireTableCmkEncryption from "./aws/dynamodb/require-table-cmk-encryption";
import requireTableDeletionProtection from "./aws/dynamodb/require-table-deletion-protection";
import requireTablePointInTimeRecovery from "./aws/dynamodb/require-table-point-in-time-recovery";
import requireQueueKmsEncryption from "./aws/sqs/require-queue-kms-encryption";
import requireTopicKmsEncryption from "./aws/sns/require-topic-kms-encryption";
import requireImageScanning from "./aws/ecr/require-image-scanning";
import requireImmutableImageTags from "./aws/ecr/require-immutable-image-tags";
import requireRepositoryCmkEncryption from "./aws/ecr/require-repository-cmk-encryption";
import requireEfsBackups from "./aws/efs/require-efs-backups";
import requireEfsEncryption from "./aws/efs/require-efs-encryption";
import disallowOpenOpensearchAccessPolicy from "./aws/opensearch/disallow-open-opensearch-access-policy";
import disallowPublicOpensearchDomain from "./aws/opensearch/disallow-public-opensearch-domain";
import requireOpensearchEncryptionAtRest from "./aws/opensearch/require-opensearch-encryption-at-rest";
import requireOpensearchFineGrainedAccessControl from "./aws/opensearch/require-opensearch-fine-grained-access-control";
import requireOpensearchHttps from "./aws/opensearch/require-opensearch-https";
import requireOpensearchNodeToNodeEncryption from "./aws/opensearch/require-opensearch-node-to-node-encryption";
import disallowDefaultCacheSubnetGroup from "./aws/elasticache/disallow-default-cache-subnet-group";
import requireElasticacheAuthentication from "./aws/elasticache/require-elasticache-authentication";
import requireElasticacheEncryptionAtRest from "./aws/elasticache/require-elasticache-encryption-at-rest";
import requireElasticacheEncryptionInTransit from "./aws/elasticache/require-elasticache-encryption-in-transit";
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
import disallowMeshOptOut from "./kubernetes/mesh/disallow-mesh-opt-out";
import requireDestinationRuleTls from "./kubernetes/mesh/require-destination-rule-tls";
import requireGatewayTls from "./kubernetes/mesh/require-gateway-tls";
import restrictAuthorizationPolicyAllows from "./kubernetes/mesh/restrict-authorization-policy-allows";
import restrictServiceEntryHosts from "./kubernetes/mesh/restrict-service-entry-hosts";
import requireEgressGatewayRouting from "./kubernetes/mesh/require-egress-gateway-routing";
import restrictReservedNamespaces from "./kubernetes/namespaces/restrict-reserved-namespaces";
import requireIngressTls from "./kubernetes/network/require-ingress-tls";
import restrictNetworkPolicyPeers from "./kubernetes/network/restrict-network-policy-peers";
import restrictInternetEgress from "./kubernetes/network/restrict-internet-egress";
import restrictPrivilegedRbacPermissions from "./kubernetes/rbac/restrict-privileged-rbac-permissions";
import restrictRbacBindingSubjects from "./kubernetes/rbac/restrict-rbac-binding-subjects";
import disallowPlaintextCredentials from "./kubernetes/secrets/disallow-plaintext-credentials";
import requireTenantKeys from "./kubernetes/tenancy/require-tenant-keys";
import requirePinnedHelmCharts from "./kubernetes/images/require-pinned-helm-charts";
import requireResourceLimits from "./kubernetes/workloads/require-resource-limits";
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
import requireTlsBackupStorage from "./kubernetes/data/require-tls-backup-storage";
import restrictMongodbExposure from "./kubernetes/data/restrict-mongodb-exposure";
import requireMirroredSources from "./kubernetes/images/require-mirrored-sources";
import requireVerifiedImages from "./kubernetes/images/require-verified-images";
import requireImageVerification from "./kubernetes/images/require-image-verification";
import requireEncryptedStorageClass from "./kubernetes/storage/require-encrypted-storage-class";
import disallowPlaintextTenantKeys from "./secrets/disallow-plaintext-tenant-keys";
import requireLongRandomSecrets from "./secrets/require-long-random-secrets";
import requireStrongPrivateKeys from "./secrets/require-strong-private-keys";
import requireBackupForDataVolumes from "./stack/require-backup-for-data-volumes";
import requireEncryptedDataVolumes from "./stack/require-encrypted-data-volumes";
import requireBackupVaultLock from "./stack/require-backup-vault-lock";
import requireOffsiteDatabaseBackup from "./stack/require-offsite-database-backup";
import requireProtectedStatefulResources from "./stack/require-protected-stateful-resources";
import type { Rule } from "./lib/rule";
import requireVpcFlowLogs from "./stack/require-vpc-flow-logs";
import requireAuditTrail from "./stack/require-audit-trail";
import requireConfigRecorderCoverage from "./aws/config/require-config-recorder-coverage";
import requireGuarddutyProtections from "./aws/guardduty/require-guardduty-protections";
import requireConfigRecorder from "./stack/require-config-recorder";
import requireGuardduty from "./stack/require-guardduty";
import requireSecurityHub from "./stack/require-security-hub";
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
    // aws/apigateway
    requireApiAccessLogs,
    requireApiCacheEncryption,
    requireApiExecutionLogging,
    requireApiRouteAuthorization,
    requireApiStageWebAcl,
    requireApiTlsPolicy,
    // aws/backup
    requireBackupPlanRetention,
    requireBackupVaultEncryption,
    // aws/cloudfront
    requireDefaultRootObject,
    requireDistributionHttps,
    requireDistributionLogging,
    requireDistributionTlsPolicy,
    requireDistributionWebAcl,
    requireOriginAccessControl,
    requireOriginHttps,
    // aws/cloudtrail
    requireTrailHardening,
    // aws/cloudwatch
    requireLogGroupEncryption,
    requireLogGroupRetention,
    // aws/config
    requireConfigRecorderCoverage,
    // aws/dynamodb
    requireTableCmkEncryption,
    requireTableDeletionProtection,
    requireTablePointInTimeRecovery,
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
    // aws/ecr
    requireImageScanning,
    requireImmutableImageTags,
    requireRepositoryCmkEncryption,
    // aws/efs
    requireEfsBackups,
    requireEfsEncryption,
    // aws/eks
    disallowNodeGroupRemoteAccess,
    requireNodeGroupLaunchTemplate,
    disallowPublicClusterEndpoint,
    requireClusterAccessEntries,
    requireClusterAuditLogging,
    requireClusterSecretsEncryption,
    requireNetworkPolicyEnforcement,
    requireSupportedKubernetesVersion,
    // aws/elasticache
    disallowDefaultCacheSubnetGroup,
    requireElasticacheAuthentication,
    requireElasticacheEncryptionAtRest,
    requireElasticacheEncryptionInTransit,
    // aws/elb
    requireAlbHardening,
    requireHttpsListeners,
    requireLbAccessLogs,
    requireLbDeletionProtection,
    requireTlsSecurityPolicy,
    // aws/guardduty
    requireGuarddutyProtections,
    // aws/iam
    disallowAdminManagedPolicies,
    disallowFullAdminPolicies,
    disallowIamUserAccessKeys,
    disallowPassroleOnAnyRole,
    disallowUserPolicies,
    disallowWildcardServiceActions,
    restrictRoleTrustPolicy,
    // aws/kms
    disallowPublicKeyPolicy,
    requireKeyRotation,
    restrictKeyAdministration,
    // aws/lambda
    disallowPlaintextFunctionSecrets,
    disallowPublicFunctionPermission,
    requireFunctionUrlAuth,
    requireFunctionVpc,
    requireSupportedLambdaRuntime,
    // aws/opensearch
    disallowOpenOpensearchAccessPolicy,
    disallowPublicOpensearchDomain,
    requireOpensearchEncryptionAtRest,
    requireOpensearchFineGrainedAccessControl,
    requireOpensearchHttps,
    requireOpensearchNodeToNodeEncryption,
    // aws/rds
    disallowPublicDbInstance,
    requireDbAutoMinorVersionUpgrade,
    requireDbBackupRetention,
    requireDbDeletionProtection,
    requireDbEncryption,
    requireDbIamAuthentication,
    requireDbLogExports,
    // aws/s3
    disallowPublicBucketAcl,
    disallowPublicBucketPolicy,
    requireAccountPublicAccessBlock,
    requireBucketKmsEncryption,
    requireBucketPublicAccessBlock,
    requireBucketSslOnly,
    requireBucketAccessLogging,
    // aws/secretsmanager
    requireSecretCmk,
    // aws/sns
    requireTopicKmsEncryption,
    // aws/sqs
    requireQueueKmsEncryption,
    // aws/waf
    requireAlbWebAcl,
    requireWebAclLogging,
    requireWebAclRules,
    // kubernetes/data
    requireMongodbEncryptionAtRest,
    requireMongodbTls,
    requireTlsBackupStorage,
    restrictMongodbExposure,
    // kubernetes/mesh
    disallowMeshOptOut,
    requireDestinationRuleTls,
    requireGatewayTls,
    restrictAuthorizationPolicyAllows,
    restrictServiceEntryHosts,
    requireEgressGatewayRouting,
    requireMeshMinTlsVersion,
    requireMeshWideStrictMtls,
    requireStrictMtls,
    restrictMeshOutboundTraffic,
    restrictTenantIngressRoutes,
    // kubernetes/namespaces
    restrictReservedNamespaces,
    requirePodSecurityLabels,
    // kubernetes/network
    requireIngressTls,
    restrictNetworkPolicyPeers,
    restrictInternetEgress,
    requireDefaultDenyNetworkPolicy,
    restrictServiceExposure,
    // kubernetes/rbac
    restrictPrivilegedRbacPermissions,
    restrictRbacBindingSubjects,
    disableDefaultServiceAccountToken,
    disallowClusterAdminBindings,
    disallowWildcardRbac,
    restrictSecretAccess,
    // kubernetes/images
    requirePinnedHelmCharts,
    requireMirroredSources,
    requireVerifiedImages,
    requireImageVerification,
    // kubernetes/storage
    requireEncryptedStorageClass,
    // kubernetes/secrets
    disallowPlaintextCredentials,
    // kubernetes/tenancy
    requireTenantKeys,
    // kubernetes/workloads
    requireResourceLimits,
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
    disallowPlaintextTenantKeys,
    requireLongRandomSecrets,
    requireStrongPrivateKeys,
    // stack
    requireBackupForDataVolumes,
    requireEncryptedDataVolumes,
    requireBackupVaultLock,
    requireOffsiteDatabaseBackup,
    requireProtectedStatefulResources,
    requireVpcFlowLogs,
    restrictDefaultSecurityGroup,
    requireAuditTrail,
    requireGuardduty,
    requireSecurityHub,
    requireConfigRecorder,
]);
