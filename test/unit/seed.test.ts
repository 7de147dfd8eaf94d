import { generate, seedId, KIND } from '../../src/jobs/seed';

describe('the seed generator', () => {
  test('is deterministic for a given seed and differs across seeds', () => {
    const a = [...generate({ users: 200, seed: 1 })];
    const b = [...generate({ users: 200, seed: 1 })];
    const c = [...generate({ users: 200, seed: 2 })];
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(a)).not.toBe(JSON.stringify(c));
  });

  test('gives follower counts a long tail: a few users have very many followers', () => {
    const follows = [...generate({ users: 2000, seed: 3 })].filter((r) => r.type === 'follow');
    const followers = new Map<string, number>();
    for (const f of follows) followers.set(f.to as string, (followers.get(f.to as string) ?? 0) + 1);
    const sorted = [...followers.values()].sort((x, y) => y - x);
    const top1pct = sorted.slice(0, 20).reduce((s, n) => s + n, 0);
    // The top 1% of users get over ten times their even share of follows.
    expect(top1pct / follows.length).toBeGreaterThan(0.1);
    expect(follows.length / 2000).toBeGreaterThan(10);
  });

  test('ages skew to 18-34 and every record type appears', () => {
    const records = [...generate({ users: 1000, seed: 4 })];
    const users = records.filter((r) => r.type === 'user');
    const young = users.filter((u) => 2026 - (u.birthYear as number) <= 34).length;
    expect(young / users.length).toBeGreaterThan(0.5);
    expect(new Set(records.map((r) => r.type))).toEqual(new Set(['user', 'follow', 'product', 'note', 'like', 'collect', 'comment', 'share', 'visit', 'order', 'group', 'membership']));
    expect(users[0]!.id).toBe(seedId(KIND.user, 0));
  });
});
