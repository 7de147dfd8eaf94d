import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startTestApp, TestApp } from '../helpers/app';
import { follow, people, postNote, signUp, type Person } from '../helpers/people';
import { listProduct, OPEN, orderInput, PLACE, SHARE, signUpAdmin, signUpMerchant } from '../helpers/commerce';
import { DataExportsDocument, LikeDocument, PrivacySetConsentDocument, RequestDataExportDocument, SecurityEventsDocument } from '../generated/graphql';
import { ARCHIVE_SECTIONS } from '../../src/privacy/export-archive';
import { DataExportService } from '../../src/privacy/exports';
import { dataExportRepository } from '../../src/privacy/export-repository';
import { ExportStore } from '../../src/privacy/export-store';
import { ExportLinks } from '../../src/privacy/export-links';

/**
 * Data export (issue 23 §3) against the real Neo4j: a user with data of every kind asks for their
 * archive; it holds every section with exactly their records, and of other people only their ids
 * and handles (follows, conversation members) and the messages of the user's conversations. One
 * export per UTC day; the download needs the address and the owner's token; it stops at expiry,
 * and the sweep deletes the file.
 */

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const tag = randomBytes(4).toString('hex');
const run = async (query: string, params: Record<string, unknown> = {}) => (await t.db.driver.executeQuery(query, params, { database: t.db.name })).records.map((r) => r.toObject());

const CREATE_GROUP = `mutation($input: CreateGroupInput!) { createGroup(input: $input) { group { id } userErrors { code } } }`;
const JOIN_GROUP = `mutation($id: ID!) { joinGroup(input: { groupId: $id, acceptRules: true }) { status } }`;
const COMMENT = `mutation($n: ID!, $text: String!, $r: ID) { comment(input: { noteId: $n, text: $text, replyToId: $r }) { comment { id } userErrors { code } } }`;
const COLLECT = `mutation($id: ID!) { collect(input: { noteId: $id }) { note { id } userErrors { code } } }`;
const START = `mutation($ids: [ID!]!) { startConversation(input: { userIds: $ids }) { conversation { id } userErrors { code } } }`;
const SEND = `mutation($c: ID!, $text: String!) { sendMessage(input: { conversationId: $c, text: $text }) { message { id } userErrors { code } } }`;
const PROFILE = `mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { user { id } userErrors { code } } }`;
const REVIEW = `mutation($o: ID!, $p: ID!, $text: String) { reviewProduct(input: { orderId: $o, productId: $p, rating: 4, text: $text }) { review { id } userErrors { code } } }`;
const NODE = `query($id: ID!) { node(id: $id) { id ... on DataExport { status } } }`;

type Export = { id: string; status: string; downloadUrl: string | null; sizeBytes: number | null; expiresAt: string };

async function exportsOf(who: Person): Promise<Export[]> {
  return (await t.ok(DataExportsDocument, { first: 20 }, who.token)).dataExports.edges.map((e) => e.node);
}

/** Waits for the export's archive to be written (it is, in the background, within moments). */
async function ready(who: Person, id: string): Promise<Export> {
  for (let i = 0; i < 150; i++) {
    const found = (await exportsOf(who)).find((e) => e.id === id);
    if (found && found.status !== 'PENDING') return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`export ${id} still PENDING`);
}

