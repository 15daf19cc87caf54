/**
 * One stack of `npm run check -- --all-stacks`, in a process of its own: checks the stack and writes
 * the whole check result as JSON on stdout, for the parent to render with every other stack's.
 * Exit codes: 0 the result is on stdout (whatever it found), 2 bad settings, 3 the program or the
 * policy pack failed; the reason on stderr.
 * Usage: check-worker.ts <stack> [<policy pack config file>]
 */
import * as path from "node:path";
import { exitThreeOnStrayErrors, failureOf, readPolicyPackConfig } from "./check";
import { runCheck, prepareCheckProcess } from "./engine";

async function main(stack: string, policyPackConfigFile: string | undefined): Promise<number> {
    try {
        const result = await runCheck({
            root: path.resolve(__dirname, ".."),
            stack,
            ...(policyPackConfigFile ? { policyPackConfig: readPolicyPackConfig(policyPackConfigFile) } : {}),
        });
        process.stdout.write(JSON.stringify(result));
        return 0;
    } catch (error) {
        const failure = failureOf(error);
        process.stderr.write(`error: ${failure.message}\n`);
        return failure.code;
    }
}

prepareCheckProcess();
exitThreeOnStrayErrors();
main(process.argv[2], process.argv[3]).then((code) => {
    // As the check command: exit once the (possibly large) result has been written to the pipe.
    process.stdout.write("", () => process.stderr.write("", () => process.exit(code)));
}, (error) => {
    process.stderr.write(`${String(error)}\n`, () => process.exit(3));
});
