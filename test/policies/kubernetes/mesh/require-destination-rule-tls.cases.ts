import { ruleCases, unknown } from "../../../harness/policy-cases";
import { istioObject } from "./istio-fixtures";

const rule = (name: string, spec: unknown, options: { version?: string; patch?: boolean } = {}) => istioObject("DestinationRule", name, "tenant-acme", spec, options);
const HOST = "api.tenant-acme.svc.cluster.local";

export default ruleCases("require-destination-rule-tls", {
    compliant: [
        { name: "load balancing only (automatic mutual TLS applies)", resources: [rule("api", { host: HOST, trafficPolicy: { loadBalancer: { simple: "LEAST_REQUEST" } } })] },
        { name: "ISTIO_MUTUAL on the rule and a subset, v1beta1", resources: [rule("api", { host: HOST, trafficPolicy: { tls: { mode: "ISTIO_MUTUAL" } }, subsets: [{ name: "v2", labels: { version: "v2" }, trafficPolicy: { tls: { mode: "ISTIO_MUTUAL" } } }] }, { version: "v1beta1" })] },
        { name: "TLS origination to an external API with its SNI", resources: [rule("payments-provider", { host: "api.payments.example.com", trafficPolicy: { portLevelSettings: [{ port: { number: 443 }, tls: { mode: "SIMPLE", sni: "api.payments.example.com" } }] } })] },
    ],
    violating: [
        { name: "TLS disabled for the whole host", resources: [rule("api", { host: HOST, trafficPolicy: { tls: { mode: "DISABLE" } } })], message: /DestinationRule tenant-acme\/api \(host api\.tenant-acme\.svc\.cluster\.local\) sets trafficPolicy\.tls\.mode DISABLE: traffic to it is plaintext/ },
        { name: "TLS disabled on one port", resources: [rule("api", { host: HOST, trafficPolicy: { portLevelSettings: [{ port: { number: 9090 }, tls: { mode: "DISABLE" } }] } })], message: /sets trafficPolicy\.portLevelSettings\[0 \(port 9090\)\]\.tls\.mode DISABLE/ },
        { name: "TLS disabled for a subset, v1alpha3", resources: [rule("api", { host: HOST, subsets: [{ name: "legacy", labels: { version: "v1" }, trafficPolicy: { tls: { mode: "DISABLE" } } }] }, { version: "v1alpha3" })], message: /sets subsets\[0 \(legacy\)\]\.trafficPolicy\.tls\.mode DISABLE/ },
        { name: "TLS disabled on a subset's port", resources: [rule("api", { host: HOST, subsets: [{ name: "v2", trafficPolicy: { portLevelSettings: [{ port: { number: 8080 }, tls: { mode: "DISABLE" } }] } }] })], message: /subsets\[0 \(v2\)\]\.trafficPolicy\.portLevelSettings\[0 \(port 8080\)\]\.tls\.mode DISABLE/ },
        { name: "an external API without certificate verification", resources: [rule("payments-provider", { host: "api.payments.example.com", trafficPolicy: { tls: { mode: "SIMPLE", insecureSkipVerify: true } } })], message: /sets trafficPolicy\.tls\.insecureSkipVerify: the server's certificate is not verified/ },
        { name: "a DestinationRulePatch disabling TLS", resources: [rule("api", { trafficPolicy: { tls: { mode: "DISABLE" } } }, { patch: true })], message: /DestinationRule tenant-acme\/api \(host \(none\)\) sets trafficPolicy\.tls\.mode DISABLE/ },
    ],
    unknown: [
        { name: "the TLS mode not known yet", resources: [rule("api", { host: HOST, trafficPolicy: { tls: { mode: unknown } } })] },
    ],
});