/** GETs a download address on this app (PUBLIC_BASE_URL names another host in tests). */
async function download(url: string, token: string | null): Promise<Response> {
  const { pathname } = new URL(url);
  return fetch(`http://127.0.0.1:${t.app.port}${pathname}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
}

const ids = (records: { id?: string }[]) => records.map((r) => r.id).sort();

describe('a user with data of every kind', () => {
  let mei: Person;
  let others: Person[];
  let archive: Record<string, unknown> & { profile: Record<string, unknown>; consents: { purpose: string; isGranted: boolean }[] } & Record<(typeof ARCHIVE_SECTIONS)[number], Record<string, unknown>[]>;
  let text: string;
  let expected: Record<string, unknown>;
  let exported: Export;

  beforeAll(async () => {
    const admin = await signUpAdmin(t, `export-${tag}@admins.example.com`);
    const merchant = await signUpMerchant(t, admin, 'ex_merchant');
    const { friend, fan } = await people(t, ['friend', 'fan']);
    mei = await signUp(t, `mei${tag}`);
    others = [admin, merchant, friend, fan];
    const productId = await listProduct(t, merchant);
    await t.ok(`mutation($input: SetCommissionRatesInput!) { setCommissionRates(input: $input) { rateSet { id } userErrors { code } } }`,
      { input: { scope: 'MERCHANT', merchantId: merchant.id, levelRatesBps: [500], rewardDepth: 1, idempotencyKey: `rates-${merchant.id}` } }, admin.token);

    await t.ok(PROFILE, { input: { bio: `Bio of mei ${tag}` } }, mei.token);
    const own = await postNote(t, mei, { title: `Mei's note ${tag}` });
    const theirs = await postNote(t, friend, { title: `Friend's private thoughts ${tag}` });
    await t.ok(LikeDocument, { id: own.id }, friend.token);
    await t.ok(LikeDocument, { id: theirs.id }, mei.token);
    await t.ok(LikeDocument, { id: theirs.id }, fan.token);
    await t.ok(COLLECT, { id: theirs.id }, mei.token);
    const friendComment = (await t.ok(COMMENT, { n: theirs.id, text: `Friend comment ${tag}` }, friend.token)).comment.comment.id as string;
    const comment = (await t.ok(COMMENT, { n: theirs.id, text: `Mei comment ${tag}` }, mei.token)).comment.comment.id as string;
    const reply = (await t.ok(COMMENT, { n: theirs.id, text: 'A reply', r: friendComment }, mei.token)).comment.comment.id as string;
    await follow(t, mei, friend);
    await follow(t, friend, mei);
    await follow(t, fan, mei);
    await follow(t, fan, friend);
    const group = (await t.ok(CREATE_GROUP, { input: { name: `Export club ${tag}`, visibility: 'OPEN', rules: 'Be kind.' } }, friend.token)).createGroup.group.id as string;
    await t.ok(JOIN_GROUP, { id: group }, mei.token);
    const link = (await t.ok(SHARE, { target: { productId }, channel: 'WECHAT' }, mei.token)).share.shareLink!;
    await t.ok(OPEN, { code: link.code }, friend.token);
    const bought = (await t.ok(PLACE, { input: orderInput(productId, 1, { shareCode: link.code }) }, friend.token)).placeOrder.order!;
    const placed = (await t.ok(PLACE, { input: orderInput(productId, 2) }, mei.token)).placeOrder.order!;
    const review = (await t.ok(REVIEW, { o: placed.id, p: productId, text: `Mei review ${tag}` }, mei.token)).reviewProduct.review.id as string;
    await t.ok(PrivacySetConsentDocument, { input: { purpose: 'MARKETING_MESSAGES', isGranted: true } }, mei.token);
    const conversation = (await t.ok(START, { ids: [friend.id] }, mei.token)).startConversation.conversation.id as string;
    await t.ok(SEND, { c: conversation, text: `Mei writes ${tag}` }, mei.token);
    await t.ok(SEND, { c: conversation, text: `Friend answers ${tag}` }, friend.token);
    // A conversation between two others is none of hers.
    const elsewhere = (await t.ok(START, { ids: [fan.id] }, friend.token)).startConversation.conversation.id as string;
    await t.ok(SEND, { c: elsewhere, text: `Between friend and fan ${tag}` }, friend.token);
    // A live room the merchant hosts, where mei comments.
    const room = (await t.ok(
      `mutation($p: ID!, $at: DateTimeISO!) { scheduleLiveRoom(input: { title: "Export live", coverUrl: "https://img.example.com/c.jpg", streamUrl: "https://live.example.com/s.m3u8", scheduledStartAt: $at, productIds: [$p] }) { liveRoom { id } } }`,
      { p: productId, at: new Date(Date.now() + 3_600_000).toISOString() },
      merchant.token,
    )).scheduleLiveRoom.liveRoom.id as string;
    await t.ok(`mutation($r: ID!) { startLive(input: { roomId: $r }) { liveRoom { id } } }`, { r: room }, merchant.token);
    const liveComment = (await t.ok(`mutation($r: ID!) { sendLiveComment(input: { roomId: $r, body: "Live from mei" }) { comment { id } } }`, { r: room }, mei.token)).sendLiveComment.comment.id as string;
    await t.ok(`mutation { checkIn { userErrors { code } } }`, {}, mei.token);

    const [points] = await run('MATCH (e:PointEntry {userId: $id}) RETURN collect(e.id) AS entries', { id: mei.id });
    const [badges] = await run('MATCH (b:BadgeAward {userId: $id}) RETURN collect(b.id) AS awards', { id: mei.id });
    const [commissions] = await run('MATCH (c:Commission)-[:EARNED_BY]->(:User {id: $id}) RETURN collect(c.id) AS ids', { id: mei.id });
    const [events] = await run('MATCH (:User {id: $id})-[:HAD_SECURITY_EVENT]->(e) RETURN collect(e.id) AS ids', { id: mei.id });
    const [consentTrail] = await run('MATCH (:User {id: $id})-[:CHANGED_CONSENT]->(c) RETURN collect(c.id) AS ids', { id: mei.id });
    expected = {
      notes: [own.id], comments: [comment, reply].sort(), likes: [theirs.id], collects: [theirs.id], following: [friend.id], followers: [fan.id, friend.id].sort(),
      orders: [placed.id], commissions: (commissions!.ids as string[]).sort(), shareLinks: [link.code], groupMemberships: [group], conversations: [conversation],
      pointsLedger: (points!.entries as string[]).sort(), badges: (badges!.awards as string[]).sort(), reviews: [review], liveComments: [liveComment],
      consentHistory: (consentTrail!.ids as string[]).sort(), securityEventsBefore: events!.ids, boughtThroughLink: bought.id,
    };
    expect((commissions!.ids as string[]).length).toBe(1);
    expect((points!.entries as string[]).length).toBeGreaterThan(0);
    expect((badges!.awards as string[]).length).toBeGreaterThan(0);

    const requested = (await t.ok(RequestDataExportDocument, { input: { idempotencyKey: `export-${tag}` } }, mei.token)).requestDataExport.dataExport!;
    expect(requested).toMatchObject({ status: 'PENDING', downloadUrl: null, sizeBytes: null });
    exported = await ready(mei, requested.id);
    const res = await download(exported.downloadUrl!, mei.token);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="zhongcao-data-export-\d{4}-\d\d-\d\d\.json"$/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    text = await res.text();
    expect(Buffer.byteLength(text)).toBe(exported.sizeBytes);
    archive = JSON.parse(text);
  });

  test('the export is READY for 7 days, with its size and a download address, and the request is a security event', async () => {
    expect(exported.status).toBe('READY');
    expect(Date.parse(exported.expiresAt) - Date.now()).toBeGreaterThan(7 * 24 * 3600_000 - 60_000);
    expect(exported.downloadUrl).toMatch(new RegExp(`/data-exports/${exported.id}/[\\w-]{43}$`));
    const kinds = (await t.ok(SecurityEventsDocument, { first: 5 }, mei.token)).securityEvents.edges.map((e) => e.node.kind);
    expect(kinds[0]).toBe('DATA_EXPORT_REQUESTED');
  });

  test('the profile is hers, without the password hash or any two-factor secret, with her consents', () => {
    expect(archive).toMatchObject({ format: 'zhongcao-data-export/1', exportId: exported.id, userId: mei.id });
    expect(archive.profile).toMatchObject({ id: mei.id, handle: mei.handle, email: mei.email, bio: `Bio of mei ${tag}`, role: 'USER', followerCount: 2, followingCount: 1, noteCount: 1 });
    expect(text).not.toMatch(/passwordHash|\$2[aby]\$|twoFactorSecret|recovery/i);
    expect(archive.consents).toContainEqual({ purpose: 'MARKETING_MESSAGES', isGranted: true, isDefault: false });
    expect(archive.consents).toHaveLength(4);
  });

  test('every section is there, with exactly her records', () => {
    expect(Object.keys(archive)).toEqual(expect.arrayContaining([...ARCHIVE_SECTIONS, 'counts']));
    const keyed = (section: (typeof ARCHIVE_SECTIONS)[number], key: string) => archive[section].map((r) => r[key] as string).sort();
    expect(ids(archive.notes)).toEqual(expected.notes);
    expect(archive.notes[0]).toMatchObject({ title: `Mei's note ${tag}`, likeCount: 1 });
    expect(ids(archive.comments)).toEqual(expected.comments);
    expect(archive.comments.map((c) => c.text).sort()).toEqual(['A reply', `Mei comment ${tag}`]);
    expect(keyed('likes', 'noteId')).toEqual(expected.likes);
    expect(keyed('collects', 'noteId')).toEqual(expected.collects);
    expect(archive.collections.flatMap((c) => (c.notes as { noteId: string }[]).map((n) => n.noteId))).toEqual(expected.collects);
    expect(keyed('following', 'userId')).toEqual(expected.following);
    expect(keyed('followers', 'userId')).toEqual(expected.followers);
    expect(archive.followers.map((f) => Object.keys(f).sort())).toEqual([['followedAt', 'handle', 'userId'], ['followedAt', 'handle', 'userId']]);
    expect(ids(archive.orders)).toEqual(expected.orders);
    expect(archive.orders[0]).toMatchObject({ items: [expect.objectContaining({ qty: 2 })] });
    expect(ids(archive.commissions)).toEqual(expected.commissions);
    expect(archive.commissions[0]).toMatchObject({ orderId: expected.boughtThroughLink });
    expect(keyed('shareLinks', 'code')).toEqual(expected.shareLinks);
    expect(keyed('groupMemberships', 'groupId')).toEqual(expected.groupMemberships);
    expect(ids(archive.conversations)).toEqual(expected.conversations);
    expect(archive.messages.map((m) => [m.text, m.isFromMe])).toEqual([[`Mei writes ${tag}`, true], [`Friend answers ${tag}`, false]]);
    expect(ids(archive.pointsLedger)).toEqual(expected.pointsLedger);
    expect(ids(archive.badges)).toEqual(expected.badges);
    expect(ids(archive.reviews)).toEqual(expected.reviews);
    expect(archive.reviews[0]).toMatchObject({ text: `Mei review ${tag}` });
    expect(ids(archive.liveComments)).toEqual(expected.liveComments);
    expect(archive.liveComments[0]).toMatchObject({ body: 'Live from mei' });
    expect(ids(archive.consentHistory)).toEqual(expected.consentHistory);
    // Written before the export's own event, which is recorded in the request's transaction.
    expect(ids(archive.securityEvents)).toEqual(expect.arrayContaining(expected.securityEventsBefore as string[]));
    expect(archive.securityEvents.map((e) => e.kind)).toEqual(expect.arrayContaining(['LOG_IN', 'DATA_EXPORT_REQUESTED']));
    expect(archive.counts).toEqual(Object.fromEntries(ARCHIVE_SECTIONS.map((s) => [s, archive[s].length])));
  });

  test('of other people it holds only ids and handles of her relations and the messages of her conversation', () => {
    for (const other of others) expect(text).not.toContain(other.email);
    expect(text).not.toContain(`Friend's private thoughts ${tag}`);
    expect(text).not.toContain(`Friend comment ${tag}`);
    expect(text).not.toContain(`Between friend and fan ${tag}`);
    const [fan] = others.slice(3);
    // The fan's like of the friend's note, and the fan following the friend, are not hers.
    expect(archive.likes).toHaveLength(1);
    expect(archive.following.map((f) => f.userId)).not.toContain(fan!.id);
  });

  test('the download needs the address and her own token: none is 401, another user\'s token or an altered address 404', async () => {
    expect((await download(exported.downloadUrl!, null)).status).toBe(401);
    const stranger = await signUp(t, 'stranger');
    const refused = await download(exported.downloadUrl!, stranger.token);
    expect(refused.status).toBe(404);
    expect(await refused.json()).toEqual({ errors: [{ message: 'No such data export, or it has expired', extensions: { code: 'NOT_FOUND' } }] });
    const altered = exported.downloadUrl!.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    expect((await download(altered, mei.token)).status).toBe(404);
    expect((await download(exported.downloadUrl!.replace(exported.id, '00000000-0000-4000-8000-000000000000'), mei.token)).status).toBe(404);
    // Nor do others see the export itself.
    expect((await t.ok(NODE, { id: exported.id }, stranger.token)).node).toBeNull();
    expect((await t.ok(NODE, { id: exported.id }, mei.token)).node).toEqual({ id: exported.id, status: 'READY' });
    expect(await exportsOf(stranger)).toEqual([]);
  });
});

