/**
 * Entry point of the Pulumi program: validate the stack configuration (nothing is registered when it
 * is wrong), check the Pulumi CLI running it, deploy the variant (AWS, or on-prem onto an existing
 * cluster), export the outputs.
 */
import * as pulumi from "@pulumi/pulumi";
import { deployAwsPlatform } from "./aws/aws-platform";
import { parseConfig, secretKeysFromEnvironment } from "./config";
import { deployOnPremPlatform } from "./onprem/onprem-platform";
import { PULUMI_CLI_VERSIONS } from "./versions";

const secretKeys = secretKeysFromEnvironment();
const config = parseConfig(pulumi.runtime.allConfig(), {
    stack: pulumi.getStack(),
    project: pulumi.getProject(),
    ...(secretKeys ? { secretKeys } : {}),
});

// Asked of the engine before anything is registered: an older CLI would silently ignore options the program relies on.
// A CLI before 3.217 has no such call and is refused by the SDK; without an engine (the offline check, tests under
// mocks) there is nobody to ask and this resolves.
const cliChecked = pulumi.runtime.requirePulumiVersion(PULUMI_CLI_VERSIONS).catch((error: unknown) => {
    throw new pulumi.RunError(`secure-platform needs Pulumi CLI ${PULUMI_CLI_VERSIONS} (infra/versions.ts; README, "Deploying"); upgrade the CLI: ${error instanceof Error ? error.message : String(error)}`);
});

export = cliChecked.then(async () => (config.platform === "onprem" ? deployOnPremPlatform(config) : await deployAwsPlatform(config)));
