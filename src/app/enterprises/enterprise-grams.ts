import { normalizeEnterpriseName, splitTradeName } from "../../domain/enterprise-name.js";

/**
 * Character bigrams of the trade name (字号) of the normalised name: the index that lets fuzzy matching
 * read few candidates. Industry words (化工, 建筑工程 …) and place prefixes are shared by thousands of
 * enterprises, so indexing them would make every lookup aggregate most of the table.
 */
export function enterpriseGramsOf(name: string): string[] {
  const normalized = normalizeEnterpriseName(name);
  const trade = splitTradeName(normalized).trade;
  const n = trade.length >= 2 ? trade : normalized;
  if (n.length < 2) return n ? [n] : [];
  const grams = new Set<string>();
  for (let i = 0; i < n.length - 1; i++) grams.add(n.slice(i, i + 2));
  return [...grams];
}
