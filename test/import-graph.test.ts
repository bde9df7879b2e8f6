import { describe, expect, it } from "vitest";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { ROOT_DIR } from "./support/paths.js";

/** Every relative import of a file, `import type` included: a type-only circle still couples two files. */
function relativeImports(file: string): string[] {
  const src = readFileSync(file, "utf8");
  const specs = [
    ...[...src.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+["'](\.[^"']+)["']/gm)].map((m) => m[1]),
    ...[...src.matchAll(/import\(\s*["'](\.[^"']+)["']\s*\)/g)].map((m) => m[1]),
  ];
  return specs.flatMap((spec) => {
    const base = join(dirname(file), spec).replace(/\.js$/, "");
    const hit = [".ts", ".tsx", "/index.ts"].map((ext) => base + ext).find((p) => existsSync(p));
    return hit ? [hit] : [];
  });
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sourceFiles(p) : /\.tsx?$/.test(name) && !name.endsWith(".d.ts") ? [p] : [];
  });
}

/** Strongly connected components of more than one file (Tarjan), each as sorted relative paths. */
function cycles(files: string[]): string[][] {
  const edges = new Map(files.map((f) => [f, relativeImports(f)]));
  const index = new Map<string, number>(),
    low = new Map<string, number>(),
    onStack = new Set<string>();
  const stack: string[] = [],
    out: string[][] = [];
  let next = 0;
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next);
    next++;
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!edges.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        scc.push(relative(ROOT_DIR, w));
      } while (w !== v);
      if (scc.length > 1) out.push(scc.sort());
    }
  };
  for (const f of files) if (!index.has(f)) visit(f);
  return out;
}

describe("the import graph", () => {
  it("has no circles in src/ and bot/, type-only imports included", () => {
    const files = [...sourceFiles(join(ROOT_DIR, "src")), ...sourceFiles(join(ROOT_DIR, "bot"))];
    expect(files.length).toBeGreaterThan(100);
    expect(cycles(files)).toEqual([]);
  });

  it("finds a circle when there is one, through a type-only import too (the checker itself)", () => {
    const dir = mkdtempSync(join(tmpdir(), "jubao-cycle-"));
    try {
      writeFileSync(join(dir, "a.ts"), 'import type { B } from "./b.js";\nexport interface A { b: B }\n');
      writeFileSync(join(dir, "b.ts"), 'import { c } from "./c.js";\nimport type { A } from "./a.js";\nexport interface B { a?: A; c: typeof c }\n');
      writeFileSync(join(dir, "c.ts"), "export const c = 1;\n");
      const found = cycles(sourceFiles(dir));
      expect(found).toHaveLength(1);
      expect(found[0].map((f) => f.split("/").pop())).toEqual(["a.ts", "b.ts"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
