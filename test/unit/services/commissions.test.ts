import { randomUUID } from 'node:crypto';
import { CommissionService } from '../../../src/commissions/service';
import type { CommissionRecord, CommissionRepository, FlagRecord, RateSetRecord } from '../../../src/commissions/repository';
import { RateScope, type SetCommissionRatesInput } from '../../../src/commissions/types';
import { Role, type UserRecord } from '../../../src/accounts/types';
import { asRepository, codeOf, provideUsers, scopeFor, user } from './fakes';

/** Rate sets as stored, and one user's commissions with their per-status totals. */
class FakeCommissions implements Pick<CommissionRepository, 'setRates' | 'commissionsPage' | 'summary' | 'flagsOfOrder'> {
  stored: RateSetRecord[] = [];
  commissions: (CommissionRecord & { userId: string })[] = [];
  flagReads = 0;

  async setRates(args: { scope: string; scopeId: string; levelRatesBps: number[]; rewardDepth: number; actorId: string; now: number }) {
    const version = this.stored.filter((r) => r.scope === args.scope && r.scopeId === args.scopeId).length + 1;
    const record = { id: randomUUID(), scope: args.scope, scopeId: args.scopeId, levelRatesBps: args.levelRatesBps, rewardDepth: args.rewardDepth, version, createdAt: args.now, createdBy: args.actorId };
    this.stored.push(record);
    return record;
  }
  async commissionsPage(userId: string, status: string | null, from: number, to: number, after: unknown, limit: number) {
    return this.commissions.filter((c) => c.userId === userId && (status === null || c.status === status)).slice(0, limit);
  }
  async summary(userId: string) {
    const mine = this.commissions.filter((c) => c.userId === userId);
    const statuses = [...new Set(mine.map((c) => c.status))];
    return statuses.map((status) => {
      const of = mine.filter((c) => c.status === status);
      return { status, currency: 'CNY', count: of.length, amountMinor: of.reduce((s, c) => s + c.amountMinor, 0) };
    });
  }
  async flagsOfOrder(): Promise<FlagRecord[]> {
    this.flagReads++;
    return [];
  }
}

const admin = user({ role: Role.ADMIN });
const merchant = user({ role: Role.MERCHANT });
const shopper = user();

function setUp(viewer: UserRecord) {
  const commissions = new FakeCommissions();
  const service = new CommissionService({ repo: () => asRepository<CommissionRepository>(commissions) });
  const scope = scopeFor(viewer);
  provideUsers(scope, [admin, merchant, shopper]);
  return { service, commissions, scope };
}

const rates = (fields: Partial<SetCommissionRatesInput>): SetCommissionRatesInput => ({ scope: RateScope.GLOBAL, levelRatesBps: [1000, 500], rewardDepth: 2, ...fields });

