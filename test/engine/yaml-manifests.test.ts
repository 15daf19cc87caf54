/**
 * The objects of a yaml/v2 ConfigGroup or ConfigFile, expanded as the Kubernetes provider registers them: names,
 * types, namespaces, order and dependencies, secrets, and the errors the provider would stop at.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, it } from "node:test";
import { engineUrn, type RecordedResource } from "../../engine/program";
import { isSecretValue, secret, UNKNOWN } from "../../engine/wire";
import { CONFIG_FILE_V2, CONFIG_GROUP_V2, decodeManifests, expandYamlComponent, ExpansionContext, globFiles } from "../../engine/yaml-manifests";

const PROVIDER = "urn:pulumi:dev::team::pulumi:providers:kubernetes::cluster::0b4f";

function component(inputs: Record<string, unknown>, options: { type?: string; name?: string; provider?: string | null } = {}): RecordedResource {
    const type = options.type ?? CONFIG_GROUP_V2;
    const name = options.name ?? "apps";
    return {
        urn: engineUrn("dev", "team", undefined, type, name),
        type,
        name,
        custom: false,
        ...(options.provider === null ? {} : { provider: options.provider ?? PROVIDER }),
        protect: true,
        retainOnDelete: false,
        ignoreChanges: [],
        additionalSecretOutputs: [],
        aliases: [],
        dependencies: [],
        propertyDependencies: {},
        inputs,
        outputs: {},
    };
}

function context(programDir = os.tmpdir(), providerNamespace?: string): ExpansionContext {
    return {
        programDir,
        urnOf: (parent, type, name) => engineUrn("dev", "team", parent, type, name),
        providerInputs: (reference) => (reference === PROVIDER && providerNamespace ? { namespace: providerNamespace } : {}),
        newResource: (_type, name) => ({ id: `${name}-id`, state: {} }),
    };
}

const DEPLOYMENT = { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web", namespace: "orders" }, spec: { template: { spec: { containers: [{ name: "web", image: "nginx" }] } } } };

describe("decoding manifests", () => {
    it("reads every document of a YAML stream, skipping empty ones, with YAML 1.1 scalars as Kubernetes reads them", () => {
        const objects = decodeManifests("---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {on: yes}\n---\n# nothing\n---\n{}\n---\n{\"apiVersion\": \"v1\", \"kind\": \"Namespace\", \"metadata\": {\"name\": \"b\"}}\n", "test.yaml");
        assert.deepEqual(objects.map((o) => o.kind), ["ConfigMap", "Namespace"]);
        assert.deepEqual(objects[0].data, { true: true }, "yes and on are booleans in YAML 1.1, which the API server then refuses in a ConfigMap");
    });

    it("refuses a document that is not an object and text that is not YAML, naming the source", () => {
        assert.throws(() => decodeManifests("apiVersion: v1\n---\n- a list\n", "apps.yaml"), /decoding YAML of apps\.yaml: document 2 is not an object/);
        assert.throws(() => decodeManifests("a: [unclosed\n", "apps.yaml"), /decoding YAML of apps\.yaml/);
    });
});

describe("finding manifest files", () => {
    it("expands glob patterns as Go's filepath.Glob does, sorted, and keeps a plain path as it is", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "glob-"));
        fs.mkdirSync(path.join(dir, "manifests"));
        for (const file of ["b.yaml", "a.yaml", "c.yml", "notes.txt"]) {
            fs.writeFileSync(path.join(dir, "manifests", file), "");
        }
        assert.deepEqual(globFiles("manifests/*.yaml", dir), [path.join("manifests", "a.yaml"), path.join("manifests", "b.yaml")]);
        assert.deepEqual(globFiles("manifests/[bc].y*ml", dir), [path.join("manifests", "b.yaml"), path.join("manifests", "c.yml")]);
        assert.deepEqual(globFiles("*/a.yaml", dir), [path.join("manifests", "a.yaml")]);
        assert.deepEqual(globFiles("missing/*.yaml", dir), []);
        assert.deepEqual(globFiles("manifests/none.yaml", dir), ["manifests/none.yaml"]);
    });
});

