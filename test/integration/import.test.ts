import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import crypto from 'node:crypto';
import { startTestApp, TestApp, uniqueHandle } from '../helpers/app';
import { importFile } from '../../src/jobs/import';
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
  const dir = mkdtempSync(join(tmpdir(), 'zhongcao-import-'));
  const path = join(dir, 'data.jsonl');
  writeFileSync(path, lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n');
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
  expect(report.bad[1]!.reason).toMatch(/to must be a UUID/);

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
