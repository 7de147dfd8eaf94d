/** Pure computations behind groupStats. */

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

export function dailyActivity(events: { kind: 'POST' | 'COMMENT' | 'LIKE'; at: number }[]) {
  const days = new Map<string, { day: string; posts: number; comments: number; likes: number }>();
  for (const e of events) {
    const day = new Date(Math.floor(e.at / DAY) * DAY).toISOString().slice(0, 10);
    const d = days.get(day) ?? { day, posts: 0, comments: 0, likes: 0 };
    if (e.kind === 'POST') d.posts++;
    else if (e.kind === 'COMMENT') d.comments++;
    else d.likes++;
    days.set(day, d);
  }
  return [...days.values()].sort((a, b) => (a.day < b.day ? -1 : 1));
}
