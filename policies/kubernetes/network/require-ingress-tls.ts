/**
 * Kubernetes Ingress objects must serve their hosts over TLS. An Ingress without `spec.tls` is plain
 * HTTP for every host; a TLS entry lists the hosts its certificate serves, and one without hosts takes the
 * controller's wildcard (IngressTLS.hosts, Kubernetes 1.35 OpenAPI). The AWS Load Balancer Controller takes
 * its certificate from the `alb.ingress.kubernetes.io/certificate-arn` annotation instead.
 */
import { qualifiedName, strings, withPatches } from "../../lib/kubernetes-kinds";
import { defineResourceRule } from "../../lib/rule";
import { list } from "../../lib/values";

const ALB_CERTIFICATE = "alb.ingress.kubernetes.io/certificate-arn";

/** Whether a TLS host (exact, or a `*.` wildcard of one label) serves `host`. */
function serves(tlsHost: string, host: string): boolean {
    return tlsHost === host || (tlsHost.startsWith("*.") && host.endsWith(tlsHost.slice(1)) && !host.slice(0, -tlsHost.length + 1).includes("."));
}

export default defineResourceRule({
    name: "require-ingress-tls",
    description: "Ingress objects must serve every host they route over TLS (`spec.tls`, or a certificate annotation of the AWS Load Balancer Controller).",
    severity: "high",
    controls: ["NIST SP 800-53 SC-8", "EKS BP encryption-in-transit"],
    remediation: "Add `spec.tls` with the Ingress's hosts and the Secret of their certificate (`secretName`), or on an ALB the `alb.ingress.kubernetes.io/certificate-arn` annotation; better, publish the service through the platform's ingress gateway (an Istio VirtualService), which serves only TLS.",
    resourceTypes: withPatches([
        "kubernetes:networking.k8s.io/v1:Ingress",
        "kubernetes:networking.k8s.io/v1beta1:Ingress",
        "kubernetes:extensions/v1beta1:Ingress",
    ]),
    validate(props, { type }, report) {
        const spec = props.spec ?? {};
        const ingress = () => `Ingress ${qualifiedName(props)}`;
        if (type.endsWith("Patch")) {
            // A patch leaves what it does not set: only an explicitly emptied TLS list is judged.
            if (Array.isArray(spec.tls) && spec.tls.length === 0) {
                report(`${ingress()} is patched with an empty spec.tls, which removes TLS from every host it routes. Expected the hosts' TLS entries.`);
            }
            return;
        }
        const tls = list(spec.tls);
        if (tls.length === 0) {
            if (props.metadata?.annotations?.[ALB_CERTIFICATE] === undefined) {
                report(`${ingress()} has no spec.tls and no ${ALB_CERTIFICATE} annotation: it serves plain HTTP. Expected spec.tls with its hosts and certificate Secret.`);
            }
            return;
        }
        if (tls.some((entry) => list(entry.hosts).length === 0)) {
            return;
        }
        const tlsHosts = tls.flatMap((entry) => strings(entry.hosts));
        list(spec.rules).forEach((rule, index) => {
            const host = rule.host;
            if (host === undefined || host === "") {
                report(`${ingress()} rule ${index} routes every host, but its TLS entries serve only ${tlsHosts.join(", ")}: other hosts are served over plain HTTP. Expected a host on the rule, or a TLS entry for it.`);
            } else if (!tlsHosts.some((tlsHost) => serves(tlsHost, String(host)))) {
                report(`${ingress()} routes ${host}, which no TLS entry serves (they list ${tlsHosts.join(", ")}): it is served over plain HTTP. Expected ${host} in spec.tls[].hosts.`);
            }
        });
    },
});
