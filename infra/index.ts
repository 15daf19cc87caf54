/**
 * Entry point of the Pulumi program: validate the stack configuration (nothing is registered when it
 * is wrong), deploy the variant, export the outputs.
 */
import * as pulumi from "@pulumi/pulumi";
import { deployAwsPlatform } from "./aws/aws-platform";
import { parseConfig } from "./config";

const config = parseConfig(pulumi.runtime.allConfig(), { stack: pulumi.getStack(), project: pulumi.getProject() });

export = deployAwsPlatform(config);
