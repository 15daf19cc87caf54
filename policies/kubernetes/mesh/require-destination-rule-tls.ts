/**
 * DestinationRules that turn TLS off or stop verifying it. `tls.mode: DISABLE` sends plaintext to the
 * destination, and for a service of the mesh it also turns off Istio's automatic mutual TLS for that host;
 * `insecureSkipVerify: true` originates TLS without checking the server's certificate. A traffic policy
 * sits at four places (ClientTLSSettings in the pinned CRD, istio 1.29.0): the rule's, each port's
 * (`portLevelSettings`), and each subset's and its ports'.
 */
import { DESTINATION_RULE_TYPES } from "../../lib/istio";
import { qualifiedName, withPatches } from "../../lib/kubernetes-kinds";
import { defineResourceRule, type Props } from "../../lib/rule";
import { list } from "../../lib/values";

/** Every TLS setting of a traffic policy with the path it sits at. */
function tlsSettings(policy: Props | undefined, at: string): Array<{ path: string; tls: Props }> {
    if (policy === undefined || policy === null) {
        return [];
    }
    return [
        ...(policy.tls !== undefined ? [{ path: `${at}.tls`, tls: policy.tls as Props }] : []),
        ...list(policy.portLevelSettings).flatMap((setting, i) => (setting.tls !== undefined
            ? [{ path: `${at}.portLevelSettings[${i}${setting.port?.number !== undefined ? ` (port ${setting.port.number})` : ""}].tls`, tls: setting.tls as Props }]
            : [])),
    ];
}

export default defineResourceRule({
    name: "require-destination-rule-tls",
    description: "DestinationRules must not disable TLS (`tls.mode: DISABLE`) or skip certificate verification (`insecureSkipVerify`), at the rule, a port or a subset.",
    severity: "high",
    controls: ["EKS BP encryption-in-transit", "Istio BP configure-tls-verification-in-destination-rule-when-using-tls-origination", "NIST SP 800-53 SC-8"],
    remediation: "Remove `tls` from the DestinationRule's traffic policies for services of the mesh (automatic mutual TLS applies), or set `tls.mode: ISTIO_MUTUAL`; for an external service originate TLS with `tls.mode: SIMPLE` and its `sni`, without `insecureSkipVerify`.",
    resourceTypes: withPatches(DESTINATION_RULE_TYPES),
    validate(props, _context, report) {
        const spec = props.spec ?? {};
        const settings = [
            ...tlsSettings(spec.trafficPolicy, "trafficPolicy"),
            ...list(spec.subsets).flatMap((subset, i) => tlsSettings(subset.trafficPolicy, `subsets[${i}${subset.name !== undefined ? ` (${subset.name})` : ""}].trafficPolicy`)),
        ];
        const rule = () => `DestinationRule ${qualifiedName(props)} (host ${spec.host ?? "(none)"})`;
        for (const { path, tls } of settings) {
            if (tls.mode === "DISABLE") {
                report(`${rule()} sets ${path}.mode DISABLE: traffic to it is plaintext, and mutual TLS is off for a service of the mesh. Expected no tls block (automatic mutual TLS), ISTIO_MUTUAL, or SIMPLE for an external service.`);
            }
            if (tls.insecureSkipVerify === true) {
                report(`${rule()} sets ${path}.insecureSkipVerify: the server's certificate is not verified, so anyone on the path can impersonate it. Expected the setting removed (with caCertificates or credentialName if the server's CA is private).`);
            }
        }
    },
});
