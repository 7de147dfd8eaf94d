import { startTestApp, TestApp, uniqueHandle } from '../helpers/app';
import { signUp, Person } from '../helpers/people';
import { setRole } from '../helpers/commerce';
import { parseAdminArgs, runAdmin } from '../../src/jobs/admin';

const LISTED = `ceo-${process.pid}@zhongcao.example.com`;
let t: TestApp;
beforeAll(async () => {
  // ADMIN_EMAILS is gone: an app started with it must not make anyone admin.
  t = await startTestApp({ ADMIN_EMAILS: LISTED });
});
afterAll(() => t.close());

const ROLE = `query($id: ID!) { user(id: $id) { role } }`;
const roleOf = async (who: Person) => (await t.ok(ROLE, { id: who.id })).user.role as string;

/**
 * Runs `npm run admin -- <args>` against the test database, keeping what it prints, on the app's
 * bus (as the CLI is with REDIS_URL), so the app's cached viewers hear of a role change at once.
 */
async function admin(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runAdmin(t.db, args, (l) => out.push(l), (l) => err.push(l), t.deps.events);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const SET_ROLE = `mutation($id: ID!, $role: Role!) { setUserRole(input: { userId: $id, role: $role }) { user { role } } }`;

test('signing up with the address ADMIN_EMAILS used to list gives no admin rights', async () => {
  const squatter = await t.ok(`mutation($i: SignUpInput!) { signUp(input: $i) { user { id role } } }`, {
    i: { email: LISTED.toUpperCase(), handle: uniqueHandle('adm_ceo'), displayName: 'ceo', password: 'correct horse battery' },
  });
  expect(squatter.signUp.user.role).toBe('USER');
});

test('the operator grants admin by handle or email; the new admin then gives roles with setUserRole', async () => {
  const lead = await signUp(t, 'adm_lead');
  const shop = await signUp(t, 'adm_shop');
  expect((await t.gql(SET_ROLE, { id: shop.id, role: 'MERCHANT' }, lead.token)).errors?.[0]?.extensions.code).toBe('FORBIDDEN');

  const granted = await admin('--grant', lead.handle.toUpperCase());
  expect(granted).toEqual({ code: 0, out: `granted ADMIN to ${lead.handle} <${lead.email}> (id ${lead.id}; role was USER, now ADMIN)`, err: '' });
  expect(await roleOf(lead)).toBe('ADMIN');
  expect((await t.ok(SET_ROLE, { id: shop.id, role: 'MERCHANT' }, lead.token)).setUserRole.user.role).toBe('MERCHANT');

  const byEmail = await admin('--grant', shop.email);
  expect(byEmail.code).toBe(0);
  expect(await roleOf(shop)).toBe('ADMIN');

  const { records } = await t.db.driver.executeQuery(`MATCH (a:AuditEntry {action: 'SET_ROLE', subjectId: $id, actorId: 'operator'}) RETURN a.details AS role`, { id: lead.id });
  expect(records.map((r) => r.get('role'))).toEqual(['ADMIN']);
});

test('--list shows the admins and --revoke takes admin away, but does not demote a merchant', async () => {
  const boss = await signUp(t, 'adm_boss');
  const seller = await signUp(t, 'adm_seller');
  await admin('--grant', boss.handle);
  await setRole(t, boss, seller, 'MERCHANT');
  expect((await admin('--list')).out).toContain(`${boss.handle}\t${boss.email}\t${boss.id}`);

  expect(await admin('--revoke', seller.handle)).toMatchObject({ code: 1, err: `admin: ${seller.handle} is not an admin (role MERCHANT); nothing changed` });
  expect(await roleOf(seller)).toBe('MERCHANT');

  expect(await admin('--revoke', boss.email)).toMatchObject({ code: 0, out: expect.stringContaining(`revoked ADMIN from ${boss.handle}`) });
  expect(await roleOf(boss)).toBe('USER');
  expect((await t.gql(SET_ROLE, { id: seller.id, role: 'USER' }, boss.token)).errors?.[0]?.extensions.code).toBe('FORBIDDEN');
  expect((await admin('--list')).out).not.toContain(boss.handle);
});

test('an unknown account or a bad command line exits non-zero and changes nothing', async () => {
  expect(await admin('--grant', 'nobody_with_this_handle')).toEqual({ code: 1, out: '', err: 'admin: no account has the handle or email "nobody_with_this_handle"' });
  expect((await admin()).code).toBe(2);
  expect((await admin('--grant')).code).toBe(2);
  expect((await admin('--promote', 'x')).code).toBe(2);
  expect((await admin('--grant', 'a', 'b')).code).toBe(2);
  expect(() => parseAdminArgs(['--grant', 'two words'])).toThrow('--grant needs one handle or email');
});
