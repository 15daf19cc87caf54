/**
 * Hand-built check results for the report formats: a few resources with the inputs and ids a real
 * render would give them, without running a program or the pack.
 */
import type { CheckResult } from "../../../engine/engine";
import type { RecordedResource } from "../../../engine/program";

export interface FixtureResource {
    readonly type: string;
    readonly name: string;
    readonly inputs?: Record<string, unknown>;
    /** Defaults to `<name>-id`; what other resources put in their inputs to point at this one. */
    readonly id?: string;
    readonly arn?: string;
    readonly protect?: boolean;
    readonly dependsOn?: readonly string[];
}

const STACK_URN = "urn:pulumi:test::secure-platform::pulumi:pulumi:Stack::secure-platform-test";

export function urnOf(type: string, name: string): string {
    return `urn:pulumi:test::secure-platform::${type}::${name}`;
}

export function fixtureResult(resources: readonly FixtureResource[], violations: CheckResult["violations"] = []): CheckResult {
    const recorded: RecordedResource[] = [{
        urn: STACK_URN, type: "pulumi:pulumi:Stack", name: "secure-platform-test", custom: false, protect: false, retainOnDelete: false,
        ignoreChanges: [], additionalSecretOutputs: [], aliases: [], dependencies: [], propertyDependencies: {}, inputs: {}, outputs: {},
    }];
    for (const r of resources) {
        const id = r.id ?? `${r.name}-id`;
        recorded.push({
            urn: urnOf(r.type, r.name),
            type: r.type,
            name: r.name,
            parent: STACK_URN,
            custom: true,
            id,
            protect: r.protect ?? false,
            retainOnDelete: false,
            ignoreChanges: [],
            additionalSecretOutputs: [],
            aliases: [],
            dependencies: (r.dependsOn ?? []).map((n) => resources.find((x) => x.name === n)).filter((x): x is FixtureResource => !!x).map((x) => urnOf(x.type, x.name)),
            propertyDependencies: {},
            inputs: (r.inputs ?? {}) as RecordedResource["inputs"],
            outputs: { id, ...(r.arn ? { arn: r.arn } : {}) },
        });
    }
    return {
        project: "secure-platform",
        stack: "test",
        settingsFile: "stacks/Pulumi.test.yaml",
        resources: recorded,
        outputs: {},
        violations,
        preflight: [],
        preflightChecks: [],
        policyPack: { name: "secure-platform", version: "0.0.0", policies: 0, launchMs: 0, rules: [] },
    };
}

/** An Istio-style gateway on a cluster the stack does not create (the on-prem shape). */
export function onPremGateway(serviceType: "LoadBalancer" | "NodePort", extra: Record<string, unknown> = {}): FixtureResource[] {
    return [
        { type: "kubernetes:core/v1:Namespace", name: "istio-ingress", inputs: { metadata: { name: "istio-ingress", labels: { "pod-security.kubernetes.io/enforce": "restricted" } } } },
        {
            type: "kubernetes:core/v1:Service", name: "gateway", inputs: {
                metadata: { name: "istio-ingress", namespace: "istio-ingress", ...extra },
                spec: { type: serviceType, ports: [{ name: "https", port: 443, targetPort: 8443, ...(serviceType === "NodePort" ? { nodePort: 30443 } : {}) }] },
            },
        },
        {
            type: "kubernetes:networking.istio.io/v1:Gateway", name: "gateway-servers", inputs: {
                metadata: { name: "platform", namespace: "istio-ingress" },
                spec: { selector: { istio: "ingress" }, servers: [{ port: { number: 8443, name: "https", protocol: "HTTPS" }, hosts: ["*"], tls: { mode: "SIMPLE", credentialName: "gateway-tls" } }] },
            },
        },
    ];
}

/** A load balancer with one HTTPS listener and a security group admitting `cidr` on 443. */
export function loadBalancer(options: { internal: boolean; cidr: string; authenticate?: boolean }): FixtureResource[] {
    return [
        { type: "aws:ec2/securityGroup:SecurityGroup", name: "lb-sg", id: "sg-lb" },
        { type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", name: "lb-in-443", inputs: { securityGroupId: "sg-lb", cidrIpv4: options.cidr, fromPort: 443, toPort: 443, ipProtocol: "tcp" } },
        { type: "aws:lb/loadBalancer:LoadBalancer", name: "lb", arn: "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/lb/1", id: "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/lb/1", inputs: { internal: options.internal, loadBalancerType: "application", securityGroups: ["sg-lb"] } },
        { type: "aws:lb/targetGroup:TargetGroup", name: "targets", id: "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/t/1", inputs: { port: 30443, protocol: "HTTPS" } },
        {
            type: "aws:lb/listener:Listener", name: "https", inputs: {
                loadBalancerArn: "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/lb/1", port: 443, protocol: "HTTPS", sslPolicy: "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09",
                defaultActions: [
                    ...(options.authenticate ? [{ type: "authenticate-oidc", authenticateOidc: { issuer: "https://idp.example" } }] : []),
                    { type: "forward", targetGroupArn: "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/t/1" },
                ],
            },
        },
    ];
}
