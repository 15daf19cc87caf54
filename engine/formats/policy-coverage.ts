/**
 * Which rules of the policy pack guard which resources, read from the pack's own registry: resource
 * rules declare the types they judge; stack rules judge the stack as a whole, and STACK_RULE_SCOPES
 * says which types each one looks at (a test keeps it in step with the registry). The registry loads no
 * Pulumi SDK, so importing it here has no side effect on a later render.
 */
import type { Diagnostic } from "../analyzer";
import type { CheckResult } from "../engine";
import { WORKLOAD_TYPE_LIST } from "../../policies/lib/pod-spec";
import type { Rule } from "../../policies/lib/rule";
import type { ResourceView } from "./stack-view";

/** The resource types each stack rule reads. */
export const STACK_RULE_SCOPES: Readonly<Record<string, readonly string[]>> = {
    "require-bucket-kms-encryption": ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"],
    "require-bucket-public-access-block": ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"],
    "require-bucket-ssl-only": ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"],
    "require-bucket-access-logging": ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2", "aws:s3/bucketLogging:BucketLogging", "aws:s3/bucketLoggingV2:BucketLoggingV2"],
    "require-audit-trail": ["aws:cloudtrail/trail:Trail"],
    "require-alb-web-acl": ["aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer", "aws:wafv2/webAcl:WebAcl"],
    "require-web-acl-logging": ["aws:wafv2/webAcl:WebAcl"],
    "require-mesh-wide-strict-mtls": ["kubernetes:security.istio.io/v1:PeerAuthentication", "kubernetes:security.istio.io/v1beta1:PeerAuthentication", "kubernetes:helm.sh/v3:Release"],
    "require-default-deny-network-policy": ["kubernetes:core/v1:Namespace"],
    "require-verified-images": ["kubernetes:core/v1:Namespace", "kubernetes:policy.sigstore.dev/v1beta1:ClusterImagePolicy", ...WORKLOAD_TYPE_LIST],
    "require-image-verification": ["kubernetes:core/v1:Namespace", "kubernetes:policy.sigstore.dev/v1beta1:ClusterImagePolicy", "kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicyBinding"],
    "require-tenant-keys": ["kubernetes:core/v1:Namespace", "kubernetes:core/v1:Secret", "aws:kms/ciphertext:Ciphertext"],
    "restrict-tenant-ingress-routes": [
        "kubernetes:networking.istio.io/v1:Gateway", "kubernetes:networking.istio.io/v1beta1:Gateway", "kubernetes:networking.istio.io/v1alpha3:Gateway",
        "kubernetes:networking.istio.io/v1:VirtualService", "kubernetes:networking.istio.io/v1beta1:VirtualService", "kubernetes:networking.istio.io/v1alpha3:VirtualService",
    ],
    "require-egress-gateway-routing": [
        "kubernetes:networking.istio.io/v1:ServiceEntry", "kubernetes:networking.istio.io/v1beta1:ServiceEntry", "kubernetes:networking.istio.io/v1alpha3:ServiceEntry",
        "kubernetes:networking.istio.io/v1:VirtualService", "kubernetes:networking.istio.io/v1beta1:VirtualService", "kubernetes:networking.istio.io/v1alpha3:VirtualService",
    ],
    "require-backup-for-data-volumes": ["kubernetes:psmdb.percona.com/v1:PerconaServerMongoDB", "kubernetes:storage.k8s.io/v1:StorageClass"],
    "require-encrypted-data-volumes": ["kubernetes:psmdb.percona.com/v1:PerconaServerMongoDB", "kubernetes:core/v1:PersistentVolumeClaim", "kubernetes:apps/v1:StatefulSet", "kubernetes:storage.k8s.io/v1:StorageClass"],
    "require-backup-vault-lock": ["aws:backup/vault:Vault", "aws:backup/logicallyAirGappedVault:LogicallyAirGappedVault"],
    "require-offsite-database-backup": ["kubernetes:psmdb.percona.com/v1:PerconaServerMongoDB", "kubernetes:storage.k8s.io/v1:StorageClass", "aws:backup/selection:Selection"],
    "require-protected-stateful-resources": [
        "aws:kms/key:Key", "aws:secretsmanager/secret:Secret", "aws:backup/vault:Vault", "aws:s3/bucket:Bucket", "aws:ebs/volume:Volume",
        "kubernetes:core/v1:PersistentVolumeClaim", "kubernetes:psmdb.percona.com/v1:PerconaServerMongoDB", "kubernetes:storage.k8s.io/v1:StorageClass",
        "aws:rds/instance:Instance", "aws:rds/cluster:Cluster", "aws:dynamodb/table:Table", "aws:efs/fileSystem:FileSystem", "aws:opensearch/domain:Domain",
        "aws:elasticache/replicationGroup:ReplicationGroup", "aws:ecr/repository:Repository",
    ],
    "require-vpc-flow-logs": ["aws:ec2/vpc:Vpc"],
    "require-api-execution-logging": ["aws:apigateway/stage:Stage", "aws:apigateway/methodSettings:MethodSettings", "aws:apigatewayv2/api:Api", "aws:apigatewayv2/stage:Stage"],
    "require-api-route-authorization": ["aws:apigatewayv2/api:Api", "aws:apigatewayv2/route:Route", "aws:apigateway/method:Method"],
    "require-api-stage-web-acl": ["aws:apigateway/stage:Stage", "aws:wafv2/webAclAssociation:WebAclAssociation"],
    "require-function-vpc": ["aws:lambda/function:Function", "aws:cloudfront/distribution:Distribution"],
    "require-image-scanning": ["aws:ecr/repository:Repository", "aws:ecr/repositoryCreationTemplate:RepositoryCreationTemplate", "aws:ecr/registryScanningConfiguration:RegistryScanningConfiguration"],
    "require-efs-backups": ["aws:efs/fileSystem:FileSystem", "aws:efs/backupPolicy:BackupPolicy", "aws:backup/selection:Selection"],
    "disallow-open-opensearch-access-policy": ["aws:opensearch/domain:Domain", "aws:elasticsearch/domain:Domain", "aws:opensearch/domainPolicy:DomainPolicy", "aws:elasticsearch/domainPolicy:DomainPolicy"],
    "disable-default-service-account-token": ["kubernetes:core/v1:ServiceAccount", "kubernetes:core/v1:ServiceAccountPatch", ...WORKLOAD_TYPE_LIST],
    "require-resource-limits": ["kubernetes:core/v1:LimitRange", "kubernetes:core/v1:LimitRangePatch", ...WORKLOAD_TYPE_LIST],
    "disallow-mesh-opt-out": ["kubernetes:core/v1:Namespace", "kubernetes:core/v1:NamespacePatch", ...WORKLOAD_TYPE_LIST],
    "restrict-default-security-group": ["aws:ec2/vpc:Vpc", "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup"],
    "require-guardduty": ["aws:guardduty/detector:Detector", "aws:guardduty/detectorFeature:DetectorFeature"],
    "require-security-hub": ["aws:securityhub/account:Account", "aws:securityhub/standardsSubscription:StandardsSubscription"],
    "require-config-recorder": ["aws:cfg/recorder:Recorder", "aws:cfg/recorderStatus:RecorderStatus", "aws:cfg/deliveryChannel:DeliveryChannel", "aws:iam/serviceLinkedRole:ServiceLinkedRole"],
};

