/**
 * The public controls the pack enforces, with the title each framework publishes. A rule refers to
 * controls by key only, so a typo is a compile error and every rule's controls appear in the catalogue.
 */

export const FRAMEWORKS = {
    fsbp: {
        name: "AWS Foundational Security Best Practices",
        short: "AWS FSBP",
        version: "1.0.0",
        reference: "https://docs.aws.amazon.com/securityhub/latest/userguide/fsbp-standard.html",
    },
    awsConfig: {
        name: "AWS Config managed rules",
        short: "AWS Config",
        version: "managed rules",
        reference: "https://docs.aws.amazon.com/config/latest/developerguide/managed-rules-by-aws-config.html",
    },
    cisEks: {
        name: "CIS Amazon Elastic Kubernetes Service (EKS) Benchmark",
        short: "CIS EKS",
        version: "1.7.0",
        reference: "https://www.cisecurity.org/benchmark/kubernetes",
    },
    cisKubernetes: {
        name: "CIS Kubernetes Benchmark",
        short: "CIS K8s",
        version: "1.10.0",
        reference: "https://www.cisecurity.org/benchmark/kubernetes",
    },
    pss: {
        name: "Kubernetes Pod Security Standards",
        short: "PSS",
        version: "v1.35",
        reference: "https://kubernetes.io/docs/concepts/security/pod-security-standards/",
    },
    eksBestPractices: {
        name: "Amazon EKS Best Practices Guide",
        short: "EKS BP",
        version: "2025",
        reference: "https://docs.aws.amazon.com/eks/latest/best-practices/security.html",
    },
    backupAuditManager: {
        name: "AWS Backup Audit Manager controls",
        short: "AWS Backup Audit Manager",
        version: "controls",
        reference: "https://docs.aws.amazon.com/aws-backup/latest/devguide/controls-and-remediation.html",
    },
    nist80057: {
        name: "NIST SP 800-57 Part 1 Rev. 5: Recommendation for Key Management",
        short: "NIST SP 800-57",
        version: "Part 1 Rev. 5",
        reference: "https://csrc.nist.gov/pubs/sp/800/57/pt1/r5/final",
    },
    nist80053: {
        name: "NIST SP 800-53 Rev. 5: Security and Privacy Controls for Information Systems and Organizations",
        short: "NIST SP 800-53",
        version: "Rev. 5",
        reference: "https://csrc.nist.gov/pubs/sp/800/53/r5/upd1/final",
    },
    istioBestPractices: {
        name: "Istio Security Best Practices",
        short: "Istio BP",
        version: "latest",
        reference: "https://istio.io/latest/docs/ops/best-practices/security/",
    },
    cisAws: {
        name: "CIS Amazon Web Services Foundations Benchmark",
        short: "CIS AWS",
        version: "3.0.0",
        reference: "https://www.cisecurity.org/benchmark/amazon_web_services",
    },
    wellArchitected: {
        name: "AWS Well-Architected Framework, Security Pillar",
        short: "AWS WA",
        version: "latest",
        reference: "https://docs.aws.amazon.com/wellarchitected/latest/security-pillar/welcome.html",
    },
} as const;

export type FrameworkKey = keyof typeof FRAMEWORKS;

export interface Control {
    readonly framework: FrameworkKey;
    readonly id: string;
    /** The control's title as the framework publishes it. */
    readonly title: string;
    readonly url: string;
}

/** Security Hub documents each service's controls on one page, anchored by the control ID. */
function fsbp(id: string, title: string): Control {
    const [service] = id.split(".");
    return {
        framework: "fsbp",
        id,
        title,
        url: `https://docs.aws.amazon.com/securityhub/latest/userguide/${service.toLowerCase()}-controls.html#${id.toLowerCase().replace(".", "-")}`,
    };
}

/** AWS Config documents each managed rule on a page named after its identifier. */
function awsConfig(id: string, title: string): Control {
    return { framework: "awsConfig", id, title, url: `https://docs.aws.amazon.com/config/latest/developerguide/${id}.html` };
}

/** AWS Backup Audit Manager lists its controls on one page; the id is the control name its API takes. */
function backupAuditManager(id: string, title: string): Control {
    return { framework: "backupAuditManager", id, title, url: "https://docs.aws.amazon.com/aws-backup/latest/devguide/controls-and-remediation.html" };
}

function cisEks(id: string, title: string): Control {
    return { framework: "cisEks", id, title, url: "https://www.cisecurity.org/benchmark/kubernetes" };
}

