/**
 * What preflight reports: something a real API server, Helm, a node or an AWS API would refuse or never
 * make work, found in the rendered stack before anyone has credentials. Mocks accept anything; these
 * findings are what reality would not.
 */

/** One thing the real systems would refuse, named precisely enough to fix. */
export interface PreflightFinding {
    /** The check that found it (a `PreflightCheck` name). */
    readonly check: string;
    /** The resource the finding is about. */
    readonly urn: string;
    /** The field or value path inside the resource, e.g. `spec.pmm.image` or `values.pilot.resources`. */
    readonly path?: string;
    /** Who would refuse it: "Kubernetes API server", "Helm", "kubelet", "kube-scheduler", "AWS EKS API"... */
    readonly refusedBy: string;
    /** What the real system would do, e.g. `422: spec.pmm.image is required`. */
    readonly message: string;
    /** What to change, naming the file, setting or value. */
    readonly fix: string;
}

/** A family of preflight findings: one concern of the real systems (schemas, admission, placement...). */
export interface PreflightCheck<Stack> {
    /** kebab-case, stable: it names SARIF rules and report sections. */
    readonly name: string;
    /** One sentence: what the real systems judge that this check reproduces. */
    readonly description: string;
    run(stack: Stack): PreflightFinding[];
}

/** Findings in a stable order: by check, then resource, then path. */
export function sortFindings(findings: readonly PreflightFinding[]): PreflightFinding[] {
    return [...findings].sort((a, b) => a.check.localeCompare(b.check) || a.urn.localeCompare(b.urn) || (a.path ?? "").localeCompare(b.path ?? "") || a.message.localeCompare(b.message));
}
