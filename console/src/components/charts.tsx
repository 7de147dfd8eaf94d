/** Small SVG charts: no chart library, so the console stays light and prints exactly what the API returned. */

const W = 640;
const H = 200;
const PAD = { left: 48, right: 12, top: 12, bottom: 28 };

function ticks(max: number, integer: boolean): number[] {
  if (max <= 0) return [0];
  const step = Math.pow(10, Math.floor(Math.log10(max)));
  const raw = max / step > 5 ? step * 2 : max / step > 2 ? step : step / 2;
  // Counts never get fractional grid lines.
  const nice = integer ? Math.max(1, raw) : raw;
  const out: number[] = [];
  for (let v = 0; v <= max + 1e-9; v += nice) out.push(v);
  return out;
}

interface Point {
  label: string;
  value: number;
}

function Axes({ labels, max, format, integer }: { labels: string[]; max: number; format(v: number): string; integer: boolean }) {
  const every = Math.max(1, Math.ceil(labels.length / 8));
  const x = (i: number) => PAD.left + ((W - PAD.left - PAD.right) * (i + 0.5)) / Math.max(labels.length, 1);
  const y = (v: number) => H - PAD.bottom - ((H - PAD.top - PAD.bottom) * v) / (max || 1);
  return (
    <g className="axes">
      {ticks(max, integer).map((v) => (
        <g key={v}>
          <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} className="grid" />
          <text x={PAD.left - 6} y={y(v) + 4} textAnchor="end">
            {format(v)}
          </text>
        </g>
      ))}
      {labels.map((l, i) =>
        i % every === 0 ? (
          <text key={l + i} x={x(i)} y={H - 8} textAnchor="middle">
            {l}
          </text>
        ) : null,
      )}
    </g>
  );
}

export function LineChart({ title, points, format = String }: { title: string; points: Point[]; format?(v: number): string }) {
  const integer = points.every((p) => Number.isInteger(p.value));
  const max = Math.max(integer ? 4 : 0.01, ...points.map((p) => p.value));
  const x = (i: number) => PAD.left + ((W - PAD.left - PAD.right) * (i + 0.5)) / Math.max(points.length, 1);
  const y = (v: number) => H - PAD.bottom - ((H - PAD.top - PAD.bottom) * v) / max;
  const path = points.map((p, i) => `${i ? 'L' : 'M'}${x(i).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ');
  return (
    <figure className="chart" aria-label={title}>
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={title}>
        <Axes labels={points.map((p) => p.label)} max={max} format={format} integer={integer} />
        <path d={path} className="line" />
        {points.map((p, i) => (
          <circle key={i} cx={x(i)} cy={y(p.value)} r={2.5} className="dot">
            <title>{`${p.label}: ${format(p.value)}`}</title>
          </circle>
        ))}
      </svg>
    </figure>
  );
}

export function BarChart({ title, points, format = String }: { title: string; points: Point[]; format?(v: number): string }) {
  const integer = points.every((p) => Number.isInteger(p.value));
  const max = Math.max(integer ? 4 : 0.01, ...points.map((p) => p.value));
  const slot = (W - PAD.left - PAD.right) / Math.max(points.length, 1);
  const y = (v: number) => H - PAD.bottom - ((H - PAD.top - PAD.bottom) * v) / max;
  return (
    <figure className="chart" aria-label={title}>
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={title}>
        <Axes labels={points.map((p) => p.label)} max={max} format={format} integer={integer} />
        {points.map((p, i) => (
          <rect key={i} x={PAD.left + slot * i + slot * 0.15} width={slot * 0.7} y={y(p.value)} height={H - PAD.bottom - y(p.value)} className="bar">
            <title>{`${p.label}: ${format(p.value)}`}</title>
          </rect>
        ))}
      </svg>
    </figure>
  );
}

/** Weekly cohorts as a heat map: one row per cohort, one cell per week after joining. */
export function RetentionTable({ cohorts }: { cohorts: { weekStart: string; size: number; retained: number[] }[] }) {
  if (!cohorts.length) return <p className="muted">No new members in this period, so no cohorts.</p>;
  return (
    <table className="table retention" aria-label="Retention cohorts">
      <thead>
        <tr>
          <th>Cohort (week of)</th>
          <th>Joined</th>
          {[1, 2, 3, 4].map((w) => (
            <th key={w}>week {w}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {cohorts.map((c) => (
          <tr key={c.weekStart}>
            <td>{c.weekStart.slice(0, 10)}</td>
            <td>{c.size}</td>
            {[0, 1, 2, 3].map((k) => {
              const share = c.retained[k];
              return share === undefined ? (
                <td key={k} className="muted">
                  –
                </td>
              ) : (
                <td key={k} style={{ background: `rgba(220, 38, 38, ${0.1 + share * 0.7})` }}>
                  {(share * 100).toFixed(0)}%
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