function cisKubernetes(id: string, title: string): Control {
    return { framework: "cisKubernetes", id, title, url: "https://www.cisecurity.org/benchmark/kubernetes" };
}

/** Pod Security Standards controls are named, not numbered; the id is "<profile>: <control>". */
function pss(profile: "Baseline" | "Restricted", control: string): Control {
    return { framework: "pss", id: `${profile}: ${control}`, title: `${profile} profile: ${control}`, url: `https://kubernetes.io/docs/concepts/security/pod-security-standards/#${profile.toLowerCase()}` };
}

/** The guide has no numbering; controls are keyed by a short name and link to their section. */
function eksBestPractice(id: string, title: string, page: string): Control {
    return { framework: "eksBestPractices", id, title, url: `https://docs.aws.amazon.com/eks/latest/best-practices/${page}` };
}

function nist80057(section: string, title: string): Control {
    return { framework: "nist80057", id: section, title, url: "https://csrc.nist.gov/pubs/sp/800/57/pt1/r5/final" };
}

function nist80053(id: string, title: string): Control {
    return { framework: "nist80053", id, title, url: "https://csrc.nist.gov/pubs/sp/800/53/r5/upd1/final" };
}

/** The page has no numbering; controls are keyed by their section's anchor. */
function istioBestPractice(anchor: string, title: string): Control {
    return { framework: "istioBestPractices", id: anchor, title, url: `https://istio.io/latest/docs/ops/best-practices/security/#${anchor}` };
}

/** Numbered as in CIS AWS Foundations v3.0.0 (later versions renumber section 1). */
function cisAws(id: string, title: string): Control {
    return { framework: "cisAws", id, title, url: "https://www.cisecurity.org/benchmark/amazon_web_services" };
}

/** Best practices are keyed by their ID (SEC02-BP02) and link to their page. */
function wellArchitected(id: string, title: string, page: string): Control {
    return { framework: "wellArchitected", id, title, url: `https://docs.aws.amazon.com/wellarchitected/latest/framework/${page}` };
}

