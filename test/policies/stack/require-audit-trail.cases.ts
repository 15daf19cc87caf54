import { resource, ruleCases, unknown } from "../../harness/policy-cases";

const trail = (name: string, props: Record<string, unknown>) =>
    resource("aws:cloudtrail/trail:Trail", name, { name, s3BucketName: "acme-trail-logs", enableLogFileValidation: true, ...props });
const vpc = resource("aws:ec2/vpc:Vpc", "network", { cidrBlock: "10.10.0.0/16" });
const namespace = resource("kubernetes:core/v1:Namespace", "data", { metadata: { name: "data" } });

export default ruleCases("require-audit-trail", {
    compliant: [
        { name: "AWS resources and a multi-Region trail", resources: [vpc, trail("account", { isMultiRegionTrail: true })] },
        { name: "a multi-Region trail beside a regional one", resources: [vpc, trail("regional", { isMultiRegionTrail: false }), trail("account", { isMultiRegionTrail: true, enableLogging: true })] },
        { name: "no AWS resource at all (an on-prem stack)", resources: [namespace] },
    ],
    violating: [
        { name: "AWS resources and no trail", resources: [vpc], message: /The stack declares AWS resources but no CloudTrail trail, and secure-platform:auditTrail does not declare an organization trail/ },
        { name: "only a trail of one Region", resources: [vpc, trail("regional", { isMultiRegionTrail: false })], message: /no multi-Region trail that is logging \(regional: one Region\)/ },
        { name: "a multi-Region trail whose logging is stopped", resources: [trail("stopped", { isMultiRegionTrail: true, enableLogging: false })], message: /stopped: logging stopped/ },
        {
            name: "the declaration looked for under another key",
            resources: [vpc],
            config: { "require-audit-trail": { declarationKey: "team:organizationTrail" } },
            message: /team:organizationTrail does not declare an organization trail/,
        },
    ],
    unknown: [
        { name: "whether the trail covers every Region not known yet", resources: [vpc, trail("later", { isMultiRegionTrail: unknown })] },
    ],
});
