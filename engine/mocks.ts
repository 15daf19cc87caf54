/**
 * Provider stand-ins for the offline engine: every resource gets the outputs its provider would
 * report (ids in AWS's formats, ARNs in the right partition, account and region), and every invoke
 * the program makes is answered. Ids are derived from the resource's type and name, so two renders of
 * a stack are identical. Invokes are answered three ways: computed as the provider computes them
 * (policy documents, partition, region, zones, YAML), unknown where only the account could answer (an AMI,
 * an existing VPC: UNKNOWN_INVOKES, as a preview shows a value not yet known), and any other fails loudly
 * instead of returning something vague.
 */
import { createHash } from "node:crypto";
import type * as pulumi from "@pulumi/pulumi";
import { ADDON_VERSIONS } from "../infra/versions";
import { policyDocument, PolicyDocumentArgs } from "./iam-policy-document";
import { decodeManifests } from "./yaml-manifests";

export interface MockEnvironment {
    readonly region: string;
    readonly accountId: string;
}

/** The account used when the stack does not pin one (`secure-platform:awsAccountId`). */
export const DEFAULT_MOCK_ACCOUNT = "123456789012";

/** The organization of a rendered stack when none is given: what a self-managed backend reports for every stack. */
export const DEFAULT_MOCK_ORGANIZATION = "organization";

/** The stack being rendered, which a stack reference may name. */
export interface MockStack {
    readonly organization: string;
    readonly project: string;
    readonly stack: string;
}

/**
 * For tests only (no user-facing setting): the outputs of the stack's last deployment, as a JSON object, which a stack
 * reference to the stack itself reads (infra/aws/deploy-phase-guard.ts), e.g. `{"deployPhase":"platform"}`. Unset,
 * the stack has never been deployed and the reference reads no outputs, as at an environment's first `pulumi up`.
 */
export const PREVIOUS_OUTPUTS_VARIABLE = "SECURE_PLATFORM_OFFLINE_PREVIOUS_OUTPUTS";

export function partitionOf(region: string): { partition: string; dnsSuffix: string } {
    if (region.startsWith("cn-")) {
        return { partition: "aws-cn", dnsSuffix: "amazonaws.com.cn" };
    }
    if (region.startsWith("us-gov-")) {
        return { partition: "aws-us-gov", dnsSuffix: "amazonaws.com" };
    }
    return { partition: "aws", dnsSuffix: "amazonaws.com" };
}

/**
 * Lookups of what already exists in an account (an AMI, a VPC, a hosted zone, a secret): offline nobody can
 * answer them, so their whole result is unknown, as a preview shows a value not yet known. Everything computed
 * from them is unknown too, and a rule that reads such a value reports that it cannot judge it during a preview.
 */
export const UNKNOWN_INVOKES: ReadonlySet<string> = new Set([
    "aws:acm/getCertificate:getCertificate",
    "aws:ec2/getAmi:getAmi",
    "aws:ec2/getAmiIds:getAmiIds",
    "aws:ec2/getInstance:getInstance",
    "aws:ec2/getManagedPrefixList:getManagedPrefixList",
    "aws:ec2/getPrefixList:getPrefixList",
    "aws:ec2/getSecurityGroup:getSecurityGroup",
    "aws:ec2/getSecurityGroups:getSecurityGroups",
    "aws:ec2/getSubnet:getSubnet",
    "aws:ec2/getSubnets:getSubnets",
    "aws:ec2/getVpc:getVpc",
    "aws:ec2/getVpcs:getVpcs",
    "aws:ecr/getImage:getImage",
    "aws:ecr/getRepository:getRepository",
    "aws:eks/getCluster:getCluster",
    "aws:iam/getPolicy:getPolicy",
    "aws:iam/getRole:getRole",
    "aws:kms/getAlias:getAlias",
    "aws:kms/getKey:getKey",
    "aws:lb/getLoadBalancer:getLoadBalancer",
    "aws:rds/getInstance:getInstance",
    "aws:route53/getZone:getZone",
    "aws:s3/getBucket:getBucket",
    "aws:secretsmanager/getSecret:getSecret",
    "aws:secretsmanager/getSecretVersion:getSecretVersion",
    "aws:ssm/getParameter:getParameter",
]);

