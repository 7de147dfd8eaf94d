import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import crypto from 'node:crypto';
import { startTestApp, TestApp, uniqueHandle } from '../helpers/app';
import { importFile, importId } from '../../src/jobs/import';
import {
  ImportedFollowerCountDocument,
  ImportedGroupMembersDocument,
  ImportedLikeCountDocument,
  ImportedLogInDocument,
  ImportedNoteDocument,
  ImportedProfileDocument,
} from '../generated/graphql';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const id = () => crypto.randomUUID();

function writeLines(lines: (Record<string, unknown> | string)[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'zhongcao-import-'));
  const path = join(dir, 'data.jsonl');
  writeFileSync(path, lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n');
  return path;
}

function fixture() {
  const [alice, bob, carol] = [id(), id(), id()];
  const handles = [uniqueHandle('imp_a'), uniqueHandle('imp_b'), uniqueHandle('imp_c')];
  const [note1, note2, product, order, comment, group] = [id(), id(), id(), id(), id(), id()];
  const share1 = `IMP${Date.now().toString(36)}a`;
  const share2 = `IMP${Date.now().toString(36)}b`;
  const lines = [
    { type: 'user', id: alice, handle: handles[0], displayName: 'Alice', email: `${handles[0]}@example.com`, password: 'imported pass 1', createdAt: '2026-01-01T00:00:00Z', topics: ['beauty'] },
    { type: 'user', id: bob, handle: handles[1], displayName: 'Bob', createdAt: 1767225600000 },
    { type: 'user', id: carol, handle: handles[2], displayName: 'Carol', createdAt: 1767225600000 },
    { type: 'follow', from: bob, to: alice, createdAt: 1767225700000 },
    { type: 'follow', from: carol, to: alice, createdAt: 1767225700000 },
    { type: 'follow', from: carol, to: alice, createdAt: 1767225700000 },
    'this is not json',
    { type: 'follow', from: bob, to: 'not-an-id', createdAt: 1 },
    { type: 'product', id: product, title: 'Imported serum', price: 12900, currency: 'CNY', merchant: carol, stock: 5 },
    { type: 'note', id: note1, author: alice, title: 'Imported note', body: 'hello', createdAt: 1767225800000, topics: ['skincare'], products: [product] },
    { type: 'note', id: note2, author: alice, title: 'Second', createdAt: 1767225900000 },
    { type: 'like', user: bob, note: note1, createdAt: 1767226000000 },
    { type: 'like', user: carol, note: note1, createdAt: 1767226000000 },
    { type: 'like', user: carol, note: note1, createdAt: 1767226000000 },
    { type: 'collect', user: bob, note: note1, createdAt: 1767226000000 },
    { type: 'comment', id: comment, author: bob, note: note1, text: 'nice', createdAt: 1767226100000 },
    { type: 'share', code: share1, sharer: alice, target: { type: 'PRODUCT', id: product }, channel: 'WECHAT', createdAt: 1767226200000 },
    { type: 'share', code: share2, sharer: bob, target: { type: 'PRODUCT', id: product }, channel: 'WEIBO', createdAt: 1767226300000, parentCode: share1 },
    { type: 'visit', code: share2, visitor: 'visitor-imported', createdAt: 1767226400000 },
    { type: 'order', id: order, buyer: carol, items: [{ product, qty: 2 }], createdAt: 1767226500000, shareCode: share2 },
    { type: 'group', id: group, name: 'Imported circle', owner: alice, visibility: 'OPEN', createdAt: 1767226600000 },
    { type: 'membership', user: bob, group, role: 'MEMBER', joinedAt: 1767226700000 },
  ];
  const path = writeLines(lines);
  return { path, alice, bob, carol, handles, note1, order, share2, group };
}

async function count(query: string, params: Record<string, unknown> = {}): Promise<number> {
  const { records } = await t.db.driver.executeQuery(query, params);
  return records[0]!.get('n') as number;
}

