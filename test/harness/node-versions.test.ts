import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { lowestAccepted, satisfies } from "./node-versions";

describe("satisfies", () => {
    it("reads the range forms npm packages declare", () => {
        const cases: [string, string, boolean][] = [
            ["22.0.0", ">=22", true], ["20.20.2", ">=22", false],
            ["22.8.0", "^20.17.0 || >=22.9.0", false], ["22.9.0", "^20.17.0 || >=22.9.0", true], ["21.0.0", "^20.17.0 || >=22.9.0", false],
            ["23.11.0", "^20.19.0 || ^22.12.0 || >=24.0.0", false], ["24.1.0", "^20.19.0 || ^22.12.0 || >=24.0.0", true],
            ["20.1.0", "18 || 20 || >=22", true], ["21.1.0", "18 || 20 || >=22", false],
            ["12.11.0", ">= 12.11.*", true], ["12.10.9", ">= 12.11.*", false], ["4.9.0", "4.x || >=6.0.0", true], ["5.0.0", "4.x || >=6.0.0", false],
            ["8.12.0", ">=9.3.0 || >=8.10.0 <9.0.0", true], ["9.1.0", ">=9.3.0 || >=8.10.0 <9.0.0", false], ["12.22.7", ">=v12.22.7", true],
        ];
        for (const [version, range, expected] of cases) {
            assert.equal(satisfies(version, range), expected, `${version} in ${range}`);
        }
    });

    it("names the lowest version of each alternative, and refuses forms it does not know", () => {
        assert.deepEqual(lowestAccepted("^22.13.0 || >=24"), ["22.13.0", "24.0.0"]);
        assert.throws(() => satisfies("22.0.0", ">=latest"), /unsupported version "latest"/);
    });
});
