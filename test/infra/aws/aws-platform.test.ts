import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { deployAwsPlatform, POD_IDENTITY_AGENT_CIDR } from "../../../infra/aws/aws-platform";
import { RecordedResource, renderComponents } from "../../../engine/program";
import { minimal, parse } from "../../harness/config-fixtures";
import { ofType, plain } from "../../harness/resources";

const ACCOUNT = "111122223333";
const DEPLOYER = `arn:aws:iam::${ACCOUNT}:role/deployer`;
const BREAK_GLASS = `arn:aws:iam::${ACCOUNT}:role/break-glass`;
const SRE = `arn:aws:iam::${ACCOUNT}:role/sre`;
let resources: readonly RecordedResource[];

before(async () => {
    const config = parse(minimal("dev", {
        accessEntries: JSON.stringify([
            { principalArn: DEPLOYER, access: "cluster-admin" },
            { principalArn: SRE, access: "view" },
            { principalArn: BREAK_GLASS, access: "cluster-admin" },
        ]),
        privateAccessCidrs: JSON.stringify(["10.0.0.0/16", "10.99.0.0/24"]),
    }));
    ({ resources } = await renderComponents(() => deployAwsPlatform(config), { accountId: ACCOUNT }));
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const inputs = (r: RecordedResource): any => plain(r.inputs);
const find = (type: string, name: string): RecordedResource => {
    const found = ofType(resources, type).find((r) => r.name === name);
    assert.ok(found, `no ${type} named ${name}`);
    return found;
};

describe("deployAwsPlatform", () => {
    it("makes the Kubernetes provider depend on every cluster-admin's access entry and policy association and on the API's ingress rules, so pulumi destroy removes them last", () => {
        const [provider] = ofType(resources, "pulumi:providers:kubernetes");
        const access = [
            ...["deployer", "break-glass"].flatMap((who) => [
                find("aws:eks/accessEntry:AccessEntry", `cluster-access-${who}`),
                find("aws:eks/accessPolicyAssociation:AccessPolicyAssociation", `cluster-access-${who}`),
            ]),
            ...ofType(resources, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").filter((r) => r.name.startsWith("cluster-api-from-")),
        ];
        assert.equal(access.length, 6);
        for (const resource of access) {
            assert.ok(provider.dependencies.includes(resource.urn), `the provider does not depend on ${resource.urn}`);
        }
    });

    it("gives the Percona operator, which deletes expired backups, its own Pod Identity role, associated before anything runs in the cluster", () => {
        const association = ofType(resources, "aws:eks/podIdentityAssociation:PodIdentityAssociation").find((a) => inputs(a).serviceAccount === "psmdb-operator");
        assert.ok(association, "no Pod Identity association for the operator's service account");
        assert.equal(inputs(association).namespace, "data");
        const role = find("aws:iam/role:Role", "mongodb-backup-expiry");
        assert.equal(inputs(association).roleArn, plain(role.outputs).arn);
        const trust = JSON.parse(inputs(role).assumeRolePolicy).Statement[0];
        assert.equal(trust.Condition.StringEquals["aws:RequestTag/kubernetes-service-account"], "psmdb-operator");
        const policy = ofType(resources, "aws:iam/rolePolicy:RolePolicy").find((p) => inputs(p).role === plain(role.outputs).name)!;
        const actions = JSON.parse(inputs(policy).policy).Statement.flatMap((s: { Action: string[] }) => s.Action);
        assert.deepEqual(actions.sort(), ["s3:DeleteObject", "s3:GetObject", "s3:ListBucket"]);
        const [platform] = ofType(resources, "secure-platform:k8s:KubernetesPlatform");
        assert.ok(platform.dependencies.includes(association.urn), "the operator's pod must start after its association exists to get credentials");
        const backupKey = ofType(resources, "aws:kms/key:Key").find((k) => inputs(k).tags.Purpose === "backup")!;
        assert.ok(!inputs(backupKey).policy.includes(plain(role.outputs).arn), "the operator gets no use of the backup key");
    });

    it("opens the operator's path to the Pod Identity agent: out of its sidecar, and allowed by the data namespace's network policies", () => {
        const operator = ofType(resources, "kubernetes:helm.sh/v3:Release").map(inputs).find((r) => r.chart === "psmdb-operator");
        assert.deepEqual(operator.values.podAnnotations, { "traffic.sidecar.istio.io/excludeOutboundIPRanges": POD_IDENTITY_AGENT_CIDR });
        const policies = ofType(resources, "kubernetes:networking.k8s.io/v1:NetworkPolicy").map(inputs).filter((p) => p.metadata.namespace === "data");
        const toAgent = policies.find((p) => p.metadata.name === "allow-operator-pod-identity");
        assert.ok(toAgent, `no egress to the agent for the operator; data has ${policies.map((p) => p.metadata.name).join(", ")}`);
        assert.deepEqual(toAgent.spec.podSelector, { matchLabels: { "app.kubernetes.io/name": "psmdb-operator" } });
        assert.deepEqual(toAgent.spec.egress, [{ to: [{ ipBlock: { cidr: POD_IDENTITY_AGENT_CIDR } }], ports: [{ protocol: "TCP", port: 80 }] }]);
        const toStorage = policies.find((p) => p.metadata.name === "allow-operator-object-storage");
        assert.deepEqual(toStorage?.spec.egress, [{ ports: [{ protocol: "TCP", port: 443 }] }]);
    });

    it("admits to the gateway's pods only the addresses of the load balancer's subnets, and keeps the source address to see them", () => {
        const [lb] = ofType(resources, "aws:lb/loadBalancer:LoadBalancer");
        const subnets = ofType(resources, "aws:ec2/subnet:Subnet");
        const lbRanges = (inputs(lb).subnets as string[]).map((id) => inputs(subnets.find((s) => s.id === id)!).cidrBlock).sort();
        assert.equal(lbRanges.length, 2, "dev's two zones");
        const clients = ofType(resources, "kubernetes:networking.k8s.io/v1:NetworkPolicy").map(inputs).find((p) => p.metadata.namespace === "istio-ingress" && p.metadata.name === "allow-clients");
        assert.deepEqual(clients.spec.ingress, [{
            from: lbRanges.map((cidr: string) => ({ ipBlock: { cidr } })),
            ports: [{ protocol: "TCP", port: 8443 }, { protocol: "TCP", port: 15021 }],
        }]);
        const gateway = ofType(resources, "kubernetes:helm.sh/v3:Release").map(inputs).find((r) => r.chart === "gateway");
        assert.equal(gateway.values.service.externalTrafficPolicy, "Local", "a masqueraded source would be a node's address");
    });

    it("names the stack's cluster-admins, and only them, as the administrators allowed to change any key policy", () => {
        const keys = ofType(resources, "aws:kms/key:Key");
        assert.ok(keys.length >= 5);
        for (const key of keys) {
            const statements = JSON.parse(inputs(key).policy).Statement as { Action: string[]; Principal: { AWS?: unknown } }[];
            const writers = statements.filter((s) => s.Action.some((a) => /^kms:(\*|Put\*|PutKeyPolicy)$/.test(a)));
            assert.deepEqual(writers.map((s) => s.Principal.AWS), [[BREAK_GLASS, DEPLOYER]], inputs(key).description);
            assert.equal(inputs(key).bypassPolicyLockoutSafetyCheck, false);
        }
    });
});
