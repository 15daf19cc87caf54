/**
 * The policy pack holds an AWS stack to its image cache: a program that pulls from Docker Hub instead of
 * the stack's own ECR registry fails the check, as it would fail on the data nodes, which reach nothing else.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { after, before, describe, it } from "node:test";
import { CliResult, copyProject, runCheckCli } from "../harness/cli";

let mutant: string;
let result: CliResult;

before(async () => {
    mutant = copyProject();
    const program = path.join(mutant, "infra", "aws", "aws-platform.ts");
    const original = fs.readFileSync(program, "utf8");
    const edited = original.replace("registryMirrors: imageCache.mirrors, ", "");
    assert.notEqual(edited, original, "the image cache's mirrors are where the mutation expects them");
    fs.writeFileSync(program, edited);
    result = await runCheckCli(["--stack", "dev", "--format", "json"], { root: mutant });
});

after(() => fs.rmSync(mutant, { recursive: true, force: true }));

describe("stack dev pulling from Docker Hub", () => {
    it("fails the check on every chart and database image outside the stack's registry", () => {
        // 1 for the mandatory violations, or 4 when preflight also finds pods the nodes cannot pull for.
        assert.ok(result.code === 1 || result.code === 4, `exit ${result.code}: ${result.stderr}`);
        const violations = (JSON.parse(result.stdout) as { violations: { policy: string; enforcementLevel: string; message: string }[] }).violations;
        assert.ok(violations.every((v) => v.policy !== "require-mirrored-sources" || v.enforcementLevel === "mandatory"));
        const outside = violations.filter((v) => v.policy === "require-mirrored-sources").map((v) => v.message.split("\n")[1] ?? v.message);
        for (const source of ["Release istio-cni (values.global.hub) pulls docker.io/istio", "Release istiod (values.global.hub) pulls docker.io/istio", "(spec.image) pulls docker.io/percona/percona-server-mongodb:"]) {
            assert.ok(outside.some((m) => m.includes(source) && m.includes("outside the mirror (111122223333.dkr.ecr.eu-west-1.amazonaws.com)")), `${source} in:\n${outside.join("\n")}`);
        }
    });
});
