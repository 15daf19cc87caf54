/**
 * Reads the GitHub workflows and checks what actionlint cannot see: pins, the inputs of pinned actions, npm
 * scripts, permissions. Each check returns its problems as sentences, so a test can show them and can also
 * feed the check a bad workflow to prove it fails.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";

export const ROOT = path.resolve(__dirname, "..", "..");
export const WORKFLOW_DIR = path.join(ROOT, ".github", "workflows");

export interface Step {
    readonly name?: string;
    readonly id?: string;
    readonly if?: string;
    readonly uses?: string;
    readonly run?: string;
    readonly with?: Readonly<Record<string, unknown>>;
    readonly env?: Readonly<Record<string, string>>;
}

export interface Concurrency {
    readonly group: string;
    readonly "cancel-in-progress"?: boolean | string;
}

export interface Job {
    readonly name?: string;
    readonly needs?: string | readonly string[];
    readonly if?: string;
    readonly "runs-on"?: string | readonly string[];
    readonly environment?: string | { readonly name: string };
    readonly permissions?: string | Readonly<Record<string, string>>;
    readonly concurrency?: string | Concurrency;
    readonly "timeout-minutes"?: number;
    readonly strategy?: { readonly matrix?: unknown; readonly "fail-fast"?: boolean };
    readonly outputs?: Readonly<Record<string, string>>;
    readonly steps?: readonly Step[];
}

export interface Workflow {
    readonly name: string;
    readonly on: Readonly<Record<string, unknown>>;
    readonly permissions?: string | Readonly<Record<string, string>>;
    readonly concurrency?: string | Concurrency;
    readonly jobs: Readonly<Record<string, Job>>;
}

export interface WorkflowFile {
    /** Path from the repository root, e.g. `.github/workflows/deploy.yml`. */
    readonly file: string;
    readonly text: string;
    readonly workflow: Workflow;
}

export function loadWorkflow(name: string): WorkflowFile {
    const absolute = path.join(WORKFLOW_DIR, name);
    const text = fs.readFileSync(absolute, "utf8");
    return { file: path.relative(ROOT, absolute), text, workflow: parse(text) as Workflow };
}

export function loadWorkflows(): WorkflowFile[] {
    return fs
        .readdirSync(WORKFLOW_DIR)
        .filter((name) => /\.ya?ml$/.test(name))
        .sort()
        .map(loadWorkflow);
}

export function steps(workflow: Workflow): { jobId: string; job: Job; step: Step; index: number }[] {
    return Object.entries(workflow.jobs).flatMap(([jobId, job]) => (job.steps ?? []).map((step, index) => ({ jobId, job, step, index })));
}

/** `owner/repo` or `owner/repo/path` of a `uses:` value, without the ref. */
export function actionName(uses: string): string {
    return uses.split("@")[0];
}

/**
 * The inputs each action we use declares in its `action.yml` at the pinned release (or in its README's
 * input list). A new action, or a new input, is added here after reading that file: with a SHA pin actionlint
 * knows no inputs, so this is what catches a misspelt one (`policy-packs` for `policyPacks`).
 */
export const ACTION_INPUTS: Readonly<Record<string, readonly string[]>> = {
    "actions/checkout": [
        "repository", "ref", "token", "ssh-key", "ssh-known-hosts", "ssh-strict", "ssh-user", "persist-credentials", "path", "clean",
        "filter", "sparse-checkout", "sparse-checkout-cone-mode", "fetch-depth", "fetch-tags", "show-progress", "lfs", "submodules",
        "set-safe-directory", "github-server-url",
    ],
    "actions/setup-node": [
        "node-version", "node-version-file", "architecture", "check-latest", "registry-url", "scope", "token", "cache",
        "cache-dependency-path", "package-manager-cache", "mirror", "mirror-token",
    ],
    "aws-actions/configure-aws-credentials": [
        "audience", "aws-access-key-id", "aws-secret-access-key", "aws-session-token", "aws-region", "mask-aws-account-id",
        "role-to-assume", "web-identity-token-file", "role-duration-seconds", "role-session-name", "role-external-id",
        "role-skip-session-tagging", "http-proxy",
    ],
    "github/codeql-action/upload-sarif": ["sarif_file", "checkout_path", "ref", "sha", "token", "matrix", "category", "wait-for-processing"],
    "pulumi/actions": [
        "command", "stack-name", "work-dir", "cloud-url", "comment-on-pr", "comment-on-summary", "github-token", "refresh",
        "secrets-provider", "color", "log-verbosity", "log-flow", "debug", "config-map", "diff", "comment-on-pr-number",
        "edit-pr-comment", "expect-no-changes", "message", "parallel", "policyPacks", "policyPackConfigs", "pulumi-version",
        "pulumi-version-file", "remove", "replace", "target", "target-dependents", "upsert", "exclude-protected", "suppress-outputs",
        "suppress-progress", "omit-stdout", "plan", "always-include-summary", "continue-on-error",
    ],
};

