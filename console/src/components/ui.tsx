import { useMemo, type ReactNode } from 'react';
import { describeError, loadSession } from '../api';

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
 * days. Figures about other people's orders cover completed days only, except for staff (and a
 * KOL's own report): the API refuses today to everyone else, so only they ask for it
 * (includeToday). Stable, so queries are not re-sent on every render.
 */
export function usePeriod(days: PeriodDays, includeToday = false) {
  return useMemo(() => {
    const to = Math.floor(Date.now() / 86_400_000) * 86_400_000 + (includeToday ? 86_400_000 : 0);
    return { from: new Date(to - days * 86_400_000).toISOString(), to: new Date(to).toISOString() };
  }, [days, includeToday]);
}

/** Whether the signed-in user is platform staff (growth or admin), who may read orders as they come. */
export function signedInAsStaff(): boolean {
  const role = loadSession()?.user.role;
  return role === 'ADMIN' || role === 'GROWTH';
}

export function signedInAs(userId: string): boolean {
  return loadSession()?.user.id === userId;
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
