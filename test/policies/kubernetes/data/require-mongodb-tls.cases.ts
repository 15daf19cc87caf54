import { ruleCases, unknown } from "../../../harness/policy-cases";
import { perconaCluster } from "./percona-fixtures";

export default ruleCases("require-mongodb-tls", {
    compliant: [
        { name: "TLS required with verified certificates", resources: [perconaCluster("orders", { tls: { mode: "requireTLS", allowInvalidCertificates: false } })] },
        { name: "TLS required, unsafe flag explicitly off", resources: [perconaCluster("billing", { tls: { mode: "requireTLS", allowInvalidCertificates: false }, unsafeFlags: { tls: false } })] },
    ],
    violating: [
        { name: "TLS preferred, not required", resources: [perconaCluster("orders", { tls: { mode: "preferTLS", allowInvalidCertificates: false } })], message: /spec.tls.mode is preferTLS; it must be requireTLS/ },
        { name: "TLS mode not set", resources: [perconaCluster("orders", { tls: { allowInvalidCertificates: false } })], message: /spec.tls.mode is not set/ },
        { name: "certificate checks left at the operator's default", resources: [perconaCluster("orders", { tls: { mode: "requireTLS" } })], message: /allowInvalidCertificates is not set/ },
        { name: "TLS disabled with the unsafe flag", resources: [perconaCluster("orders", { tls: { mode: "disabled" }, unsafeFlags: { tls: true } })], message: /spec.unsafeFlags.tls is true/ },
        { name: "unsafe configurations allowed (the deprecated flag)", resources: [perconaCluster("orders", { allowUnsafeConfigurations: true })], message: /spec.allowUnsafeConfigurations is true/ },
        { name: "invalid certificates accepted", resources: [perconaCluster("orders", { tls: { mode: "requireTLS", allowInvalidCertificates: true } })], message: /allowInvalidCertificates is true/ },
    ],
    unknown: [
        { name: "TLS mode not known yet", resources: [perconaCluster("later", { tls: { mode: unknown, allowInvalidCertificates: false } })] },
        { name: "certificate checks not known yet", resources: [perconaCluster("later", { tls: { mode: "requireTLS", allowInvalidCertificates: unknown } })] },
    ],
});
