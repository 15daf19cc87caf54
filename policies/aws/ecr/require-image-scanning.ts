import { defineStackRule } from "../../lib/rule";
import { list, ofType } from "../../lib/values";

const SCANNING = "aws:ecr/registryScanningConfiguration:RegistryScanningConfiguration";
/** Frequencies that scan without being asked (MANUAL scans nothing by itself). */
const SCANNING_FREQUENCIES = ["SCAN_ON_PUSH", "CONTINUOUS_SCAN"];

/** A repository filter as ECR reads it: `*` stands for any characters. */
function wildcard(filter: string): RegExp {
    return new RegExp(`^${filter.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`);
}

/** Whether a filter takes in every repository a creation template with `prefix` creates (`<prefix>/...`). */
function coversPrefix(filter: string, prefix: unknown): boolean {
    if (filter === "*") {
        return true;
    }
    const head = filter.slice(0, -1);
    return prefix !== "ROOT" && filter.endsWith("*") && !head.includes("*") && `${String(prefix)}/`.startsWith(head);
}

/**
 * A repository is scanned by its own scan-on-push setting or by the registry's scanning configuration,
 * which takes over from it (and is the only setting with enhanced scanning). Repositories ECR creates from
 * a creation template (pull-through cache, replication, create on push) have no setting of their own, so
 * only the registry's rules can scan them.
 */
export default defineStackRule<{ registryScanningOutsideStack: boolean }>({
    name: "require-image-scanning",
    description: "Every ECR repository, and every repository ECR creates from a creation template, must be scanned for vulnerabilities: on push or continuously, by its own setting or by a registry scanning rule of the stack.",
    severity: "high",
    controls: ["FSBP ECR.1"],
    remediation: "Add an aws.ecr.RegistryScanningConfiguration with a rule `{ scanFrequency: \"SCAN_ON_PUSH\" (or \"CONTINUOUS_SCAN\" with scanType \"ENHANCED\"), repositoryFilters: [{ filter: \"*\", filterType: \"WILDCARD\" }] }`, or set `imageScanningConfiguration: { scanOnPush: true }` on the aws.ecr.Repository; if the account's registry scanning is managed by another stack, set registryScanningOutsideStack.",
    config: {
        registryScanningOutsideStack: {
            type: "boolean",
            default: false,
            description: "The account's registry scanning configuration is managed outside this stack and scans every repository.",
        },
    },
    validate(resources, { config }, report) {
        if (config.registryScanningOutsideStack) {
            return;
        }
        // Every filter of a scanning rule, once each, so many copies of one configuration cost one pattern.
        const filters = new Map<string, RegExp>();
        for (const scanning of ofType(resources, SCANNING)) {
            for (const rule of list(scanning.props.rules)) {
                if (!SCANNING_FREQUENCIES.includes(String(rule.scanFrequency))) {
                    continue;
                }
                for (const repositoryFilter of list(rule.repositoryFilters)) {
                    const filter = repositoryFilter.filter;
                    if (typeof filter === "string" && !filters.has(filter)) {
                        filters.set(filter, wildcard(filter));
                    }
                }
            }
        }
        const expected = "expected imageScanningConfiguration.scanOnPush: true or a registry scanning rule (SCAN_ON_PUSH or CONTINUOUS_SCAN) whose filter matches it";
        for (const repository of ofType(resources, "aws:ecr/repository:Repository")) {
            if (repository.props.imageScanningConfiguration?.scanOnPush === true) {
                continue;
            }
            const name = repository.props.name;
            const scanned = typeof name === "string" ? [...filters.values()].some((pattern) => pattern.test(name)) : filters.has("*");
            if (!scanned) {
                report(repository, `Repository ${typeof name === "string" ? name : repository.name} is never scanned: scanOnPush is not true and no registry scanning rule of the stack matches it; ${expected}.`);
            }
        }
        for (const template of ofType(resources, "aws:ecr/repositoryCreationTemplate:RepositoryCreationTemplate")) {
            const prefix = template.props.prefix;
            if (![...filters.keys()].some((filter) => coversPrefix(filter, prefix))) {
                const names = prefix === "ROOT" ? "every repository no other template's prefix takes" : `${String(prefix)}/...`;
                report(template, `The repositories creation template ${template.name} creates (${names}) are never scanned: no registry scanning rule of the stack (SCAN_ON_PUSH or CONTINUOUS_SCAN) has a filter taking them all in; expected a rule with the filter "*" or "${prefix === "ROOT" ? "*" : `${String(prefix)}/*`}".`);
            }
        }
    },
});
