/** Pure computations behind groupStats. */

import { totalsByCurrency, type Money } from '../common/money';

export const CONTRIBUTION_WEIGHTS = { post: 3, commentReceived: 1, likeReceived: 1, invite: 5, purchase: 10 };
const WEEK = 7 * 24 * 3600_000;
const DAY = 24 * 3600_000;

export function contributionScore(c: { posts: number; commentsReceived: number; likesReceived: number; invites: number; purchases: number }): number {
  const w = CONTRIBUTION_WEIGHTS;
  return c.posts * w.post + c.commentsReceived * w.commentReceived + c.likesReceived * w.likeReceived + c.invites * w.invite + c.purchases * w.purchase;
}

/**
 * Weekly cohorts of first-time joiners inside [from, to): for each, the share still a member at
 * the end of each of the four following weeks (only weeks that have already ended by `now`).
 */
export function weeklyRetention(members: { firstJoined: number; leaves: number[] }[], from: number, to: number, now: number) {
  const weekStart = (t: number) => from + Math.floor((t - from) / WEEK) * WEEK;
  const cohorts = new Map<number, { firstJoined: number; leaves: number[] }[]>();
  for (const m of members) {
    if (m.firstJoined < from || m.firstJoined >= to) continue;
    const w = weekStart(m.firstJoined);
    cohorts.set(w, [...(cohorts.get(w) ?? []), m]);
  }
  const memberAt = (m: { firstJoined: number; leaves: number[] }, t: number) => m.firstJoined <= t && !m.leaves.some((l) => l > m.firstJoined && l <= t);
  return [...cohorts.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([start, list]) => {
      const retained: number[] = [];
      for (let k = 1; k <= 4; k++) {
        const t = start + (k + 1) * WEEK;
        if (t > now) break;
        retained.push(Math.round((list.filter((m) => memberAt(m, t)).length / list.length) * 1000) / 1000);
      }
      return { weekStart: start, size: list.length, retained };
    });
}

export interface DailyRow {
  day: string;
  posts: number;
  comments: number;
  likes: number;
  activeMembers: number;
  joined: number;
  left: number;
  members: number;
  /** Null when the day is withheld (too few buyers, src/common/order-disclosure.ts). */
  orders: number | null;
  /** Per currency, in currency order; null when withheld. */
  gmv: Money[] | null;
}

/**
 * One row per UTC day of [from, min(to, now)], days without activity included, so charts can
 * draw members over time. Members at the end of a day are worked back from today's exact count
 * through the joins and leaves since, which stays right even for history older than the period.
 */
export function dailySeries(input: {
  from: number;
  to: number;
  now: number;
  memberCount: number;
  activity: { kind: 'POST' | 'COMMENT' | 'LIKE'; userId: string; at: number }[];
  membership: { userId: string; joins: number[]; leaves: number[]; member: boolean }[];
  ordersByDay: { dayStart: number; orders: number | null; gmv: Money[] | null }[];
}): DailyRow[] {
  const end = Math.min(input.to - 1, input.now);
  const first = Math.floor(input.from / DAY) * DAY;
  const rows = new Map<number, DailyRow & { active: Set<string> }>();
  for (let d = first; d <= end; d += DAY) {
    rows.set(d, { day: new Date(d).toISOString().slice(0, 10), posts: 0, comments: 0, likes: 0, activeMembers: 0, joined: 0, left: 0, members: 0, orders: 0, gmv: [], active: new Set() });
  }
  const rowOf = (t: number) => rows.get(Math.floor(t / DAY) * DAY);
  const memberIds = new Set(input.membership.filter((m) => m.member).map((m) => m.userId));
  for (const e of input.activity) {
    const row = rowOf(e.at);
    if (!row) continue;
    if (e.kind === 'POST') row.posts++;
    else if (e.kind === 'COMMENT') row.comments++;
    else row.likes++;
    if (memberIds.has(e.userId)) row.active.add(e.userId);
  }
  const joins = input.membership.flatMap((m) => m.joins);
  const leaves = input.membership.flatMap((m) => m.leaves);
  for (const t of joins) if (t >= input.from && t < input.to) { const row = rowOf(t); if (row) row.joined++; }
  for (const t of leaves) if (t >= input.from && t < input.to) { const row = rowOf(t); if (row) row.left++; }
  for (const o of input.ordersByDay) {
    const row = rows.get(o.dayStart);
    if (row) {
      row.orders = o.orders === null || row.orders === null ? null : row.orders + o.orders;
      row.gmv = o.gmv === null || row.gmv === null ? null : totalsByCurrency([...row.gmv, ...o.gmv]);
    }
  }
  return [...rows.entries()].map(([dayStart, { active, ...row }]) => {
    const dayEnd = dayStart + DAY;
    const joinedSince = joins.filter((t) => t >= dayEnd).length;
    const leftSince = leaves.filter((t) => t >= dayEnd).length;
    return { ...row, activeMembers: active.size, members: input.memberCount - joinedSince + leftSince };
  });
}
