/** A compliant baseline distribution (a site bucket through OAC and an API behind HTTPS) and its variants. */
import { resource } from "../../../harness/policy-cases";

export const ACCOUNT = "111122223333";
export const CERT = `arn:aws:acm:us-east-1:${ACCOUNT}:certificate/0b1c2d3e-4f50-4a61-8b72-93a4b5c6d7e8`;
export const WEB_ACL = `arn:aws:wafv2:us-east-1:${ACCOUNT}:global/webacl/edge/a1b2c3d4-5678-490a-bcde-f0123456789a`;

export type Props = Record<string, unknown>;

/** The properties without those given as undefined: a program leaves them unset. */
const defined = (props: Props): Props => Object.fromEntries(Object.entries(props).filter(([, value]) => value !== undefined));

export const siteOrigin = (props: Props = {}): Props => defined({ originId: "site", domainName: "site-assets.s3.eu-west-1.amazonaws.com", originAccessControlId: "E2QWRUHAPOMQZL", ...props });
export const apiOrigin = (custom: Props = {}, props: Props = {}): Props => ({
    originId: "api",
    domainName: "api.example.com",
    customOriginConfig: { httpPort: 80, httpsPort: 443, originProtocolPolicy: "https-only", originSslProtocols: ["TLSv1.2"], ...custom },
    ...props,
});
export const behavior = (props: Props = {}): Props => ({
    targetOriginId: "site",
    viewerProtocolPolicy: "redirect-to-https",
    allowedMethods: ["GET", "HEAD"],
    cachedMethods: ["GET", "HEAD"],
    cachePolicyId: "658327ea-f89d-4fab-a63d-7e88639e58f6",
    ...props,
});
export const apiBehavior = (props: Props = {}): Props => behavior({ pathPattern: "/api/*", targetOriginId: "api", viewerProtocolPolicy: "https-only", allowedMethods: ["GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE"], ...props });

export const distributionProps = (props: Props = {}): Props => defined({
    enabled: true,
    aliases: ["www.example.com"],
    defaultRootObject: "index.html",
    origins: [siteOrigin(), apiOrigin()],
    defaultCacheBehavior: behavior(),
    orderedCacheBehaviors: [apiBehavior()],
    viewerCertificate: { acmCertificateArn: CERT, sslSupportMethod: "sni-only", minimumProtocolVersion: "TLSv1.2_2021" },
    loggingConfig: { bucket: "edge-logs.s3.amazonaws.com", prefix: "cloudfront/www/" },
    webAclId: WEB_ACL,
    restrictions: { geoRestriction: { restrictionType: "none" } },
    httpVersion: "http2and3",
    ...props,
});

export const distribution = (name: string, props: Props = {}) => resource("aws:cloudfront/distribution:Distribution", name, distributionProps(props));
