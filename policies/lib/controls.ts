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
    "NIST SP 800-53 AC-5": nist80053("AC-5", "Separation of Duties"),
    "NIST SP 800-53 AC-6": nist80053("AC-6", "Least Privilege"),
    "FSBP KMS.5": fsbp("KMS.5", "KMS keys should not be publicly accessible"),
    "Istio BP avoid-overly-broad-hosts-configurations": istioBestPractice("avoid-overly-broad-hosts-configurations", "Avoid overly broad hosts configurations"),
    "NIST SP 800-53 AC-4": nist80053("AC-4", "Information Flow Enforcement"),
} as const satisfies Record<string, Control>;

export type ControlKey = keyof typeof CONTROLS;

/** "AWS FSBP EC2.6". */
export function controlLabel(key: ControlKey): string {
    const control: Control = CONTROLS[key];
    return `${FRAMEWORKS[control.framework].short} ${control.id}`;
}
