import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import * as pulumi from "@pulumi/pulumi";
import { CA_EARLY_RENEWAL_HOURS, CA_VALIDITY_HOURS, InternalCa, LEAF_EARLY_RENEWAL_HOURS, LEAF_VALIDITY_HOURS } from "../../../infra/secrets/internal-ca";
import { PlatformMocks } from "../../../engine/mocks";
import { RecordedResource, renderComponents } from "../../../engine/program";
import { descendantsOf, named, ofType, plain } from "../../harness/resources";
import { isSecretValue } from "../../../engine/wire";

const PRIVATE_KEY = "tls:index/privateKey:PrivateKey";
const SELF_SIGNED = "tls:index/selfSignedCert:SelfSignedCert";
const CERT_REQUEST = "tls:index/certRequest:CertRequest";
const LOCALLY_SIGNED = "tls:index/locallySignedCert:LocallySignedCert";
const KEY_OUTPUTS = ["privateKeyPem", "privateKeyOpenssh", "privateKeyPemPkcs8"];

let all: readonly RecordedResource[];
let ca: RecordedResource[];
const leafSecrecy: Record<string, { privateKeyPem: boolean; certPem: boolean }> = {};
const leafValues: Record<string, { certPem: string; privateKeyPem: string; caCertPem: string }> = {};

/**
 * The shared mocks return no PEM outputs for @pulumi/tls, so nothing would flow from a key to the
 * certificates it signs. Stand in for the provider here: each PEM names the resource it came from.
 */
const PEM_OUTPUTS: Record<string, string> = { [PRIVATE_KEY]: "privateKeyPem", [CERT_REQUEST]: "certRequestPem", [SELF_SIGNED]: "certPem", [LOCALLY_SIGNED]: "certPem" };
const pem = (name: string) => `PEM of ${name}`;
const newResource = PlatformMocks.prototype.newResource;
PlatformMocks.prototype.newResource = function (args) {
    const result = newResource.call(this, args);
    const output = PEM_OUTPUTS[args.type];
    return output ? { ...result, state: { ...result.state, [output]: pem(args.name) } } : result;
};

before(async () => {
    const { resources } = await renderComponents(async () => {
        const authority = new InternalCa("internal-ca", { organization: "secure-platform-prod" });
        const web = authority.issue("web", { commonName: "web.apps.svc", dnsNames: ["web.apps.svc", "web.apps.svc.cluster.local"] });
        const mongo = authority.issue("mongodb", { commonName: "mongodb.data.svc", dnsNames: ["mongodb-0.mongodb.data.svc"], clientAuth: true });
        for (const [name, leaf] of [["web", web], ["mongodb", mongo]] as const) {
            leafSecrecy[name] = { privateKeyPem: await pulumi.isSecret(leaf.privateKeyPem), certPem: await pulumi.isSecret(leaf.certPem) };
            leafValues[name] = await new Promise((resolve) => pulumi.all([leaf.certPem, leaf.privateKeyPem, leaf.caCertPem]).apply(([certPem, privateKeyPem, caCertPem]) => resolve({ certPem, privateKeyPem, caCertPem })));
        }
    });
    all = resources;
    ca = descendantsOf(resources, named(resources, "internal-ca"));
});

const inputs = (r: RecordedResource) => plain(r.inputs);
const byName = (type: string, name: string) => {
    const found = ofType(ca, type).filter((r) => r.name === name);
    assert.equal(found.length, 1, `one ${type} ${name}`);
    return found[0];
};
/** `r.property` is the PEM output of `on` (and depends on it); private keys must travel as secrets. */
function takes(r: RecordedResource, property: string, on: string): void {
    const value = r.inputs[property];
    assert.equal(plain(value), pem(on), `${r.name}.${property} comes from ${on}`);
    assert.ok((r.propertyDependencies[property] ?? []).includes(named(ca, on).urn), `${r.name}.${property} depends on ${on}`);
    if (/private/i.test(property)) {
        assert.ok(isSecretValue(value), `${r.name}.${property} is recorded as a secret`);
    }
}