/**
 * Every `uses:` of another repository names a full 40-character commit SHA (a tag can be moved to other code)
 * followed by the release it is, as `# vX.Y.Z`, so an update is a reviewed change of both.
 */
export function pinProblems(text: string): string[] {
    const problems: string[] = [];
    text.split("\n").forEach((line, index) => {
        const match = /^\s*(?:-\s+)?uses:\s*(\S+)(.*)$/.exec(line);
        if (!match || match[1].startsWith("./")) {
            return;
        }
        const [, uses, rest] = match;
        if (!/^[\w.-]+\/[\w.-]+(?:\/[\w./-]+)?@[0-9a-f]{40}$/.test(uses)) {
            problems.push(`line ${index + 1}: ${uses} is not pinned to a full commit SHA`);
        } else if (!/^\s+# v\d+\.\d+\.\d+$/.test(rest)) {
            problems.push(`line ${index + 1}: ${uses} lacks its release as a "# vX.Y.Z" comment`);
        }
    });
    return problems;
}

/** Inputs given to an action that its `action.yml` does not declare, and actions not in {@link ACTION_INPUTS}. */
export function inputProblems(workflow: Workflow): string[] {
    return steps(workflow).flatMap(({ jobId, index, step }) => {
        if (!step.uses || step.uses.startsWith("./")) {
            return [];
        }
        const action = actionName(step.uses);
        const known = ACTION_INPUTS[action];
        if (!known) {
            return [`${jobId} step ${index + 1}: ${action} has no list of inputs in ACTION_INPUTS; add it from its action.yml`];
        }
        return Object.keys(step.with ?? {})
            .filter((input) => !known.includes(input))
            .map((input) => `${jobId} step ${index + 1}: ${action} has no input "${input}"`);
    });
}

/** The npm scripts a `run:` block invokes (`npm run [-s] <name>`, `npm test`). */
export function npmScriptsRun(run: string): string[] {
    const scripts: string[] = [];
    for (const match of run.matchAll(/\bnpm\s+run(?:-script)?\s+(?:-{1,2}[\w-]+\s+)*([\w:.-]+)/g)) {
        scripts.push(match[1]);
    }
    for (const match of run.matchAll(/\bnpm\s+(test|start|stop|restart)\b/g)) {
        scripts.push(match[1]);
    }
    return scripts;
}

export function npmScriptProblems(workflow: Workflow, scripts: Readonly<Record<string, string>>): string[] {
    return steps(workflow).flatMap(({ jobId, index, step }) =>
        npmScriptsRun(step.run ?? "")
            .filter((script) => !(script in scripts))
            .map((script) => `${jobId} step ${index + 1}: runs npm script "${script}", which package.json does not define`),
    );
}

/**
 * The workflow's token can read the repository and nothing else; every job says what it needs, never
 * `write-all`; only a job that assumes a cloud role asks for an OIDC token.
 */
export function permissionProblems(workflow: Workflow): string[] {
    const problems: string[] = [];
    if (JSON.stringify(workflow.permissions) !== JSON.stringify({ contents: "read" })) {
        problems.push(`the workflow's permissions are ${JSON.stringify(workflow.permissions)}, expected {"contents":"read"}`);
    }
    for (const [jobId, job] of Object.entries(workflow.jobs)) {
        if (job.permissions === undefined || typeof job.permissions === "string") {
            problems.push(`job ${jobId} does not list its permissions (found ${JSON.stringify(job.permissions)})`);
            continue;
        }
        const assumesRole = (job.steps ?? []).some((step) => step.uses && actionName(step.uses) === "aws-actions/configure-aws-credentials");
        if ((job.permissions["id-token"] === "write") !== assumesRole) {
            problems.push(`job ${jobId} ${assumesRole ? "assumes a role without" : "has"} id-token: write${assumesRole ? "" : " but assumes no role"}`);
        }
    }
    return problems;
}

