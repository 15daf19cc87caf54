/**
 * The origins and cache behaviors of an aws.cloudfront.Distribution, and which origins are S3 buckets.
 * CloudFront tells an S3 bucket's REST endpoint (`<bucket>.s3.<region>.amazonaws.com`, reached with
 * `s3OriginConfig` or an origin access control) from its website endpoint (`<bucket>.s3-website...`),
 * which CloudFront reaches as a custom HTTP origin and which serves only a public bucket.
 */
import type { Props } from "./rule";
import { list } from "./values";

const S3_REST = /\.s3(\.dualstack)?([.-][a-z0-9-]+)?\.amazonaws\.com(\.cn)?$/i;
const S3_WEBSITE = /\.s3-website([.-][a-z0-9-]+)?\.amazonaws\.com(\.cn)?$/i;

/** An S3 REST origin: declared with `s3OriginConfig`, or (with an origin access control alone) known by its domain. */
export function isS3RestOrigin(origin: Props): boolean {
    if (origin.s3OriginConfig !== undefined && origin.s3OriginConfig !== null) {
        return true;
    }
    if (origin.customOriginConfig || origin.vpcOriginConfig) {
        return false;
    }
    return typeof origin.domainName === "string" && S3_REST.test(origin.domainName);
}

/** A bucket's website endpoint, which CloudFront reaches as a custom origin. */
export function isS3WebsiteOrigin(origin: Props): boolean {
    return Boolean(origin.customOriginConfig) && typeof origin.domainName === "string" && S3_WEBSITE.test(origin.domainName);
}

export interface Behavior {
    /** `default` or the ordered behavior's path pattern. */
    readonly where: string;
    readonly behavior: Props;
}

/** The default cache behavior, then the ordered ones. */
export function cacheBehaviors(props: Props): Behavior[] {
    return [
        ...(props.defaultCacheBehavior ? [{ where: "defaultCacheBehavior", behavior: props.defaultCacheBehavior as Props }] : []),
        ...list(props.orderedCacheBehaviors).map((b, i) => ({ where: `orderedCacheBehaviors[${typeof b.pathPattern === "string" ? b.pathPattern : i}]`, behavior: b })),
    ];
}

/** How an origin is named in messages. */
export function originLabel(origin: Props, index: number): string {
    return `origin ${typeof origin.originId === "string" ? origin.originId : index}`;
}
