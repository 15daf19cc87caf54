/**
 * The engine's dependency graph of a rendered stack, as access-ordering.ts walks it: an edge from each
 * resource to each of its dependencies and property dependencies, its provider and its parent
 * (pkg/resource/graph/dependency_graph.go). The parent edge holds for creation too: the Node.js SDK
 * registers a child only after its parent's URN resolves (`prepareResource` awaits `parent.urn`), and the
 * parent registers only after everything in its `dependsOn`, so a component's dependsOn orders its children.
 */
import type { RecordedResource } from "../program";
import type { PreflightStack } from "./stack";

/** The URN a provider reference (`<urn>::<id>`) points at. */
export function providerUrn(reference: string | undefined): string | undefined {
    return reference ? reference.split("::").slice(0, -1).join("::") : undefined;
}

/** A resource's outgoing edges: dependencies, property dependencies, provider and parent (not the root stack). */
export function edgesOf(resource: RecordedResource): string[] {
    const edges = [...resource.dependencies, ...Object.values(resource.propertyDependencies).flat()];
    const provider = providerUrn(resource.provider);
    if (provider) {
        edges.push(provider);
    }
    if (resource.parent && !resource.parent.includes("::pulumi:pulumi:Stack::")) {
        edges.push(resource.parent);
    }
    return edges;
}

/** Reverse reachability over a stack's graph, built once per stack; each target's dependents are computed once. */
export class DependencyGraph {
    private readonly reverse = new Map<string, string[]>();
    private readonly dependentsCache = new Map<string, ReadonlySet<string>>();

    constructor(resources: readonly RecordedResource[]) {
        for (const resource of resources) {
            for (const edge of edgesOf(resource)) {
                const list = this.reverse.get(edge);
                if (list) {
                    list.push(resource.urn);
                } else {
                    this.reverse.set(edge, [resource.urn]);
                }
            }
        }
    }

    /** The graph of a stack, built on first use. */
    static of(stack: PreflightStack): DependencyGraph {
        let graph = GRAPHS.get(stack);
        if (!graph) {
            graph = new DependencyGraph(stack.resources);
            GRAPHS.set(stack, graph);
        }
        return graph;
    }

    /** The resources that transitively depend on `target` (linear in the graph). */
    dependentsOf(target: string): ReadonlySet<string> {
        let seen = this.dependentsCache.get(target);
        if (!seen) {
            const found = new Set<string>();
            const frontier = [target];
            while (frontier.length > 0) {
                for (const next of this.reverse.get(frontier.pop()!) ?? []) {
                    if (!found.has(next)) {
                        found.add(next);
                        frontier.push(next);
                    }
                }
            }
            seen = found;
            this.dependentsCache.set(target, seen);
        }
        return seen;
    }

    /** Whether `dependent` is created after `dependency` finished (and deleted before it). */
    dependsOn(dependent: string, dependency: string): boolean {
        return dependent !== dependency && this.dependentsOf(dependency).has(dependent);
    }
}

const GRAPHS = new WeakMap<PreflightStack, DependencyGraph>();
