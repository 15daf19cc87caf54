/**
 * The installation's internal certificate authority: an ECDSA P-256 key and a self-signed CA
 * certificate made with @pulumi/tls, and leaf certificates it signs for in-cluster servers (the ingress
 * gateway; MongoDB). Keys exist only in the Pulumi state, encrypted as secrets; validity is bounded and
 * certificates are re-issued ahead of expiry on the next `pulumi up`.
 */
import * as pulumi from "@pulumi/pulumi";
import * as tls from "@pulumi/tls";

/** CA validity: 5 years, replaced in its last year. */
export const CA_VALIDITY_HOURS = 5 * 365 * 24;
export const CA_EARLY_RENEWAL_HOURS = 365 * 24;
/** Leaf validity: 90 days, replaced in the last 30. */
export const LEAF_VALIDITY_HOURS = 90 * 24;
export const LEAF_EARLY_RENEWAL_HOURS = 30 * 24;

export interface LeafCertificate {
    readonly certPem: pulumi.Output<string>;
    readonly privateKeyPem: pulumi.Output<string>;
    readonly caCertPem: pulumi.Output<string>;
}

export interface LeafRequest {
    readonly commonName: string;
    /** Every DNS name clients use to reach the server. */
    readonly dnsNames: readonly string[];
    /** Add client authentication (servers that also authenticate to peers, e.g. replica-set members). */
    readonly clientAuth?: boolean;
}

export interface InternalCaArgs {
    /** Organisation named in every certificate's subject. */
    readonly organization: string;
}

export class InternalCa extends pulumi.ComponentResource {
    readonly certPem: pulumi.Output<string>;
    private readonly key: tls.PrivateKey;
    private readonly cert: tls.SelfSignedCert;

    constructor(name: string, private readonly args: InternalCaArgs, opts: pulumi.ComponentResourceOptions = {}) {
        super("secure-platform:secrets:InternalCa", name, {}, opts);
        this.key = new tls.PrivateKey(`${name}-key`, { algorithm: "ECDSA", ecdsaCurve: "P256" }, { parent: this, additionalSecretOutputs: ["privateKeyPem", "privateKeyOpenssh", "privateKeyPemPkcs8"] });
        this.cert = new tls.SelfSignedCert(`${name}-cert`, {
            privateKeyPem: this.key.privateKeyPem,
            isCaCertificate: true,
            subject: { commonName: `${args.organization} internal CA`, organization: args.organization },
            validityPeriodHours: CA_VALIDITY_HOURS,
            earlyRenewalHours: CA_EARLY_RENEWAL_HOURS,
            allowedUses: ["cert_signing", "crl_signing", "digital_signature"],
        }, { parent: this });
        this.certPem = this.cert.certPem;
        this.registerOutputs({ certPem: this.certPem });
    }

    /** A leaf certificate for a server, signed by this CA. */
    issue(name: string, request: LeafRequest): LeafCertificate {
        const key = new tls.PrivateKey(`${name}-key`, { algorithm: "ECDSA", ecdsaCurve: "P256" }, { parent: this, additionalSecretOutputs: ["privateKeyPem", "privateKeyOpenssh", "privateKeyPemPkcs8"] });
        const csr = new tls.CertRequest(`${name}-csr`, {
            privateKeyPem: key.privateKeyPem,
            subject: { commonName: request.commonName, organization: this.args.organization },
            dnsNames: [...request.dnsNames],
        }, { parent: this });
        const cert = new tls.LocallySignedCert(`${name}-cert`, {
            certRequestPem: csr.certRequestPem,
            caPrivateKeyPem: this.key.privateKeyPem,
            caCertPem: this.cert.certPem,
            validityPeriodHours: LEAF_VALIDITY_HOURS,
            earlyRenewalHours: LEAF_EARLY_RENEWAL_HOURS,
            allowedUses: ["digital_signature", "key_encipherment", "server_auth", ...(request.clientAuth ? ["client_auth"] : [])],
        }, { parent: this });
        return { certPem: cert.certPem, privateKeyPem: pulumi.secret(key.privateKeyPem), caCertPem: this.cert.certPem };
    }
}
