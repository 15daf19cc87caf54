/**
 * Lookups a team's program makes, through the SDK as the program makes them: answered as AWS would where that can
 * be computed offline, unknown (as a preview shows a value not yet known) where only the account could answer,
 * and a failure naming the invoke for any other.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import { policyDocument } from "../../engine/iam-policy-document";
import { PlatformMocks, UNKNOWN_INVOKES, UNKNOWN_RESULT_KEY } from "../../engine/mocks";
import { RecordedResource, renderComponents } from "../../engine/program";
import { UNKNOWN } from "../../engine/wire";
import { named } from "../harness/resources";

let resources: readonly RecordedResource[];
let promiseFormAmi: unknown;

const TRUST = {
    statements: [{ actions: ["sts:AssumeRole"], principals: [{ type: "Service", identifiers: ["lambda.amazonaws.com"] }] }],
};

before(async () => {
    ({ resources } = await renderComponents(async () => {
        const home = new aws.Provider("home", { region: "eu-west-1" });
        const virginia = new aws.Provider("virginia", { region: "us-east-1" });
        const beijing = new aws.Provider("beijing", { region: "cn-north-1" });

        const trust = aws.iam.getPolicyDocumentOutput(TRUST, { provider: home });
        new aws.iam.Role("orders-fn", { assumeRolePolicy: trust.json }, { provider: home });

        const ami = aws.ec2.getAmiOutput({ mostRecent: true, owners: ["amazon"], filters: [{ name: "name", values: ["al2023-ami-*-x86_64"] }] }, { provider: home });
        new aws.ec2.Instance("web", { ami: ami.id, instanceType: "t3.micro" }, { provider: home });
        promiseFormAmi = (await aws.ec2.getAmi({ mostRecent: true, owners: ["amazon"] }, { provider: home })).id;

        const zones = aws.getAvailabilityZonesOutput({ state: "available" }, { provider: virginia });
        const region = aws.getRegionOutput({}, { provider: virginia });
        new aws.s3.Bucket("virginia-lookups", { tags: { zones: zones.names.apply((names) => names.join(",")), region: region.region } }, { provider: virginia });
        const partition = aws.getPartitionOutput({}, { provider: beijing });
        const identity = aws.getCallerIdentityOutput({}, { provider: home });
        new aws.s3.Bucket("beijing-lookups", { tags: { partition: partition.partition, account: identity.accountId } }, { provider: beijing });

        const cluster = new k8s.Provider("cluster", { kubeconfig: "{}" });
        new k8s.yaml.ConfigGroup("legacy", {
            yaml: "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: orders\ndata:\n  mode: fast\n---\n---\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: orders\n  namespace: orders\n",
        }, { provider: cluster });
    }, { region: "eu-west-1", accountId: "111122223333" }));
});

describe("invokes answered as AWS would", () => {
    it("builds getPolicyDocument's JSON as the provider does, so the role's trust policy is the real text", () => {
        assert.equal(named(resources, "orders-fn").inputs.assumeRolePolicy, policyDocument(TRUST).json);
        assert.deepEqual(JSON.parse(String(named(resources, "orders-fn").inputs.assumeRolePolicy)).Statement[0].Principal, { Service: "lambda.amazonaws.com" });
    });

    it("answers getAvailabilityZones and getRegion for the region of the provider the program passes", () => {
        assert.deepEqual(named(resources, "virginia-lookups").inputs.tags, { zones: "us-east-1a,us-east-1b,us-east-1c", region: "us-east-1" });
    });

    it("answers getPartition and getCallerIdentity for the provider's partition and the stack's account", () => {
        assert.deepEqual(named(resources, "beijing-lookups").inputs.tags, { partition: "aws-cn", account: "111122223333" });
    });

    it("decodes YAML for a v1 ConfigGroup, whose objects then become its children", () => {
        const children = resources.filter((r) => r.parent?.endsWith("kubernetes:yaml:ConfigGroup::legacy"));
        assert.deepEqual(children.map((r) => [r.type, r.name]).sort(), [["kubernetes:core/v1:ConfigMap", "orders/settings"], ["kubernetes:core/v1:ServiceAccount", "orders/orders"]]);
        assert.deepEqual(named(resources, "orders/settings").inputs.data, { mode: "fast" });
    });
});

describe("invokes only the account could answer", () => {
    it("leaves getAmi unknown, so the instance's ami is unknown as in a preview and the program still renders", () => {
        assert.equal(named(resources, "web").inputs.ami, UNKNOWN);
        assert.equal(named(resources, "web").inputs.instanceType, "t3.micro");
    });

    it("gives the Promise form of such a lookup no values, which the SDK cannot mark unknown", () => {
        assert.equal(promiseFormAmi, undefined);
    });

    it("lists only lookups that exist in the AWS provider", () => {
        const mocks = new PlatformMocks({ region: "eu-west-1", accountId: "111122223333" }, { organization: "organization", project: "p", stack: "s" });
        for (const token of UNKNOWN_INVOKES) {
            assert.match(token, /^aws:[a-z0-9]+\/get[A-Z]\w*:get[A-Z]\w*$/);
            assert.deepEqual(mocks.call({ token, inputs: {} }), { [UNKNOWN_RESULT_KEY]: true });
        }
    });

    it("fails any other invoke, naming it and where the answered ones are listed", () => {
        const mocks = new PlatformMocks({ region: "eu-west-1", accountId: "111122223333" }, { organization: "organization", project: "p", stack: "s" });
        assert.throws(() => mocks.call({ token: "aws:lambda/getFunction:getFunction", inputs: {} }),
            /the offline check has no answer for invoke aws:lambda\/getFunction:getFunction: .*README \("The check command"\).*pulumi preview --policy-pack policies/);
    });
});
