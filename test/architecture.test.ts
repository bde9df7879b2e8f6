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

/** Every import of a file, `import type` included: a transport must not even know a state machine's shapes. */
function allImportsOf(file: string): string[] {
  const src = readFileSync(file, "utf8");
  return [...src.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+["']([^"']+)["']/gm), ...src.matchAll(/import\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
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
  return filesUnder(dir).flatMap((f) =>
    importsOf(f)
      .map((s) => resolveTarget(f, s))
      .filter(forbidden)
      .map((t) => `${relative(ROOT_DIR, f)} → ${t}`),
  );
}

describe("dependencies point inward (domain ← app ← db/http/bot/adapters/jobs)", () => {
  it("src/domain imports no framework, database, Node built-in or outer layer", () => {
    expect(
      violations(
        "src/domain",
        (t) => /^(hono|grammy|drizzle-orm|postgres|@electric-sql|@hono|node:)/.test(t) || /^(src\/(app|db|http|adapters|jobs)|bot)\//.test(t),
      ),
    ).toEqual([]);
  });

  it("src/app does not reach into the transports (http, bot, jobs) or pick adapters itself", () => {
    expect(violations("src/app", (t) => /^(src\/(http|jobs|adapters)|bot)\//.test(t) || /^(hono|grammy)/.test(t))).toEqual([]);
  });

  it("bot features and HTTP routes never hand a raw database handle to a verb (verbs take deps and the actor)", () => {
    const raw = [...filesUnder("bot"), ...filesUnder("src/http")].filter((f) => /\bdeps\.db\b/.test(readFileSync(f, "utf8"))).map((f) => relative(ROOT_DIR, f));
    expect(raw).toEqual([]);
  });

  it("bot features and HTTP routes never touch the database or its driver errors (they call verbs; outages come as AppError)", () => {
    const touchesDb = (t: string) => /^(drizzle-orm|postgres|@electric-sql)/.test(t) || /^src\/db\//.test(t);
    expect([...violations("bot", touchesDb), ...violations("src/http", touchesDb)]).toEqual([]);
  });
});

describe("one conversation engine: the state machines are the app's", () => {
  /**
   * A conversation's state machine is: the engine and conversation storage (src/app/conversations/),
   * a step definition or reducer (src/app/<feature>/*-steps.ts), or a conversation's name, key and
   * state (src/app/<feature>/*-conversation.ts). A transport maps what arrived to an input, calls a
   * verb (start-report.ts, report-turn.ts, record-figure-answer.ts…) and renders its reply.
   */
  const isStateMachine = (t: string) => /^src\/app\/(conversations\/|.*-(steps|conversation)\.[jt]sx?$)/.test(t);

  it("bot/ and src/http/ import no conversation state machine, not even a type: only verbs", () => {
    const offending = ["bot", "src/http"].flatMap((dir) =>
      filesUnder(dir).flatMap((f) =>
        allImportsOf(f)
          .map((s) => resolveTarget(f, s))
          .filter(isStateMachine)
          .map((t) => `${relative(ROOT_DIR, f)} → ${t}`),
      ),
    );
    expect(offending).toEqual([]);
  });

  it("every ConversationDef is declared in a *-steps.ts or *-conversation.ts file, so the rule above sees it", () => {
    const misplaced = filesUnder("src/app")
      .filter((f) => /:\s*ConversationDef</.test(readFileSync(f, "utf8")))
      .map((f) => relative(ROOT_DIR, f))
      .filter((f) => !/-(steps|conversation)\.ts$/.test(f) && !f.startsWith("src/app/conversations/"));
    expect(misplaced).toEqual([]);
  });
});

describe("the Worker bundle", () => {
  it("carries exactly the Fluent files under locales/, byte for byte, as wrangler bundles them", async () => {
    // Bundle src/adapters/locale-bundle.ts with .ftl as text, as wrangler's [[rules]] type Text does, and
    // run it: a file left out, a file imported twice under two names, or a stale copy all show here.
    const { build } = await import("esbuild");
    const out = await build({
      entryPoints: [join(ROOT_DIR, "src/adapters/locale-bundle.ts")],
      bundle: true,
      write: false,
      format: "cjs",
      platform: "neutral",
      loader: { ".ftl": "text" },
      logLevel: "silent",
    });
    const mod = { exports: {} as { BUNDLED_LOCALE_FILES?: Record<string, Record<string, string>> } };
    new Function("module", "exports", out.outputFiles[0].text)(mod, mod.exports);
    const bundled = mod.exports.BUNDLED_LOCALE_FILES!;
    const onDisk: Record<string, Record<string, string>> = {};
    for (const locale of readdirSync(join(ROOT_DIR, "locales")).sort()) {
      onDisk[locale] = {};
      for (const f of readdirSync(join(ROOT_DIR, "locales", locale))
        .filter((n) => n.endsWith(".ftl"))
        .sort()) {
        onDisk[locale][f] = readFileSync(join(ROOT_DIR, "locales", locale, f), "utf8");
      }
    }
    expect(Object.keys(onDisk)).toEqual(["en", "zh-CN"]);
    expect(Object.keys(onDisk.en).length).toBeGreaterThan(0);
    for (const locale of Object.keys(onDisk)) expect(Object.keys(bundled[locale] ?? {}).sort(), `locales/${locale}`).toEqual(Object.keys(onDisk[locale]));
    expect(bundled).toEqual(onDisk);
  });

  it("src/worker.ts builds its i18n from that bundle and nowhere else", () => {
    const worker = readFileSync(join(ROOT_DIR, "src/worker.ts"), "utf8");
    expect(worker).toMatch(/createI18n\(bundledLocaleSources\(\)/);
    expect(worker).not.toMatch(/\.ftl["']/);
  });
});
