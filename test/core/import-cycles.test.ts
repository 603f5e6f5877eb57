import { describe, expect, test } from "bun:test";
import { importPath, type RuntimeEdge, runtimeEdges, sourceFiles } from "../import-graph";

/**
 * No import cycles in src/, and none hidden behind a lazy `import()`: a lazy import is for start-up
 * cost, never to get round a cycle. The one lazy import allowed to close a loop is a command
 * table's loader (`src/cli/<namespace>/namespace.ts` loading a command's file on dispatch): the
 * table names its commands, and a command may read the tables (plugin:install reserves their names).
 */
const EDGES = runtimeEdges(sourceFiles("src"));

function isCommandLoader(edge: RuntimeEdge): boolean {
  return edge.dynamic && /^src\/cli\/[^/]+\/namespace$/.test(edge.from);
}

/** Each edge that closes a cycle over `edges`, with the way back: `a -> b -> ... -> a`. */
function cyclesThrough(candidates: readonly RuntimeEdge[], edges: readonly RuntimeEdge[]): string[] {
  return candidates.flatMap((edge) => {
    const back = importPath(edges, edge.to, edge.from);
    return back === undefined ? [] : [[edge.from, ...back].join(" -> ")];
  });
}

describe("import cycles", () => {
  test("no static import cycle", () => {
    const statics = EDGES.filter((edge) => !edge.dynamic);
    expect(cyclesThrough(statics, statics)).toEqual([]);
  });

  test("no lazy import() closes a cycle but a command table's loader", () => {
    const counted = EDGES.filter((edge) => !isCommandLoader(edge));
    expect(
      cyclesThrough(
        counted.filter((edge) => edge.dynamic),
        counted,
      ),
    ).toEqual([]);
  });

  test("a cycle, and one behind a lazy import, are found (the check can fail)", () => {
    const edges: RuntimeEdge[] = [
      { from: "src/a", to: "src/b", dynamic: false },
      { from: "src/b", to: "src/a", dynamic: false },
      { from: "src/c", to: "src/d", dynamic: true },
      { from: "src/d", to: "src/c", dynamic: false },
      { from: "src/e", to: "src/f", dynamic: false },
    ];
    expect(cyclesThrough(edges, edges)).toEqual([
      "src/a -> src/b -> src/a",
      "src/b -> src/a -> src/b",
      "src/c -> src/d -> src/c",
      "src/d -> src/c -> src/d",
    ]);
    expect(EDGES.length).toBeGreaterThan(1000);
  });
});
