/**
 * Small-count suppression for published statistics, so no reporter can be singled out:
 * - primary: a count of 1 or 2 is shown as "<3" (null here), and the amount that goes with it too;
 * - the column total obeys the same rule;
 * - complementary: when a column has exactly one suppressed cell and its total is shown, the total
 *   minus the other cells would give it back, so the smallest other non-zero cell of the column is
 *   suppressed as well; when there is none (every other cell is 0), the total is suppressed instead.
 * Zeros are shown: a 0 singles nobody out. Amounts follow their counts cell by cell.
 */
export const SUPPRESS_BELOW = 3;

/** null: suppressed ("<3"). */
export type Shown = number | null;

const small = (v: number) => v > 0 && v < SUPPRESS_BELOW;

export function suppressColumn(values: readonly number[]): { cells: Shown[]; total: Shown } {
  const sum = values.reduce((a, b) => a + b, 0);
  const hidden = values.map(small);
  let totalHidden = small(sum);
  if (!totalHidden && hidden.filter(Boolean).length === 1) {
    let pick = -1;
    values.forEach((v, i) => {
      if (!hidden[i] && v > 0 && (pick < 0 || v < values[pick])) pick = i;
    });
    if (pick >= 0) hidden[pick] = true;
    else totalHidden = true;
  }
  return { cells: values.map((v, i) => (hidden[i] ? null : v)), total: totalHidden ? null : sum };
}

/** An amount column shown only where its count column is. */
export function followCounts(amounts: readonly number[], counts: { cells: Shown[]; total: Shown }): { cells: Shown[]; total: Shown } {
  return {
    cells: amounts.map((a, i) => (counts.cells[i] === null ? null : a)),
    total: counts.total === null ? null : amounts.reduce((x, y) => x + y, 0),
  };
}

export const shownText = (v: Shown): string => (v === null ? `<${SUPPRESS_BELOW}` : String(v));
