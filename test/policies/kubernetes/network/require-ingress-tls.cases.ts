import { resource, ruleCases, unknown } from "../../../harness/policy-cases";

const RULE = "require-ingress-tls";

function ingress(name: string, spec: Record<string, unknown>, options: { annotations?: Record<string, string>; version?: string; patch?: boolean } = {}) {
    const version = options.version ?? "networking.k8s.io/v1";
    return resource(`kubernetes:${version}:Ingress${options.patch ? "Patch" : ""}`, `apps-${name}`, {
        apiVersion: version, kind: "Ingress",
        metadata: { name, namespace: "apps", ...(options.annotations ? { annotations: options.annotations } : {}) },
        spec,
    });
}

const backend = { service: { name: "api", port: { number: 8080 } } };
const rule = (host?: string) => ({ ...(host === undefined ? {} : { host }), http: { paths: [{ path: "/", pathType: "Prefix", backend }] } });

export default ruleCases(RULE, {
    compliant: [
        { name: "TLS for the one host it routes", resources: [ingress("api", { tls: [{ hosts: ["api.example.com"], secretName: "api-tls" }], rules: [rule("api.example.com")] })] },
        { name: "a wildcard certificate for two hosts", resources: [ingress("apps", { tls: [{ hosts: ["*.example.com"], secretName: "wildcard" }], rules: [rule("a.example.com"), rule("b.example.com")] })] },
        { name: "a TLS entry without hosts (the controller's default certificate) and a catch-all rule", resources: [ingress("default", { tls: [{ secretName: "default-tls" }], rules: [rule()] })] },
        { name: "an ALB ingress with its ACM certificate annotation", resources: [ingress("alb", { rules: [rule("api.example.com")] }, { annotations: { "alb.ingress.kubernetes.io/certificate-arn": "arn:aws:acm:eu-west-1:111122223333:certificate/abc" } })] },
        { name: "an IngressPatch changing annotations only", resources: [ingress("api", {}, { patch: true, annotations: { "nginx.ingress.kubernetes.io/proxy-body-size": "8m" } })] },
    ],
    violating: [
        { name: "an Ingress without TLS", resources: [ingress("api", { rules: [rule("api.example.com")] })], message: /Ingress apps\/api has no spec\.tls and no alb\.ingress\.kubernetes\.io\/certificate-arn annotation: it serves plain HTTP/ },
        { name: "a host no TLS entry serves", resources: [ingress("api", { tls: [{ hosts: ["api.example.com"], secretName: "api-tls" }], rules: [rule("api.example.com"), rule("admin.example.com")] })], message: /Ingress apps\/api routes admin\.example\.com, which no TLS entry serves \(they list api\.example\.com\)/ },
        { name: "a wildcard certificate one label short", resources: [ingress("deep", { tls: [{ hosts: ["*.example.com"], secretName: "wildcard" }], rules: [rule("a.b.example.com")] })], message: /routes a\.b\.example\.com, which no TLS entry serves/ },
        { name: "a catch-all rule beside host-specific TLS", resources: [ingress("mixed", { tls: [{ hosts: ["api.example.com"], secretName: "api-tls" }], rules: [rule("api.example.com"), rule()] })], message: /Ingress apps\/mixed rule 1 routes every host, but its TLS entries serve only api\.example\.com/ },
        { name: "a legacy extensions/v1beta1 Ingress without TLS", resources: [ingress("legacy", { rules: [rule("old.example.com")] }, { version: "extensions/v1beta1" })], message: /Ingress apps\/legacy has no spec\.tls/ },
        { name: "an IngressPatch emptying TLS", resources: [ingress("api", { tls: [] }, { patch: true })], message: /Ingress apps\/api is patched with an empty spec\.tls/ },
    ],
    unknown: [
        { name: "the TLS entries not known yet", resources: [ingress("api", { tls: unknown, rules: [rule("api.example.com")] })] },
    ],
});
