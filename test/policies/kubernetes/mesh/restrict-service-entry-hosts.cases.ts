import { ruleCases, unknown } from "../../../harness/policy-cases";
import { istioObject } from "./istio-fixtures";

const RULE = "restrict-service-entry-hosts";
const entry = (name: string, spec: unknown, options: { version?: string; patch?: boolean } = {}) => istioObject("ServiceEntry", name, "data", spec, options);
/** The platform's backup storage entry (infra/k8s/mongodb/percona-mongodb.ts). */
const BACKUPS = { exportTo: ["."], hosts: ["s3.eu-west-1.amazonaws.com", "mongodb-backups-3f45a34.s3.eu-west-1.amazonaws.com"], location: "MESH_EXTERNAL", ports: [{ name: "tls", number: 443, protocol: "TLS" }], resolution: "DNS" };

export default ruleCases(RULE, {
    compliant: [
        { name: "the platform's backup storage entry", resources: [entry("logical-backup-storage", BACKUPS)] },
        { name: "an external database by its addresses, v1beta1", resources: [entry("reporting-db", { hosts: ["reports.db.example.com"], addresses: ["203.0.113.10/32"], ports: [{ name: "pg", number: 5432, protocol: "TCP" }], resolution: "STATIC", endpoints: [{ address: "203.0.113.10" }] }, { version: "v1beta1" })] },
        { name: "an HTTPS API matched by its SNI without addresses", resources: [entry("payments", { hosts: ["api.payments.example.com"], ports: [{ name: "https", number: 443, protocol: "HTTPS" }], resolution: "NONE" })] },
        { name: "a TCP service resolved by DNS", resources: [entry("smtp", { hosts: ["smtp.example.com"], ports: [{ name: "smtp", number: 587, protocol: "TCP" }], resolution: "DNS" })] },
        { name: "a wildcard the team approves", resources: [entry("google", { hosts: ["*.googleapis.com"], ports: [{ name: "https", number: 443, protocol: "TLS" }], resolution: "NONE" })], config: { [RULE]: { allowedWildcardHosts: ["*.googleapis.com"] } } },
    ],
    violating: [
        { name: "every S3 bucket", resources: [entry("s3", { ...BACKUPS, hosts: ["*.s3.eu-west-1.amazonaws.com"] })], message: /ServiceEntry data\/s3 admits the wildcard host \*\.s3\.eu-west-1\.amazonaws\.com: workloads reach every name under it/ },
        { name: "every .com name, v1alpha3", resources: [entry("dot-com", { hosts: ["*.com"], ports: [{ name: "https", number: 443, protocol: "TLS" }], resolution: "NONE" }, { version: "v1alpha3" })], message: /admits the wildcard host \*\.com/ },
        { name: "every IPv4 address", resources: [entry("anywhere", { hosts: ["anywhere.internal"], addresses: ["0.0.0.0/0"], ports: [{ name: "tcp", number: 5432, protocol: "TCP" }] })], message: /ServiceEntry data\/anywhere admits the address 0\.0\.0\.0\/0, every IP/ },
        { name: "an opaque TCP port on every address", resources: [entry("postgres", { hosts: ["db.example.com"], ports: [{ name: "pg", number: 5432, protocol: "TCP" }], resolution: "NONE" })], message: /has no addresses and resolution NONE, so port 5432 \(TCP\) matches every address/ },
        { name: "a port without a protocol and the default resolution", resources: [entry("legacy", { hosts: ["legacy.example.com"], ports: [{ name: "legacy", number: 9000 }] })], message: /port 9000 \(TCP\) matches every address/ },
        { name: "a ServiceEntryPatch widening the hosts", resources: [entry("logical-backup-storage", { hosts: ["*.amazonaws.com"] }, { patch: true })], message: /ServiceEntry data\/logical-backup-storage admits the wildcard host \*\.amazonaws\.com/ },
    ],
    unknown: [
        { name: "the hosts not known yet (a bucket created in the same update)", resources: [entry("logical-backup-storage", { ...BACKUPS, hosts: ["s3.eu-west-1.amazonaws.com", unknown] })] },
    ],
});
