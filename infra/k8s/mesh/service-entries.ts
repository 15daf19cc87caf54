/**
 * Hosts outside the mesh that the pods of one namespace call directly over TLS on 443: AWS APIs reached through
 * their VPC endpoints (S3 for the logical backups, KMS for tenant keys), not through the egress gateway. The mesh's
 * REGISTRY_ONLY outbound policy refuses any host it has no entry for; the entry is visible in its own namespace only.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

export function directTlsServiceEntry(resourceName: string, args: { readonly namespace: string; readonly name: string; readonly hosts: pulumi.Input<readonly string[]> },
    opts: pulumi.CustomResourceOptions): k8s.apiextensions.CustomResource {
    return new k8s.apiextensions.CustomResource(resourceName, {
        apiVersion: "networking.istio.io/v1",
        kind: "ServiceEntry",
        metadata: { name: args.name, namespace: args.namespace },
        spec: {
            hosts: args.hosts,
            exportTo: ["."],
            location: "MESH_EXTERNAL",
            resolution: "DNS",
            ports: [{ number: 443, name: "tls", protocol: "TLS" }],
        },
    }, opts);
}