test('imports a JSON Lines file, keeping ids, reporting bad lines and leaving counts exact', async () => {
  const f = fixture();
  const report = await importFile(f.path, { db: t.db, quiet: true });
  expect(report.bad.map((b) => b.line)).toEqual([7, 8]);
  expect(report.bad[0]!.reason).toMatch(/JSON/);
  // 'not-an-id' is a well-formed external id, of no user in the file or the database.
  expect(report.bad[1]!.reason).toBe('follow.to: no such user "not-an-id"');
  expect(report.imported).toBe(report.lines - 2);

  const profile = await t.ok(ImportedProfileDocument, { id: f.alice });
  expect(profile.user).toEqual({ handle: f.handles[0], followerCount: 2, noteCount: 2 });
  const note = await t.ok(ImportedNoteDocument, { id: f.note1 });
  expect(note.note).toMatchObject({ likeCount: 2, collectCount: 1, commentCount: 1 });
  // Users imported with a password can log in.
  const login = await t.ok(ImportedLogInDocument, { l: f.handles[0]!, password: 'imported pass 1' });
  expect(login.logIn.user?.id).toBe(f.alice);
  // The imported order keeps its referral chain.
  const { records } = await t.db.driver.executeQuery(
    'MATCH (o:Order {id: $id})-[:VIA]->(l:ShareLink)-[:RESHARE_OF]->(p:ShareLink) RETURN o.totalMinor AS total, l.depth AS depth, p.code AS parent',
    { id: f.order },
  );
  expect(records[0]!.toObject()).toMatchObject({ total: 25800, depth: 1 });
  expect((await t.ok(ImportedGroupMembersDocument, { id: f.group })).group?.memberCount).toBe(2);

  // Importing the same file again creates nothing new (counted around what the file imported,
  // since other tests write to the same database meanwhile).
  const around = { ids: [f.alice, f.bob, f.carol] };
  const nodes = 'MATCH (u:User) WHERE u.id IN $ids MATCH (u)--(x) RETURN count(DISTINCT x) AS n';
  const rels = 'MATCH (u:User) WHERE u.id IN $ids MATCH (u)-[r]-() RETURN count(DISTINCT r) AS n';
  const [nodesBefore, relsBefore] = [await count(nodes, around), await count(rels, around)];
  await importFile(f.path, { db: t.db, quiet: true });
  expect(await count(nodes, around)).toBe(nodesBefore);
  expect(await count(rels, around)).toBe(relsBefore);
  expect((await t.ok(ImportedFollowerCountDocument, { id: f.alice })).user?.followerCount).toBe(2);
});

test('--strict stops at the first bad line; --from-line resumes after it', async () => {
  const f = fixture();
  await expect(importFile(f.path, { db: t.db, quiet: true, strict: true })).rejects.toThrow(/^line 7: invalid JSON/);
  // Lines 1-6 went in (their batch was flushed only when complete, so nothing half-written).
  const resumed = await importFile(f.path, { db: t.db, quiet: true, fromLine: 9 });
  expect(resumed.bad).toEqual([]);
  expect((await t.ok(ImportedLikeCountDocument, { id: f.note1 })).note?.likeCount).toBe(2);
});

