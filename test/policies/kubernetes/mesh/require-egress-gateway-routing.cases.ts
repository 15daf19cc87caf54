import { ruleCases, unknown, type CaseResource } from "../../../harness/policy-cases";
import { istioObject } from "./istio-fixtures";

const RULE = "require-egress-gateway-routing";
const GATEWAY_SERVICE = "istio-egress.istio-egress.svc.cluster.local";

function serviceEntry(namespace: string, name: string, hosts: unknown, extra: Record<string, unknown> = {}, version = "v1"): CaseResource {
    // `location: undefined` leaves the field out (the wire has no undefined).
    const spec = Object.fromEntries(Object.entries({
        hosts, location: "MESH_EXTERNAL", resolution: "DNS", ports: [{ number: 443, name: "tls", protocol: "TLS" }], ...extra,
    }).filter(([, value]) => value !== undefined));
    return istioObject("ServiceEntry", name, namespace, spec, { version });
}

/** The route the platform creates for a host of `egress.hosts` (infra/k8s/mesh/egress-gateway.ts virtualServiceSpec). */
function platformRoute(host: string, toGateway = GATEWAY_SERVICE, version = "v1"): CaseResource {
    return istioObject("VirtualService", host.replace(/\./g, "-"), "istio-egress", {
        hosts: [host],
        gateways: ["mesh", "istio-egress/egress"],
        exportTo: [".", "platform"],
        tls: [
            { match: [{ gateways: ["mesh"], port: 443, sniHosts: [host] }], route: [{ destination: { host: toGateway, subset: host.replace(/\./g, "-"), port: { number: 443 } } }] },
        ],
        tcp: [{ match: [{ gateways: ["istio-egress/egress"], port: 8443 }], route: [{ destination: { host, port: { number: 443 } } }] }],
    }, { version });
}

export default ruleCases(RULE, {
    compliant: [
        { name: "a host of egress.hosts as the platform renders it", resources: [serviceEntry("istio-egress", "api-stripe-com", ["api.stripe.com"], { exportTo: [".", "platform"] }), platformRoute("api.stripe.com")] },
        { name: "a team's entry routed by its own VirtualService to the gateway (short name, http)", resources: [
            serviceEntry("platform", "partner", ["partner.example.com"], { location: undefined }),
            istioObject("VirtualService", "partner", "platform", { hosts: ["partner.example.com"], http: [{ route: [{ destination: { host: "istio-egress.istio-egress.svc", port: { number: 443 } } }] }] }, { version: "v1beta1" }),
        ] },
        { name: "hosts under a wildcard route to the gateway", resources: [serviceEntry("platform", "wiki", ["en.wikipedia.org", "de.wikipedia.org"]), platformRoute("*.wikipedia.org")] },
        { name: "the logical backups' S3 entry (an AWS API through the VPC endpoint)", resources: [serviceEntry("data", "logical-backup-storage", ["s3.eu-west-1.amazonaws.com", "backups-1a2b.s3.eu-west-1.amazonaws.com"], { exportTo: ["."] })] },
        { name: "a MESH_INTERNAL entry for a VM of the mesh", resources: [serviceEntry("platform", "legacy-vm", ["legacy.corp.example"], { location: "MESH_INTERNAL", resolution: "STATIC", endpoints: [{ address: "10.8.0.4" }] })] },
        { name: "an entry for a name of the cluster", resources: [serviceEntry("platform", "alias", ["api.platform.svc.cluster.local"])] },
        { name: "no ServiceEntry at all", resources: [platformRoute("api.stripe.com")] },
        {
            name: "another gateway the team names",
            resources: [serviceEntry("platform", "partner", ["partner.example.com"]), platformRoute("partner.example.com", "egress-proxy.edge.svc.cluster.local")],
            config: { [RULE]: { egressGatewayServices: ["egress-proxy.edge.svc.cluster.local"], directHosts: [] } },
        },
    ],
    violating: [
        { name: "an external host with no route", resources: [serviceEntry("tenant-acme", "stripe", ["api.stripe.com"])], message: /ServiceEntry tenant-acme\/stripe lets the mesh call api\.stripe\.com \(location MESH_EXTERNAL\) and no VirtualService sends it to the egress gateway \(istio-egress\.istio-egress\.svc\.cluster\.local\): sidecars call it from their own node/ },
        { name: "an entry without location (MESH_EXTERNAL by default)", resources: [serviceEntry("platform", "partner", ["partner.example.com"], { location: undefined }, "v1beta1")], message: /lets the mesh call partner\.example\.com \(location MESH_EXTERNAL, the default\)/ },
        { name: "a route that sends the host straight out, not to the gateway", resources: [
            serviceEntry("platform", "partner", ["partner.example.com"]),
            istioObject("VirtualService", "partner", "platform", { hosts: ["partner.example.com"], tls: [{ match: [{ port: 443, sniHosts: ["partner.example.com"] }], route: [{ destination: { host: "partner.example.com" } }] }] }),
        ], message: /lets the mesh call partner\.example\.com/ },
        { name: "a route to the gateway bound only to a gateway, not the mesh", resources: [
            serviceEntry("platform", "partner", ["partner.example.com"]),
            istioObject("VirtualService", "partner", "platform", { hosts: ["partner.example.com"], gateways: ["istio-ingress/platform"], tls: [{ match: [{ port: 443, sniHosts: ["partner.example.com"] }], route: [{ destination: { host: GATEWAY_SERVICE } }] }] }, { version: "v1alpha3" }),
        ], message: /lets the mesh call partner\.example\.com/ },
        { name: "one of two hosts routed", resources: [serviceEntry("platform", "two", ["api.stripe.com", "hooks.slack.com"]), platformRoute("api.stripe.com")], message: /lets the mesh call hooks\.slack\.com/ },
        {
            name: "an AWS host once the team's direct hosts replace the default",
            resources: [serviceEntry("data", "logical-backup-storage", ["s3.eu-west-1.amazonaws.com"])],
            config: { [RULE]: { egressGatewayServices: [GATEWAY_SERVICE], directHosts: [] } },
            message: /lets the mesh call s3\.eu-west-1\.amazonaws\.com/,
        },
    ],
    unknown: [
        { name: "an entry's hosts not known yet", resources: [serviceEntry("platform", "later", unknown)] },
    ],
});
