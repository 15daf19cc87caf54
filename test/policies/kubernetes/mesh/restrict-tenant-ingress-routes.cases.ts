import { resource, ruleCases, unknown, type CaseResource } from "../../../harness/policy-cases";
import { istiod } from "./istio-fixtures";

type Version = "v1" | "v1beta1" | "v1alpha3";

function gateway(namespace: string, name: string, hosts: unknown, version: Version = "v1"): CaseResource {
    return resource(`kubernetes:networking.istio.io/${version}:Gateway`, `${namespace}-${name}`, {
        apiVersion: `networking.istio.io/${version}`,
        kind: "Gateway",
        metadata: { name, namespace },
        spec: {
            selector: { istio: "ingress" },
            servers: [{ port: { number: 8443, name: "https", protocol: "HTTPS" }, hosts, tls: { mode: "SIMPLE", credentialName: "gateway-tls" } }],
        },
    });
}

function virtualService(namespace: string, name: string, spec: Record<string, unknown>, version: Version = "v1"): CaseResource {
    return resource(`kubernetes:networking.istio.io/${version}:VirtualService`, `${namespace}-${name}`, {
        apiVersion: `networking.istio.io/${version}`,
        kind: "VirtualService",
        metadata: { name, namespace },
        spec: { http: [{ route: [{ destination: { host: name } }] }], ...spec },
    });
}

/** The platform's shared gateway: its own namespace's `*` (no SNI matching), then a host per namespace. */
const shared = gateway("istio-ingress", "platform", ["istio-ingress/*", "platform/platform.example.com", "tenant-acme/acme.example.com", "tenant-globex/*.globex.example.com"]);
/** istiod with private VirtualServices by default, as the platform installs it. */
const mesh = istiod({ defaultVirtualServiceExportTo: ["."] });
/** acme publishing its host through the shared gateway, the way the README says. */
const acmeRoute = (spec: Record<string, unknown> = {}) => virtualService("tenant-acme", "storefront", {
    hosts: ["acme.example.com"], gateways: ["istio-ingress/platform"], exportTo: [".", "istio-ingress"], ...spec,
});

