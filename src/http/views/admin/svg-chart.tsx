/**
 * A horizontal bar chart drawn on the server as plain SVG: no script, no inline style (presentation
 * attributes only), so the admin CSP holds. One <rect class="bar"> per entry, zero-length for zero.
 */
export interface Bar {
  key: string;
  label: string;
  value: number;
}

export function BarChart({ title, bars, unit }: { title: string; bars: Bar[]; unit: string }) {
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
