/**
 * `npm run bench`: wall time of the offline check per stack against a floor measured in the same run
 * (the engine checking an empty program: Node, the SDK and the pack starting), the pack's launch-to-port
 * time, and a prod scaling series by tenant count with peak memory and marginal cost per tenant.
 * Each point runs in a fresh process, as a user's `npm run check` does. `--json` prints only JSON;
 * `--quick` stops the series at 100 tenants.
 * Peak memory is given for the measuring process (program and engine) and for the pack's process (read
 * from /proc; "n/a" elsewhere), and their sum.
 */
import { execFileSync } from "node:child_process";
import * as os from "node:os";
import * as path from "node:path";
import { RENDER_NODE_FLAGS } from "../node-flags";

interface Point {
    stack: string;
    floor: boolean;
    tenants: number | null;
    wallMs: number;
    peakRssMiB: number;
    resources: number;
    violations: number;
    packLaunchMs: number;
    packPeakRssMiB: number | null;
}

const json = process.argv.includes("--json");
const quick = process.argv.includes("--quick");
const SERIES = quick ? [1, 10, 100] : [1, 10, 100, 1000];

function measure(...args: string[]): Point {
    const out = execFileSync(process.execPath, [...RENDER_NODE_FLAGS, "--import", "tsx", path.join(__dirname, "measure.ts"), ...args], {
        encoding: "utf8",
        maxBuffer: 16 * 1024 * 1024,
        stdio: ["ignore", "pipe", "inherit"],
    });
    return JSON.parse(out.trim().split("\n").pop()!) as Point;
}

function log(line: string): void {
    if (!json) {
        process.stdout.write(`${line}\n`);
    }
}

const machine = { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? "unknown", memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version };
log(`machine: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node}\n`);

const floor = measure("dev", "--floor");
log(`floor (empty program, same engine and pack): ${floor.wallMs} ms, pack launch-to-port ${floor.packLaunchMs} ms\n`);
/** Engine + pack peak memory, e.g. "325 + 180 = 505". */
function memory(point: Point): string {
    return point.packPeakRssMiB === null ? `${point.peakRssMiB} + n/a` : `${point.peakRssMiB} + ${point.packPeakRssMiB} = ${point.peakRssMiB + point.packPeakRssMiB}`;
}

log("stack      resources  check ms  × floor  pack launch ms  violations  peak MiB (engine + pack)");
const stacks = ["dev", "staging", "prod"].map((stack) => {
    const point = measure(stack);
    log(`${stack.padEnd(10)} ${String(point.resources).padStart(9)} ${String(point.wallMs).padStart(9)} ${(point.wallMs / floor.wallMs).toFixed(2).padStart(8)} ${String(point.packLaunchMs).padStart(15)} ${String(point.violations).padStart(11)}  ${memory(point)}`);
    return { ...point, ratioToFloor: Number((point.wallMs / floor.wallMs).toFixed(2)) };
});

log("\nprod by tenants  resources  check ms  violations  peak MiB (engine + pack)");
const series = SERIES.map((tenants) => {
    const point = measure("prod", "--tenants", String(tenants));
    log(`${String(tenants).padStart(15)} ${String(point.resources).padStart(10)} ${String(point.wallMs).padStart(9)} ${String(point.violations).padStart(11)}  ${memory(point)}`);
    return point;
});
const first = series[0];
const last = series[series.length - 1];
const marginalMsPerTenant = Number(((last.wallMs - first.wallMs) / ((last.tenants ?? 1) - (first.tenants ?? 1))).toFixed(1));
const marginalResourcesPerTenant = Number(((last.resources - first.resources) / ((last.tenants ?? 1) - (first.tenants ?? 1))).toFixed(1));
log(`\nmarginal cost per tenant: ${marginalMsPerTenant} ms, ${marginalResourcesPerTenant} resources`);

const results = { machine, floor, stacks, series, marginalMsPerTenant, marginalResourcesPerTenant };
if (json) {
    process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
}
