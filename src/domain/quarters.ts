/** Calendar quarters as the 曝光台 names them: "2026-Q4". Dates are YYYY-MM-DD (Asia/Shanghai days). */
export const QUARTER_RE = /^(\d{4})-Q([1-4])$/;

export function quarterOf(day: string): string {
  const [y, m] = day.split("-").map(Number);
  return `${y}-Q${Math.floor((m - 1) / 3) + 1}`;
}

/** The first and last day of a quarter, and its three months (YYYY-MM). */
export function quarterRange(quarter: string): { from: string; to: string; months: string[] } | null {
  const m = QUARTER_RE.exec(quarter);
  if (!m) return null;
  const y = Number(m[1]);
  const first = (Number(m[2]) - 1) * 3 + 1;
  const months = [0, 1, 2].map((i) => `${y}-${String(first + i).padStart(2, "0")}`);
  const lastDay = new Date(Date.UTC(y, first + 2, 0)).getUTCDate();
  return { from: `${months[0]}-01`, to: `${months[2]}-${lastDay}`, months };
}

/** The quarter before this one. */
export function previousQuarter(quarter: string): string {
  const m = QUARTER_RE.exec(quarter);
  if (!m) return quarter;
  const q = Number(m[2]);
  return q === 1 ? `${Number(m[1]) - 1}-Q4` : `${m[1]}-Q${q - 1}`;
}

/** Today in Asia/Shanghai (UTC+8 all year) as YYYY-MM-DD. */
export function shanghaiDay(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** A real calendar day written YYYY-MM-DD (Date.parse accepts 2026-02-30 and rolls it over; PostgreSQL refuses it). */
export function isCalendarDay(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}
