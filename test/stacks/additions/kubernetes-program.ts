/**
 * The real program plus the Kubernetes objects (and the keys and secrets beside them) teams commonly add
 * (catalogue.ts, KUBERNETES_ADDITIONS), each in an insecure and a secure twin: some typed, some as YAML in a
 * yaml/v2 ConfigGroup or a v1 ConfigGroup, as teams write them.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import * as tls from "@pulumi/tls";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const outputs = require("../../../infra");

const platform = pulumi.output(outputs as Promise<{ readonly kmsKeyArns: { readonly ebs: string } }>);

// Stacks disable default providers; a team's objects go through an explicit one.
const provider = new k8s.Provider("team", { kubeconfig: "{}", enableServerSideApply: true });
const opts = { provider };

/** From the dev stack's own ECR registry, by digest (require-trusted-images, require-mirrored-sources). */
const IMAGE = `111122223333.dkr.ecr.eu-west-1.amazonaws.com/orders/api@sha256:${"5e".repeat(32)}`;

/** A pod template every Pod Security level admits, with requests and limits. */
function restrictedPod(app: string): Record<string, unknown> {
    return {
        metadata: { labels: { app } },
        spec: {
            serviceAccountName: "orders",
            automountServiceAccountToken: false,
            securityContext: { runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: "RuntimeDefault" } },
            containers: [{
                name: "api",
                image: IMAGE,
                securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } },
                resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "500m", memory: "256Mi" } },
            }],
        },
    };
}

// A Deployment written as YAML in a yaml/v2 ConfigGroup.
new k8s.yaml.v2.ConfigGroup("deployment-insecure", {
    yaml: `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: orders-insecure
  namespace: platform
spec:
  replicas: 1
  selector:
    matchLabels: { app: orders-insecure }
  template:
    metadata:
      labels: { app: orders-insecure }
    spec:
      containers:
        - name: api
          image: nginx:latest
          securityContext:
            privileged: true
`,
}, opts);
new k8s.yaml.v2.ConfigGroup("deployment-secure", {
    objs: [{
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: { name: "orders-secure", namespace: "platform" },
        spec: { replicas: 1, selector: { matchLabels: { app: "orders-secure" } }, template: restrictedPod("orders-secure") },
    }],
}, opts);

// A DaemonSet written as YAML in a v1 ConfigGroup, whose YAML the provider decodes (its objects are named
// `<resourcePrefix>-<namespace>/<name>`).
new k8s.yaml.ConfigGroup("daemonset-insecure", {
    resourcePrefix: "daemonset-insecure",
    yaml: `
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: node-agent-insecure
  namespace: platform
spec:
  selector:
    matchLabels: { app: node-agent-insecure }
  template:
    metadata:
      labels: { app: node-agent-insecure }
    spec:
      hostNetwork: true
      containers:
        - name: agent
          image: ${IMAGE}
          volumeMounts: [{ name: host, mountPath: /host }]
      volumes:
        - name: host
          hostPath: { path: / }
`,
}, opts);
new k8s.yaml.ConfigGroup("daemonset-secure", {
    resourcePrefix: "daemonset-secure",
    objs: [{
        apiVersion: "apps/v1",
        kind: "DaemonSet",
        metadata: { name: "node-agent-secure", namespace: "platform" },
        spec: { selector: { matchLabels: { app: "node-agent-secure" } }, template: restrictedPod("node-agent-secure") },
    }],
}, opts);

// An Istio AuthorizationPolicy for the service.
const istioResource = (name: string, kind: string, spec: Record<string, unknown>) => new k8s.apiextensions.CustomResource(name, {
    apiVersion: "security.istio.io/v1",
    kind,
    metadata: { name, namespace: "platform" },
    spec,
}, opts);
istioResource("authorization-policy-insecure", "AuthorizationPolicy", { selector: { matchLabels: { app: "orders-insecure" } }, action: "ALLOW", rules: [{}] });
istioResource("authorization-policy-secure", "AuthorizationPolicy", {
    selector: { matchLabels: { app: "orders-secure" } },
    action: "ALLOW",
    rules: [{ from: [{ source: { principals: ["cluster.local/ns/istio-ingress/sa/istio-ingress"] } }], to: [{ operation: { methods: ["GET", "POST"], paths: ["/orders/*"] } }] }],
});
istioResource("peer-authentication-insecure", "PeerAuthentication", { selector: { matchLabels: { app: "orders-insecure" } }, mtls: { mode: "PERMISSIVE" } });
istioResource("peer-authentication-secure", "PeerAuthentication", { selector: { matchLabels: { app: "orders-secure" } }, mtls: { mode: "STRICT" } });

// A Service for the API.
const service = (twin: string, type: string) => new k8s.core.v1.Service(`service-${twin}`, {
    metadata: { name: `orders-${twin}`, namespace: "platform" },
    spec: { type, selector: { app: `orders-${twin}` }, ports: [{ name: "http", port: 8080, targetPort: 8080 }] },
}, opts);
service("insecure", "LoadBalancer");
service("secure", "ClusterIP");

// A NetworkPolicy letting callers in.
const allowFrom = (twin: string, from: Record<string, unknown>[] | undefined) => new k8s.networking.v1.NetworkPolicy(`network-policy-${twin}`, {
    metadata: { name: `orders-${twin}-callers`, namespace: "platform" },
    spec: { podSelector: { matchLabels: { app: `orders-${twin}` } }, policyTypes: ["Ingress"], ingress: [{ ...(from ? { from } : {}), ports: [{ protocol: "TCP", port: 8080 }] }] },
}, opts);
allowFrom("insecure", undefined);
allowFrom("secure", [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "istio-ingress" } }, podSelector: { matchLabels: { istio: "ingress" } } }]);

