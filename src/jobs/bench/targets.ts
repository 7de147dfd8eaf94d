/**
 * The targets of issue 14, section 2, and whether a run meets them. All are meant for the medium
 * dataset at 32 connections with many viewers; a run on another size still states them, marked as
 * not comparable by the report.
 */

/** What the targets read of a scenario. */
export interface Measured {
  rps: number;
  p95: number;
  errors: number;
}

/** Scenario keys the targets refer to. */
export const S = {
  feed: 'feed',
  skeleton: 'raw-skeleton',
  rawFeed: 'raw-feed',
  heavyFeed: 'heavy-feed',
  note: 'note',
  rawNote: 'raw-note',
  profile: 'profile',
  rawProfile: 'raw-profile',
  like: 'like',
  placeOrder: 'place-order',
  discover: 'discover',
  referralTree: 'referral-tree',
} as const;

/** Throughput before issue 14 (bench/results/2026-11-22 and the text), req/s. */
export const BEFORE = { note: 168, profile: 513, like: 164 } as const;

export interface TargetRow {
  measure: string;
  target: string;
  actual: string;
  met: boolean;
}

export interface Extras {
  /** API peak RSS in MB. */
  rssMb: number;
  /** The hot-product check: no unit sold beyond the stock. */
  oversell: { ok: boolean; detail: string } | null;
}

const ms = (x: number) => `${x} ms`;
const rps = (x: number) => `${Math.round(x)} req/s`;

export function evaluateTargets(results: Readonly<Record<string, Measured | undefined>>, extras: Extras): TargetRow[] {
  const rows: TargetRow[] = [];
  /** A scenario that did not run, or had errors, meets nothing: its figures do not measure the target. */
  const row = (measure: string, target: string, keys: string[], check: (m: Measured[]) => { actual: string; met: boolean }) => {
    const found = keys.map((k) => results[k]);
    if (found.some((m) => m === undefined)) {
      rows.push({ measure, target, actual: 'not measured', met: false });
      return;
    }
    const measured = found as Measured[];
    if (measured.some((m) => m.rps === 0)) {
      rows.push({ measure, target, actual: 'no request completed in the run', met: false });
      return;
    }
    const { actual, met } = check(measured);
    const errors = measured.reduce((n, m) => n + m.errors, 0);
    rows.push({ measure, target, actual: errors ? `${actual}; ${errors} errors` : actual, met: met && errors === 0 });
  };
  row('followingFeed first page, p95', '≤ 30 ms', [S.feed], ([f]) => ({ actual: ms(f!.p95), met: f!.p95 <= 30 }));
  row('followingFeed first page against the bare skeleton query', 'throughput ≥ 50%', [S.feed, S.skeleton], ([f, k]) => ratioRow(f!, k!, 0.5));
  row('GraphQL overhead, feed: API against the same statements raw', 'throughput ≥ 2/3', [S.feed, S.rawFeed], ([a, r]) => ratioRow(a!, r!, 2 / 3));
  row('GraphQL overhead, note page: API against the same statements raw', 'throughput ≥ 2/3', [S.note, S.rawNote], ([a, r]) => ratioRow(a!, r!, 2 / 3));
  row('GraphQL overhead, profile: API against the same statements raw', 'throughput ≥ 2/3', [S.profile, S.rawProfile], ([a, r]) => ratioRow(a!, r!, 2 / 3));
  row("heavy viewer's followingFeed, p95", '≤ 60 ms', [S.heavyFeed], ([h]) => ({ actual: ms(h!.p95), met: h!.p95 <= 60 }));
  row('note page throughput', `≥ 3× ${BEFORE.note} = ${3 * BEFORE.note} req/s`, [S.note], ([n]) => ({ actual: rps(n!.rps), met: n!.rps >= 3 * BEFORE.note }));
  row('user profile throughput', `≥ 3× ${BEFORE.profile} = ${3 * BEFORE.profile} req/s`, [S.profile], ([p]) => ({ actual: rps(p!.rps), met: p!.rps >= 3 * BEFORE.profile }));
  row('like throughput', `≥ 2× ${BEFORE.like} = ${2 * BEFORE.like} req/s`, [S.like], ([l]) => ({ actual: rps(l!.rps), met: l!.rps >= 2 * BEFORE.like }));
  row('placeOrder on one hot product, p95, no oversell', '≤ 200 ms, nothing oversold', [S.placeOrder], ([o]) => {
    const oversell = extras.oversell;
    return { actual: `${ms(o!.p95)}; ${oversell ? oversell.detail : 'oversell not checked'}`, met: o!.p95 <= 200 && oversell?.ok === true };
  });
  row('discoverFeed first page, p95', '≤ 100 ms', [S.discover], ([d]) => ({ actual: ms(d!.p95), met: d!.p95 <= 100 }));
  row('referralTree of 10,000 descendants, p95', '≤ 500 ms', [S.referralTree], ([t]) => ({ actual: ms(t!.p95), met: t!.p95 <= 500 }));
  rows.push({ measure: 'API peak RSS, caches included', target: '≤ 512 MB', actual: `${extras.rssMb} MB`, met: extras.rssMb <= 512 });
  return rows;
}

function ratioRow(api: Measured, base: Measured, min: number): { actual: string; met: boolean } {
  const ratio = base.rps > 0 ? api.rps / base.rps : NaN;
  return { actual: `${rps(api.rps)} / ${rps(base.rps)} = ${Math.round(ratio * 100)}%`, met: ratio >= min };
}