/**
 * The key of what {@link PlatformMocks.call} returns for an invoke whose result is unknown. The mock monitor only
 * passes plain results on, so the engine (engine/program.ts) turns a result holding this key into the monitor's
 * `unknown` answer, which the SDK resolves to an unknown output (the Promise form of an invoke gets no values).
 */
export const UNKNOWN_RESULT_KEY = "__offlineUnknownResult";
const UNKNOWN_INVOKE_RESULT: Readonly<Record<string, unknown>> = { [UNKNOWN_RESULT_KEY]: true };

/** The short region code AWS uses in zone ids: `eu-west-1` → `euw1`, `ap-southeast-2` → `apse2`, `us-gov-west-1` → `usgw1`. */
function regionCode(region: string): string {
    const parts = region.split("-");
    const number = parts.pop() ?? "";
    const [geo, ...rest] = parts;
    const direction = (word: string) => word.replace(/^gov$/, "g").replace(/north/g, "n").replace(/south/g, "s").replace(/east/g, "e").replace(/west/g, "w").replace(/central/g, "c");
    return `${geo}${rest.map(direction).join("")}${number}`;
}

/**
 * `aws.getAvailabilityZones` for a region: the zones `<region>a`, `b` and `c` (the ones the platform's subnets
 * default to, infra/settings/network.ts), all available, with their zone ids; `excludeNames`, `excludeZoneIds`
 * and a `state` other than `available` apply as AWS applies them.
 */
function availabilityZones(region: string, inputs: Record<string, unknown>): Record<string, unknown> {
    const excludeNames = new Set((inputs.excludeNames as string[] | undefined) ?? []);
    const excludeZoneIds = new Set((inputs.excludeZoneIds as string[] | undefined) ?? []);
    const zones = ["a", "b", "c"]
        .map((letter, index) => ({ name: `${region}${letter}`, zoneId: `${regionCode(region)}-az${index + 1}` }))
        .filter((zone) => !excludeNames.has(zone.name) && !excludeZoneIds.has(zone.zoneId) && (inputs.state === undefined || inputs.state === "available"));
    return {
        ...inputs,
        id: region,
        region,
        names: zones.map((zone) => zone.name),
        zoneIds: zones.map((zone) => zone.zoneId),
        groupNames: zones.map(() => region),
    };
}

function hex(seed: string, length: number): string {
    return createHash("sha256").update(seed).digest("hex").slice(0, length);
}

