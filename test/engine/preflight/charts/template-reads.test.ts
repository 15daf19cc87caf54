import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { actionsOf, emptyScan, scanTemplates, TemplateScan } from "../../../../engine/preflight/charts/template-reads";

function scan(text: string): TemplateScan {
    const result = emptyScan();
    scanTemplates([{ file: "templates/test.yaml", text }], result);
    return result;
}

const path = (dotted: string) => dotted.split(".");

describe("the template scanner", () => {
    it("reads a value a template names, and not its sibling", () => {
        const { reads } = scan("replicas: {{ .Values.autoscaling.minReplicas }}");
        assert.equal(reads.reads(path("autoscaling.minReplicas")), true);
        assert.equal(reads.reads(path("autoscaling.maxReplicas")), false);
    });

    it("reads everything below a value a template uses whole", () => {
        const { reads } = scan("nodeSelector:\n{{ toYaml .Values.nodeSelector | indent 2 }}");
        assert.equal(reads.reads(path("nodeSelector.kubernetes.io/os")), true);
    });

    it("does not read what is below a value a template only tests", () => {
        const { reads } = scan("{{ if .Values.podDisruptionBudget }}pdb: true{{ end }}");
        assert.equal(reads.reads(path("podDisruptionBudget")), true);
        assert.equal(reads.reads(path("podDisruptionBudget.minAvailable")), false);
    });

    it("follows the dot of with and range blocks", () => {
        const { reads } = scan([
            "{{- with .Values.tolerations }}{{ toYaml . }}{{ end }}",
            "{{- range .Values.service.ports }}- port: {{ .port }}{{ end }}",
            "{{- range $key, $val := .Values.env }}{{ $key }}={{ $val }}{{ end }}",
        ].join("\n"));
        assert.equal(reads.reads(["tolerations", "*", "key"]), true);
        assert.equal(reads.reads(["service", "ports", "*", "port"]), true);
        assert.equal(reads.reads(["service", "ports", "*", "nodePort"]), false);
        assert.equal(reads.reads(path("env.LOG_LEVEL")), true);
    });

    it("follows variables, $ and the context in named templates", () => {
        const { reads } = scan([
            "{{- $image := .Values.image }}image: {{ $image.repository }}",
            "{{- define \"tag\" }}{{ $.Values.image.tag }}{{ end }}",
            "{{- with .Values.other }}{{ $.Values.name }}{{ end }}",
        ].join("\n"));
        assert.equal(reads.reads(path("image.repository")), true);
        assert.equal(reads.reads(path("image.tag")), true);
        assert.equal(reads.reads(path("image.pullPolicy")), false);
        assert.equal(reads.reads(path("name")), true);
    });

    it("reads through index, hasKey, default and parenthesised fields", () => {
        const { reads } = scan([
            "{{ index .Values \"podAnnotations\" \"inject.istio.io/templates\" }}",
            "{{ if hasKey .Values.service \"loadBalancerClass\" }}x{{ end }}",
            "{{ .Values.hub | default .Values.global.hub }}",
            "{{ ((.Values.global.tracer).zipkin).address }}",
        ].join("\n"));
        assert.equal(reads.reads(["podAnnotations", "inject.istio.io/templates"]), true);
        assert.equal(reads.reads(path("service.loadBalancerClass")), true);
        assert.equal(reads.reads(path("hub")), true);
        assert.equal(reads.reads(path("global.hub")), true);
        assert.equal(reads.reads(path("global.tracer.zipkin.address")), true);
        assert.equal(reads.reads(path("global.tracer.datadog.address")), false);
    });

    it("skips a literal if false block up to its else", () => {
        const { reads } = scan("{{ if false }}{{ .Values.dead }}{{ else }}{{ .Values.alive }}{{ end }}");
        assert.equal(reads.reads(path("dead")), false);
        assert.equal(reads.reads(path("alive")), true);
    });

    it("counts a use of the whole values as a read of none of them", () => {
        const { reads } = scan("merged: {{ .Values | toPrettyJson }}\n{{- $b := set $ \"Values\" (mustMergeOverwrite $defaults $.Values) }}");
        assert.equal(reads.reads(path("anything")), false);
    });

    it("recognises values merged onto the values and onto Istio's defaults", () => {
        const result = scan([
            "{{- $defaults := $.Values._internal_defaults_do_not_set }}",
            "{{- if true }}{{- $a := mustMergeOverwrite $defaults ($profile.global) ($.Values.global | default dict) }}{{- end }}",
            "{{- $_ := mustMergeOverwrite $.Values (index $.Values \"pilot\") }}",
        ].join("\n"));
        assert.deepEqual(result.mergedIntoDefaults, [["global"]]);
        assert.deepEqual(result.descoped, [["pilot"]]);
        assert.equal(result.reads.reads(path("pilot")), false, "the merge itself reads nothing");
    });

    it("finds actions whose strings contain braces, and drops comments", () => {
        assert.deepEqual(actionsOf("a {{ `{{ x }}` | quote }} b {{/* note */}} {{- .Values.c -}}"), ["`{{ x }}` | quote", ".Values.c"]);
    });

    it("names the file of a template it cannot read", () => {
        assert.throws(() => scan("{{ .Values.a"), /templates\/test\.yaml: an action opened at offset 0 is never closed/);
    });
});
