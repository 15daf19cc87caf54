/**
 * Entry point of the Pulumi program: validate the stack configuration (nothing is registered when it
 * is wrong), deploy the variant (AWS, or on-prem onto an existing cluster), export the outputs.
 */
import * as pulumi from "@pulumi/pulumi";
import { deployAwsPlatform } from "./aws/aws-platform";
import { parseConfig, secretKeysFromEnvironment } from "./config";
import { deployOnPremPlatform } from "./onprem/onprem-platform";

const secretKeys = secretKeysFromEnvironment();
const config = parseConfig(pulumi.runtime.allConfig(), {
    stack: pulumi.getStack(),
    project: pulumi.getProject(),
    ...(secretKeys ? { secretKeys } : {}),
});

export = config.platform === "onprem" ? deployOnPremPlatform(config) : deployAwsPlatform(config);