function uuid(seed: string): string {
    const h = hex(seed, 32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** EC2 resources: id prefix and the ARN resource type. */
const EC2_IDS: Readonly<Record<string, readonly [prefix: string, arnType: string]>> = {
    "aws:ec2/vpc:Vpc": ["vpc", "vpc"],
    "aws:ec2/subnet:Subnet": ["subnet", "subnet"],
    "aws:ec2/internetGateway:InternetGateway": ["igw", "internet-gateway"],
    "aws:ec2/natGateway:NatGateway": ["nat", "natgateway"],
    "aws:ec2/eip:Eip": ["eipalloc", "elastic-ip"],
    "aws:ec2/routeTable:RouteTable": ["rtb", "route-table"],
    "aws:ec2/networkAcl:NetworkAcl": ["acl", "network-acl"],
    "aws:ec2/securityGroup:SecurityGroup": ["sg", "security-group"],
    "aws:ec2/vpcEndpoint:VpcEndpoint": ["vpce", "vpc-endpoint"],
    "aws:ec2/flowLog:FlowLog": ["fl", "vpc-flow-log"],
    "aws:ec2/launchTemplate:LaunchTemplate": ["lt", "launch-template"],
    "aws:ec2/routeTableAssociation:RouteTableAssociation": ["rtbassoc", "route-table-association"],
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": ["sgr", "security-group-rule"],
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": ["sgr", "security-group-rule"],
};

/**
 * Stand-in for key material a provider generates (random bytes, passwords, private keys). Every value
 * carries GENERATED_SECRET_MARKER so a test can prove none of it reaches a report or an output in
 * plaintext.
 */
export const GENERATED_SECRET_MARKER = "offline-secret-";

function generatedSecret(seed: string): string {
    return `${GENERATED_SECRET_MARKER}${hex(seed, 24)}`;
}

/** Every form generated material may take: plain, and the base64 and hex of random bytes. */
export const GENERATED_SECRET_FORMS = [
    GENERATED_SECRET_MARKER,
    Buffer.from(GENERATED_SECRET_MARKER).toString("base64"),
    Buffer.from(GENERATED_SECRET_MARKER).toString("hex"),
] as const;

function pem(label: string, body: string): string {
    return `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;
}

export class PlatformMocks implements pulumi.runtime.Mocks {
    private readonly partition: string;
    private readonly dnsSuffix: string;

    /**
     * @param self the stack being rendered, the only one a stack reference may name
     * @param previousOutputs the JSON of PREVIOUS_OUTPUTS_VARIABLE; read only when a stack reference is
     * @param providerRegion the `region` an explicit provider (by its reference, `<urn>::<id>`) was given
     */
    constructor(private readonly env: MockEnvironment, private readonly self: MockStack, private readonly previousOutputs = process.env[PREVIOUS_OUTPUTS_VARIABLE],
        private readonly providerRegion?: (providerReference: string) => string | undefined) {
        ({ partition: this.partition, dnsSuffix: this.dnsSuffix } = partitionOf(env.region));
    }

    private arn(service: string, resource: string, regional = true): string {
        return `arn:${this.partition}:${service}:${regional ? this.env.region : ""}:${this.env.accountId}:${resource}`;
    }

    newResource(args: pulumi.runtime.MockResourceArgs): { id: string | undefined; state: Record<string, unknown> } {
        const inputs = args.inputs as Record<string, unknown>;
        const seed = `${args.type}::${args.name}`;
        const { id, outputs } = this.outputsFor(args.type, args.name, inputs, seed);
        return { id, state: { ...inputs, ...outputs, id } };
    }

    private outputsFor(type: string, name: string, inputs: Record<string, unknown>, seed: string): { id: string; outputs: Record<string, unknown> } {
        if (type.startsWith("pulumi:providers:")) {
            return { id: uuid(seed), outputs: {} };
        }
        if (type === "pulumi:pulumi:StackReference") {
            const referenced = String(inputs.name);
            return { id: referenced, outputs: { name: referenced, outputs: this.stackOutputs(referenced), secretOutputNames: [] } };
        }
        const ec2 = EC2_IDS[type];
        if (ec2) {
            const id = `${ec2[0]}-0${hex(seed, 16)}`;
            const outputs: Record<string, unknown> = { arn: this.arn("ec2", `${ec2[1]}/${id}`), ownerId: this.env.accountId };
            if (type === "aws:ec2/vpc:Vpc") {
                Object.assign(outputs, {
                    defaultNetworkAclId: `acl-0${hex(`${seed}:acl`, 16)}`,
                    defaultRouteTableId: `rtb-0${hex(`${seed}:rtb`, 16)}`,
                    mainRouteTableId: `rtb-0${hex(`${seed}:rtb`, 16)}`,
                    defaultSecurityGroupId: `sg-0${hex(`${seed}:sg`, 16)}`,
                });
            } else if (type === "aws:ec2/eip:Eip") {
                Object.assign(outputs, { allocationId: id, publicIp: this.publicIp(seed) });
            } else if (type === "aws:ec2/natGateway:NatGateway") {
                Object.assign(outputs, { publicIp: this.publicIp(seed), privateIp: "10.0.0.10" });
            } else if (type === "aws:ec2/launchTemplate:LaunchTemplate") {
                Object.assign(outputs, { latestVersion: 1, defaultVersion: 1 });
            }
            return { id, outputs };
        }
        switch (type) {
            case "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": {
                const id = `sg-0${hex(seed, 16)}`;
                return { id, outputs: { arn: this.arn("ec2", `security-group/${id}`), ownerId: this.env.accountId } };
            }
            case "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl":
                return { id: String(inputs.defaultNetworkAclId), outputs: { arn: this.arn("ec2", `network-acl/${String(inputs.defaultNetworkAclId)}`) } };
            case "aws:ec2/defaultRouteTable:DefaultRouteTable":
                return { id: String(inputs.defaultRouteTableId), outputs: { arn: this.arn("ec2", `route-table/${String(inputs.defaultRouteTableId)}`) } };
            case "aws:ec2/route:Route":
                return { id: `r-${String(inputs.routeTableId)}${hex(seed, 8)}`, outputs: { state: "active", origin: "CreateRoute" } };
            case "aws:kms/key:Key": {
                const id = uuid(seed);
                return { id, outputs: { keyId: id, arn: this.arn("kms", `key/${id}`) } };
            }
            case "aws:kms/alias:Alias":
                return { id: String(inputs.name), outputs: { arn: this.arn("kms", String(inputs.name)), targetKeyArn: this.arn("kms", `key/${String(inputs.targetKeyId)}`) } };
            case "aws:cloudwatch/logGroup:LogGroup": {
                const logGroupName = String(inputs.name ?? `${name}-${hex(seed, 7)}`);
                return { id: logGroupName, outputs: { name: logGroupName, arn: this.arn("logs", `log-group:${logGroupName}`) } };
            }
            case "aws:iam/role:Role": {
                const roleName = String(inputs.name ?? `${name}-${hex(seed, 7)}`);
                return { id: roleName, outputs: { name: roleName, arn: this.arn("iam", `role/${roleName}`, false), uniqueId: `AROA${hex(seed, 17).toUpperCase()}` } };
            }
            case "aws:iam/rolePolicy:RolePolicy": {
                const policyName = String(inputs.name ?? `${name}-${hex(seed, 7)}`);
                return { id: `${String(inputs.role)}:${policyName}`, outputs: { name: policyName } };
            }
            case "aws:eks/cluster:Cluster": {
                const clusterName = String(inputs.name ?? `${name}-${hex(seed, 7)}`);
                return {
                    id: clusterName,
                    outputs: {
                        name: clusterName,
                        arn: this.arn("eks", `cluster/${clusterName}`),
                        endpoint: `https://${hex(seed, 32).toUpperCase()}.gr7.${this.env.region}.eks.${this.dnsSuffix}`,
                        certificateAuthority: { data: Buffer.from(`offline CA of ${clusterName}`).toString("base64") },
                        status: "ACTIVE",
                        platformVersion: "eks.1",
                        vpcConfig: { ...(inputs.vpcConfig as object), clusterSecurityGroupId: `sg-0${hex(`${seed}:cluster-sg`, 16)}` },
                    },
                };
            }
            case "aws:eks/nodeGroup:NodeGroup": {
                const nodeGroupName = String(inputs.nodeGroupName ?? `${name}-${hex(seed, 7)}`);
                return {
                    id: `${String(inputs.clusterName)}:${nodeGroupName}`,
                    outputs: {
                        nodeGroupName,
                        arn: this.arn("eks", `nodegroup/${String(inputs.clusterName)}/${nodeGroupName}/${uuid(seed)}`),
                        status: "ACTIVE",
                        resources: [{ autoscalingGroups: [{ name: `eks-${nodeGroupName}-${uuid(seed)}` }], remoteAccessSecurityGroupId: "" }],
                    },
                };
            }
            case "aws:lb/loadBalancer:LoadBalancer": {
                const lbName = String(inputs.name ?? `${name}-${hex(seed, 7)}`);
                const arn = this.arn("elasticloadbalancing", `loadbalancer/app/${lbName}/${hex(seed, 16)}`);
                return { id: arn, outputs: { arn, name: lbName, arnSuffix: arn.split(":loadbalancer/")[1], dnsName: `${lbName}-${hex(seed, 10)}.${this.env.region}.elb.${this.dnsSuffix}`, zoneId: "Z32O12XQLNTSW2" } };
            }
            case "aws:lb/targetGroup:TargetGroup": {
                const tgName = String(inputs.name ?? `${name}-${hex(seed, 7)}`).slice(0, 32);
                const arn = this.arn("elasticloadbalancing", `targetgroup/${tgName}/${hex(seed, 16)}`);
                return { id: arn, outputs: { arn, name: tgName, arnSuffix: arn.split(":")[5] } };
            }
            case "aws:lb/listener:Listener": {
                const arn = this.arn("elasticloadbalancing", `listener/app/${name}/${hex(seed, 16)}/${hex(`${seed}:l`, 16)}`);
                return { id: arn, outputs: { arn } };
            }
            case "aws:wafv2/webAcl:WebAcl": {
                const aclName = String(inputs.name ?? `${name}-${hex(seed, 7)}`);
                const id = uuid(seed);
                return { id, outputs: { name: aclName, arn: this.arn("wafv2", `regional/webacl/${aclName}/${id}`), capacity: 1200 } };
            }
            case "aws:acm/certificate:Certificate": {
                const id = uuid(seed);
                const names = [String(inputs.domainName), ...((inputs.subjectAlternativeNames as string[] | undefined) ?? [])];
                // One option per name; `*.<name>` shares the record of `<name>`, as ACM answers.
                const option = (certificateName: string) => {
                    const base = certificateName.replace(/^\*\./, "");
                    return { domainName: certificateName, resourceRecordName: `_${hex(`${seed}:${base}`, 32)}.${base}.`, resourceRecordType: "CNAME", resourceRecordValue: `_${hex(`${seed}:${base}:v`, 32)}.acm-validations.aws.` };
                };
                return {
                    id: this.arn("acm", `certificate/${id}`),
                    outputs: {
                        arn: this.arn("acm", `certificate/${id}`),
                        status: "PENDING_VALIDATION",
                        domainValidationOptions: names.map(option),
                    },
                };
            }
            case "aws:acm/certificateValidation:CertificateValidation":
                return { id: String(inputs.certificateArn), outputs: {} };
            case "aws:route53/record:Record":
                return { id: `${String(inputs.zoneId)}_${String(inputs.name)}_${String(inputs.type)}`, outputs: { fqdn: String(inputs.name).replace(/\.$/, "") } };
            case "aws:s3/bucket:Bucket": {
                const bucketName = String(inputs.bucket ?? `${name}-${hex(seed, 7)}`);
                return { id: bucketName, outputs: { bucket: bucketName, arn: `arn:${this.partition}:s3:::${bucketName}`, bucketDomainName: `${bucketName}.s3.${this.dnsSuffix}` } };
            }
            case "random:index/randomBytes:RandomBytes": {
                const bytes = Buffer.from(generatedSecret(seed).repeat(8)).subarray(0, Number(inputs.length ?? 32));
                return { id: "none", outputs: { base64: bytes.toString("base64"), hex: bytes.toString("hex") } };
            }
            case "aws:kms/ciphertext:Ciphertext": {
                // A stand-in of a KMS ciphertext blob's length (a header naming the key, then the encrypted plaintext
                // and its tag): longer than the plaintext, never equal to it. Not KMS's format.
                const length = String(inputs.plaintext ?? "").length + 80;
                const blob = Buffer.concat(Array.from({ length: Math.ceil(length / 32) }, (_, i) => createHash("sha256").update(`${seed}:${i}`).digest())).subarray(0, length);
                return { id: `${String(inputs.keyId)}-${hex(seed, 8)}`, outputs: { ciphertextBlob: blob.toString("base64") } };
            }
            case "random:index/randomPassword:RandomPassword":
                return { id: "none", outputs: { result: generatedSecret(seed).padEnd(Number(inputs.length ?? 16), "x").slice(0, Number(inputs.length ?? 16)), bcryptHash: `$2a$10$${hex(seed, 53)}` } };
            case "tls:index/privateKey:PrivateKey": {
                const material = generatedSecret(seed);
                return {
                    id: hex(seed, 40),
                    outputs: {
                        privateKeyPem: pem("EC PRIVATE KEY", material),
                        privateKeyPemPkcs8: pem("PRIVATE KEY", material),
                        privateKeyOpenssh: pem("OPENSSH PRIVATE KEY", material),
                        publicKeyPem: pem("PUBLIC KEY", `public ${hex(seed, 24)}`),
                        publicKeyOpenssh: `ecdsa-sha2-nistp256 ${hex(seed, 40)}`,
                        publicKeyFingerprintSha256: `SHA256:${hex(seed, 43)}`,
                    },
                };
            }
            case "tls:index/certRequest:CertRequest":
                return { id: hex(seed, 40), outputs: { certRequestPem: pem("CERTIFICATE REQUEST", hex(seed, 48)) } };
            case "tls:index/selfSignedCert:SelfSignedCert":
            case "tls:index/locallySignedCert:LocallySignedCert":
                return { id: hex(seed, 40), outputs: { certPem: pem("CERTIFICATE", hex(seed, 48)), readyForRenewal: false } };
            case "aws:codebuild/project:Project": {
                const projectName = String(inputs.name ?? `${name}-${hex(seed, 7)}`);
                const arn = this.arn("codebuild", `project/${projectName}`);
                return { id: arn, outputs: { name: projectName, arn, badgeUrl: "" } };
            }
            case "aws:codebuild/webhook:Webhook":
                return { id: String(inputs.projectName), outputs: { payloadUrl: `https://codebuild.${this.env.region}.${this.dnsSuffix}/webhooks?t=${hex(seed, 32)}`, url: `https://api.github.com/repos/hooks/${hex(seed, 8)}` } };
            case "aws:eks/accessEntry:AccessEntry":
                return { id: `${String(inputs.clusterName)}:${String(inputs.principalArn)}`, outputs: { accessEntryArn: this.arn("eks", `access-entry/${String(inputs.clusterName)}/${uuid(seed)}`) } };
            default: {
                const id = `${name}-${hex(seed, 8)}`;
                const [pkg, module] = type.split(":");
                const service = module?.split("/")[0] ?? "unknown";
                return { id, outputs: pkg === "aws" ? { arn: this.arn(service, `${service}/${id}`) } : {} };
            }
        }
    }

    /**
     * A stack reference's answer, as the backend gives it: the outputs of the referenced stack's latest snapshot, none
     * when it has no deployment yet. Pulumi Cloud takes only `<organization>/<project>/<stack>`; a self-managed
     * backend (organization "organization") also `<stack>` and `organization/<stack>` (pulumi/pulumi
     * pkg/backend/httpstate/backend.go, pkg/backend/diy/store.go). Offline, only the rendered stack exists.
     */
    private stackOutputs(referenced: string): Record<string, unknown> {
        const { organization, project, stack } = this.self;
        const names = [`${organization}/${project}/${stack}`, ...(organization === DEFAULT_MOCK_ORGANIZATION ? [stack, `${organization}/${stack}`] : [])];
        if (!names.includes(referenced)) {
            throw new Error(`the offline engine knows no stack ${JSON.stringify(referenced)}: a stack reference can only name the stack being rendered (${names.join(" or ")})`);
        }
        if (this.previousOutputs === undefined || this.previousOutputs === "") {
            return {};
        }
        let outputs: unknown;
        try {
            outputs = JSON.parse(this.previousOutputs);
        } catch {
            outputs = undefined;
        }
        if (typeof outputs !== "object" || outputs === null || Array.isArray(outputs)) {
            throw new Error(`${PREVIOUS_OUTPUTS_VARIABLE} must be a JSON object of stack outputs, e.g. {"deployPhase":"platform"}; got ${this.previousOutputs}`);
        }
        return outputs as Record<string, unknown>;
    }

    private publicIp(seed: string): string {
        const h = createHash("sha256").update(seed).digest();
        // 203.0.113.0/24 is documentation space: looks real, reaches nothing.
        return `203.0.113.${h[0] % 254 + 1}`;
    }

    /**
     * The region an invoke is answered for: the `region` its explicit AWS provider was given, else the stack's
     * (`aws:region`), as the provider would ask that region's endpoints.
     */
    private invokeRegion(args: pulumi.runtime.MockCallArgs): string {
        const given = args.inputs.region;
        if (typeof given === "string" && given !== "") {
            return given;
        }
        return (args.provider ? this.providerRegion?.(args.provider) : undefined) ?? this.env.region;
    }

    call(args: pulumi.runtime.MockCallArgs): Record<string, unknown> {
        if (UNKNOWN_INVOKES.has(args.token)) {
            return UNKNOWN_INVOKE_RESULT;
        }
        switch (args.token) {
            case "aws:index/getCallerIdentity:getCallerIdentity": {
                const { partition } = partitionOf(this.invokeRegion(args));
                return {
                    id: this.env.accountId,
                    accountId: this.env.accountId,
                    arn: `arn:${partition}:sts::${this.env.accountId}:assumed-role/platform-deployer/offline-check`,
                    userId: `AROA${hex("caller", 17).toUpperCase()}:offline-check`,
                };
            }
            case "aws:index/getPartition:getPartition": {
                const { partition, dnsSuffix } = partitionOf(this.invokeRegion(args));
                return { id: partition, partition, dnsSuffix, reverseDnsPrefix: dnsSuffix.split(".").reverse().join(".") };
            }
            case "aws:eks/getAddonVersion:getAddonVersion": {
                // Offline, EKS offers exactly the pinned versions; a real preview asks EKS.
                const pinned = (ADDON_VERSIONS as Record<string, Record<string, string> | undefined>)[String(args.inputs.kubernetesVersion)]?.[String(args.inputs.addonName)];
                if (!pinned) {
                    throw new Error(`the offline engine knows no ${String(args.inputs.addonName)} add-on for Kubernetes ${String(args.inputs.kubernetesVersion)} (infra/versions.ts ADDON_VERSIONS)`);
                }
                return { id: `${String(args.inputs.addonName)}:${String(args.inputs.kubernetesVersion)}`, addonName: args.inputs.addonName, kubernetesVersion: args.inputs.kubernetesVersion, version: pinned };
            }
            case "aws:index/getRegion:getRegion": {
                const region = this.invokeRegion(args);
                return { id: region, name: region, region, endpoint: `ec2.${region}.${partitionOf(region).dnsSuffix}`, description: region };
            }
            case "aws:index/getAvailabilityZones:getAvailabilityZones":
                return availabilityZones(this.invokeRegion(args), args.inputs);
            case "aws:iam/getPolicyDocument:getPolicyDocument":
                return { ...args.inputs, ...policyDocument(args.inputs as PolicyDocumentArgs), version: args.inputs.version ?? "2012-10-17" };
            case "kubernetes:yaml:decode":
                return { result: decodeManifests(String(args.inputs.text ?? ""), "the YAML text") };
            default:
                throw new Error(`the offline check has no answer for invoke ${args.token}: the invokes it answers, and those it leaves unknown as a preview would, are listed in the README ("The check command"); `
                    + `run \`pulumi preview --policy-pack policies\` where credentials exist, or add an answer to engine/mocks.ts`);
        }
    }
}