let loaded: readonly Rule[] | undefined;

/** The pack's rules (loaded on first use, so the table and JSON formats never pay for it). */
export function packRules(): readonly Rule[] {
    if (!loaded) {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        loaded = (require("../../policies/registry") as typeof import("../../policies/registry")).RULES;
    }
    return loaded;
}

export class PolicyCoverage {
    private readonly rules: readonly Rule[];
    private readonly violationsByUrn = new Map<string, Diagnostic[]>();

    constructor(readonly result: CheckResult, rules: readonly Rule[] = packRules()) {
        this.rules = rules;
        for (const violation of result.violations) {
            this.violationsByUrn.set(violation.urn, [...(this.violationsByUrn.get(violation.urn) ?? []), violation]);
        }
    }

    /** Rules judging any of these types, resource rules first. */
    rulesFor(types: Iterable<string>): Rule[] {
        const wanted = new Set(types);
        const judges = (rule: Rule) => rule.kind === "resource"
            ? (rule.resourceTypes ?? []).some((t) => wanted.has(t))
            : (STACK_RULE_SCOPES[rule.metadata.name] ?? []).some((t) => wanted.has(t));
        return this.rules.filter(judges).sort((a, b) => (a.kind === b.kind ? 0 : a.kind === "resource" ? -1 : 1));
    }

    ruleNamesFor(views: readonly ResourceView[]): string[] {
        return this.rulesFor(views.map((v) => v.type)).map((r) => r.metadata.name);
    }

    violationsFor(views: readonly ResourceView[]): Diagnostic[] {
        return views.flatMap((v) => this.violationsByUrn.get(v.urn) ?? []);
    }

    get stackRules(): Rule[] {
        return this.rules.filter((r) => r.kind === "stack");
    }

    get all(): readonly Rule[] {
        return this.rules;
    }

    /** Violations reported against the stack itself rather than one resource. */
    get stackViolations(): Diagnostic[] {
        const stack = this.result.resources.find((r) => r.type === "pulumi:pulumi:Stack")?.urn;
        return this.result.violations.filter((v) => v.urn === stack || v.urn === "");
    }
}
