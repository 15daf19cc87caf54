/**
 * Kubernetes objects (typed, in a yaml/v2 ConfigGroup, in a v1 ConfigGroup), keys and generated secrets teams
 * commonly add to the program, through the whole engine in one render: each insecure twin is stopped by its rules,
 * each secure twin passes (test/stacks/additions/catalogue.ts lists them).
 */
import * as path from "node:path";
import { describe } from "node:test";
import { judgeAdditions } from "../harness/additions";
import { KUBERNETES_ADDITIONS } from "./additions/catalogue";

describe("Kubernetes additions to the program", () => {
    judgeAdditions(path.join(__dirname, "additions", "kubernetes-program.ts"), KUBERNETES_ADDITIONS);
});