describe("InternalCa", () => {
    it("has an ECDSA P-256 key whose private parts are secret outputs", () => {
        const key = byName(PRIVATE_KEY, "internal-ca-key");
        assert.deepEqual(inputs(key), { algorithm: "ECDSA", ecdsaCurve: "P256" });
        for (const output of KEY_OUTPUTS) {
            assert.ok(key.additionalSecretOutputs.includes(output), `${output} is secret`);
        }
    });

    it("self-signs a CA certificate with bounded validity and early renewal", () => {
        const cert = byName(SELF_SIGNED, "internal-ca-cert");
        const args = inputs(cert);
        assert.equal(args.isCaCertificate, true);
        assert.equal(args.validityPeriodHours, CA_VALIDITY_HOURS);
        assert.ok(CA_VALIDITY_HOURS <= 10 * 365 * 24, "the CA expires within ten years");
        assert.equal(args.earlyRenewalHours, CA_EARLY_RENEWAL_HOURS);
        assert.ok(CA_EARLY_RENEWAL_HOURS > 0 && CA_EARLY_RENEWAL_HOURS < CA_VALIDITY_HOURS);
        // A leaf issued just before the CA is renewed must not outlive the CA.
        assert.ok(LEAF_VALIDITY_HOURS < CA_EARLY_RENEWAL_HOURS, "leaves expire before the CA they were signed by");
        assert.deepEqual([...args.allowedUses].sort(), ["cert_signing", "crl_signing", "digital_signature"]);
        assert.deepEqual(args.subject, { commonName: "secure-platform-prod internal CA", organization: "secure-platform-prod" });
        takes(cert, "privateKeyPem", "internal-ca-key");
    });

    it("issues each leaf from its own ECDSA P-256 key, with secret private parts", () => {
        for (const name of ["web", "mongodb"]) {
            const key = byName(PRIVATE_KEY, `${name}-key`);
            assert.deepEqual(inputs(key), { algorithm: "ECDSA", ecdsaCurve: "P256" });
            for (const output of KEY_OUTPUTS) {
                assert.ok(key.additionalSecretOutputs.includes(output), `${name} ${output} is secret`);
            }
            assert.equal(leafSecrecy[name].privateKeyPem, true, `issue() returns ${name}'s private key as a secret`);
            assert.equal(leafSecrecy[name].certPem, false, "the certificate itself is public");
            assert.deepEqual(leafValues[name], { certPem: pem(`${name}-cert`), privateKeyPem: pem(`${name}-key`), caCertPem: pem("internal-ca-cert") });
        }
    });

    it("requests certificates for exactly the given DNS names", () => {
        const web = byName(CERT_REQUEST, "web-csr");
        assert.deepEqual(inputs(web).dnsNames, ["web.apps.svc", "web.apps.svc.cluster.local"]);
        assert.deepEqual(inputs(web).subject, { commonName: "web.apps.svc", organization: "secure-platform-prod" });
        assert.equal(inputs(web).ipAddresses, undefined);
        takes(web, "privateKeyPem", "web-key");
        assert.deepEqual(inputs(byName(CERT_REQUEST, "mongodb-csr")).dnsNames, ["mongodb-0.mongodb.data.svc"]);
        takes(byName(CERT_REQUEST, "mongodb-csr"), "privateKeyPem", "mongodb-key");
    });

    it("signs leaves with the CA's key and certificate, for server authentication", () => {
        for (const name of ["web", "mongodb"]) {
            const cert = byName(LOCALLY_SIGNED, `${name}-cert`);
            takes(cert, "certRequestPem", `${name}-csr`);
            takes(cert, "caPrivateKeyPem", "internal-ca-key");
            takes(cert, "caCertPem", "internal-ca-cert");
            const args = inputs(cert);
            assert.notEqual(args.isCaCertificate, true, `${name} is not a CA`);
            assert.ok(!args.allowedUses.includes("cert_signing"), `${name} cannot sign certificates`);
            assert.ok(args.allowedUses.includes("server_auth"));
            assert.ok(args.allowedUses.includes("digital_signature"));
        }
    });

    it("adds client authentication only when asked", () => {
        assert.ok(!inputs(byName(LOCALLY_SIGNED, "web-cert")).allowedUses.includes("client_auth"));
        assert.ok(inputs(byName(LOCALLY_SIGNED, "mongodb-cert")).allowedUses.includes("client_auth"));
    });

    it("bounds leaf validity and renews leaves early", () => {
        assert.ok(LEAF_VALIDITY_HOURS <= 398 * 24, "no longer than the CA/Browser Forum maximum");
        assert.equal(LEAF_VALIDITY_HOURS, 90 * 24);
        assert.ok(LEAF_EARLY_RENEWAL_HOURS > 0 && LEAF_EARLY_RENEWAL_HOURS < LEAF_VALIDITY_HOURS);
        for (const name of ["web", "mongodb"]) {
            const args = inputs(byName(LOCALLY_SIGNED, `${name}-cert`));
            assert.equal(args.validityPeriodHours, LEAF_VALIDITY_HOURS);
            assert.equal(args.earlyRenewalHours, LEAF_EARLY_RENEWAL_HOURS);
        }
    });

    it("keeps every key and certificate under the CA component, with unique URNs", () => {
        assert.equal(ofType(all, PRIVATE_KEY).length, 3);
        assert.ok(ofType(all, PRIVATE_KEY).every((r) => ca.includes(r)));
        assert.equal(ofType(ca, LOCALLY_SIGNED).length, 2);
        const urns = all.map((r) => r.urn);
        assert.equal(new Set(urns).size, urns.length);
    });
});
