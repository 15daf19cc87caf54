import { resource, ruleCases, unknown } from "../../../harness/policy-cases";
import { ACCOUNT } from "./lambda-fixtures";

const permission = (name: string, props: Record<string, unknown>) =>
    resource("aws:lambda/permission:Permission", name, { action: "lambda:InvokeFunction", function: "app", ...props });
const resourcePolicy = (name: string, ...statements: Record<string, unknown>[]) =>
    resource("aws:lambda/resourcePolicy:ResourcePolicy", name, { resourceArn: `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:app`, policy: JSON.stringify({ Version: "2012-10-17", Statement: statements }) });
const invoke = { Action: "lambda:InvokeFunction", Resource: `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:app` };
const API = `arn:aws:execute-api:eu-west-1:${ACCOUNT}:a1b2c3d4e5/*/POST/orders`;

export default ruleCases("disallow-public-function-permission", {
    compliant: [
        { name: "API Gateway, limited to one API's route", resources: [permission("api", { principal: "apigateway.amazonaws.com", sourceArn: API })] },
        { name: "S3, limited to the bucket's account", resources: [permission("s3", { principal: "s3.amazonaws.com", sourceArn: "arn:aws:s3:::app-uploads", sourceAccount: ACCOUNT })] },
        { name: "another account by ID", resources: [permission("partner", { principal: "444455556666" })] },
        { name: "anyone in the organization", resources: [permission("org", { principal: "*", principalOrgId: "o-a1b2c3d4e5" })] },
        { name: "a function URL permission requiring IAM", resources: [permission("url", { action: "lambda:InvokeFunctionUrl", principal: `arn:aws:iam::${ACCOUNT}:role/caller`, functionUrlAuthType: "AWS_IAM" })] },
        { name: "a resource policy for EventBridge with aws:SourceArn", resources: [resourcePolicy("events", { Sid: "Rule", Effect: "Allow", Principal: { Service: "events.amazonaws.com" }, ...invoke, Condition: { ArnLike: { "aws:SourceArn": `arn:aws:events:eu-west-1:${ACCOUNT}:rule/nightly` } } })] },
    ],
    violating: [
        { name: "principal \"*\" with no source", resources: [permission("anyone", { principal: "*" })], message: /principal is "\*" with no sourceArn, sourceAccount or principalOrgId: anyone can invoke the function/ },
        { name: "principal \"*\" with a sourceArn that names no account", resources: [permission("wild-source", { principal: "*", sourceArn: "arn:aws:execute-api:*:*:*" })], message: /principal is "\*"/ },
        { name: "S3 without sourceArn or sourceAccount (Lambda.1's own example)", resources: [permission("s3-any", { principal: "s3.amazonaws.com" })], message: /principal is the service s3\.amazonaws\.com with no sourceArn or sourceAccount/ },
        { name: "API Gateway without a sourceArn", resources: [permission("api-any", { principal: "apigateway.amazonaws.com" })], message: /the service apigateway\.amazonaws\.com/ },
        { name: "the public permission of a function URL with auth NONE", resources: [permission("url-public", { action: "lambda:InvokeFunctionUrl", principal: "*", functionUrlAuthType: "NONE" })], message: /through a function URL with functionUrlAuthType NONE: a public endpoint/ },
        { name: "a resource policy for AWS \"*\" with a condition that limits nothing", resources: [resourcePolicy("open", { Sid: "Open", Effect: "Allow", Principal: { AWS: "*" }, ...invoke, Condition: { StringLike: { "aws:SourceAccount": "*" } } })], message: /Statement Open allows any principal \("\*"\)/ },
        { name: "a resource policy for SNS without a source condition", resources: [resourcePolicy("sns", { Sid: "Topic", Effect: "Allow", Principal: { Service: "sns.amazonaws.com" }, ...invoke })], message: /Statement Topic allows sns\.amazonaws\.com with no aws:SourceArn or aws:SourceAccount condition/ },
        { name: "a resource policy that is not JSON", resources: [resource("aws:lambda/resourcePolicy:ResourcePolicy", "broken", { resourceArn: "arn:aws:lambda:eu-west-1:111122223333:function:app", policy: "nope" })], message: /policy is not a valid policy document/ },
    ],
    unknown: [
        { name: "the source ARN of a service permission not known yet", resources: [permission("later", { principal: "s3.amazonaws.com", sourceArn: unknown })] },
        { name: "a resource policy not known yet", resources: [resource("aws:lambda/resourcePolicy:ResourcePolicy", "later-policy", { resourceArn: "arn:aws:lambda:eu-west-1:111122223333:function:app", policy: unknown })] },
    ],
});