export const CONTROLS = {
    "AWS Config alb-waf-enabled": awsConfig("alb-waf-enabled", "Checks if AWS WAF is enabled on Application Load Balancers"),
    "CIS K8s 5.1.1": cisKubernetes("5.1.1", "Ensure that the cluster-admin role is only used where required"),
    "CIS K8s 5.1.2": cisKubernetes("5.1.2", "Minimize access to secrets"),
    "CIS K8s 5.1.3": cisKubernetes("5.1.3", "Minimize wildcard use in Roles and ClusterRoles"),
    "CIS K8s 5.1.5": cisKubernetes("5.1.5", "Ensure that default service accounts are not actively used"),
    "CIS K8s 5.1.6": cisKubernetes("5.1.6", "Ensure that Service Account Tokens are only mounted where necessary"),
    "CIS K8s 5.2.1": cisKubernetes("5.2.1", "Ensure that the cluster has at least one active policy control mechanism in place"),
    "CIS K8s 5.2.2": cisKubernetes("5.2.2", "Minimize the admission of privileged containers"),
    "CIS K8s 5.2.3": cisKubernetes("5.2.3", "Minimize the admission of containers wishing to share the host process ID namespace"),
    "CIS K8s 5.2.4": cisKubernetes("5.2.4", "Minimize the admission of containers wishing to share the host IPC namespace"),
    "CIS K8s 5.2.5": cisKubernetes("5.2.5", "Minimize the admission of containers wishing to share the host network namespace"),
    "CIS K8s 5.2.6": cisKubernetes("5.2.6", "Minimize the admission of containers with allowPrivilegeEscalation"),
    "CIS K8s 5.2.7": cisKubernetes("5.2.7", "Minimize the admission of root containers"),
    "CIS K8s 5.2.8": cisKubernetes("5.2.8", "Minimize the admission of containers with the NET_RAW capability"),
    "CIS K8s 5.2.9": cisKubernetes("5.2.9", "Minimize the admission of containers with added capabilities"),
    "CIS K8s 5.2.12": cisKubernetes("5.2.12", "Minimize the admission of HostPath volumes"),
    "CIS K8s 5.2.13": cisKubernetes("5.2.13", "Minimize the admission of containers which use HostPorts"),
    "CIS K8s 5.3.2": cisKubernetes("5.3.2", "Ensure that all Namespaces have Network Policies defined"),
    "CIS K8s 5.5.1": cisKubernetes("5.5.1", "Configure Image Provenance using ImagePolicyWebhook admission controller"),
    "CIS K8s 5.7.2": cisKubernetes("5.7.2", "Ensure that the seccomp profile is set to docker/default in your pod definitions"),
    "CIS K8s 5.7.3": cisKubernetes("5.7.3", "Apply Security Context to Your Pods and Containers"),
    "PSS Baseline: AppArmor": pss("Baseline", "AppArmor"),
    "PSS Baseline: Capabilities": pss("Baseline", "Capabilities"),
    "PSS Baseline: Host Namespaces": pss("Baseline", "Host Namespaces"),
    "PSS Baseline: HostProcess": pss("Baseline", "HostProcess"),
    "PSS Baseline: Host Ports": pss("Baseline", "Host Ports"),
    "PSS Baseline: HostPath Volumes": pss("Baseline", "HostPath Volumes"),
    "PSS Baseline: Privileged Containers": pss("Baseline", "Privileged Containers"),
    "PSS Baseline: /proc Mount Type": pss("Baseline", "/proc Mount Type"),
    "PSS Baseline: SELinux": pss("Baseline", "SELinux"),
    "PSS Baseline: Sysctls": pss("Baseline", "Sysctls"),
    "PSS Restricted: Capabilities": pss("Restricted", "Capabilities"),
    "PSS Restricted: Privilege Escalation": pss("Restricted", "Privilege Escalation"),
    "PSS Restricted: Running as Non-root": pss("Restricted", "Running as Non-root"),
    "PSS Restricted: Running as Non-root user": pss("Restricted", "Running as Non-root user"),
    "PSS Restricted: Seccomp": pss("Restricted", "Seccomp"),
    "PSS Restricted: Volume Types": pss("Restricted", "Volume Types"),
    "CIS EKS 2.1.1": cisEks("2.1.1", "Enable audit Logs"),
    "CIS EKS 5.4.4": cisEks("5.4.4", "Ensure Network Policy is Enabled and set as appropriate"),
    "CIS EKS 5.5.1": cisEks("5.5.1", "Manage Kubernetes RBAC users with AWS IAM Authenticator for Kubernetes or Upgrade to AWS CLI v1.16.156 or greater"),
    "EKS BP access-entries": eksBestPractice("access-entries", "Use EKS access entries to grant IAM principals access to the cluster", "identity-and-access-management.html"),
    "EKS BP encryption-in-transit": eksBestPractice("encryption-in-transit", "Encryption in transit", "network-security.html"),
    "EKS BP no-ssh": eksBestPractice("no-ssh", "Minimize access to worker nodes", "protecting-the-infrastructure.html"),
    "EKS BP restrict-imds": eksBestPractice("restrict-imds", "Restrict access to the instance profile assigned to the worker node", "identity-and-access-management.html"),
    "AWS Config cloudwatch-log-group-encrypted": awsConfig("cloudwatch-log-group-encrypted", "Checks if Amazon CloudWatch Log Groups are encrypted with any AWS KMS key or a specified AWS KMS key Id"),
    "FSBP ACM.2": fsbp("ACM.2", "RSA certificates managed by ACM should use a key length of at least 2,048 bits"),
    "FSBP AutoScaling.3": fsbp("AutoScaling.3", "Auto Scaling group launch configurations should configure EC2 instances to require Instance Metadata Service Version 2 (IMDSv2)"),
    "FSBP AutoScaling.5": fsbp("AutoScaling.5", "Amazon EC2 instances launched using Auto Scaling group launch configurations should not have Public IP addresses"),
    "FSBP CloudWatch.16": fsbp("CloudWatch.16", "CloudWatch log groups should be retained for a specified time period"),
    "FSBP EC2.3": fsbp("EC2.3", "Attached Amazon EBS volumes should be encrypted at-rest"),
    "FSBP EC2.7": fsbp("EC2.7", "EBS default encryption should be enabled"),
    "FSBP EC2.8": fsbp("EC2.8", "EC2 instances should use Instance Metadata Service Version 2 (IMDSv2)"),
    "FSBP EC2.9": fsbp("EC2.9", "Amazon EC2 instances should not have a public IPv4 address"),
    "FSBP EC2.18": fsbp("EC2.18", "Security groups should only allow unrestricted incoming traffic for authorized ports"),
    "FSBP EC2.19": fsbp("EC2.19", "Security groups should not allow unrestricted access to ports with high risk"),
    "FSBP EC2.25": fsbp("EC2.25", "Amazon EC2 launch templates should not assign public IPs to network interfaces"),
    "FSBP EC2.170": fsbp("EC2.170", "EC2 launch templates should use Instance Metadata Service Version 2 (IMDSv2)"),
    "FSBP EKS.1": fsbp("EKS.1", "EKS cluster endpoints should not be publicly accessible"),
    "FSBP EKS.2": fsbp("EKS.2", "EKS clusters should run on a supported Kubernetes version"),
    "FSBP EKS.3": fsbp("EKS.3", "EKS clusters should use encrypted Kubernetes secrets"),
    "FSBP EKS.8": fsbp("EKS.8", "EKS clusters should have audit logging enabled"),
    "FSBP ELB.1": fsbp("ELB.1", "Application Load Balancer should be configured to redirect all HTTP requests to HTTPS"),
    "FSBP ELB.4": fsbp("ELB.4", "Application Load Balancer should be configured to drop invalid http headers"),
    "FSBP ELB.5": fsbp("ELB.5", "Application and Classic Load Balancers logging should be enabled"),
    "FSBP ELB.6": fsbp("ELB.6", "Application, Gateway, and Network Load Balancers should have deletion protection enabled"),
    "FSBP ELB.12": fsbp("ELB.12", "Application Load Balancer should be configured with defensive or strictest desync mitigation mode"),
    "FSBP ELB.18": fsbp("ELB.18", "Application and Network Load Balancer listeners should use secure protocols to encrypt data in transit"),
    "FSBP ELB.17": fsbp("ELB.17", "Application and Network Load Balancers with listeners should use recommended security policies"),
    "FSBP S3.1": fsbp("S3.1", "S3 general purpose buckets should have block public access settings enabled"),
    "FSBP S3.2": fsbp("S3.2", "S3 general purpose buckets should block public read access"),
    "FSBP S3.3": fsbp("S3.3", "S3 general purpose buckets should block public write access"),
    "FSBP S3.5": fsbp("S3.5", "S3 general purpose buckets should require requests to use SSL"),
    "FSBP S3.8": fsbp("S3.8", "S3 general purpose buckets should block public access"),
    "FSBP S3.17": fsbp("S3.17", "S3 general purpose buckets should be encrypted at rest with AWS KMS keys"),
    "FSBP WAF.10": fsbp("WAF.10", "AWS WAF web ACLs should have at least one rule or rule group"),
    "FSBP WAF.11": fsbp("WAF.11", "AWS WAF web ACL logging should be enabled"),
    "FSBP WAF.12": fsbp("WAF.12", "AWS WAF rules should have CloudWatch metrics enabled"),
    "FSBP EC2.2": fsbp("EC2.2", "VPC default security groups should not allow inbound or outbound traffic"),
    "FSBP EC2.6": fsbp("EC2.6", "VPC flow logging should be enabled in all VPCs"),
    "FSBP EC2.15": fsbp("EC2.15", "EC2 subnets should not automatically assign public IP addresses"),
    "FSBP EC2.21": fsbp("EC2.21", "Network ACLs should not allow ingress from 0.0.0.0/0 to port 22 or port 3389"),
    "FSBP KMS.3": fsbp("KMS.3", "AWS KMS keys should not be deleted unintentionally"),
    "FSBP KMS.4": fsbp("KMS.4", "AWS KMS key rotation should be enabled"),
    "FSBP EC2.1": fsbp("EC2.1", "Amazon EBS snapshots should not be publicly restorable"),
    "FSBP EC2.28": fsbp("EC2.28", "EBS volumes should be covered by a backup plan"),
    "FSBP Backup.1": fsbp("Backup.1", "AWS Backup recovery points should be encrypted at rest"),
    "AWS Config backup-plan-min-frequency-and-min-retention-check": awsConfig("backup-plan-min-frequency-and-min-retention-check", "Checks if a backup plan has a backup rule that satisfies the required frequency and retention period"),
    "AWS Backup Audit Manager BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK": backupAuditManager("BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK", "Backups are protected by AWS Backup Vault Lock"),
    "AWS Config ebs-in-backup-plan": awsConfig("ebs-in-backup-plan", "Check if Amazon Elastic Block Store (Amazon EBS) volumes are added in backup plans of AWS Backup"),
    "AWS Config ebs-snapshot-block-public-access": awsConfig("ebs-snapshot-block-public-access", "Checks if block public access is enabled for Amazon EBS snapshots in an AWS Region"),
    "AWS Config secretsmanager-using-cmk": awsConfig("secretsmanager-using-cmk", "Checks if all secrets in AWS Secrets Manager are encrypted using the AWS managed key (aws/secretsmanager) or a customer managed key that was created in AWS Key Management Service (AWS KMS)"),
    "EKS BP encryption-at-rest": eksBestPractice("encryption-at-rest", "Encryption at rest", "data-encryption-and-secrets-management.html"),
    "NIST SP 800-57 5.6.1": nist80057("5.6.1", "Comparable Algorithm Strengths"),
    "NIST SP 800-53 SC-28": nist80053("SC-28", "Protection of Information at Rest"),
    "NIST SP 800-53 SC-12": nist80053("SC-12", "Cryptographic Key Establishment and Management"),
    "NIST SP 800-53 AC-5": nist80053("AC-5", "Separation of Duties"),
    "NIST SP 800-53 AC-6": nist80053("AC-6", "Least Privilege"),
    "FSBP KMS.5": fsbp("KMS.5", "KMS keys should not be publicly accessible"),
    "Istio BP avoid-overly-broad-hosts-configurations": istioBestPractice("avoid-overly-broad-hosts-configurations", "Avoid overly broad hosts configurations"),
    "NIST SP 800-53 AC-4": nist80053("AC-4", "Information Flow Enforcement"),
    // aws/iam, aws/lambda, aws/apigateway, aws/cloudfront (issue 18)
    "FSBP IAM.1": fsbp("IAM.1", "IAM policies should not allow full \"*\" administrative privileges"),
    "FSBP IAM.2": fsbp("IAM.2", "IAM users should not have IAM policies attached"),
    "FSBP IAM.21": fsbp("IAM.21", "IAM customer managed policies that you create should not allow wildcard actions for services"),
    "CIS AWS 1.15": cisAws("1.15", "Ensure IAM Users Receive Permissions Only Through Groups"),
    "CIS AWS 1.16": cisAws("1.16", "Ensure IAM policies that allow full \"*:*\" administrative privileges are not attached"),
    "CIS AWS 1.22": cisAws("1.22", "Ensure access to AWSCloudShellFullAccess is restricted"),
    "AWS WA SEC02-BP02": wellArchitected("SEC02-BP02", "Use temporary credentials", "sec_identities_unique.html"),
    "NIST SP 800-53 AC-3": nist80053("AC-3", "Access Enforcement"),
    "NIST SP 800-53 IA-5": nist80053("IA-5", "Authenticator Management"),
    "NIST SP 800-53 SC-7": nist80053("SC-7", "Boundary Protection"),
    "NIST SP 800-53 SC-8": nist80053("SC-8", "Transmission Confidentiality and Integrity"),
    "NIST SP 800-53 SI-2": nist80053("SI-2", "Flaw Remediation"),
    "NIST SP 800-53 AU-12": nist80053("AU-12", "Audit Record Generation"),
    "NIST SP 800-53 CP-6": nist80053("CP-6", "Alternate Storage Site"),
    "NIST SP 800-53 CP-9": nist80053("CP-9", "System Backup"),
    "FSBP Lambda.1": fsbp("Lambda.1", "Lambda function policies should prohibit public access"),
    "FSBP Lambda.2": fsbp("Lambda.2", "Lambda functions should use supported runtimes"),
    "FSBP Lambda.5": fsbp("Lambda.5", "VPC Lambda functions should operate in multiple Availability Zones"),
    "AWS Config lambda-inside-vpc": awsConfig("lambda-inside-vpc", "Checks if a Lambda function is allowed access to a virtual private cloud (VPC)"),
    "FSBP APIGateway.1": fsbp("APIGateway.1", "API Gateway REST and WebSocket API execution logging should be enabled"),
    "FSBP APIGateway.4": fsbp("APIGateway.4", "API Gateway should be associated with a WAF Web ACL"),
    "FSBP APIGateway.5": fsbp("APIGateway.5", "API Gateway REST API cache data should be encrypted at rest"),
    "FSBP APIGateway.8": fsbp("APIGateway.8", "API Gateway routes should specify an authorization type"),
    "FSBP APIGateway.9": fsbp("APIGateway.9", "Access logging should be configured for API Gateway V2 Stages"),
    "FSBP CloudFront.1": fsbp("CloudFront.1", "CloudFront distributions should have a default root object configured"),
    "FSBP CloudFront.3": fsbp("CloudFront.3", "CloudFront distributions should require encryption in transit"),
    "FSBP CloudFront.5": fsbp("CloudFront.5", "CloudFront distributions should have logging enabled"),
    "FSBP CloudFront.6": fsbp("CloudFront.6", "CloudFront distributions should have WAF enabled"),
    "FSBP CloudFront.7": fsbp("CloudFront.7", "CloudFront distributions should use custom SSL/TLS certificates"),
    "FSBP CloudFront.8": fsbp("CloudFront.8", "CloudFront distributions should use SNI to serve HTTPS requests"),
    "FSBP CloudFront.9": fsbp("CloudFront.9", "CloudFront distributions should encrypt traffic to custom origins"),
    "FSBP CloudFront.10": fsbp("CloudFront.10", "CloudFront distributions should not use deprecated SSL protocols between edge locations and custom origins"),
    "FSBP CloudFront.13": fsbp("CloudFront.13", "CloudFront distributions should use origin access control"),
    "FSBP CloudFront.15": fsbp("CloudFront.15", "CloudFront distributions should use the recommended TLS security policy"),
    // aws/s3, aws/rds, aws/dynamodb, aws/sqs, aws/sns, aws/ecr, aws/efs, aws/opensearch, aws/elasticache (issue 18, data stores)
    "CIS AWS 2.1.4": cisAws("2.1.4", "Ensure that S3 Buckets are configured with 'Block public access (bucket settings)'"),
    "CIS AWS 2.3.1": cisAws("2.3.1", "Ensure that encryption-at-rest is enabled for RDS Instances"),
    "CIS AWS 2.3.2": cisAws("2.3.2", "Ensure Auto Minor Version Upgrade feature is Enabled for RDS Instances"),
    "CIS AWS 2.3.3": cisAws("2.3.3", "Ensure that public access is not given to RDS Instance"),
    "CIS AWS 2.4.1": cisAws("2.4.1", "Ensure that encryption is enabled for EFS file systems"),
    "FSBP RDS.2": fsbp("RDS.2", "RDS DB Instances should prohibit public access, as determined by the PubliclyAccessible configuration"),
    "FSBP RDS.3": fsbp("RDS.3", "RDS DB instances should have encryption at-rest enabled"),
    "FSBP RDS.7": fsbp("RDS.7", "RDS clusters should have deletion protection enabled"),
    "FSBP RDS.8": fsbp("RDS.8", "RDS DB instances should have deletion protection enabled"),
    "FSBP RDS.9": fsbp("RDS.9", "RDS DB instances should publish logs to CloudWatch Logs"),
    "FSBP RDS.10": fsbp("RDS.10", "IAM authentication should be configured for RDS instances"),
    "FSBP RDS.11": fsbp("RDS.11", "RDS instances should have automatic backups enabled"),
    "FSBP RDS.12": fsbp("RDS.12", "IAM authentication should be configured for RDS clusters"),
    "FSBP RDS.13": fsbp("RDS.13", "RDS automatic minor version upgrades should be enabled"),
    "FSBP RDS.27": fsbp("RDS.27", "RDS DB clusters should be encrypted at rest"),
    "FSBP RDS.34": fsbp("RDS.34", "Aurora MySQL DB clusters should publish audit logs to CloudWatch Logs"),
    "FSBP RDS.35": fsbp("RDS.35", "RDS DB clusters should have automatic minor version upgrade enabled"),
    "FSBP RDS.36": fsbp("RDS.36", "RDS for PostgreSQL DB instances should publish logs to CloudWatch Logs"),
    "FSBP RDS.37": fsbp("RDS.37", "Aurora PostgreSQL DB clusters should publish logs to CloudWatch Logs"),
    "FSBP RDS.40": fsbp("RDS.40", "RDS for SQL Server DB instances should publish logs to CloudWatch Logs"),
    "FSBP RDS.42": fsbp("RDS.42", "RDS for MariaDB DB instances should publish logs to CloudWatch Logs"),
    "FSBP DynamoDB.2": fsbp("DynamoDB.2", "DynamoDB tables should have point-in-time recovery enabled"),
    "FSBP DynamoDB.6": fsbp("DynamoDB.6", "DynamoDB tables should have deletion protection enabled"),
    "AWS Config dynamodb-table-encrypted-kms": awsConfig("dynamodb-table-encrypted-kms", "Checks if Amazon DynamoDB table is encrypted with AWS Key Management Service (KMS)"),
    "FSBP SQS.1": fsbp("SQS.1", "Amazon SQS queues should be encrypted at rest"),
    "AWS Config sns-encrypted-kms": awsConfig("sns-encrypted-kms", "Checks if SNS topics are encrypted with AWS Key Management Service (AWS KMS)"),
    "FSBP ECR.1": fsbp("ECR.1", "ECR private repositories should have image scanning configured"),
    "FSBP ECR.2": fsbp("ECR.2", "ECR private repositories should have tag immutability configured"),
    "AWS Config ecr-repository-cmk-encryption-enabled": awsConfig("ecr-repository-cmk-encryption-enabled", "Checks if ECR repository is encrypted at rest using customer-managed KMS key"),
    "FSBP EFS.1": fsbp("EFS.1", "Elastic File System should be configured to encrypt file data at-rest using AWS KMS"),
    "FSBP EFS.2": fsbp("EFS.2", "Amazon EFS volumes should be in backup plans"),
    "FSBP EFS.7": fsbp("EFS.7", "EFS file systems should have automatic backups enabled"),
    "FSBP EFS.8": fsbp("EFS.8", "EFS file systems should be encrypted at rest"),
    "FSBP Opensearch.1": fsbp("Opensearch.1", "OpenSearch domains should have encryption at rest enabled"),
    "FSBP Opensearch.2": fsbp("Opensearch.2", "OpenSearch domains should not be publicly accessible"),
    "FSBP Opensearch.3": fsbp("Opensearch.3", "OpenSearch domains should encrypt data sent between nodes"),
    "FSBP Opensearch.7": fsbp("Opensearch.7", "OpenSearch domains should have fine-grained access control enabled"),
    "FSBP Opensearch.8": fsbp("Opensearch.8", "Connections to OpenSearch domains should be encrypted using the latest TLS security policy"),
    "FSBP ES.1": fsbp("ES.1", "Elasticsearch domains should have encryption at-rest enabled"),
    "FSBP ES.2": fsbp("ES.2", "Elasticsearch domains should not be publicly accessible"),
    "FSBP ES.3": fsbp("ES.3", "Elasticsearch domains should encrypt data sent between nodes"),
    "FSBP ES.8": fsbp("ES.8", "Connections to Elasticsearch domains should be encrypted using the latest TLS security policy"),
    "FSBP ElastiCache.4": fsbp("ElastiCache.4", "ElastiCache replication groups should be encrypted at rest"),
    "FSBP ElastiCache.5": fsbp("ElastiCache.5", "ElastiCache replication groups should be encrypted in transit"),
    "FSBP ElastiCache.6": fsbp("ElastiCache.6", "ElastiCache (Redis OSS) replication groups of earlier versions should have Redis OSS AUTH enabled"),
    "FSBP ElastiCache.7": fsbp("ElastiCache.7", "ElastiCache clusters should not use the default subnet group"),
    // kubernetes and Istio (issue 18). CIS K8s titles as kube-bench cfg/cis-1.10/policies.yaml publishes them.
    "CIS K8s 5.1.8": cisKubernetes("5.1.8", "Limit use of the Bind, Impersonate and Escalate permissions in the Kubernetes cluster"),
    "CIS K8s 5.1.9": cisKubernetes("5.1.9", "Minimize access to create persistent volumes"),
    "CIS K8s 5.1.10": cisKubernetes("5.1.10", "Minimize access to the proxy sub-resource of nodes"),
    "CIS K8s 5.1.11": cisKubernetes("5.1.11", "Minimize access to the approval sub-resource of certificatesigningrequests objects"),
    "CIS K8s 5.1.12": cisKubernetes("5.1.12", "Minimize access to webhook configuration objects"),
    "CIS K8s 5.1.13": cisKubernetes("5.1.13", "Minimize access to the service account token creation"),
    "CIS K8s 5.4.1": cisKubernetes("5.4.1", "Prefer using Secrets as files over Secrets as environment variables"),
    "CIS K8s 5.7.1": cisKubernetes("5.7.1", "Create administrative boundaries between resources using namespaces"),
    "CIS K8s 5.7.4": cisKubernetes("5.7.4", "The default namespace should not be used"),
    "EKS BP requests-and-limits": eksBestPractice("requests-and-limits", "Set requests and limits for each container to avoid resource contention and DoS attacks", "pod-security.html"),
    "EKS BP secrets-volume-mounts": eksBestPractice("secrets-volume-mounts", "Use volume mounts instead of environment variables", "data-encryption-and-secrets-management.html"),
    "NIST SP 800-53 SC-6": nist80053("SC-6", "Resource Availability"),
    "NIST SP 800-53 SR-4": nist80053("SR-4", "Provenance"),
    "NIST SP 800-53 IA-2": nist80053("IA-2", "Identification and Authentication (Organizational Users)"),
    "Istio BP mutual-tls": istioBestPractice("mutual-tls", "Mutual TLS"),
    "Istio BP apply-default-deny-authorization-policies": istioBestPractice("apply-default-deny-authorization-policies", "Apply default-deny authorization policies"),
    "Istio BP use-allow-with-positive-matching-and-deny-with-negative-match-patterns": istioBestPractice("use-allow-with-positive-matching-and-deny-with-negative-match-patterns", "Use ALLOW-with-positive-matching and DENY-with-negative-match patterns"),
    "Istio BP securing-egress-traffic": istioBestPractice("securing-egress-traffic", "Securing egress traffic"),
    "Istio BP configure-tls-verification-in-destination-rule-when-using-tls-origination": istioBestPractice("configure-tls-verification-in-destination-rule-when-using-tls-origination", "Configure TLS verification in Destination Rule when using TLS origination"),
    // aws/cloudtrail, S3 access logging, the account's audit trail (issue 20)
    "FSBP CloudTrail.1": fsbp("CloudTrail.1", "CloudTrail should be enabled and configured with at least one multi-Region trail that includes read and write management events"),
    "FSBP CloudTrail.2": fsbp("CloudTrail.2", "CloudTrail should have encryption at-rest enabled"),
    "FSBP CloudTrail.4": fsbp("CloudTrail.4", "CloudTrail log file validation should be enabled"),
    "FSBP S3.9": fsbp("S3.9", "S3 general purpose buckets should have server access logging enabled"),
    "CIS AWS 3.1": cisAws("3.1", "Ensure CloudTrail is enabled in all regions"),
    "CIS AWS 3.2": cisAws("3.2", "Ensure CloudTrail log file validation is enabled"),
    "CIS AWS 3.4": cisAws("3.4", "Ensure S3 bucket access logging is enabled on the CloudTrail S3 bucket"),
    "CIS AWS 3.5": cisAws("3.5", "Ensure CloudTrail logs are encrypted at rest using KMS CMKs"),
    // GuardDuty, Security Hub and AWS Config (issue 20). FSBP titles as the Security Hub user guide publishes them.
    "FSBP GuardDuty.1": fsbp("GuardDuty.1", "GuardDuty should be enabled"),
    "FSBP GuardDuty.5": fsbp("GuardDuty.5", "GuardDuty EKS Audit Log Monitoring should be enabled"),
    "FSBP GuardDuty.7": fsbp("GuardDuty.7", "GuardDuty EKS Runtime Monitoring should be enabled"),
    "FSBP GuardDuty.8": fsbp("GuardDuty.8", "GuardDuty Malware Protection for EC2 should be enabled"),
    "FSBP GuardDuty.10": fsbp("GuardDuty.10", "GuardDuty S3 Protection should be enabled"),
    "FSBP GuardDuty.11": fsbp("GuardDuty.11", "GuardDuty Runtime Monitoring should be enabled"),
    "FSBP Config.1": fsbp("Config.1", "AWS Config should be enabled and use the service-linked role for resource recording"),
    "CIS AWS 3.3": cisAws("3.3", "Ensure AWS Config is enabled in all regions"),
    "AWS Config securityhub-enabled": awsConfig("securityhub-enabled", "Checks if AWS Security Hub is enabled for an AWS Account"),
    "NIST SP 800-53 SI-4": nist80053("SI-4", "System Monitoring"),
    "NIST SP 800-53 CA-7": nist80053("CA-7", "Continuous Monitoring"),
    // Verified images (issue 19): NIST's control title (SP 800-53 Rev. 5) and the CIS EKS Benchmark's image registry section.
    "NIST SP 800-53 SI-7": nist80053("SI-7", "Software, Firmware, and Information Integrity"),
    "CIS EKS 5.1.4": cisEks("5.1.4", "Minimize Container Registries to only those approved"),
} as const satisfies Record<string, Control>;

export type ControlKey = keyof typeof CONTROLS;

/** "AWS FSBP EC2.6". */
export function controlLabel(key: ControlKey): string {
    const control: Control = CONTROLS[key];
    return `${FRAMEWORKS[control.framework].short} ${control.id}`;
}