describe('the daily limit', () => {
  test('a second export on the same UTC day is DAILY_LIMIT_REACHED; a retry with the first key answers the first export; a failed one does not count', async () => {
    const kai = await signUp(t, 'kai');
    const first = (await t.ok(RequestDataExportDocument, { input: { idempotencyKey: 'k1' } }, kai.token)).requestDataExport.dataExport!;
    const again = (await t.answer(RequestDataExportDocument, { input: { idempotencyKey: 'k2' } }, kai.token)).requestDataExport;
    expect(again.dataExport).toBeNull();
    expect(again.userErrors).toEqual([expect.objectContaining({ field: null, code: 'DAILY_LIMIT_REACHED', message: expect.stringMatching(/T00:00:00\.000Z/) })]);
    expect((await t.answer(RequestDataExportDocument, { input: {} }, kai.token)).requestDataExport.userErrors[0]?.code).toBe('DAILY_LIMIT_REACHED');
    expect((await t.ok(RequestDataExportDocument, { input: { idempotencyKey: 'k1' } }, kai.token)).requestDataExport.dataExport!.id).toBe(first.id);
    await ready(kai, first.id);
    expect((await exportsOf(kai)).map((e) => e.id)).toEqual([first.id]);

    await run("MATCH (e:DataExport {id: $id}) SET e.status = 'FAILED'", { id: first.id });
    const retried = (await t.ok(RequestDataExportDocument, { input: {} }, kai.token)).requestDataExport.dataExport!;
    expect(retried.id).not.toBe(first.id);
    await ready(kai, retried.id);
  });

  test('concurrent requests make one export', async () => {
    const lin = await signUp(t, 'lin');
    const answers = await Promise.all([1, 2, 3].map(() => t.answer(RequestDataExportDocument, { input: {} }, lin.token)));
    const made = answers.filter((a) => a.requestDataExport.dataExport);
    expect(made).toHaveLength(1);
    expect(answers.flatMap((a) => a.requestDataExport.userErrors.map((e) => e.code))).toEqual(['DAILY_LIMIT_REACHED', 'DAILY_LIMIT_REACHED']);
    await ready(lin, made[0]!.requestDataExport.dataExport!.id);
  });
});

