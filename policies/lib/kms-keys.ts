/** Whether a key reference (ARN, alias or alias ARN) names an AWS-managed key (`alias/aws/rds`), not one of the account's own. */
export function isAwsManagedKey(key: string): boolean {
    return /(^|[:/])alias\/aws\//.test(key);
}
