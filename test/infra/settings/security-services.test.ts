import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { AwsPlatformConfig, PlatformConfig } from "../../../infra/config";
import { minimal, minimalOnPrem, parse, rejects } from "../../harness/config-fixtures";

const services = (value: unknown) => ({ securityServices: JSON.stringify(value) });
function awsConfig(config: PlatformConfig): AwsPlatformConfig {
    assert.equal(config.platform, "aws");
    return config as AwsPlatformConfig;
}

describe("securityServices setting", () => {
    it("creates GuardDuty, Security Hub and AWS Config by default", () => {
        assert.deepEqual(awsConfig(parse(minimal("prod"))).securityServices, { guardDuty: "create", securityHub: "create", config: "create" });
    });

    it("takes the organisation's services one by one, the others still created", () => {
        assert.deepEqual(awsConfig(parse(minimal("dev", services({ guardDuty: "organization" })))).securityServices,
            { guardDuty: "organization", securityHub: "create", config: "create" });
        assert.deepEqual(awsConfig(parse(minimal("prod", services({ guardDuty: "organization", securityHub: "organization", config: "organization" })))).securityServices,
            { guardDuty: "organization", securityHub: "organization", config: "organization" });
    });

    it("refuses an unknown mode, an unknown service and a value that is not an object, naming the key", () => {
        rejects(minimal("dev", services({ guardDuty: "off" })), "securityServices", /securityServices\.guardDuty "off" is not allowed; use one of create, organization/);
        rejects(minimal("dev", services({ securityHub: true })), "securityServices", /securityServices\.securityHub true is not allowed/);
        rejects(minimal("dev", services({ inspector: "create" })), "securityServices", /securityServices\.inspector is not a known field; allowed: guardDuty, securityHub, config/);
        rejects(minimal("dev", { securityServices: "organization" }), "securityServices", /expected an object like \{guardDuty: organization, securityHub: organization, config: organization\}, got "organization"/);
    });

    it("is refused on an on-prem stack, which has no AWS account", () => {
        rejects(minimalOnPrem("prod", services({ guardDuty: "create" })), "securityServices", /applies only to platform aws/);
    });
});