const isPulumiAction = (step: Step) => step.uses !== undefined && actionName(step.uses) === "pulumi/actions";

/**
 * Every `pulumi up` of pulumi/actions runs only after a preview of the same stack, with the same policy packs,
 * succeeded earlier in its job, and applies the plan that preview saved. The action's `up` passes `--skip-preview`
 * and the engine judges stack rules only after applying every change, so the preview is the policy gate.
 */
export function deployGateProblems(workflow: Workflow): string[] {
    const problems: string[] = [];
    for (const [jobId, job] of Object.entries(workflow.jobs)) {
        const list = job.steps ?? [];
        list.forEach((step, index) => {
            if (!isPulumiAction(step) || !["up", "update"].includes(String(step.with?.command))) {
                return;
            }
            const where = `${jobId} step ${index + 1}`;
            const same = (key: string) => (preview: Step) => JSON.stringify(preview.with?.[key]) === JSON.stringify(step.with?.[key]);
            const gate = list.slice(0, index).find((preview) =>
                isPulumiAction(preview) && preview.with?.command === "preview" && preview.id !== undefined && same("stack-name")(preview) &&
                step.if !== undefined && step.if.includes(`steps.${preview.id}.outcome == 'success'`) && !step.if.includes("||"));
            if (!gate) {
                problems.push(`${where}: pulumi up can run without a passing preview of its stack earlier in the job (give that preview an id and this step if: steps.<id>.outcome == 'success')`);
                return;
            }
            if (step.with?.policyPacks === undefined || !same("policyPacks")(gate) || !same("policyPackConfigs")(gate)) {
                problems.push(`${where}: pulumi up and its preview (${gate.id}) do not run the same policy packs`);
            }
            if (step.with?.plan === undefined || !same("plan")(gate)) {
                problems.push(`${where}: pulumi up does not apply the plan its preview (${gate.id}) saved`);
            }
        });
    }
    return problems;
}

/** Where each pulumi/actions step is, with the `pulumi-version` it installs (undefined: any 3.x, the action's default). */
export function pulumiVersionPins(files: readonly WorkflowFile[]): { where: string; version: unknown }[] {
    return files.flatMap(({ file, workflow }) =>
        steps(workflow).filter(({ step }) => isPulumiAction(step)).map(({ jobId, index, step }) => ({ where: `${file} ${jobId} step ${index + 1}`, version: step.with?.["pulumi-version"] })));
}

export interface ScriptRun {
    readonly status: number | null;
    readonly stdout: string;
    readonly stderr: string;
    /** What the script wrote to `$GITHUB_OUTPUT`, as `name=value` lines. */
    readonly outputs: Readonly<Record<string, string>>;
    /** What the script appended to `$GITHUB_STEP_SUMMARY`. */
    readonly summary: string;
}

/**
 * Runs a step's `run:` script the way a Linux runner does (`bash -e`), in `dir`, with only `env`, the runner's
 * output and summary files, and `binDir` (e.g. a stand-in `npm`) first on the PATH.
 */
export function runStepScript(script: string, env: Readonly<Record<string, string>>, options: { dir: string; binDir?: string }): ScriptRun {
    const outputFile = path.join(options.dir, ".github-output");
    const summaryFile = path.join(options.dir, ".github-step-summary");
    fs.writeFileSync(outputFile, "");
    fs.writeFileSync(summaryFile, "");
    const searchPath = [options.binDir, process.env.PATH].filter(Boolean).join(path.delimiter);
    const result = spawnSync("bash", ["--noprofile", "--norc", "-e", "-c", script], {
        cwd: options.dir,
        env: { PATH: searchPath, GITHUB_OUTPUT: outputFile, GITHUB_STEP_SUMMARY: summaryFile, ...env },
        encoding: "utf8",
    });
    const outputs = Object.fromEntries(
        fs
            .readFileSync(outputFile, "utf8")
            .split("\n")
            .filter((line) => line.includes("="))
            .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
    );
    return { status: result.status, stdout: result.stdout, stderr: result.stderr, outputs, summary: fs.readFileSync(summaryFile, "utf8") };
}
