import { clawbackKey, PointAction, settle, type LedgerState, type PointRule } from '../../src/points/rules';

const now = Date.parse('2026-12-01T10:00:00Z');
const rules: PointRule[] = [{ action: PointAction.LIKE_RECEIVED, points: 3, dailyCap: 7 }];
const account = (userId: string, over: Partial<LedgerState['accounts'][number]> = {}) => ({ userId, balance: 0, lifetime: 0, streak: 0, lastCheckInDay: null, counts: {}, ...over });
const like = (n: number) => ({ userId: 'author', action: PointAction.LIKE_RECEIVED, sourceKey: `LIKE:note:${n}` });

describe('points settlement', () => {
  test('awards pay their rule until the daily cap, then the rest of the cap, then 0 (still written)', () => {
    const out = settle({ accounts: [account('author')], entries: [], days: [], rules }, [like(1), like(2), like(3), like(4)], [], now);
    expect(out.entries.map((e) => [e.points, e.capped])).toEqual([[3, false], [3, false], [1, true], [0, true]]);
    expect(out.accounts).toEqual([expect.objectContaining({ balance: 7, lifetime: 7, counts: { LIKE_RECEIVED: 4 } })]);
    expect(out.days).toEqual([{ key: 'author:LIKE_RECEIVED:2026-12-01', userId: 'author', action: 'LIKE_RECEIVED', day: '2026-12-01', earned: 7 }]);
  });

  test('a source key already taken pays nothing, in the same batch too', () => {
    const taken = { sourceKey: 'LIKE:note:1', userId: 'author', action: PointAction.LIKE_RECEIVED, points: 3, day: '2026-11-30', reversed: true };
    const out = settle({ accounts: [account('author')], entries: [taken], days: [], rules }, [like(1), like(2), like(2)], [], now);
    expect(out.entries.map((e) => e.sourceKey)).toEqual(['LIKE:note:2']);
  });

  test('a clawback reverses its award once, from the day it was earned on, and may leave a spent balance below zero', () => {
    const paid = { sourceKey: 'LIKE:note:1', userId: 'author', action: PointAction.LIKE_RECEIVED, points: 3, day: '2026-11-30', reversed: false };
    const state = { accounts: [account('author', { balance: 1, lifetime: 3, counts: { LIKE_RECEIVED: 1 } })], entries: [paid], days: [{ key: 'author:LIKE_RECEIVED:2026-11-30', earned: 3 }], rules };
    const out = settle(state, [], ['LIKE:note:1', 'LIKE:note:1', 'LIKE:note:9'], now);
    expect(out.entries).toEqual([expect.objectContaining({ sourceKey: clawbackKey('LIKE:note:1'), points: -3, reverses: 'LIKE:note:1' })]);
    expect(out.reversed).toEqual(['LIKE:note:1']);
    expect(out.accounts[0]).toMatchObject({ balance: -2, lifetime: 0, counts: { LIKE_RECEIVED: 0 } });
    expect(out.days[0]).toMatchObject({ day: '2026-11-30', earned: 0 });
  });

  test("a check-in extends yesterday's streak and restarts after a gap", () => {
    const checkIn = (userId: string) => ({ userId, action: PointAction.CHECK_IN, sourceKey: `CHECK_IN:${userId}:2026-12-01` });
    const state = { accounts: [account('a', { streak: 6, lastCheckInDay: '2026-11-30' }), account('b', { streak: 6, lastCheckInDay: '2026-11-29' })], entries: [], days: [], rules: null };
    const out = settle(state, [checkIn('a'), checkIn('b')], [], now);
    expect(out.accounts.map((a) => [a.userId, a.streak, a.lastCheckInDay])).toEqual([['a', 7, '2026-12-01'], ['b', 1, '2026-12-01']]);
  });
});
