/**
 * Ports the AWS edge and the in-cluster ingress gateway agree on. The gateway Service exposes them as
 * fixed NodePorts so the load balancer's target group can reach the gateway on every app node.
 */
export const GATEWAY_PORTS = {
    /** The gateway's HTTPS listener inside the pod (unprivileged, so it runs as non-root). */
    https: 8443,
    /** NodePort the load balancer forwards HTTPS to. */
    httpsNodePort: 30443,
    /** Envoy's readiness endpoint (`/healthz/ready`) on every Istio gateway. */
    status: 15021,
    /** NodePort of the status port, for the load balancer's health check. */
    statusNodePort: 31021,
} as const;

/** The path of the gateway's readiness endpoint on the status port. */
export const GATEWAY_HEALTH_PATH = "/healthz/ready";
