/** A compliant baseline Lambda function and what is usually declared around it. */
import { resource } from "../../../harness/policy-cases";

export const ACCOUNT = "111122223333";
export const SUBNETS = ["subnet-0a1b2c3d4e5f60718", "subnet-0b2c3d4e5f6071829"];
export const SECURITY_GROUP = "sg-0123456789abcdef0";
export const DB_SECRET = `arn:aws:secretsmanager:eu-west-1:${ACCOUNT}:secret:app/db-AbCdEf`;

/** A function as the platform would run one: a supported runtime, in the app subnets, secrets by reference. */
export const functionProps = (props: Record<string, unknown> = {}): Record<string, unknown> => Object.fromEntries(Object.entries({
    role: `arn:aws:iam::${ACCOUNT}:role/app-function`,
    runtime: "nodejs24.x",
    handler: "index.handler",
    architectures: ["arm64"],
    vpcConfig: { subnetIds: SUBNETS, securityGroupIds: [SECURITY_GROUP] },
    environment: { variables: { LOG_LEVEL: "info", DB_PASSWORD_SECRET_ARN: DB_SECRET, DB_HOST: "mongodb.data.svc" } },
    ...props,
    // A property given as undefined is left out, as a program leaves it unset.
}).filter(([, value]) => value !== undefined));
export const lambdaFunction = (name: string, props: Record<string, unknown> = {}) => resource("aws:lambda/function:Function", name, functionProps(props));