describe('expiry', () => {
  test('after expiresAt the export is EXPIRED and its address 404; the sweep deletes the file', async () => {
    const bo = await signUp(t, 'bo');
    const requested = (await t.ok(RequestDataExportDocument, { input: {} }, bo.token)).requestDataExport.dataExport!;
    const done = await ready(bo, requested.id);
    const file = join(t.deps.config.exportDir, `${done.id}.json`);
    expect(existsSync(file)).toBe(true);
    expect((await download(done.downloadUrl!, bo.token)).status).toBe(200);

    await run('MATCH (e:DataExport {id: $id}) SET e.expiresAt = $past', { id: done.id, past: Date.now() - 1000 });
    expect((await download(done.downloadUrl!, bo.token)).status).toBe(404);
    expect((await exportsOf(bo))[0]).toMatchObject({ id: done.id, status: 'EXPIRED', downloadUrl: null, sizeBytes: null });

    expect(await sweepExports()).toMatchObject({ expired: expect.any(Number) });
    expect(existsSync(file)).toBe(false);
    expect((await run('MATCH (e:DataExport {id: $id}) RETURN e.status AS status', { id: done.id }))[0]!.status).toBe('EXPIRED');
  });
});

describe('an erased account', () => {
  test('the sweep deletes its archives and exports with the account (they are not kept for 7 days)', async () => {
    const ann = await signUp(t, 'ann');
    const requested = (await t.ok(RequestDataExportDocument, { input: {} }, ann.token)).requestDataExport.dataExport!;
    await ready(ann, requested.id);
    const file = join(t.deps.config.exportDir, `${requested.id}.json`);
    expect(existsSync(file)).toBe(true);
    // As the deletion sweep leaves the account: a tombstone.
    await run('MATCH (u:User {id: $id}) SET u.deletedAt = timestamp()', { id: ann.id });
    await sweepExports();
    expect(existsSync(file)).toBe(false);
    expect(await run('MATCH (e:DataExport {id: $id}) RETURN e.id AS id', { id: requested.id })).toEqual([]);
  });
});

/** The export sweep of `npm run privacy:sweep`, over this app's database and export directory. */
function sweepExports(now = Date.now()) {
  const { config } = t.deps;
  const service = new DataExportService({
    repo: dataExportRepository,
    db: t.db,
    store: new ExportStore(config.exportDir),
    links: new ExportLinks(config.jwtSecret, config.publicBaseUrl),
    policyVersion: config.privacyPolicyVersion,
    onError: (error) => {
      throw error;
    },
  });
  return service.sweep(now);
}
