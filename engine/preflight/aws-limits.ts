/**
 * AWS limits on the names, descriptions and tags the program sets explicitly (auto-names are the provider's
 * and are not judged): what the AWS API would reject at `pulumi up`, long after a preview passed. Each rule
 * cites the API reference it follows. A `...Prefix` property gets a 26-character unique suffix from the
 * provider (its bucketPrefix documents "less than or equal to 37" for S3's 63), so a prefix may use the
 * name's limit minus 26.
 */
import type { RecordedResource } from "../program";
import { PreflightCheck, PreflightFinding } from "./finding";
import { isUnknown, Plain, PreflightStack } from "./stack";

export const AWS_LIMITS_CHECK = "aws-limits";

/** The provider's unique suffix for a name prefix (a timestamp and a counter). */
const PREFIX_SUFFIX = 26;

/** What is wrong with a value, or undefined when the API accepts it. */
type Validate = (value: string) => string | undefined;

interface NameRule {
    readonly types: readonly string[];
    /** Input property holding the value; `[]` marks a list whose every item is judged. */
    readonly property: string;
    readonly api: string;
    readonly source: string;
    readonly validate: Validate;
}

const length = (min: number, max: number): Validate => (v) => (v.length < min || v.length > max ? `is ${v.length} characters; ${min === max ? `exactly ${max}` : `${min} to ${max}`} are allowed` : undefined);
const pattern = (re: RegExp, allowed: string): Validate => (v) => {
    const bad = [...new Set([...v].filter((ch) => !re.test(ch)))];
    return bad.length > 0 ? `contains ${bad.map((c) => JSON.stringify(c)).join(", ")}; allowed: ${allowed}` : undefined;
};
const both = (...checks: Validate[]): Validate => (v) => checks.map((c) => c(v)).filter((m): m is string => m !== undefined).join("; ") || undefined;
const named = (types: string | readonly string[], property: string, api: string, source: string, ...checks: Validate[]): NameRule => ({ types: typeof types === "string" ? [types] : types, property, api, source, validate: both(...checks) });

