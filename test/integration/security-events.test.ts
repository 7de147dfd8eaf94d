import { startTestApp, TestApp } from '../helpers/app';
import { signUp } from '../helpers/people';
import { recordSecurityEvent, SecurityEventKind } from '../../src/security/events';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const storedEvents = (userId: string) =>
  t.db.scope().read({ name: 'test/stored-events', text: 'MATCH (:User {id: $userId})-[:HAD_SECURITY_EVENT]->(e:SecurityEvent) RETURN e {.*} AS e ORDER BY e.at' }, { userId });

describe('recordSecurityEvent', () => {
  test('stores the event on the user in the caller’s transaction, with the IP prefix only', async () => {
    const ann = await signUp(t, 'ann');
    const id = await t.db.scope().writeTx((tx) =>
      recordSecurityEvent(tx, { userId: ann.id, kind: SecurityEventKind.DATA_EXPORT_REQUESTED, ip: '203.0.113.77', deviceLabel: 'Safari on iPhone', detail: 'archive', at: 1_700_000_000_000 }),
    );
    const rows = await storedEvents(ann.id);
    expect(rows.map((r) => r.e)).toContainEqual({ id, kind: 'DATA_EXPORT_REQUESTED', at: 1_700_000_000_000, ipPrefix: '203.0.113.0/24', deviceLabel: 'Safari on iPhone', detail: 'archive' });
  });

  test('a transaction that fails after recording leaves no event', async () => {
    const bo = await signUp(t, 'bo');
    await expect(
      t.db.scope().writeTx(async (tx) => {
        await recordSecurityEvent(tx, { userId: bo.id, kind: SecurityEventKind.ACCOUNT_DELETION_REQUESTED, ip: '10.0.0.1' });
        throw new Error('refused later in the same transaction');
      }),
    ).rejects.toThrow('refused later');
    expect((await storedEvents(bo.id)).filter((r) => (r.e as { kind: string }).kind === 'ACCOUNT_DELETION_REQUESTED')).toEqual([]);
  });

  test('an unknown user gets no event', async () => {
    expect(await t.db.scope().writeTx((tx) => recordSecurityEvent(tx, { userId: 'no-such-user', kind: SecurityEventKind.LOG_IN_FAILED, ip: null }))).toBeNull();
  });
});
