/**
 * AWS resources teams commonly add to the program, through the whole engine in one render: each insecure twin is
 * stopped by its rules, each secure twin passes (test/stacks/additions/catalogue.ts lists them).
 */
import * as path from "node:path";
import { describe } from "node:test";
import { judgeAdditions } from "../harness/additions";
import { AWS_ADDITIONS } from "./additions/catalogue";

describe("AWS additions to the program", () => {
    judgeAdditions(path.join(__dirname, "additions", "aws-program.ts"), AWS_ADDITIONS);
});