test('a record whose referenced node does not exist is a bad line with its reason, and is not counted as imported', async () => {
  const [ok, refused, product, note, group] = [id(), id(), id(), id(), id()];
  const [ghostNote, ghostProduct, ghostGroup, ghostComment] = [id(), id(), id(), id()];
  const handle = uniqueHandle('imp_ok');
  const code = `IMP${Date.now().toString(36)}d`;
  const path = writeLines([
    { type: 'user', id: ok, handle, displayName: 'Kept', createdAt: 1767225600000 },
    // Refused: the handle has a space. Everything that refers to this user must be reported too.
    { type: 'user', id: refused, handle: 'not a handle', displayName: 'Refused', createdAt: 1767225600000 },
    { type: 'follow', from: ok, to: refused, createdAt: 1767225700000 },
    { type: 'follow', from: refused, to: ok, createdAt: 1767225700000 },
    { type: 'product', id: product, title: 'Kept serum', price: 100, merchant: refused },
    { type: 'product', id: product, title: 'Kept serum', price: 100 },
    { type: 'group', id: group, name: 'Kept circle', owner: ok, createdAt: 1767225600000 },
    { type: 'note', id: note, author: ok, title: 'Kept note', createdAt: 1767225800000, products: [product], groupId: group },
    { type: 'note', id: ghostNote, author: refused, title: 'Orphan note', createdAt: 1767225800000 },
    { type: 'note', id: id(), author: ok, title: 'Sells nothing real', createdAt: 1767225800000, products: [product, ghostProduct] },
    { type: 'note', id: id(), author: ok, title: 'In no group', createdAt: 1767225800000, groupId: ghostGroup },
    { type: 'like', user: ok, note, createdAt: 1767226000000 },
    { type: 'like', user: ok, note: ghostNote, createdAt: 1767226000000 },
    { type: 'like', user: refused, note, createdAt: 1767226000000 },
    { type: 'collect', user: refused, note: ghostNote, createdAt: 1767226000000 },
    { type: 'comment', id: id(), author: ok, note, text: 'a reply to nothing', replyTo: ghostComment, createdAt: 1767226100000 },
    { type: 'share', code, sharer: ok, target: { type: 'NOTE', id: note }, channel: 'WECHAT', createdAt: 1767226200000 },
    { type: 'share', code: `${code}x`, sharer: ok, target: { type: 'PRODUCT', id: ghostProduct }, channel: 'WECHAT', createdAt: 1767226200000 },
    { type: 'share', code: `${code}y`, sharer: ok, target: { type: 'NOTE', id: note }, channel: 'WECHAT', createdAt: 1767226200000, parentCode: 'IMPnosuchcode' },
    { type: 'visit', code: 'IMPnosuchcode', visitor: 'v1', createdAt: 1767226300000 },
    { type: 'order', id: id(), buyer: ok, items: [{ product: ghostProduct, qty: 1 }], createdAt: 1767226500000 },
    { type: 'order', id: id(), buyer: ok, items: [{ product, qty: 1 }], createdAt: 1767226500000, shareCode: 'IMPnosuchcode' },
    { type: 'membership', user: refused, group, joinedAt: 1767226700000 },
    { type: 'membership', user: ok, group: ghostGroup, joinedAt: 1767226700000 },
  ]);
  const report = await importFile(path, { db: t.db, quiet: true });
  expect(report.bad).toEqual([
    { line: 2, reason: 'handle must be 3 to 30 letters, digits or underscores' },
    { line: 3, reason: `follow.to: no such user "${refused}"` },
    { line: 4, reason: `follow.from: no such user "${refused}"` },
    { line: 5, reason: `product.merchant: no such user "${refused}"` },
    { line: 9, reason: `note.author: no such user "${refused}"` },
    { line: 10, reason: `note.products[]: no such product "${ghostProduct}"` },
    { line: 11, reason: `note.groupId: no such group "${ghostGroup}"` },
    { line: 13, reason: `like.note: no such note "${ghostNote}"` },
    { line: 14, reason: `like.user: no such user "${refused}"` },
    { line: 15, reason: `collect.user: no such user "${refused}"; collect.note: no such note "${ghostNote}"` },
    { line: 16, reason: `comment.replyTo: no such comment "${ghostComment}"` },
    { line: 18, reason: `share.target.id: no such product "${ghostProduct}"` },
    { line: 19, reason: 'share.parentCode: no such share link "IMPnosuchcode"' },
    { line: 20, reason: 'visit.code: no such share link "IMPnosuchcode"' },
    { line: 21, reason: `order.items[].product: no such product "${ghostProduct}"` },
    { line: 22, reason: 'order.shareCode: no such share link "IMPnosuchcode"' },
    { line: 23, reason: `membership.user: no such user "${refused}"` },
    { line: 24, reason: `membership.group: no such group "${ghostGroup}"` },
  ]);
  // Written: the user, the product, the group, the note, its like and the first share.
  expect(report.imported).toBe(6);
  expect(report.imported + report.bad.length).toBe(report.lines);

  // Nothing of a refused record was written.
  expect(await count('MATCH (n:Note) WHERE n.id = $id RETURN count(n) AS n', { id: ghostNote })).toBe(0);
  expect(await count('MATCH (:User {id: $id})-[:POSTED]->(n:Note) RETURN count(n) AS n', { id: ok })).toBe(1);
  expect(await count('MATCH (:User {id: $id})-[:PLACED]->(o:Order) RETURN count(o) AS n', { id: ok })).toBe(0);
  expect(await count('MATCH (l:ShareLink) WHERE l.code STARTS WITH $code RETURN count(l) AS n', { code })).toBe(1);
  const kept = await t.ok(ImportedNoteDocument, { id: note });
  expect(kept.note).toMatchObject({ likeCount: 1, commentCount: 0, products: [{ id: product }] });
});

