import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/**
 * The shape of lib/: no import cycles, nothing of Next.js or React, and the layers below
 * (lib/db builds the queries; the features above it call it, never the other way round).
 */

const libDir = import.meta.dirname;

/** Folders of lib/ and the folders of lib/ that they must not import (tests aside). */
const mayNotImport: Record<string, readonly string[]> = {
  db: ["stories", "site", "people"],
  workflow: ["db", "stories", "site"],
  editor: ["db", "stories", "site"],
};

/** Packages lib/ must not import: it is shared by the app, the collaboration server and tests. */
const frameworkImport = /^(next|react|react-dom|@tiptap\/react)(\/|$)/;

/** Every .ts file under lib/, relative to it, with what it imports (specifiers as written). */
function readLib(): Map<string, string[]> {
  const files = new Map<string, string[]>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith(".d.ts")) {
        // preProcessFile sees static, type-only, re-export and dynamic imports, not comments.
        const info = ts.preProcessFile(
          fs.readFileSync(full, "utf8"),
          true,
          true,
        );
        files.set(
          path.relative(libDir, full),
          info.importedFiles.map((f) => f.fileName),
        );
      }
    }
  };
  walk(libDir);
  return files;
}

/** `specifier` imported from `from` as a file of lib/ (relative to lib/), if it is one. */
function resolveInLib(
  files: ReadonlyMap<string, unknown>,
  from: string,
  specifier: string,
): string | undefined {
  let target: string;
  if (specifier.startsWith("@/lib/")) target = specifier.slice("@/lib/".length);
  else if (specifier.startsWith("."))
    target = path.join(path.dirname(from), specifier);
  else return undefined;
  return [`${target}.ts`, `${target}.tsx`, path.join(target, "index.ts")].find(
    (candidate) => files.has(candidate),
  );
}

/** One import cycle of `graph` (its files in order, the first repeated last), or null. */
function findCycle(
  graph: ReadonlyMap<string, readonly string[]>,
): string[] | null {
  const done = new Set<string>();
  const onPath: string[] = [];
  const visit = (node: string): string[] | null => {
    const at = onPath.indexOf(node);
    if (at >= 0) return [...onPath.slice(at), node];
    if (done.has(node)) return null;
    onPath.push(node);
    for (const next of graph.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    onPath.pop();
    done.add(node);
    return null;
  };
  for (const node of graph.keys()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return null;
}

function libGraph(files: ReadonlyMap<string, readonly string[]>) {
  const graph = new Map<string, string[]>();
  for (const [file, specifiers] of files)
    graph.set(
      file,
      specifiers.flatMap((s) => resolveInLib(files, file, s) ?? []),
    );
  return graph;
}

const topFolder = (file: string) => file.split(path.sep)[0]!;

describe("lib/'s imports", () => {
  const files = readLib();

  it("reads lib/ (the checks below see its files and their imports)", () => {
    expect(files.size).toBeGreaterThan(50);
    expect(files.get(path.join("db", "story-moves.ts"))).toContain(
      "./content-version",
    );
  });

  it("have no cycle", () => {
    expect(findCycle(libGraph(files))).toBeNull();
  });

  it("finds a cycle when there is one", () => {
    const cyclic = new Map([
      ["a.ts", ["b.ts"]],
      ["b.ts", ["c.ts"]],
      ["c.ts", ["a.ts"]],
    ]);
    expect(findCycle(cyclic)).toEqual(["a.ts", "b.ts", "c.ts", "a.ts"]);
  });

  it("take nothing from Next.js or React", () => {
    const offending = [...files].flatMap(([file, specifiers]) =>
      specifiers
        .filter((s) => frameworkImport.test(s))
        .map((s) => `${file} imports ${s}`),
    );
    expect(offending).toEqual([]);
  });

  it("keep to the layers (lib/db imports nothing from the features above it)", () => {
    const graph = libGraph(files);
    const offending: string[] = [];
    for (const [file, targets] of graph) {
      if (file.endsWith(".test.ts")) continue;
      const banned = mayNotImport[topFolder(file)] ?? [];
      for (const target of targets)
        if (banned.includes(topFolder(target)))
          offending.push(`${file} imports ${target}`);
    }
    expect(offending).toEqual([]);
  });
});