// RBAC for the team.
new k8s.rbac.v1.ClusterRoleBinding("cluster-role-binding-insecure", {
    metadata: { name: "orders-admins" },
    roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "cluster-admin" },
    subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: "orders-admins" }],
}, opts);
new k8s.rbac.v1.RoleBinding("cluster-role-binding-secure", {
    metadata: { name: "orders-viewers", namespace: "platform" },
    roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "view" },
    subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: "orders-developers" }],
}, opts);
new k8s.rbac.v1.Role("role-insecure", {
    metadata: { name: "orders-operator-insecure", namespace: "platform" },
    rules: [{ apiGroups: ["*"], resources: ["*"], verbs: ["*"] }],
}, opts);
new k8s.rbac.v1.Role("role-secure", {
    metadata: { name: "orders-operator-secure", namespace: "platform" },
    rules: [{ apiGroups: ["apps"], resources: ["deployments"], verbs: ["get", "list", "watch", "patch"] }, { apiGroups: [""], resources: ["pods", "configmaps"], verbs: ["get", "list", "watch"] }],
}, opts);

// A namespace for the team.
new k8s.core.v1.Namespace("namespace-insecure", { metadata: { name: "orders-insecure" } }, opts);
{
    const labels = Object.fromEntries(["enforce", "audit", "warn"].flatMap((mode) => [[`pod-security.kubernetes.io/${mode}`, "restricted"], [`pod-security.kubernetes.io/${mode}-version`, "v1.35"]]));
    const namespace = new k8s.core.v1.Namespace("namespace-secure", { metadata: { name: "orders-secure", labels: { ...labels, "istio-injection": "enabled" } } }, opts);
    new k8s.networking.v1.NetworkPolicy("namespace-secure-deny-all", {
        metadata: { name: "deny-all", namespace: namespace.metadata.name },
        spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] },
    }, opts);
}

// A StorageClass for the team's volumes.
new k8s.storage.v1.StorageClass("storage-class-insecure", {
    metadata: { name: "orders-insecure" },
    provisioner: "ebs.csi.aws.com",
    parameters: { type: "gp3" },
}, opts);
new k8s.storage.v1.StorageClass("storage-class-secure", {
    metadata: { name: "orders-secure" },
    provisioner: "ebs.csi.aws.com",
    parameters: { type: "gp3", encrypted: "true", kmsKeyId: platform.kmsKeyArns.ebs },
    reclaimPolicy: "Retain",
    volumeBindingMode: "WaitForFirstConsumer",
}, opts);

// A StatefulSet keeping its data in claims from a template.
for (const [twin, storageClassName] of [["insecure", undefined], ["secure", "orders-secure"]] as const) {
    new k8s.apps.v1.StatefulSet(`statefulset-${twin}`, {
        metadata: { name: `queue-${twin}`, namespace: "platform" },
        spec: {
            serviceName: `queue-${twin}`,
            replicas: 3,
            selector: { matchLabels: { app: `queue-${twin}` } },
            template: restrictedPod(`queue-${twin}`),
            volumeClaimTemplates: [{
                metadata: { name: "data" },
                spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "10Gi" } }, ...(storageClassName ? { storageClassName } : {}) },
            }],
        },
    }, opts);
}

// A call to an external API: a way out for the pods, and the host in the mesh's registry.
const egressPolicy = (twin: string, rule: Record<string, unknown>) => new k8s.networking.v1.NetworkPolicy(`egress-policy-${twin}`, {
    metadata: { name: `orders-${twin}-partner-api`, namespace: "platform" },
    spec: { podSelector: {}, policyTypes: ["Egress"], egress: [rule] },
}, opts);
egressPolicy("insecure", { ports: [{ protocol: "TCP", port: 443 }] });
egressPolicy("secure", {
    to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "istio-egress" } }, podSelector: { matchLabels: { istio: "egressgateway" } } }],
    ports: [{ protocol: "TCP", port: 8443 }],
});
const networking = (name: string, kind: string, spec: Record<string, unknown>) => new k8s.apiextensions.CustomResource(name, {
    apiVersion: "networking.istio.io/v1", kind, metadata: { name, namespace: "platform" }, spec,
}, opts);
for (const twin of ["insecure", "secure"]) {
    networking(`egress-entry-${twin}`, "ServiceEntry", {
        hosts: [`api-${twin}.partner.example`], exportTo: ["."], location: "MESH_EXTERNAL", resolution: "DNS", ports: [{ number: 443, name: "tls", protocol: "TLS" }],
    });
}
networking("egress-entry-secure-route", "VirtualService", {
    hosts: ["api-secure.partner.example"],
    exportTo: ["."],
    tls: [{ match: [{ port: 443, sniHosts: ["api-secure.partner.example"] }], route: [{ destination: { host: "istio-egress.istio-egress.svc.cluster.local", port: { number: 443 } } }] }],
});

// Settings, a credential, a key and a generated password.
new k8s.core.v1.ConfigMap("config-map-insecure", { metadata: { name: "orders-insecure", namespace: "platform" }, data: { LOG_LEVEL: "info", DB_PASSWORD: "orders-password-1" } }, opts);
new k8s.core.v1.ConfigMap("config-map-secure", { metadata: { name: "orders-secure", namespace: "platform" }, data: { LOG_LEVEL: "info", DB_HOST: "orders-db.platform.svc" } }, opts);
new tls.PrivateKey("private-key-insecure", { algorithm: "RSA", rsaBits: 2048 });
new tls.PrivateKey("private-key-secure", { algorithm: "ECDSA", ecdsaCurve: "P256" });
new random.RandomPassword("password-insecure", { length: 8 });
new random.RandomPassword("password-secure", { length: 32 });

module.exports = outputs;
