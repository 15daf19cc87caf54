import { defineStackRule } from "../lib/rule";
import { declaresAwsResources, declaresOrganizationService, DECLARATION_CONFIG } from "../lib/security-services";
import { ofType } from "../lib/values";

const ACCOUNT_TYPE = "aws:securityhub/account:Account";
const SUBSCRIPTION_TYPE = "aws:securityhub/standardsSubscription:StandardsSubscription";
/** The FSBP standard's ARN in any partition and Region (Security Hub user guide, standards reference). */
const FSBP_ARN = /^arn:aws[a-z-]*:securityhub:[a-z0-9-]+::standards\/aws-foundational-security-best-practices\/v\/1\.0\.0$/;

/**
 * Security Hub is never silently absent from an AWS stack: either the stack enables it and subscribes the
 * AWS Foundational Security Best Practices standard, or it declares that the organisation's delegated
 * administrator runs Security Hub in its account.
 */
export default defineStackRule<{ declarationKey: string }>({
    name: "require-security-hub",
    description: "A stack that declares AWS resources must enable Security Hub with the AWS Foundational Security Best Practices standard subscribed, or declare in its configuration that the organisation provides Security Hub in its account.",
    severity: "high",
    controls: ["AWS Config securityhub-enabled", "NIST SP 800-53 CA-7"],
    remediation: "Add an aws.securityhub.Account and an aws.securityhub.StandardsSubscription with `standardsArn: arn:<partition>:securityhub:<region>::standards/aws-foundational-security-best-practices/v/1.0.0` (the platform's `securityServices.securityHub: create`, its default); or, where the organisation's delegated administrator enables Security Hub in the account, set `secure-platform:securityServices` to `{securityHub: organization}`.",
    config: DECLARATION_CONFIG,
    validate(resources, { config }, report) {
        if (!declaresAwsResources(resources) || declaresOrganizationService(config.declarationKey, "securityHub")) {
            return;
        }
        const accounts = ofType(resources, ACCOUNT_TYPE);
        const missing = `and ${config.declarationKey} does not declare {securityHub: organization}`;
        if (accounts.length === 0) {
            report(undefined, `The stack declares AWS resources but does not enable Security Hub, ${missing}. Expected an aws.securityhub.Account with the FSBP standard subscribed, or the declaration.`);
            return;
        }
        const subscribed = ofType(resources, SUBSCRIPTION_TYPE).some((s) => FSBP_ARN.test(String(s.props.standardsArn)));
        // The standards Security Hub enables by default include FSBP v1.0.0 (EnableSecurityHub, EnableDefaultStandards).
        const byDefault = accounts.some((a) => a.props.enableDefaultStandards !== false);
        if (!subscribed && !byDefault) {
            report(accounts[0], `Security Hub is enabled without its default standards and no StandardsSubscription subscribes AWS Foundational Security Best Practices v1.0.0, ${missing}. Expected the FSBP subscription.`);
        }
    },
});