const IAM_NAME = pattern(/[\w+=,.@-]/, "letters, digits and _+=,.@-");
/** Security group names and descriptions (CreateSecurityGroup). */
const SG_TEXT = pattern(/[a-zA-Z0-9 ._\-:/()#,@[\]+=&;{}!$*]/, "a-z, A-Z, 0-9, spaces and ._-:/()#,@[]+=&;{}!$*");
/** Security group rule descriptions (IpRange, UserIdGroupPair): the same set without '&'. */
const SG_RULE_TEXT = pattern(/[a-zA-Z0-9 ._\-:/()#,@[\]+=;{}!$*]/, "a-z, A-Z, 0-9, spaces and ._-:/()#,@[]+=;{}!$*");
const LB_NAME = both(pattern(/[a-zA-Z0-9-]/, "letters, digits and hyphens"), (v) => (v.startsWith("-") || v.endsWith("-") ? "begins or ends with a hyphen" : undefined));

function s3BucketName(v: string): string | undefined {
    const problems = [
        length(3, 63)(v),
        pattern(/[a-z0-9.-]/, "lowercase letters, digits, '.' and '-'")(v),
        !/^[a-z0-9].*[a-z0-9]$|^[a-z0-9]$/.test(v) ? "does not begin and end with a letter or digit" : undefined,
        v.includes("..") ? "contains two adjacent periods" : undefined,
        /^\d+\.\d+\.\d+\.\d+$/.test(v) ? "is formatted as an IP address" : undefined,
        ...["xn--", "sthree-", "amzn-s3-demo-"].map((p) => (v.startsWith(p) ? `starts with the reserved prefix ${p}` : undefined)),
        ...["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"].map((s) => (v.endsWith(s) ? `ends with the reserved suffix ${s}` : undefined)),
    ].filter((p): p is string => p !== undefined);
    return problems.length > 0 ? problems.join("; ") : undefined;
}

function s3BucketPrefix(v: string): string | undefined {
    return both(length(1, 63 - PREFIX_SUFFIX), pattern(/[a-z0-9.-]/, "lowercase letters, digits, '.' and '-'"),
        (p) => (["xn--", "sthree-", "amzn-s3-demo-"].some((r) => p.startsWith(r)) ? "starts with a reserved prefix" : undefined),
        (p) => (!/^[a-z0-9]/.test(p) ? "does not begin with a letter or digit" : undefined))(v);
}

const RULES: readonly NameRule[] = [
    // https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html
    named("aws:iam/role:Role", "name", "IAM CreateRole", "https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html", length(1, 64), IAM_NAME),
    named("aws:iam/role:Role", "namePrefix", "IAM CreateRole", "https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html", length(1, 64 - PREFIX_SUFFIX), IAM_NAME),
    named(["aws:iam/role:Role", "aws:iam/policy:Policy", "aws:iam/instanceProfile:InstanceProfile"], "path", "IAM Create*", "https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html", length(1, 512),
        (v) => (v === "/" || /^\/[\u0021-\u007f]*\/$/.test(v) ? undefined : "must be \"/\" or begin and end with \"/\" (ASCII ! to DEL between)")),
    named("aws:iam/role:Role", "description", "IAM CreateRole", "https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html", length(0, 1000), pattern(/[\u0009\u000a\u000d\u0020-\u007e\u00a1-\u00ff]/, "printable ASCII and Latin-1")),
    named(["aws:iam/policy:Policy", "aws:iam/rolePolicy:RolePolicy", "aws:iam/instanceProfile:InstanceProfile"], "name", "IAM CreatePolicy / PutRolePolicy", "https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreatePolicy.html", length(1, 128), IAM_NAME),
    // https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
    named(["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"], "bucket", "S3 CreateBucket", "https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html", s3BucketName),
    named(["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"], "bucketPrefix", "S3 CreateBucket", "https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html", s3BucketPrefix),
    // https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html
    named("aws:cloudwatch/logGroup:LogGroup", "name", "CloudWatch Logs CreateLogGroup", "https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html", length(1, 512), pattern(/[A-Za-z0-9._\-/#]/, "letters, digits and ._-/#")),
    named("aws:cloudwatch/logGroup:LogGroup", "namePrefix", "CloudWatch Logs CreateLogGroup", "https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html", length(1, 512 - PREFIX_SUFFIX), pattern(/[A-Za-z0-9._\-/#]/, "letters, digits and ._-/#")),
    // https://docs.aws.amazon.com/waf/latest/APIReference/API_LoggingConfiguration.html
    named("aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration", "logDestinationConfigs[]", "WAFV2 PutLoggingConfiguration", "https://docs.aws.amazon.com/waf/latest/APIReference/API_LoggingConfiguration.html",
        (arn) => {
            const name = /:log-group:([^:]+)/.exec(arn)?.[1] ?? /^arn:[^:]+:s3:::([^/]+)/.exec(arn)?.[1] ?? /:deliverystream\/(.+)$/.exec(arn)?.[1];
            return name !== undefined && !name.startsWith("aws-waf-logs-") ? `names the destination ${JSON.stringify(name)}, which does not start with "aws-waf-logs-"` : undefined;
        }),
    named("aws:wafv2/webAcl:WebAcl", "name", "WAFV2 CreateWebACL", "https://docs.aws.amazon.com/waf/latest/APIReference/API_CreateWebACL.html", length(1, 128), pattern(/[\w-]/, "letters, digits, _ and -")),
    // https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateAlias.html
    named("aws:kms/alias:Alias", "name", "KMS CreateAlias", "https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateAlias.html", length(1, 256), pattern(/[a-zA-Z0-9/_-]/, "letters, digits and /_-"),
        (v) => (!v.startsWith("alias/") ? "does not begin with \"alias/\"" : v.startsWith("alias/aws/") ? "begins with \"alias/aws/\", reserved for AWS managed keys" : undefined)),
    named("aws:kms/alias:Alias", "namePrefix", "KMS CreateAlias", "https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateAlias.html", length(1, 256 - PREFIX_SUFFIX),
        (v) => (!v.startsWith("alias/") ? "does not begin with \"alias/\"" : v.startsWith("alias/aws/") ? "begins with \"alias/aws/\", reserved for AWS managed keys" : undefined)),
    // https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateLoadBalancer.html
    named(["aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer"], "name", "ELBv2 CreateLoadBalancer", "https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateLoadBalancer.html", length(1, 32), LB_NAME,
        (v) => (v.startsWith("internal-") ? "begins with \"internal-\"" : undefined)),
    named(["aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer", "aws:lb/targetGroup:TargetGroup", "aws:alb/targetGroup:TargetGroup"], "namePrefix", "ELBv2 Create*", "https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateTargetGroup.html", length(1, 6), pattern(/[a-zA-Z0-9-]/, "letters, digits and hyphens")),
    named(["aws:lb/targetGroup:TargetGroup", "aws:alb/targetGroup:TargetGroup"], "name", "ELBv2 CreateTargetGroup", "https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateTargetGroup.html", length(1, 32), LB_NAME),
    // https://docs.aws.amazon.com/eks/latest/APIReference/API_CreateCluster.html; node groups: 63 (aws.eks.NodeGroup nodeGroupName docs)
    named("aws:eks/cluster:Cluster", "name", "EKS CreateCluster", "https://docs.aws.amazon.com/eks/latest/APIReference/API_CreateCluster.html", length(1, 100), pattern(/[A-Za-z0-9_-]/, "letters, digits, - and _"),
        (v) => (/^[0-9A-Za-z]/.test(v) ? undefined : "does not begin with a letter or digit")),
    named("aws:eks/nodeGroup:NodeGroup", "nodeGroupName", "EKS CreateNodegroup", "https://www.pulumi.com/registry/packages/aws/api-docs/eks/nodegroup/", length(1, 63), pattern(/[A-Za-z0-9_-]/, "letters, digits, - and _"),
        (v) => (/^[0-9A-Za-z]/.test(v) ? undefined : "does not begin with a letter or digit")),
    named("aws:eks/nodeGroup:NodeGroup", "nodeGroupNamePrefix", "EKS CreateNodegroup", "https://www.pulumi.com/registry/packages/aws/api-docs/eks/nodegroup/", length(1, 63 - PREFIX_SUFFIX)),
    // https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_CreateSecret.html
    named("aws:secretsmanager/secret:Secret", "name", "Secrets Manager CreateSecret", "https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_CreateSecret.html", length(1, 512), pattern(/[A-Za-z0-9/_+=.@-]/, "letters, digits and /_+=.@-")),
    named("aws:secretsmanager/secret:Secret", "namePrefix", "Secrets Manager CreateSecret", "https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_CreateSecret.html", length(1, 512 - PREFIX_SUFFIX), pattern(/[A-Za-z0-9/_+=.@-]/, "letters, digits and /_+=.@-")),
    // https://docs.aws.amazon.com/aws-backup/latest/devguide/API_CreateBackupVault.html
    named(["aws:backup/vault:Vault", "aws:backup/logicallyAirGappedVault:LogicallyAirGappedVault"], "name", "Backup CreateBackupVault", "https://docs.aws.amazon.com/aws-backup/latest/devguide/API_CreateBackupVault.html", length(2, 50), pattern(/[a-zA-Z0-9_-]/, "letters, digits, - and _")),
    // https://docs.aws.amazon.com/aws-backup/latest/devguide/API_BackupPlan.html ("1 to 200 characters" through the API)
    named("aws:backup/plan:Plan", "name", "Backup CreateBackupPlan", "https://docs.aws.amazon.com/aws-backup/latest/devguide/API_BackupPlan.html", length(1, 200), pattern(/[a-zA-Z0-9._-]/, "letters, digits and -_.")),
    // https://docs.aws.amazon.com/aws-backup/latest/devguide/API_BackupSelection.html
    named("aws:backup/selection:Selection", "name", "Backup CreateBackupSelection", "https://docs.aws.amazon.com/aws-backup/latest/devguide/API_BackupSelection.html", length(1, 50), pattern(/[a-zA-Z0-9._-]/, "letters, digits and -_.")),
    // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSecurityGroup.html
    named("aws:ec2/securityGroup:SecurityGroup", "name", "EC2 CreateSecurityGroup", "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSecurityGroup.html", length(1, 255), SG_TEXT,
        (v) => (v.startsWith("sg-") ? "begins with \"sg-\"" : undefined)),
    named("aws:ec2/securityGroup:SecurityGroup", "namePrefix", "EC2 CreateSecurityGroup", "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSecurityGroup.html", length(1, 255 - PREFIX_SUFFIX), SG_TEXT),
    named("aws:ec2/securityGroup:SecurityGroup", "description", "EC2 CreateSecurityGroup", "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSecurityGroup.html", length(0, 255), SG_TEXT),
    // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpRange.html
    named(["aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", "aws:ec2/securityGroupRule:SecurityGroupRule"], "description", "EC2 AuthorizeSecurityGroupIngress/Egress", "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpRange.html", length(0, 255), SG_RULE_TEXT),
    named("aws:ec2/securityGroup:SecurityGroup", "ingress[].description", "EC2 AuthorizeSecurityGroupIngress", "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpRange.html", length(0, 255), SG_RULE_TEXT),
    named("aws:ec2/securityGroup:SecurityGroup", "egress[].description", "EC2 AuthorizeSecurityGroupEgress", "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpRange.html", length(0, 255), SG_RULE_TEXT),
    // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateLaunchTemplate.html
    named("aws:ec2/launchTemplate:LaunchTemplate", "name", "EC2 CreateLaunchTemplate", "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateLaunchTemplate.html", length(3, 128), pattern(/[a-zA-Z0-9().\-/_]/, "letters, digits and ().-/_")),
    named("aws:ec2/launchTemplate:LaunchTemplate", "namePrefix", "EC2 CreateLaunchTemplate", "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateLaunchTemplate.html", length(1, 128 - PREFIX_SUFFIX), pattern(/[a-zA-Z0-9().\-/_]/, "letters, digits and ().-/_")),
    named("aws:ec2/launchTemplate:LaunchTemplate", "description", "EC2 CreateLaunchTemplate", "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_RequestLaunchTemplateData.html", length(0, 255)),
];

/** https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html ("Tag naming limits and requirements"). */
const TAG_SOURCE = "https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html";
const MAX_TAGS = 50;

/** The values a property path selects: "name", "logDestinationConfigs[]", "ingress[].description". */
function valuesAt(inputs: Plain, property: string): { path: string; value: string }[] {
    const [head, ...rest] = property.split("[]");
    const base = inputs[head];
    if (rest.length === 0) {
        return typeof base === "string" && !isUnknown(base) ? [{ path: head, value: base }] : [];
    }
    const field = rest[0].replace(/^\./, "");
    return (Array.isArray(base) ? base : []).flatMap((item: unknown, i: number) => {
        const value = field ? (item as Plain | undefined)?.[field] : item;
        return typeof value === "string" && !isUnknown(value) ? [{ path: `${head}[${i}]${field ? `.${field}` : ""}`, value }] : [];
    });
}

function componentOf(stack: PreflightStack, resource: RecordedResource): string {
    const parent = stack.get(resource.parent);
    return parent && !parent.type.startsWith("pulumi:pulumi:Stack") ? ` (in ${parent.type.split(":").pop()} ${parent.name})` : "";
}

function tagFindings(stack: PreflightStack, resource: RecordedResource, tags: Plain, defaultTags: Plain, path: string): PreflightFinding[] {
    const findings: PreflightFinding[] = [];
    const problems: string[] = [];
    for (const [key, value] of Object.entries(tags)) {
        if (isUnknown(key) || isUnknown(value)) {
            continue;
        }
        if (key.length < 1 || key.length > 128) {
            problems.push(`key ${JSON.stringify(key.slice(0, 40))}${key.length > 40 ? "…" : ""} is ${key.length} characters (1 to 128 allowed)`);
        }
        if (/^aws:/i.test(key)) {
            problems.push(`key ${JSON.stringify(key)} uses the reserved prefix "aws:"`);
        }
        if (typeof value === "string" && value.length > 256) {
            problems.push(`the value of ${JSON.stringify(key)} is ${value.length} characters (at most 256)`);
        }
    }
    const total = new Set([...Object.keys(tags), ...Object.keys(defaultTags)]).size;
    if (total > MAX_TAGS && path === "tags") {
        problems.push(`it would carry ${total} tags with the provider's default tags, over the ${MAX_TAGS} a resource may have`);
    }
    if (problems.length > 0) {
        findings.push({
            check: AWS_LIMITS_CHECK,
            urn: resource.urn,
            path,
            refusedBy: "AWS tagging API",
            message: `${resource.type.split(":").pop()} ${resource.name}${componentOf(stack, resource)}: ${problems.join("; ")}; AWS rejects the create or tag call (${TAG_SOURCE})`,
            fix: path === "defaultTags.tags" ? "change the tag in secure-platform:tags (it becomes a default tag of every AWS resource)" : `change the tag set on ${resource.name}`,
        });
    }
    return findings;
}

export function awsLimitFindings(stack: PreflightStack): PreflightFinding[] {
    const byType = new Map<string, NameRule[]>();
    for (const rule of RULES) {
        for (const type of rule.types) {
            byType.set(type, [...(byType.get(type) ?? []), rule]);
        }
    }
    const providerTags = new Map<string, Plain>();
    const findings: PreflightFinding[] = [];
    for (const provider of stack.ofType("pulumi:providers:aws")) {
        const tags = (stack.inputs(provider).defaultTags?.tags ?? {}) as Plain;
        providerTags.set(provider.urn, tags);
        findings.push(...tagFindings(stack, provider, tags, {}, "defaultTags.tags"));
    }
    for (const resource of stack.resources) {
        if (!resource.custom || !resource.type.startsWith("aws:")) {
            continue;
        }
        const inputs = stack.inputs(resource);
        for (const rule of byType.get(resource.type) ?? []) {
            for (const { path, value } of valuesAt(inputs, rule.property)) {
                const problem = rule.validate(value);
                if (problem) {
                    findings.push({
                        check: AWS_LIMITS_CHECK,
                        urn: resource.urn,
                        path,
                        refusedBy: `AWS ${rule.api}`,
                        message: `${resource.type.split(":").pop()} ${resource.name}${componentOf(stack, resource)}: ${path} ${JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value)} ${problem}; ${rule.api} rejects it with a validation error (${rule.source})`,
                        fix: `change ${path} of ${resource.name}${componentOf(stack, resource)} so that ${rule.api} accepts it (${rule.source})${/name|Name|bucket/.test(path) ? "; a name built from the project and stack names grows with them, so shorten the part the program adds or the stack's name" : ""}`,
                    });
                }
            }
        }
        if (inputs.tags && typeof inputs.tags === "object") {
            const providerUrnOf = resource.provider?.split("::").slice(0, -1).join("::");
            findings.push(...tagFindings(stack, resource, inputs.tags as Plain, (providerUrnOf ? providerTags.get(providerUrnOf) : undefined) ?? {}, "tags"));
        }
    }
    return findings;
}

export const awsLimitsCheck: PreflightCheck<PreflightStack> = {
    name: AWS_LIMITS_CHECK,
    description: "Names, descriptions and tags the program sets on AWS resources meet each AWS API's length, character and prefix rules.",
    run: (stack) => awsLimitFindings(stack),
};
