import { resource, ruleCases, unknown } from "../../harness/policy-cases";
import type { WireValue } from "../../../engine/wire";

const FSBP = "arn:aws:securityhub:eu-west-1::standards/aws-foundational-security-best-practices/v/1.0.0";
const CIS = "arn:aws:securityhub:eu-west-1::standards/cis-aws-foundations-benchmark/v/3.0.0";
const account = (props: Record<string, WireValue> = { enableDefaultStandards: false, controlFindingGenerator: "SECURITY_CONTROL" }) =>
    resource("aws:securityhub/account:Account", "hub", props);
const subscription = (name: string, standardsArn: WireValue, hub = account()) =>
    resource("aws:securityhub/standardsSubscription:StandardsSubscription", name, { standardsArn }, { dependsOn: [hub] });
const bucket = resource("aws:s3/bucket:Bucket", "reports", { forceDestroy: false });
const namespace = resource("kubernetes:core/v1:Namespace", "shop", { metadata: { name: "shop" } });

export default ruleCases("require-security-hub", {
    compliant: [
        { name: "Security Hub with FSBP and CIS subscribed", resources: [bucket, account(), subscription("fsbp", FSBP), subscription("cis", CIS)] },
        { name: "FSBP in GovCloud", resources: [bucket, account(), subscription("fsbp", "arn:aws-us-gov:securityhub:us-gov-west-1::standards/aws-foundational-security-best-practices/v/1.0.0")] },
        { name: "Security Hub with its default standards, which include FSBP", resources: [bucket, account({})] },
        { name: "a stack with no AWS resource (on-prem)", resources: [namespace] },
    ],
    violating: [
        { name: "AWS resources and no Security Hub", resources: [bucket], message: /declares AWS resources but does not enable Security Hub, and secure-platform:securityServices does not declare \{securityHub: organization\}/ },
        { name: "Security Hub without default standards and only CIS subscribed", resources: [bucket, account(), subscription("cis", CIS)], message: /no StandardsSubscription subscribes AWS Foundational Security Best Practices v1.0.0/ },
        { name: "Security Hub without default standards and nothing subscribed", resources: [bucket, account()], message: /Security Hub is enabled without its default standards/ },
    ],
    unknown: [
        { name: "the subscribed standard not known yet", resources: [bucket, account(), subscription("fsbp", unknown)] },
    ],
});
