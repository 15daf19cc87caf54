/** AWS partitions as a region name decides them. Pure: used where no provider lookup can run (settings, image names). */

export interface Partition {
    /** `aws`, `aws-cn` or `aws-us-gov`: the second field of every ARN. */
    readonly partition: string;
    /** `amazonaws.com`, or `amazonaws.com.cn` in China: the suffix of service endpoints. */
    readonly dnsSuffix: string;
}

/** The partition `region` belongs to (cn-* is China, us-gov-* GovCloud, every other region the commercial one). */
export function partitionOfRegion(region: string): Partition {
    if (region.startsWith("cn-")) {
        return { partition: "aws-cn", dnsSuffix: "amazonaws.com.cn" };
    }
    if (region.startsWith("us-gov-")) {
        return { partition: "aws-us-gov", dnsSuffix: "amazonaws.com" };
    }
    return { partition: "aws", dnsSuffix: "amazonaws.com" };
}
