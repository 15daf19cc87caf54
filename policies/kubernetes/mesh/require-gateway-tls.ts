/**
 * What an Istio Gateway serves. A server of a plaintext protocol (HTTP, HTTP2, GRPC, TCP, MONGO...) takes
 * unencrypted connections, except an HTTP server whose only job is `tls.httpsRedirect`. A TLS server in
 * PASSTHROUGH (or AUTO_PASSTHROUGH) mode hands the client's TLS to the backend untouched: the gateway's
 * certificate, minimum version and ciphers do not apply and the gateway cannot route or authorize by
 * request (ServerTLSSettings in the pinned CRD, istio 1.29.0). TLS 1.0 and 1.1 are refused as minimums.
 */
import { GATEWAY_TYPES } from "../../lib/istio";
import { qualifiedName, withPatches } from "../../lib/kubernetes-kinds";
import { defineResourceRule } from "../../lib/rule";
import { list } from "../../lib/values";

const ENCRYPTED = ["HTTPS", "TLS"];
const PASSTHROUGH = ["PASSTHROUGH", "AUTO_PASSTHROUGH"];
const WEAK_VERSIONS = ["TLSV1_0", "TLSV1_1"];

export default defineResourceRule<{ passthroughGateways: string[] }>({
    name: "require-gateway-tls",
    description: "Istio Gateway servers must terminate TLS: no plaintext protocol except an HTTP server that only redirects to HTTPS, no TLS passthrough (except approved gateways), and no minimum below TLS 1.2.",
    severity: "high",
    controls: ["NIST SP 800-53 SC-8", "EKS BP encryption-in-transit"],
    remediation: "Serve `port.protocol: HTTPS` with `tls.mode: SIMPLE` (or MUTUAL), a `credentialName` and `minProtocolVersion: TLSV1_2` or newer; an HTTP server may only set `tls.httpsRedirect: true`. A gateway that must pass TLS through (an east-west gateway) is listed as `<namespace>/<name>` in the rule's passthroughGateways.",
    config: {
        passthroughGateways: {
            type: "array",
            items: { type: "string" },
            default: [],
            description: "Gateways (`<namespace>/<name>`) allowed to pass TLS through to their backends, e.g. a multicluster east-west gateway.",
        },
    },
    resourceTypes: withPatches([...GATEWAY_TYPES]),
    validate(props, { config }, report) {
        const gateway = () => `Gateway ${qualifiedName(props)}`;
        list(props.spec?.servers).forEach((server, index) => {
            const protocol = String(server.port?.protocol ?? "").toUpperCase();
            const at = () => `${gateway()} server ${index} (${protocol || "no protocol"} on port ${server.port?.number ?? "?"})`;
            const tls = server.tls ?? {};
            if (!ENCRYPTED.includes(protocol)) {
                if (!(protocol === "HTTP" && tls.httpsRedirect === true)) {
                    report(`${at()} serves plaintext. Expected HTTPS or TLS with tls.mode SIMPLE, or an HTTP server with only tls.httpsRedirect: true.`);
                }
                return;
            }
            if (PASSTHROUGH.includes(tls.mode) && !config.passthroughGateways.includes(qualifiedName(props))) {
                report(`${at()} sets tls.mode ${tls.mode}: the gateway hands the client's TLS to the backend, so its certificate, TLS version, ciphers and request authorization do not apply. Expected tls.mode SIMPLE or MUTUAL.`);
            }
            if (WEAK_VERSIONS.includes(tls.minProtocolVersion)) {
                report(`${at()} accepts ${tls.minProtocolVersion} (tls.minProtocolVersion). Expected TLSV1_2 or newer.`);
            }
        });
    },
});
