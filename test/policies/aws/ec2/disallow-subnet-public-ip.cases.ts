import { resource, ruleCases } from "../../../harness/policy-cases";

const subnet = (name: string, props: Record<string, unknown>) =>
    resource("aws:ec2/subnet:Subnet", name, { vpcId: "vpc-0123456789abcdef0", cidrBlock: "10.0.1.0/24", ...props });

export default ruleCases("disallow-subnet-public-ip", {
    compliant: [
        { name: "mapPublicIpOnLaunch false", resources: [subnet("private", { mapPublicIpOnLaunch: false })] },
        { name: "mapPublicIpOnLaunch left at the AWS default (false)", resources: [subnet("default", {})] },
    ],
    violating: [
        { name: "mapPublicIpOnLaunch true", resources: [subnet("public", { mapPublicIpOnLaunch: true })], message: /mapPublicIpOnLaunch is true/ },
    ],
});