describe("expanding a yaml/v2 component", () => {
    it("names each child <component>:<namespace>/<name> (cluster-scoped <component>:<name>), typed by group and version, parented to the component", () => {
        const children = expandYamlComponent(component({
            objs: [DEPLOYMENT, { apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRole", metadata: { name: "reader" } }, { apiVersion: "security.istio.io/v1", kind: "AuthorizationPolicy", metadata: { name: "allow", namespace: "orders" } }],
        }), context());
        assert.deepEqual(children.map((c) => [c.type, c.name]), [
            ["kubernetes:apps/v1:Deployment", "apps:orders/web"],
            ["kubernetes:rbac.authorization.k8s.io/v1:ClusterRole", "apps:reader"],
            ["kubernetes:security.istio.io/v1:AuthorizationPolicy", "apps:orders/allow"],
        ]);
        assert.equal(children[0].urn, "urn:pulumi:dev::team::kubernetes:yaml/v2:ConfigGroup$kubernetes:apps/v1:Deployment::apps:orders/web");
        assert.ok(children.every((c) => c.parent === component({}).urn && c.provider === PROVIDER && c.custom && c.protect));
        assert.deepEqual(children[0].inputs, DEPLOYMENT);
        assert.equal(children[0].id, "apps:orders/web-id");
    });

    it("prefixes with resourcePrefix instead of the component's name, and with nothing when it is empty", () => {
        assert.equal(expandYamlComponent(component({ objs: [DEPLOYMENT], resourcePrefix: "orders" }), context())[0].name, "orders:orders/web");
        assert.equal(expandYamlComponent(component({ objs: [DEPLOYMENT], resourcePrefix: "" }), context())[0].name, "orders/web");
    });

    it("gives a namespaced kind without a namespace the provider's, or default, and leaves cluster-scoped and unknown kinds without", () => {
        const objs = [
            { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "settings" } },
            { apiVersion: "v1", kind: "Namespace", metadata: { name: "orders" } },
            { apiVersion: "security.istio.io/v1", kind: "PeerAuthentication", metadata: { name: "strict" } },
            { apiVersion: "example.com/v1", kind: "Widget", metadata: { name: "unknown-scope" } },
        ];
        const byName = (providerNamespace?: string) => Object.fromEntries(expandYamlComponent(component({ objs }), context(os.tmpdir(), providerNamespace))
            .map((c) => [(c.inputs.metadata as { name: string }).name, (c.inputs.metadata as { namespace?: string }).namespace]));
        assert.deepEqual(byName(), { settings: "default", orders: undefined, strict: "default", "unknown-scope": undefined });
        assert.deepEqual(byName("team")["settings"], "team");
    });

    it("takes a kind's scope from a CRD among the objects", () => {
        const crd = { apiVersion: "apiextensions.k8s.io/v1", kind: "CustomResourceDefinition", metadata: { name: "widgets.example.com" }, spec: { group: "example.com", scope: "Namespaced", names: { kind: "Widget", plural: "widgets" } } };
        const widget = { apiVersion: "example.com/v1", kind: "Widget", metadata: { name: "w" } };
        const children = expandYamlComponent(component({ objs: [widget, crd] }), context());
        assert.deepEqual(children.map((c) => c.name), ["apps:widgets.example.com", "apps:default/w"], "the CRD is registered first");
        assert.deepEqual(children[1].dependencies, [children[0].urn]);
    });

    it("registers a Namespace before its objects and honours config.kubernetes.io/depends-on, as dependencies", () => {
        const children = expandYamlComponent(component({
            objs: [
                { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "late", namespace: "orders", annotations: { "config.kubernetes.io/depends-on": "apps/namespaces/orders/Deployment/web" } } },
                DEPLOYMENT,
                { apiVersion: "v1", kind: "Namespace", metadata: { name: "orders" } },
            ],
        }), context());
        assert.deepEqual(children.map((c) => c.name), ["apps:orders", "apps:orders/web", "apps:orders/late"]);
        const urn = (name: string) => children.find((c) => c.name === name)!.urn;
        assert.deepEqual(children[1].dependencies, [urn("apps:orders")]);
        assert.deepEqual(new Set(children[2].dependencies), new Set([urn("apps:orders"), urn("apps:orders/web")]));
    });

    it("marks a Secret's data secret, adds the skipAwait annotation, and expands lists into their items", () => {
        const children = expandYamlComponent(component({
            skipAwait: true,
            objs: [{ apiVersion: "v1", kind: "List", items: [{ apiVersion: "v1", kind: "Secret", metadata: { name: "token", namespace: "orders" }, stringData: { token: "s3cr3t" } }] }],
        }), context());
        assert.equal(children.length, 1);
        assert.ok(isSecretValue(children[0].inputs.stringData));
        assert.equal((children[0].inputs.metadata as { annotations: Record<string, string> }).annotations["pulumi.com/skipAwait"], "true");
    });

    it("keeps every field of an object secret when its YAML came from a secret", () => {
        const [child] = expandYamlComponent(component({ yaml: secret("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: orders}\ndata: {k: v}\n") }), context());
        assert.ok(isSecretValue(child.inputs.data));
        assert.equal(child.inputs.kind, "ConfigMap");
    });

    it("reads files relative to the program's folder, globbing for a ConfigGroup and not for a ConfigFile, before the yaml and objs", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "program-"));
        fs.mkdirSync(path.join(dir, "manifests"));
        fs.writeFileSync(path.join(dir, "manifests", "web.yaml"), "apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: orders}\n");
        const group = expandYamlComponent(component({ files: ["manifests/*.yaml"], yaml: "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: orders}\n", objs: [DEPLOYMENT] }), context(dir));
        assert.deepEqual(group.map((c) => `${c.type} ${c.name}`), ["kubernetes:core/v1:Service apps:orders/web", "kubernetes:core/v1:ConfigMap apps:orders/c", "kubernetes:apps/v1:Deployment apps:orders/web"]);
        const file = expandYamlComponent(component({ file: "manifests/web.yaml" }, { type: CONFIG_FILE_V2, name: "web" }), context(dir));
        assert.deepEqual(file.map((c) => c.urn), ["urn:pulumi:dev::team::kubernetes:yaml/v2:ConfigFile$kubernetes:core/v1:Service::web:orders/web"]);
        assert.throws(() => expandYamlComponent(component({ file: "manifests/*.yaml" }, { type: CONFIG_FILE_V2 }), context(dir)), /reading YAML file manifests\/\*\.yaml .*ENOENT/);
    });

    it("stops where the provider stops: a missing file, an object without kind or name, a manifest on the network", () => {
        assert.throws(() => expandYamlComponent(component({ files: ["missing.yaml"] }), context()), /reading YAML file missing\.yaml \(from .*\): ENOENT/);
        assert.throws(() => expandYamlComponent(component({ objs: [{ apiVersion: "v1", metadata: { name: "x" } }] }), context()), /Kubernetes resources require a kind and apiVersion/);
        assert.throws(() => expandYamlComponent(component({ objs: [{ apiVersion: "v1", kind: "ConfigMap", metadata: {} }] }), context()), /Kubernetes resources require a \.metadata\.name/);
        assert.throws(() => expandYamlComponent(component({ files: ["https://example.com/app.yaml"] }), context()), /does not fetch manifests over the network/);
    });

    it("registers nothing while an input is unknown, as the provider does during a preview", () => {
        assert.deepEqual(expandYamlComponent(component({ yaml: UNKNOWN }), context()), []);
    });
});
