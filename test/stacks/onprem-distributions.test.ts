/**
 * The on-prem stack on each distribution the platform knows, through the check command: the Istio CNI agent's
 * values are ones the pinned cni chart reads (preflight's helm-values check), for the committed RKE2 nodes with
 * SELinux enforcing and for k3s, and a distribution the platform does not know is refused naming the key.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { CliResult, derivedStackFile, runCheckCli } from "../harness/cli";

const RELEASE = "kubernetes:helm.sh/v3:Release";
const runs = new Map<string, CliResult>();
const withDistribution = (distribution: string, selinux: string) => derivedStackFile("onprem", (text) => text
    .replace("secure-platform:distribution: rke2", `secure-platform:distribution: ${distribution}`)
    .replace("secure-platform:selinux: enforcing", `secure-platform:selinux: ${selinux}`));

before(async () => {
    const cases: Array<[string, () => Promise<CliResult>]> = [
        ["rke2, SELinux enforcing", () => runCheckCli(["--stack", "onprem", "--format", "json"])],
        ["k3s, SELinux disabled", () => runCheckCli(["--stack", "onprem", "--format", "json", "--config-file", withDistribution("k3s", "disabled")])],
        ["microk8s", () => runCheckCli(["--stack", "onprem", "--config-file", withDistribution("microk8s", "enforcing")])],
    ];
    const queue = [...cases];
    await Promise.all([0, 1].map(async () => {
        for (let next = queue.shift(); next; next = queue.shift()) {
            runs.set(next[0], await next[1]());
        }
    }));
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function cniValues(run: string): any {
    const result = runs.get(run)!;
    assert.equal(result.code, 0, result.stderr);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const report = JSON.parse(result.stdout) as { preflight: unknown[]; resources: Array<{ type: string; inputs: any }> };
    assert.deepEqual(report.preflight, []);
    return report.resources.find((r) => r.type === RELEASE && r.inputs.name === "istio-cni")!.inputs.values;
}

describe("stack onprem on each distribution", () => {
    it("runs the CNI agent as spc_t in the chart's directories on RKE2 with SELinux enforcing, values the chart reads", () => {
        const values = cniValues("rke2, SELinux enforcing");
        assert.deepEqual(values.seLinuxOptions, { type: "spc_t" });
        assert.equal(values.global.platform, undefined);
    });

    it("selects Istio's k3s platform profile on k3s, without an SELinux label where SELinux is off", () => {
        const values = cniValues("k3s, SELinux disabled");
        assert.equal(values.global.platform, "k3s");
        assert.equal(values.seLinuxOptions, undefined);
    });

    it("refuses a distribution it does not know, with exit code 2 naming the key", () => {
        const result = runs.get("microk8s")!;
        assert.equal(result.code, 2);
        assert.match(result.stderr, /secure-platform:distribution: "microk8s" is not allowed; use one of kubeadm, k3s, rke2/);
    });
});
