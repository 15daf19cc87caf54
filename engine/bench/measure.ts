/**
 * One measurement, in its own process (the engine renders once per process): the offline check of a
 * stack, optionally with N generated tenants, or of the empty program (the floor). Prints one JSON line.
 * Usage: measure.ts <stack> [--tenants N] [--floor]
 */
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { runCheck, prepareCheckProcess } from "../engine";

const ROOT = path.resolve(__dirname, "..", "..");
const args = process.argv.slice(2);
const stack = args[0];
const floor = args.includes("--floor");
const tenantsAt = args.indexOf("--tenants");
const tenants = tenantsAt >= 0 ? Number(args[tenantsAt + 1]) : undefined;

// Measured as the check command runs.
prepareCheckProcess();
(async () => {
    const started = performance.now();
    const result = await runCheck({
        root: ROOT,
        stack,
        ...(floor ? { program: path.join(__dirname, "empty-program.ts") } : {}),
        ...(tenants !== undefined
            ? { configOverrides: { "secure-platform:tenants": JSON.stringify(Array.from({ length: tenants }, (_, i) => ({ name: `t${String(i).padStart(4, "0")}` }))) } }
            : {}),
    });
    const wallMs = performance.now() - started;
    const cpu = process.cpuUsage();
    process.stdout.write(`${JSON.stringify({
        stack,
        floor,
        tenants: tenants ?? null,
        wallMs: Math.round(wallMs),
        peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
        cpuMs: Math.round((cpu.user + cpu.system) / 1000),
        resources: result.resources.length,
        violations: result.violations.filter((v) => v.enforcementLevel === "mandatory").length,
        packLaunchMs: Math.round(result.policyPack.launchMs),
        packPeakRssMiB: result.policyPack.peakRssMiB ?? null,
    })}\n`);
    process.exit(0);
})().catch((error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
});