export default ruleCases("restrict-tenant-ingress-routes", {
    compliant: [
        { name: "the shared gateway with a host per namespace and a tenant route for its own host", resources: [mesh, shared, acmeRoute()] },
        { name: "a route exported only to the gateway's namespace", resources: [mesh, shared, acmeRoute({ exportTo: ["istio-ingress"] })] },
        { name: "a route for names under the tenant's wildcard host", resources: [mesh, shared, virtualService("tenant-globex", "api", { hosts: ["api.globex.example.com", "*.eu.globex.example.com"], gateways: ["istio-ingress/platform"], exportTo: ["istio-ingress"] })] },
        { name: "the gateway named the legacy way (name.namespace.svc.cluster.local)", resources: [mesh, shared, acmeRoute({ gateways: ["platform.istio-ingress.svc.cluster.local"] })] },
        { name: "a mesh-only route kept in its namespace by the mesh default", resources: [mesh, shared, virtualService("tenant-acme", "reviews", { hosts: ["reviews.tenant-acme.svc.cluster.local"] })] },
        { name: "a route exported nowhere (~)", resources: [shared, virtualService("tenant-acme", "draft", { hosts: ["reviews"], exportTo: ["~"] })] },
        { name: "a route in a trusted namespace, for any host", resources: [mesh, shared, virtualService("istio-ingress", "catch-all", { hosts: ["*"], gateways: ["platform"], exportTo: ["*"] })] },
        { name: "a route binding a gateway the stack does not declare, for its own host", resources: [mesh, virtualService("tenant-acme", "storefront", { hosts: ["acme.example.com"], gateways: ["edge/public"], exportTo: ["edge"] })] },
        { name: "a v1beta1 gateway granting the gateway's own namespace (./) every host", resources: [gateway("istio-ingress", "internal", ["./*", "tenant-acme/acme.internal.example.com"], "v1beta1")] },
        {
            name: "a namespace added to the trusted ones may be granted every host",
            resources: [gateway("istio-ingress", "platform", ["istio-ingress/*", "ops/*"])],
            config: { "restrict-tenant-ingress-routes": { trustedNamespaces: ["istio-system", "istio-ingress", "ops"] } },
        },
    ],
    violating: [
        { name: "a gateway serving every host to every namespace", resources: [gateway("istio-ingress", "platform", ["*"])], message: /Gateway istio-ingress\/platform serves "\*" to VirtualServices of every namespace: any namespace that can create a VirtualService can route every host through it/ },
        { name: "an unqualified host", resources: [gateway("istio-ingress", "platform", ["istio-ingress/*", "acme.example.com"])], message: /serves "acme.example.com" to VirtualServices of every namespace/ },
        { name: "a host for any namespace (*/)", resources: [gateway("istio-ingress", "platform", ["*/acme.example.com"], "v1alpha3")], message: /serves "\*\/acme.example.com" to VirtualServices of every namespace/ },
        { name: "every host granted to a tenant", resources: [gateway("istio-ingress", "platform", ["istio-ingress/*", "tenant-acme/*"])], message: /grants every host to namespace tenant-acme \("tenant-acme\/\*"\)/ },
        {
            name: "one host granted to two namespaces",
            resources: [gateway("istio-ingress", "platform", ["tenant-acme/shop.example.com", "tenant-globex/shop.example.com"])],
            message: /grants shop.example.com to namespace tenant-globex, and Gateway istio-ingress\/platform grants shop.example.com to namespace tenant-acme/,
        },
        {
            name: "a wildcard over another namespace's host, on another gateway",
            resources: [shared, gateway("istio-ingress", "extra", ["tenant-initech/*.example.com"], "v1beta1")],
            message: /grants \*.example.com to namespace tenant-initech, and Gateway istio-ingress\/platform grants platform.example.com to namespace platform/,
        },
        { name: "a tenant route for another tenant's host", resources: [mesh, shared, acmeRoute({ hosts: ["shop.globex.example.com"] })], message: /VirtualService tenant-acme\/storefront binds Gateway istio-ingress\/platform for shop.globex.example.com, which the gateway does not grant to namespace tenant-acme \(it grants acme.example.com\)/ },
        { name: "a tenant route for the platform's host", resources: [mesh, shared, acmeRoute({ hosts: ["platform.example.com"] })], message: /binds Gateway istio-ingress\/platform for platform.example.com, which the gateway does not grant to namespace tenant-acme/ },
        { name: "a tenant route for every host", resources: [mesh, shared, acmeRoute({ hosts: ["*"] })], message: /binds Gateway istio-ingress\/platform for \*, which the gateway does not grant/ },
        { name: "a v1beta1 route of a namespace the gateway grants nothing", resources: [mesh, shared, virtualService("tenant-initech", "portal", { hosts: ["initech.example.com"], gateways: ["istio-ingress/platform"], exportTo: ["istio-ingress"] }, "v1beta1")], message: /VirtualService tenant-initech\/portal binds Gateway istio-ingress\/platform for initech.example.com, which the gateway does not grant to namespace tenant-initech \(it grants nothing\)/ },
        { name: "a route exported to every namespace", resources: [mesh, shared, acmeRoute({ exportTo: ["*"] })], message: /VirtualService tenant-acme\/storefront is exported to \*: its routes apply to sidecars there/ },
        { name: "a route exported to another tenant", resources: [mesh, shared, acmeRoute({ exportTo: [".", "tenant-globex"] })], message: /is exported to tenant-globex/ },
        { name: "a mesh route without exportTo where the mesh default exports everywhere", resources: [istiod(undefined), virtualService("tenant-acme", "reviews", { hosts: ["platform-api.platform.svc.cluster.local"] }, "v1alpha3")], message: /VirtualService tenant-acme\/reviews is exported to \* \(the mesh default\)/ },
    ],
    unknown: [
        { name: "the gateway's hosts not known yet", resources: [gateway("istio-ingress", "platform", unknown)] },
        { name: "a route's hosts not known yet", resources: [mesh, shared, acmeRoute({ hosts: unknown })] },
    ],
});
