/**
 * A small Mermaid flowchart builder: nodes with escaped labels and unique, valid ids, nested subgraphs,
 * labelled edges. It only emits what it declared, so every edge end is a declared node or subgraph.
 */

export type Shape = "rect" | "round" | "circle" | "cylinder" | "hexagon";

interface Node {
    readonly id: string;
    readonly label: string;
    readonly shape: Shape;
}

export interface Group {
    readonly id: string;
    readonly label: string;
    readonly nodes: Node[];
    readonly groups: Group[];
}

interface Edge {
    readonly from: string;
    readonly to: string;
    readonly label?: string;
    readonly dotted: boolean;
}

const SHAPES: Record<Shape, [string, string]> = {
    rect: ["[", "]"],
    round: ["(", ")"],
    circle: ["((", "))"],
    cylinder: ["[(", ")]"],
    hexagon: ["{{", "}}"],
};

/** Text safe inside a quoted Mermaid label: quotes as entities, line breaks as `<br/>`. */
export function escapeLabel(text: string): string {
    return text
        .replace(/"/g, "#quot;")
        .replace(/\r?\n/g, "<br/>")
        .replace(/[`]/g, "'")
        .trim();
}

export class Flowchart {
    private readonly used = new Set<string>();
    private readonly root: Group = { id: "", label: "", nodes: [], groups: [] };
    private readonly edges: Edge[] = [];
    private readonly edgeKeys = new Set<string>();

    constructor(private readonly direction: "LR" | "TB" = "LR") {}

    /** A fresh id from `hint`: letters, digits and underscores, starting with a letter. */
    private newId(hint: string): string {
        const base = `n_${hint.replace(/[^A-Za-z0-9]+/g, "_").replace(/^_+|_+$/g, "").slice(0, 40) || "x"}`;
        let id = base;
        for (let i = 2; this.used.has(id); i++) {
            id = `${base}_${i}`;
        }
        this.used.add(id);
        return id;
    }

    group(parent: Group | undefined, hint: string, label: string): Group {
        const group: Group = { id: this.newId(hint), label, nodes: [], groups: [] };
        (parent ?? this.root).groups.push(group);
        return group;
    }

    node(parent: Group | undefined, hint: string, label: string, shape: Shape = "rect"): string {
        const node: Node = { id: this.newId(hint), label, shape };
        (parent ?? this.root).nodes.push(node);
        return node.id;
    }

    /** An edge; a second edge with the same ends and label is dropped. */
    edge(from: string, to: string, label?: string, dotted = false): void {
        const key = `${from}>${to}>${label ?? ""}`;
        if (from === to || this.edgeKeys.has(key)) {
            return;
        }
        this.edgeKeys.add(key);
        this.edges.push({ from, to, ...(label ? { label } : {}), dotted });
    }

    /** Subgraphs with nothing inside are dropped (Mermaid draws them as stray boxes). */
    private prune(group: Group): boolean {
        group.groups.splice(0, group.groups.length, ...group.groups.filter((g) => this.prune(g)));
        return group.nodes.length + group.groups.length > 0;
    }

    private declared(group: Group, into: Set<string>): Set<string> {
        group.nodes.forEach((n) => into.add(n.id));
        group.groups.forEach((g) => {
            into.add(g.id);
            this.declared(g, into);
        });
        return into;
    }

    get size(): { nodes: number; edges: number; subgraphs: number } {
        const count = (g: Group): [number, number] => g.groups.reduce(([n, s], c) => {
            const [cn, cs] = count(c);
            return [n + cn, s + cs + 1];
        }, [g.nodes.length, 0]);
        const [nodes, subgraphs] = count(this.root);
        return { nodes, edges: this.edges.length, subgraphs };
    }

    render(): string {
        this.prune(this.root);
        const known = this.declared(this.root, new Set());
        const lines = [`flowchart ${this.direction}`];
        const emit = (group: Group, indent: string) => {
            for (const node of group.nodes) {
                const [open, close] = SHAPES[node.shape];
                lines.push(`${indent}${node.id}${open}"${escapeLabel(node.label)}"${close}`);
            }
            for (const child of group.groups) {
                lines.push(`${indent}subgraph ${child.id}["${escapeLabel(child.label)}"]`);
                emit(child, `${indent}  `);
                lines.push(`${indent}end`);
            }
        };
        emit(this.root, "  ");
        for (const edge of this.edges.filter((e) => known.has(e.from) && known.has(e.to))) {
            const arrow = edge.dotted ? "-.->" : "-->";
            lines.push(`  ${edge.from} ${arrow}${edge.label ? `|"${escapeLabel(edge.label)}"|` : ""} ${edge.to}`);
        }
        return lines.join("\n");
    }
}
