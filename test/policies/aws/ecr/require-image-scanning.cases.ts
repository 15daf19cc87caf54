import { ruleCases, unknown } from "../../../harness/policy-cases";
import { cacheTemplate, registryScanning, repository } from "./baseline";

const onPushOnly = (filter: string) => ({ scanType: "BASIC", rules: [{ scanFrequency: "SCAN_ON_PUSH", repositoryFilters: [{ filter, filterType: "WILDCARD" }] }] });

export default ruleCases("require-image-scanning", {
    compliant: [
        { name: "a repository scanned on push by its own setting", resources: [repository("app")] },
        { name: "the platform's cache template and registry scanning", resources: [cacheTemplate("image-cache-docker-hub"), registryScanning("image-cache-scanning")] },
        { name: "a repository without its own setting, scanned by the registry", resources: [repository("app", { imageScanningConfiguration: undefined }), registryScanning("scanning")] },
        { name: "a repository matched by a prefix filter", resources: [repository("team/app", { imageScanningConfiguration: { scanOnPush: false } }), registryScanning("scanning", onPushOnly("team/*"))] },
        { name: "a template whose prefix a filter covers", resources: [cacheTemplate("image-cache-quay", { prefix: "quay" }), registryScanning("scanning", onPushOnly("quay/*"))] },
        { name: "no scanning in the stack where the team manages it elsewhere", resources: [repository("app", { imageScanningConfiguration: undefined }), cacheTemplate("cache")], config: { "require-image-scanning": { registryScanningOutsideStack: true } } },
    ],
    violating: [
        { name: "a repository with scan on push off and no registry scanning", resources: [repository("app", { imageScanningConfiguration: { scanOnPush: false } })], message: /Repository app is never scanned: scanOnPush is not true and no registry scanning rule of the stack matches it/ },
        { name: "a repository the registry's filter does not match", resources: [repository("app", { imageScanningConfiguration: undefined }), registryScanning("scanning", onPushOnly("team/*"))], message: /Repository app is never scanned/ },
        { name: "a registry rule that scans only manually", resources: [repository("app", { imageScanningConfiguration: undefined }), registryScanning("scanning", { scanType: "BASIC", rules: [{ scanFrequency: "MANUAL", repositoryFilters: [{ filter: "*", filterType: "WILDCARD" }] }] })], message: /Repository app is never scanned/ },
        { name: "the cache template without registry scanning", resources: [cacheTemplate("image-cache-docker-hub")], message: /The repositories creation template image-cache-docker-hub creates \(docker-hub\/\.\.\.\) are never scanned.*expected a rule with the filter "\*" or "docker-hub\/\*"/ },
        { name: "a template whose prefix the filters miss", resources: [cacheTemplate("image-cache-docker-hub"), registryScanning("scanning", onPushOnly("quay/*"))], message: /creates \(docker-hub\/\.\.\.\) are never scanned/ },
        { name: "a ROOT template with only prefix filters", resources: [cacheTemplate("root", { prefix: "ROOT" }), registryScanning("scanning", onPushOnly("docker-hub/*"))], message: /every repository no other template's prefix takes/ },
    ],
    unknown: [
        { name: "scan on push not known yet", resources: [repository("later", { imageScanningConfiguration: { scanOnPush: unknown } })] },
    ],
});
