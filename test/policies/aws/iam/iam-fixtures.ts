/** IAM documents and the resources that hold them, shaped as the platform's own (infra/aws/iam-documents.ts). */
import { resource } from "../../../harness/policy-cases";

export const ACCOUNT = "111122223333";
export const PARTNER = "444455556666";
export const BUCKET = "arn:aws:s3:::app-uploads";

export type Statement = Record<string, unknown>;
export const doc = (...statements: Statement[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });

/** The deploy runner's policy: service actions on named resources, describe calls on "*" (EC2 takes no ARN there). */
export const RUNNER_STATEMENTS: Statement[] = [
    { Sid: "WriteRunnerLogs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: [`arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:/app`, `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:/app:*`] },
    { Sid: "ManageNetworkInterfaces", Effect: "Allow", Action: ["ec2:CreateNetworkInterface", "ec2:Describe*", "ec2:DeleteNetworkInterface"], Resource: "*" },
    { Sid: "UseKey", Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey*"], Resource: `arn:aws:kms:eu-west-1:${ACCOUNT}:key/0b1c2d3e-4f50-4a61-8b72-93a4b5c6d7e8`, Condition: { StringEquals: { "kms:ViaService": "s3.eu-west-1.amazonaws.com" } } },
];
export const RUNNER_POLICY = doc(...RUNNER_STATEMENTS);

/** The platform's Pod Identity trust (podIdentityTrustPolicy). */
export const POD_IDENTITY_TRUST = doc({
    Effect: "Allow",
    Principal: { Service: "pods.eks.amazonaws.com" },
    Action: ["sts:AssumeRole", "sts:TagSession"],
    Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT, "aws:RequestTag/kubernetes-namespace": "data", "aws:RequestTag/kubernetes-service-account": "mongodb" } },
});
export const EC2_TRUST = doc({ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" });

export const role = (name: string, props: Record<string, unknown> = {}) =>
    resource("aws:iam/role:Role", name, { assumeRolePolicy: POD_IDENTITY_TRUST, description: name, ...props });
export const policy = (name: string, document: unknown) => resource("aws:iam/policy:Policy", name, { name, policy: document });
export const rolePolicy = (name: string, document: unknown) => resource("aws:iam/rolePolicy:RolePolicy", name, { role: "app-role", policy: document });
export const userPolicy = (name: string, document: unknown) => resource("aws:iam/userPolicy:UserPolicy", name, { user: "ci", policy: document });
export const groupPolicy = (name: string, document: unknown) => resource("aws:iam/groupPolicy:GroupPolicy", name, { group: "developers", policy: document });
export const managed = (name: string) => `arn:aws:iam::aws:policy/${name}`;
