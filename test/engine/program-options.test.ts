import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import * as random from "@pulumi/random";
import { RecordedResource, renderComponents } from "../../engine/program";
import { named } from "../harness/resources";

let resources: readonly RecordedResource[];

before(async () => {
    ({ resources } = await renderComponents(() => {
        new random.RandomBytes("replaced-on-length", { length: 8 }, { replaceOnChanges: ["length"], deleteBeforeReplace: true });
        new random.RandomBytes("plain", { length: 8 });
    }));
});

describe("recorded resource options", () => {
    it("records replaceOnChanges and deleteBeforeReplace, which force a replacement, so tests can find them", () => {
        assert.deepEqual(named(resources, "replaced-on-length").replaceOnChanges, ["length"]);
        assert.equal(named(resources, "replaced-on-length").deleteBeforeReplace, true);
    });

    it("leaves them out of a resource that does not set them", () => {
        assert.equal(named(resources, "plain").replaceOnChanges, undefined);
        assert.notEqual(named(resources, "plain").deleteBeforeReplace, true);
    });
});
