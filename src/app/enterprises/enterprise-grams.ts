import { normalizeEnterpriseName } from "../../domain/enterprise-name.js";

/** Character bigrams of the normalised name: the index that lets fuzzy matching read few candidates. */
export function enterpriseGramsOf(name: string): string[] {
  const n = normalizeEnterpriseName(name);
  if (n.length < 2) return n ? [n] : [];
  const grams = new Set<string>();
  for (let i = 0; i < n.length - 1; i++) grams.add(n.slice(i, i + 2));
  return [...grams];
}
