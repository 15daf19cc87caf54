import { resource, ruleCases, unknown } from "../../../harness/policy-cases";
import { role } from "./iam-fixtures";

export default ruleCases("disallow-iam-user-access-keys", {
    compliant: [
        { name: "a workload role (temporary credentials)", resources: [role("app")] },
        { name: "an IAM user without keys (e.g. a break-glass console user)", resources: [resource("aws:iam/user:User", "breakglass", { name: "breakglass", path: "/" })] },
    ],
    violating: [
        { name: "an access key for a CI user", resources: [resource("aws:iam/accessKey:AccessKey", "ci-key", { user: "ci" })], message: /ci-key creates an access key for an IAM user: a long-term credential that never expires/ },
        { name: "an access key created inactive", resources: [resource("aws:iam/accessKey:AccessKey", "spare", { user: "ci", status: "Inactive" })], message: /spare creates an access key/ },
        { name: "an access key encrypted with a PGP key (still long-term)", resources: [resource("aws:iam/accessKey:AccessKey", "pgp", { user: "ci", pgpKey: "keybase:ci" })], message: /pgp creates an access key/ },
        { name: "a service-specific credential (e.g. a Bedrock API key)", resources: [resource("aws:iam/serviceSpecificCredential:ServiceSpecificCredential", "bedrock", { serviceName: "bedrock.amazonaws.com", userName: "ci" })], message: /bedrock creates a service-specific credential/ },
        { name: "an access key whose user is not known yet (a preview: still a key)", resources: [resource("aws:iam/accessKey:AccessKey", "later", { user: unknown })], message: /later creates an access key/ },
    ],
});