test('--strict stops at the first record whose reference does not exist, writing nothing of its batch', async () => {
  const [ok, note] = [id(), id()];
  const path = writeLines([
    { type: 'user', id: ok, handle: uniqueHandle('imp_st'), displayName: 'Strict', createdAt: 1767225600000 },
    { type: 'note', id: note, author: ok, title: 'Kept', createdAt: 1767225800000 },
    { type: 'like', user: ok, note, createdAt: 1767226000000 },
    { type: 'like', user: ok, note: id(), createdAt: 1767226000000 },
  ]);
  await expect(importFile(path, { db: t.db, quiet: true, strict: true })).rejects.toThrow(/^line 4: like\.note: no such note .*resume with --from-line 3/);
  expect(await count('MATCH (:User {id: $id})-[:LIKED]->(n) RETURN count(n) AS n', { id: ok })).toBe(0);
  // Earlier batches stay written (stored counts are recomputed when the resumed import ends).
  expect(await count('MATCH (:User {id: $id})-[:POSTED]->(n) RETURN count(n) AS n', { id: ok })).toBe(1);
});

test('ids from other systems (numbers, strings) map to stable UUIDs, so a re-import is idempotent', async () => {
  const run = Date.now().toString(36);
  // Another system's ids: numbers for users, prefixed strings for the rest.
  const [ann, ben] = [Number(`${Date.now()}1`), Number(`${Date.now()}2`)];
  const handles = [uniqueHandle('imp_x1'), uniqueHandle('imp_x2')];
  const note = `crm:note.${run}`;
  const path = writeLines([
    { type: 'user', id: ann, handle: handles[0], displayName: 'Ann', createdAt: 1767225600000 },
    { type: 'user', id: String(ben), handle: handles[1], displayName: 'Ben', createdAt: 1767225600000 },
    { type: 'follow', from: ben, to: String(ann), createdAt: 1767225700000 },
    { type: 'product', id: `sku-${run}`, title: 'External serum', price: 5000, merchant: ann },
    { type: 'note', id: note, author: ann, title: 'External note', createdAt: 1767225800000, products: [`sku-${run}`] },
    { type: 'like', user: ben, note, createdAt: 1767226000000 },
    { type: 'comment', id: `c_${run}`, author: ben, note, text: 'first', createdAt: 1767226100000 },
    { type: 'comment', id: `c_${run}_2`, author: ann, note, text: 'reply', replyTo: `c_${run}`, createdAt: 1767226200000 },
    { type: 'group', id: `g.${run}`, name: 'External circle', owner: ann, createdAt: 1767226600000 },
    { type: 'membership', user: ben, group: `g.${run}`, joinedAt: 1767226700000 },
    { type: 'order', id: `ord-${run}`, buyer: ben, items: [{ product: `sku-${run}`, qty: 1 }], createdAt: 1767226800000 },
    { type: 'user', id: 'has space', handle: uniqueHandle('imp_x3'), displayName: 'Bad id', createdAt: 1767225600000 },
  ]);
  const first = await importFile(path, { db: t.db, quiet: true });
  expect(first.bad).toEqual([{ line: 12, reason: "id must be a UUID or an external id of 1 to 64 letters, digits, '.', '_', ':' or '-'" }]);
  expect(first.imported).toBe(11);

  const annId = importId('user', String(ann));
  expect((await t.ok(ImportedProfileDocument, { id: annId })).user).toEqual({ handle: handles[0], followerCount: 1, noteCount: 1 });
  const noteId = importId('note', note);
  expect((await t.ok(ImportedNoteDocument, { id: noteId })).note).toMatchObject({ likeCount: 1, commentCount: 2, products: [{ id: importId('product', `sku-${run}`) }] });
  expect(await count('MATCH (:Comment {id: $c})-[:REPLY_TO]->(:Comment {id: $p}) RETURN count(*) AS n', { c: importId('comment', `c_${run}_2`), p: importId('comment', `c_${run}`) })).toBe(1);
  expect((await t.ok(ImportedGroupMembersDocument, { id: importId('group', `g.${run}`) })).group?.memberCount).toBe(2);

  const around = { ids: [annId, importId('user', String(ben))] };
  const nodes = 'MATCH (u:User) WHERE u.id IN $ids MATCH (u)--(x) RETURN count(DISTINCT x) AS n';
  const rels = 'MATCH (u:User) WHERE u.id IN $ids MATCH (u)-[r]-() RETURN count(DISTINCT r) AS n';
  const [nodesBefore, relsBefore] = [await count(nodes, around), await count(rels, around)];
  const again = await importFile(path, { db: t.db, quiet: true });
  expect(again.imported).toBe(11);
  expect(await count(nodes, around)).toBe(nodesBefore);
  expect(await count(rels, around)).toBe(relsBefore);
  expect(await count('MATCH (u:User) WHERE u.handleLower IN $h RETURN count(u) AS n', { h: handles.map((h) => h.toLowerCase()) })).toBe(2);
});
