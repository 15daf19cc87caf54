import { PERCONA_MONGODB_TYPES } from "../../lib/percona";
import { defineResourceRule } from "../../lib/rule";

export default defineResourceRule({
    name: "require-mongodb-tls",
    description: "A Percona MongoDB cluster must require TLS on every connection (the operator's default, preferTLS, accepts plain clients) and verify certificates; the unsafe TLS flags must stay off.",
    severity: "high",
    controls: ["EKS BP encryption-in-transit"],
    remediation: "Set `spec.tls.mode: requireTLS`, set `spec.tls.allowInvalidCertificates: false`, leave `spec.unsafeFlags.tls` and `spec.allowUnsafeConfigurations` unset or false, and give `spec.secrets.ssl` / `sslInternal` certificates from your CA.",
    resourceTypes: [...PERCONA_MONGODB_TYPES],
    validate(props, _context, report) {
        const tls = props.spec?.tls ?? {};
        if (tls.mode !== "requireTLS") {
            report(`spec.tls.mode is ${tls.mode ?? "not set (the operator then accepts plain connections)"}; it must be requireTLS.`);
        }
        if (props.spec?.unsafeFlags?.tls === true) {
            report("spec.unsafeFlags.tls is true: the operator may run the cluster without TLS.");
        }
        // The deprecated predecessor of unsafeFlags: it also lets the cluster run without TLS certificates.
        if (props.spec?.allowUnsafeConfigurations === true) {
            report("spec.allowUnsafeConfigurations is true: the operator may run the cluster without TLS certificates.");
        }
        // The operator's reference makes true the default (for its self-signed certificates); only false verifies.
        if (tls.allowInvalidCertificates !== false) {
            report(`spec.tls.allowInvalidCertificates is ${tls.allowInvalidCertificates ?? "not set (the operator's default is true)"}: members and clients may accept any certificate; set it to false.`);
        }
    },
});
