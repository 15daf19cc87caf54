import { defineResourceRule } from "../../lib/rule";

/** The security policies FSBP ELB.17 accepts (its list is fixed), recommended first. */
export const ACCEPTED_TLS_POLICIES = [
    "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-3-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-3-FIPS-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
    "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04",
    "ELBSecurityPolicy-TLS13-1-3-2021-06",
    "ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04",
];

export default defineResourceRule<{ allowedPolicies: string[] }>({
    name: "require-tls-security-policy",
    description: "HTTPS and TLS listeners must use a recommended TLS 1.3 security policy.",
    severity: "medium",
    controls: ["FSBP ELB.17"],
    remediation: "Set `sslPolicy` on the listener to ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09 (or another policy in the rule's allowedPolicies).",
    config: {
        allowedPolicies: {
            type: "array",
            items: { type: "string" },
            minItems: 1,
            default: ACCEPTED_TLS_POLICIES,
            description: "Security policies a listener may use (default: the ELB.17 list); a stricter profile can keep only TLS 1.3-only or FIPS policies.",
        },
    },
    resourceTypes: ["aws:lb/listener:Listener", "aws:alb/listener:Listener"],
    validate(props, { config }, report) {
        const protocol = String(props.protocol ?? "").toUpperCase();
        if (protocol !== "HTTPS" && protocol !== "TLS") {
            return;
        }
        const policy = props.sslPolicy;
        if (!config.allowedPolicies.includes(String(policy))) {
            report(`sslPolicy is ${policy ?? "not set (ELBSecurityPolicy-2016-08, which allows TLS 1.0)"}; use one of ${config.allowedPolicies.slice(0, 3).join(", ")}${config.allowedPolicies.length > 3 ? " ..." : ""}.`);
        }
    },
});
