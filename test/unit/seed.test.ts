import { generate, parseNow, seedId, KIND } from '../../src/jobs/seed';

/** Tests pin the timeline (`--now`), so their output does not depend on the day they run. */
const NOW = Date.UTC(2026, 10, 1);
const DAY = 24 * 3600_000;
const times = (records: Record<string, unknown>[]) => records.flatMap((r) => [r.createdAt, r.joinedAt].filter((v): v is number => typeof v === 'number'));

describe('the seed generator', () => {
  test('is deterministic for a given seed and differs across seeds', () => {
    const a = [...generate({ users: 200, seed: 1, now: NOW })];
    const b = [...generate({ users: 200, seed: 1, now: NOW })];
    const c = [...generate({ users: 200, seed: 2, now: NOW })];
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(a)).not.toBe(JSON.stringify(c));
  });

  test('gives follower counts a long tail: a few users have very many followers', () => {
    const follows = [...generate({ users: 2000, seed: 3, now: NOW })].filter((r) => r.type === 'follow');
    const followers = new Map<string, number>();
    for (const f of follows) followers.set(f.to as string, (followers.get(f.to as string) ?? 0) + 1);
    const sorted = [...followers.values()].sort((x, y) => y - x);
    const top1pct = sorted.slice(0, 20).reduce((s, n) => s + n, 0);
    // The top 1% of users get over ten times their even share of follows.
    expect(top1pct / follows.length).toBeGreaterThan(0.1);
    expect(follows.length / 2000).toBeGreaterThan(10);
  });

  test('ages skew to 18-34 and every record type appears', () => {
    const records = [...generate({ users: 1000, seed: 4, now: NOW })];
    const users = records.filter((r) => r.type === 'user');
    const young = users.filter((u) => 2026 - (u.birthYear as number) <= 34).length;
    expect(users.every((u) => 2026 - (u.birthYear as number) >= 18)).toBe(true);
    expect(young / users.length).toBeGreaterThan(0.5);
    expect(new Set(records.map((r) => r.type))).toEqual(new Set(['user', 'follow', 'product', 'note', 'like', 'collect', 'comment', 'share', 'visit', 'order', 'group', 'membership']));
    expect(users[0]!.id).toBe(seedId(KIND.user, 0));
  });

  test('the timeline ends at the time of generation by default, so the last 30 days have data', () => {
    const before = Date.now();
    const records = [...generate({ users: 300, seed: 5 })];
    const after = Date.now();
    const at = times(records);
    expect(Math.max(...at)).toBeLessThanOrEqual(after);
    expect(Math.max(...at)).toBeGreaterThan(before - DAY);
    const recent = records.filter((r) => (r.type === 'order' || r.type === 'like') && (r.createdAt as number) > before - 30 * DAY);
    expect(recent.length).toBeGreaterThan(30);
    const users = records.filter((r) => r.type === 'user');
    expect(users.every((u) => new Date(after).getUTCFullYear() - (u.birthYear as number) >= 18)).toBe(true);
  });

  test('--now pins the timeline: nothing after it, the same file for the same flags', () => {
    const records = [...generate({ users: 300, seed: 5, now: NOW })];
    expect(Math.max(...times(records))).toBeLessThanOrEqual(NOW);
    expect(records.filter((r) => r.type === 'order' && (r.createdAt as number) > NOW - 30 * DAY).length).toBeGreaterThan(20);
    expect(JSON.stringify([...generate({ users: 300, seed: 5, now: NOW })])).toBe(JSON.stringify(records));
    expect(parseNow('2026-11-01T00:00:00Z')).toBe(NOW);
    expect(parseNow(String(NOW))).toBe(NOW);
    expect(() => parseNow('next tuesday')).toThrow(/--now must be/);
    expect(() => parseNow('1999-12-31')).toThrow(/--now must be/);
  });
});
