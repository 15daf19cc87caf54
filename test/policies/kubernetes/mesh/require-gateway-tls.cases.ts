import { ruleCases, unknown } from "../../../harness/policy-cases";
import { istioObject } from "./istio-fixtures";

const RULE = "require-gateway-tls";
const gateway = (name: string, servers: unknown, options: { version?: string; patch?: boolean; namespace?: string } = {}) =>
    istioObject("Gateway", name, options.namespace ?? "istio-ingress", { selector: { istio: "ingress" }, servers }, options);
/** The platform's shared Gateway's server (infra/k8s/mesh/istio-mesh.ts). */
const HTTPS = { port: { number: 8443, name: "https", protocol: "HTTPS" }, hosts: ["istio-ingress/*", "tenant-acme/acme.example.com"], tls: { mode: "SIMPLE", credentialName: "gateway-tls", minProtocolVersion: "TLSV1_2" } };

export default ruleCases(RULE, {
    compliant: [
        { name: "the platform's HTTPS server", resources: [gateway("platform", [HTTPS])] },
        { name: "an HTTP server that only redirects, v1beta1", resources: [gateway("platform", [HTTPS, { port: { number: 8080, name: "http", protocol: "HTTP" }, hosts: ["tenant-acme/acme.example.com"], tls: { httpsRedirect: true } }], { version: "v1beta1" })] },
        { name: "mutual TLS on a TLS server", resources: [gateway("partners", [{ port: { number: 8444, name: "tls", protocol: "TLS" }, hosts: ["tenant-acme/partners.example.com"], tls: { mode: "MUTUAL", credentialName: "partners", minProtocolVersion: "TLSV1_3" } }])] },
        { name: "an east-west gateway the team approves for passthrough", resources: [gateway("eastwest", [{ port: { number: 15443, name: "tls", protocol: "TLS" }, hosts: ["*.local"], tls: { mode: "AUTO_PASSTHROUGH" } }], { namespace: "istio-system" })], config: { [RULE]: { passthroughGateways: ["istio-system/eastwest"] } } },
    ],
    violating: [
        { name: "plain HTTP beside HTTPS", resources: [gateway("platform", [HTTPS, { port: { number: 8080, name: "http", protocol: "HTTP" }, hosts: ["tenant-acme/acme.example.com"] }])], message: /Gateway istio-ingress\/platform server 1 \(HTTP on port 8080\) serves plaintext\. Expected HTTPS or TLS/ },
        { name: "plain TCP", resources: [gateway("db", [{ port: { number: 27017, name: "mongo", protocol: "MONGO" }, hosts: ["data/*"] }])], message: /server 0 \(MONGO on port 27017\) serves plaintext/ },
        { name: "TLS passed through to the backend", resources: [gateway("platform", [{ ...HTTPS, tls: { mode: "PASSTHROUGH" } }])], message: /server 0 \(HTTPS on port 8443\) sets tls\.mode PASSTHROUGH: the gateway hands the client's TLS to the backend/ },
        { name: "AUTO_PASSTHROUGH on an unapproved gateway", resources: [gateway("eastwest", [{ port: { number: 15443, name: "tls", protocol: "TLS" }, hosts: ["*.local"], tls: { mode: "AUTO_PASSTHROUGH" } }], { namespace: "istio-system" })], message: /Gateway istio-system\/eastwest server 0 \(TLS on port 15443\) sets tls\.mode AUTO_PASSTHROUGH/ },
        { name: "TLS 1.0 accepted", resources: [gateway("platform", [{ ...HTTPS, tls: { ...HTTPS.tls, minProtocolVersion: "TLSV1_0" } }])], message: /accepts TLSV1_0 \(tls\.minProtocolVersion\)\. Expected TLSV1_2 or newer/ },
        { name: "a GatewayPatch adding plain HTTP", resources: [gateway("platform", [HTTPS, { port: { number: 80, name: "http", protocol: "HTTP" }, hosts: ["istio-ingress/*"] }], { patch: true })], message: /Gateway istio-ingress\/platform server 1 \(HTTP on port 80\) serves plaintext/ },
    ],
    unknown: [
        { name: "a server's protocol not known yet", resources: [gateway("platform", [{ ...HTTPS, port: { number: 8443, name: "https", protocol: unknown } }])] },
    ],
});
