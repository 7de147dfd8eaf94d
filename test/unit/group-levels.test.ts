import { DEFAULT_GROUP_LEVEL_THRESHOLDS, groupLevelOf, levelDistribution, mayStartGroupBuy, NO_LEVEL_RIGHTS, skipsPremoderation } from '../../src/groups/levels';
import { ConfigError, loadConfig } from '../../src/config';

describe('group member levels', () => {
  test('a score reaches the highest level whose threshold it meets, level 1 below every other', () => {
    const t = DEFAULT_GROUP_LEVEL_THRESHOLDS;
    expect([0, 9, 10, 29, 30, 2_999, 3_000, 1_000_000].map((s) => groupLevelOf(s, t))).toEqual([1, 1, 2, 2, 3, 9, 10, 10]);
  });

  test('the distribution has one row per level, empty ones included', () => {
    const rows = levelDistribution([1, 1, 3, 10]);
    expect(rows).toHaveLength(10);
    expect(rows.filter((r) => r.members > 0)).toEqual([{ level: 1, members: 2 }, { level: 3, members: 1 }, { level: 10, members: 1 }]);
  });

  test('rights: null skips no one past pre-moderation and lets every member start group buys', () => {
    expect(skipsPremoderation(10, NO_LEVEL_RIGHTS)).toBe(false);
    expect(mayStartGroupBuy(1, NO_LEVEL_RIGHTS)).toBe(true);
    const rights = { postWithoutPremoderationFromLevel: 3, startGroupBuyFromLevel: 2 };
    expect([2, 3].map((l) => skipsPremoderation(l, rights))).toEqual([false, true]);
    expect([1, 2].map((l) => mayStartGroupBuy(l, rights))).toEqual([false, true]);
  });

  test('GROUP_LEVEL_THRESHOLDS takes ten rising whole numbers from 0', () => {
    const env = { NODE_ENV: 'test', JWT_SECRET: 'x'.repeat(40), NEO4J_URI: 'bolt://localhost:7687' };
    expect(loadConfig({ ...env, GROUP_LEVEL_THRESHOLDS: '0,1,2,3,4,5,6,7,8,9' }).groupLevelThresholds).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(loadConfig(env).groupLevelThresholds).toEqual([...DEFAULT_GROUP_LEVEL_THRESHOLDS]);
    for (const bad of ['1,2,3,4,5,6,7,8,9,10', '0,2,1,3,4,5,6,7,8,9', '0,1,2', '0,1,2,3,4,5,6,7,8,x']) {
      expect(() => loadConfig({ ...env, GROUP_LEVEL_THRESHOLDS: bad })).toThrow(ConfigError);
    }
  });
});
