import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { ROOT_DIR } from "./support/paths.js";

/** Every import of a file (value imports only: `import type` cannot create a runtime dependency). */
function importsOf(file: string): string[] {
  const src = readFileSync(file, "utf8");
  const out: string[] = [];
  for (const m of src.matchAll(/^\s*(import|export)\s+(?!type\b)[^'"]*?from\s+["']([^"']+)["']/gm)) out.push(m[2]);
  for (const m of src.matchAll(/import\(\s*["']([^"']+)["']\s*\)/g)) out.push(m[1]);
  return out;
}

function filesUnder(dir: string): string[] {
  const abs = join(ROOT_DIR, dir);
  return readdirSync(abs).flatMap((name) => {
    const p = join(abs, name);
    return statSync(p).isDirectory() ? filesUnder(relative(ROOT_DIR, p)) : /\.tsx?$/.test(name) ? [p] : [];
  });
}

function resolveTarget(from: string, spec: string): string {
  return spec.startsWith(".") ? relative(ROOT_DIR, join(from, "..", spec)) : spec;
}

function violations(dir: string, forbidden: (target: string) => boolean): string[] {
  return filesUnder(dir).flatMap((f) => importsOf(f).map((s) => resolveTarget(f, s)).filter(forbidden).map((t) => `${relative(ROOT_DIR, f)} → ${t}`));
}

describe("dependencies point inward (domain ← app ← db/http/bot/adapters/jobs)", () => {
  it("src/domain imports no framework, database, Node built-in or outer layer", () => {
    expect(violations("src/domain", (t) =>
      /^(hono|grammy|drizzle-orm|postgres|@electric-sql|@hono|node:)/.test(t) || /^(src\/(app|db|http|adapters|jobs)|bot)\//.test(t),
    )).toEqual([]);
  });

  it("src/app does not reach into the transports (http, bot, jobs) or pick adapters itself", () => {
    expect(violations("src/app", (t) => /^(src\/(http|jobs|adapters)|bot)\//.test(t) || /^(hono|grammy)/.test(t))).toEqual([]);
  });

  it("bot features and HTTP routes never touch the database directly (they call verbs)", () => {
    const touchesDb = (t: string) => /^drizzle-orm/.test(t) || /^src\/db\/(schema|client)/.test(t);
    expect([...violations("bot", touchesDb), ...violations("src/http", touchesDb)]).toEqual([]);
  });
});

describe("the Worker bundle", () => {
  it("imports every Fluent file under locales/, so Workers speak every feature's texts", () => {
    const worker = readFileSync(join(ROOT_DIR, "src/worker.ts"), "utf8");
    const ftl = filesUnderFtl("locales");
    expect(ftl.length).toBeGreaterThan(0);
    for (const f of ftl) expect(worker, `src/worker.ts should import ../${f}`).toContain(`"../${f}"`);
  });
});

function filesUnderFtl(dir: string): string[] {
  const abs = join(ROOT_DIR, dir);
  return readdirSync(abs).flatMap((name) => {
    const p = join(abs, name);
    return statSync(p).isDirectory() ? filesUnderFtl(relative(ROOT_DIR, p)) : name.endsWith(".ftl") ? [relative(ROOT_DIR, p)] : [];
  });
}
