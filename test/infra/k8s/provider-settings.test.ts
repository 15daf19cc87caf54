import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { platformProviderSettings } from "../../../infra/k8s/provider-settings";

describe("platformProviderSettings", () => {
    it("updates Secret data in place and names the cluster by the given identifier", () => {
        assert.deepEqual(platformProviderSettings("eks/eu-west-1/secure-platform-prod"), { clusterIdentifier: "eks/eu-west-1/secure-platform-prod", enableSecretMutable: true });
    });

    it("refuses an empty identifier or one with spaces, which would not name one cluster reliably", () => {
        assert.throws(() => platformProviderSettings(""), /clusterIdentifier must be a non-empty name without spaces, got ""/);
        assert.throws(() => platformProviderSettings("dc1 prod"), /got "dc1 prod"/);
    });
});
