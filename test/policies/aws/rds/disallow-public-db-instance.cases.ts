import { ruleCases, unknown } from "../../../harness/policy-cases";
import { clusterInstance, instance } from "./baseline";

export default ruleCases("disallow-public-db-instance", {
    compliant: [
        { name: "a private instance", resources: [instance("orders")] },
        { name: "an instance without publiclyAccessible (the default is false)", resources: [instance("orders", { publiclyAccessible: undefined })] },
        { name: "a private Aurora instance", resources: [clusterInstance("orders-1")] },
    ],
    violating: [
        { name: "a publicly accessible instance", resources: [instance("orders", { publiclyAccessible: true })], message: /publiclyAccessible is true: the instance gets a DNS name that resolves to a public IP address/ },
        { name: "a publicly accessible Aurora instance", resources: [clusterInstance("orders-1", { publiclyAccessible: true })], message: /publiclyAccessible is true/ },
    ],
    unknown: [
        { name: "publiclyAccessible not known yet", resources: [instance("later", { publiclyAccessible: unknown })] },
    ],
});
