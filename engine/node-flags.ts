/**
 * Node flags for a process that renders a stack: `npm run check` (package.json's `check` script passes
 * them to tsx), the `--all-stacks` workers and the benchmark's measurements. Nearly every object a render
 * makes outlives V8's default young generation (the SDK's promises wait for the whole program), so each
 * is copied at least once before it dies; a 64 MiB semi-space lets more die young. Prod with 1000
 * tenants: 36 to 33 s of CPU (median of 3 and of 5 runs).
 */
export const RENDER_NODE_FLAGS: readonly string[] = ["--max-semi-space-size=64"];