describe('setting commission rates', () => {
  test("a merchant's rate set is stored under the merchant, a campaign's under its tag, the platform's under GLOBAL", async () => {
    const { service, commissions, scope } = setUp(admin);
    await service.setRates(scope, rates({ scope: RateScope.MERCHANT, merchantId: merchant.id }));
    await service.setRates(scope, rates({ scope: RateScope.CAMPAIGN, campaign: 'double11-2026' }));
    await service.setRates(scope, rates({}));
    expect(commissions.stored.map((r) => [r.scope, r.scopeId, r.createdBy])).toEqual([
      ['MERCHANT', merchant.id, admin.id],
      ['CAMPAIGN', 'double11-2026', admin.id],
      ['GLOBAL', 'GLOBAL', admin.id],
    ]);
  });

  test('a MERCHANT rate set names a merchant: none is bad input, a regular user or an unknown id is NOT_FOUND', async () => {
    const { service, commissions, scope } = setUp(admin);
    expect(await codeOf(service.setRates(scope, rates({ scope: RateScope.MERCHANT })))).toBe('BAD_USER_INPUT');
    expect(await codeOf(service.setRates(scope, rates({ scope: RateScope.MERCHANT, merchantId: shopper.id })))).toBe('NOT_FOUND');
    expect(await codeOf(service.setRates(scope, rates({ scope: RateScope.MERCHANT, merchantId: randomUUID() })))).toBe('NOT_FOUND');
    expect(await codeOf(service.setRates(scope, rates({ scope: RateScope.CAMPAIGN })))).toBe('BAD_USER_INPUT');
    expect(commissions.stored).toEqual([]);
  });

  test.each([
    ['more than three rewarded levels (pyramid-selling rules)', { levelRatesBps: [100, 100, 100, 100], rewardDepth: 4 }],
    ['a fourth rate even when three levels are rewarded', { levelRatesBps: [100, 100, 100, 100], rewardDepth: 3 }],
    ['fewer rates than rewarded levels', { levelRatesBps: [100], rewardDepth: 2 }],
    ['a rate above 50%', { levelRatesBps: [5001], rewardDepth: 1 }],
    ['a negative rate', { levelRatesBps: [-1], rewardDepth: 1 }],
    ['a malformed campaign tag, even on a GLOBAL rate set', { campaign: 'Not A Slug' }],
  ] as [string, Partial<SetCommissionRatesInput>][])('%s is refused and nothing is stored', async (_, fields) => {
    const { service, commissions, scope } = setUp(admin);
    expect(await codeOf(service.setRates(scope, rates(fields)))).toBe('BAD_USER_INPUT');
    expect(commissions.stored).toEqual([]);
  });

  test('only admins set rates', async () => {
    const { service, commissions, scope } = setUp(merchant);
    expect(await codeOf(service.setRates(scope, rates({ scope: RateScope.MERCHANT, merchantId: merchant.id })))).toBe('FORBIDDEN');
    expect(commissions.stored).toEqual([]);
  });
});

describe('reading commissions', () => {
  function withCommissions(viewer: UserRecord) {
    const env = setUp(viewer);
    const commission = (status: CommissionRecord['status'], amountMinor: number) => ({ id: randomUUID(), userId: shopper.id, orderId: randomUUID(), level: 1, amountMinor, currency: 'CNY', status, rateSetId: 'r', rateBps: 1000, linkCode: 'CODE000001', createdAt: Date.now() });
    env.commissions.commissions = [commission('PENDING', 100), commission('PENDING', 250), commission('HELD', 70)];
    return env;
  }

  test('a sharer reads their own commissions, and the count is of the status asked for', async () => {
    const { service, scope } = withCommissions(shopper);
    const pending = await service.commissions(scope, null, 'PENDING', null, 10);
    expect(pending.edges.map((e) => e.node.amountMinor)).toEqual([100, 250]);
    expect(await pending.totalCount).toBe(2);
    expect(await (await service.commissions(scope, null, null, null, 10)).totalCount).toBe(3);
  });

  test("another member's commissions answer as an unknown user, except to admins", async () => {
    const other = withCommissions(merchant);
    expect(await codeOf(other.service.commissions(other.scope, shopper.id, null, null, 10))).toBe('NOT_FOUND');
    expect(await codeOf(other.service.summary(other.scope, shopper.id, null))).toBe('NOT_FOUND');
    const staff = withCommissions(admin);
    expect((await staff.service.summary(staff.scope, shopper.id, null)).edges.map((e) => [e.node.status, e.node.amount.amountMinor])).toEqual([['PENDING', 350], ['HELD', 70]]);
  });

  test("an order's fraud flags are for admins and growth staff; others get none, without a read", async () => {
    const { service, commissions, scope } = setUp(merchant);
    expect(await service.flagsOfOrder(scope, randomUUID())).toEqual([]);
    expect(commissions.flagReads).toBe(0);
    const growth = setUp(user({ role: Role.GROWTH }));
    await growth.service.flagsOfOrder(growth.scope, randomUUID());
    expect(growth.commissions.flagReads).toBe(1);
  });
});
