/**
 * A horizontal bar chart drawn on the server as plain SVG: no script, no inline style (presentation
 * attributes only), so the admin CSP holds. One <rect class="bar"> per entry, zero-length for a filed
 * zero; an entry not filed gets no bar but a dashed empty box and the words `missingLabel` in grey, so
 * "nothing reported" never reads as "reported nothing".
 */
export interface Bar {
  key: string;
  label: string;
  value: number;
  /** False: the unit has not filed; its value is meaningless. */
  filed?: boolean;
}

export function BarChart({ title, bars, unit, missingLabel }: { title: string; bars: Bar[]; unit: string; missingLabel: string }) {
  const rowH = 22,
    labelW = 220,
    chartW = 420,
    valueW = 90;
  const max = Math.max(0, ...bars.map((b) => b.value));
  const height = Math.max(1, bars.length) * rowH + 30;
  const width = labelW + chartW + valueW;
  const fmt = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(2));
  return (
    <svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" width={width} height={height} viewBox={`0 0 ${width} ${height}`} aria-label={title}>
      <title>{title}</title>
      <text x="0" y="16" font-size="13" font-weight="bold" fill="#1b1b1b">
        {title} ({unit})
      </text>
      {bars.map((b, i) => {
        const y = 26 + i * rowH;
        if (b.filed === false) return <MissingBar y={y} rowH={rowH} labelW={labelW} label={b.label} bar={b} missingLabel={missingLabel} />;
        const w = max > 0 ? Math.round((b.value / max) * chartW) : 0;
        return (
          <g>
            <text x={labelW - 6} y={y + 14} font-size="12" text-anchor="end" fill="#1b1b1b">
              {b.label.length > 16 ? `${b.label.slice(0, 15)}…` : b.label}
            </text>
            <rect class="bar" data-key={b.key} x={labelW} y={y + 3} width={w} height={rowH - 6} fill="#1f3a5f">
              <title>{`${b.label}: ${fmt(b.value)}`}</title>
            </rect>
            <text x={labelW + w + 4} y={y + 14} font-size="12" fill="#1b1b1b">
              {fmt(b.value)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

function MissingBar({ y, rowH, labelW, label, bar, missingLabel }: { y: number; rowH: number; labelW: number; label: string; bar: Bar; missingLabel: string }) {
  return (
    <g>
      <text x={labelW - 6} y={y + 14} font-size="12" text-anchor="end" fill="#1b1b1b">
        {label.length > 16 ? `${label.slice(0, 15)}…` : label}
      </text>
      <rect class="bar-missing" data-key={bar.key} x={labelW} y={y + 3} width="36" height={rowH - 6} fill="none" stroke="#8a8a8a" stroke-dasharray="3 2">
        <title>{`${label}: ${missingLabel}`}</title>
      </rect>
      <text x={labelW + 42} y={y + 14} font-size="12" fill="#6b6b6b">
        {missingLabel}
      </text>
    </g>
  );
}
