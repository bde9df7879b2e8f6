import { existsSync, readFileSync } from "node:fs";
import { basename, resolve } from "node:path";
import type { LabelledTip } from "../../src/app/routing/route-training.js";

/**
 * The labelled sets the router is tuned and trained on, each from a different writer. The blind sets F2,
 * F4 and F6 (session 8) are not here and must never be: they are the untouched sets the closing note
 * reports on. D2 and D3 (session 6) and E2, E4 and E6 (session 7), the untouched sets of earlier sessions,
 * were reported once and then joined training.
 */
export function tuningSets(root: string): string[] {
  return [
    resolve(root, "../shared/data/tips-dev.jsonl"),
    resolve(root, "test/data/tips-holdout.jsonl"),
    resolve(root, "test/data/tips-blind-A.jsonl"),
    resolve(root, "test/data/tips-blind-B.jsonl"),
    resolve(root, "test/data/tips-blind-C1.jsonl"),
    resolve(root, "test/data/tips-blind-C2.jsonl"),
    resolve(root, "test/data/tips-blind-D1.jsonl"),
    resolve(root, "test/data/tips-blind-D4.jsonl"),
    resolve(root, "test/data/tips-blind-D5.jsonl"),
    resolve(root, "test/data/tips-blind-D6.jsonl"),
    resolve(root, "test/data/tips-blind-D2.jsonl"),
    resolve(root, "test/data/tips-blind-D3.jsonl"),
    resolve(root, "test/data/tips-blind-E1.jsonl"),
    resolve(root, "test/data/tips-blind-E3.jsonl"),
    resolve(root, "test/data/tips-blind-E5.jsonl"),
    resolve(root, "test/data/tips-blind-E2.jsonl"),
    resolve(root, "test/data/tips-blind-E4.jsonl"),
    resolve(root, "test/data/tips-blind-E6.jsonl"),
    resolve(root, "test/data/tips-blind-F1.jsonl"),
    resolve(root, "test/data/tips-blind-F3.jsonl"),
    resolve(root, "test/data/tips-blind-F5.jsonl"),
  ].filter((p) => existsSync(p));
}

export function readLabelled(path: string): LabelledTip[] {
  if (/tips-blind-F[246]/.test(basename(path))) throw new Error(`${path}: the untouched blind sets are never read here`);
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));
}
