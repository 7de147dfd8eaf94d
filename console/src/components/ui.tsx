import { useMemo, type ReactNode } from 'react';
import { describeError } from '../api';

export function Panel({ title, children, actions }: { title: string; children: ReactNode; actions?: ReactNode }) {
  return (
    <section className="panel" aria-label={title}>
      <header>
        <h2>{title}</h2>
        {actions}
      </header>
      {children}
    </section>
  );
}

export function ErrorNote({ error }: { error: Parameters<typeof describeError>[0] | null | undefined }) {
  if (!error) return null;
  return (
    <p className="error" role="alert">
      {describeError(error)}
    </p>
  );
}

export function Loading({ what }: { what: string }) {
  return <p className="muted">Loading {what}…</p>;
}

export function Stat({ label, value }: { label: string; value: ReactNode }) {
  return (
    <div className="stat">
      <span className="stat-value">{value}</span>
      <span className="stat-label">{label}</span>
    </div>
  );
}

export type PeriodDays = 7 | 30 | 90;

/**
 * The period the API takes: whole UTC days (the API refuses anything finer), the last `days`
 * days up to and including today. Stable, so queries are not re-sent on every render.
 */
export function usePeriod(days: PeriodDays) {
  return useMemo(() => {
    const to = Math.floor(Date.now() / 86_400_000) * 86_400_000 + 86_400_000;
    return { from: new Date(to - days * 86_400_000).toISOString(), to: new Date(to).toISOString() };
  }, [days]);
}

export function PeriodPicker({ value, onChange }: { value: PeriodDays; onChange(days: PeriodDays): void }) {
  return (
    <label className="inline">
      Period{' '}
      <select value={value} onChange={(e) => onChange(Number(e.target.value) as PeriodDays)}>
        <option value={7}>last 7 days</option>
        <option value={30}>last 30 days</option>
        <option value={90}>last 90 days</option>
      </select>
    </label>
  );
}
