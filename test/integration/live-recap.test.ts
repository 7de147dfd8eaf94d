import { startTestApp, type TestApp } from '../helpers/app';
import { people, type Person } from '../helpers/people';
import { listProduct, signUpAdmin, signUpMerchant } from '../helpers/commerce';
import {
  AllowLiveHostDocument,
  AuthorFeedIdsDocument,
  EndLiveDocument,
  GroupFeedDocument,
  GroupNoteDocument,
  JoinGroupDocument,
  LivePlaceOrderDocument,
  LiveRecapDocument,
  PinProductDocument,
  PublishLiveRecapDocument,
  ScheduleLiveRoomDocument,
  SensitiveWordsDocument,
  SetSensitiveWordsDocument,
  StartLiveDocument,
  UpdateLiveRecapDocument,
  VisibilityCreateGroupDocument,
} from '../generated/graphql';

/**
 * The recap of a live room (issue 16 §6): drafted for the host when the room ends, with the
 * products it pinned and their orders in the room; the host's alone until they publish it, when it
 * becomes their note under the note rules.
 */
jest.setTimeout(180_000);

let t: TestApp;
let admin: Person;
let merchant: Person;
const run = Date.now().toString(36);
const word = `recapbad${run}`;
let keys = 0;

beforeAll(async () => {
  t = await startTestApp();
  admin = await signUpAdmin(t, `live-recap-${run}@example.com`);
  merchant = await signUpMerchant(t, admin, `live_recap_${run}`);
  const words = (await t.ok(SensitiveWordsDocument, {}, admin.token)).sensitiveWords as string[];
  await t.ok(SetSensitiveWordsDocument, { words: [...words, word] }, admin.token);
});
afterAll(async () => {
  // Other files share the word list: only this file's word is taken out again.
  const words = (await t.ok(SensitiveWordsDocument, {}, admin.token)).sensitiveWords as string[];
  await t.ok(SetSensitiveWordsDocument, { words: words.filter((w) => w !== word) }, admin.token);
  await t.close();
});

async function liveRoom(host: Person, productIds: string[], groupId: string | null = null, title = 'Autumn skincare live') {
  await t.ok(AllowLiveHostDocument, { hostId: host.id }, merchant.token);
  const input = { title, coverUrl: 'https://img.example.com/cover.jpg', streamUrl: 'https://live.example.com/r.m3u8', scheduledStartAt: new Date(Date.now() + 60_000).toISOString(), productIds, groupId };
  const room = (await t.ok(ScheduleLiveRoomDocument, { input }, host.token)).scheduleLiveRoom.liveRoom!;
  await t.ok(StartLiveDocument, { roomId: room.id }, host.token);
  return room.id;
}

const buy = (who: Person, productId: string, roomId: string) =>
  t.ok(LivePlaceOrderDocument, { input: { items: [{ productId, qty: 1 }], context: { liveRoomId: roomId }, idempotencyKey: `live-recap-${run}-${++keys}` } }, who.token);
const recapOf = async (roomId: string, who: Person) => (await t.ok(LiveRecapDocument, { id: roomId }, who.token)).liveRoom?.recap ?? null;

test('the host finds a recap of the ended room with the products it pinned and their orders; nobody else sees it anywhere; published, it is a normal note', async () => {
  const { host, ann, bob, stranger } = await people(t, ['host', 'ann', 'bob', 'stranger']);
  const [toner, serum, unshown] = [await listProduct(t, merchant, { title: 'Rose toner' }), await listProduct(t, merchant, { title: 'Night serum' }), await listProduct(t, merchant, { title: 'Never pinned' })];
  const roomId = await liveRoom(host, [toner, serum, unshown]);
  await t.ok(PinProductDocument, { input: { roomId, productId: toner } }, host.token);
  await buy(ann, toner, roomId);
  await t.ok(PinProductDocument, { input: { roomId, productId: serum } }, host.token);
  await buy(ann, serum, roomId);
  await buy(bob, serum, roomId);
  expect(await recapOf(roomId, host)).toBeNull();

  await t.ok(EndLiveDocument, { roomId }, host.token);
  const recap = (await recapOf(roomId, host))!;
  expect(recap).toMatchObject({ title: 'Recap: Autumn skincare live', isPublished: false, note: null, publishedAt: null });
  expect(recap.body).toBe('What we showed in the live room:\n· Night serum: 2 orders in the room\n· Rose toner: 1 order in the room');
  expect(recap.products).toEqual([
    { product: { id: serum }, timesPinned: 1, orders: 2, units: 2 },
    { product: { id: toner }, timesPinned: 1, orders: 1, units: 1 },
  ]);
  // Ending again (a retry) keeps the draft.
  await t.ok(EndLiveDocument, { roomId }, host.token);
  expect((await recapOf(roomId, host))!.draftedAt).toBe(recap.draftedAt);

  // Only the host: a buyer in the room and a stranger see no recap, and no note of the host exists yet.
  for (const other of [ann, stranger]) expect(await recapOf(roomId, other)).toBeNull();
  for (const who of [host, stranger]) expect((await t.ok(AuthorFeedIdsDocument, { id: host.id }, who.token)).authorFeed.totalCount).toBe(0);
  expect((await t.gql(UpdateLiveRecapDocument, { input: { roomId, title: 'mine now' } }, ann.token)).errors?.[0]?.extensions.code).toBe('FORBIDDEN');
  expect((await t.gql(PublishLiveRecapDocument, { roomId }, ann.token)).errors?.[0]?.extensions.code).toBe('FORBIDDEN');

  // The host edits it, with the limits of a note.
  expect((await t.answer(UpdateLiveRecapDocument, { input: { roomId, title: 'x'.repeat(101) } }, host.token)).updateLiveRecap.userErrors[0]).toMatchObject({ code: 'INVALID', field: ['title'] });
  const edited = (await t.ok(UpdateLiveRecapDocument, { input: { roomId, title: 'Our serum night', body: `${recap.body}\nThank you all!` } }, host.token)).updateLiveRecap.liveRoom!.recap!;
  expect(edited).toEqual({ title: 'Our serum night', body: `${recap.body}\nThank you all!` });

  // Published: the host's note, with the room's products, in their profile and on the note's own lookup for anyone.
  const published = (await t.ok(PublishLiveRecapDocument, { roomId }, host.token)).publishLiveRecap;
  const note = published.note!;
  expect(note).toMatchObject({ title: 'Our serum night', body: `${recap.body}\nThank you all!` });
  expect(note.products.map((p) => p.id).sort()).toEqual([serum, toner].sort());
  expect(published.liveRoom?.recap).toEqual({ isPublished: true, note: { id: note.id } });
  expect((await t.ok(GroupNoteDocument, { id: note.id }, stranger.token)).note).toEqual({ id: note.id });
  expect((await t.ok(AuthorFeedIdsDocument, { id: host.id }, stranger.token)).authorFeed.nodes).toEqual([{ id: note.id }]);
  // Publishing again answers the same note; a published recap is edited as its note.
  expect((await t.ok(PublishLiveRecapDocument, { roomId }, host.token)).publishLiveRecap.note?.id).toBe(note.id);
  expect((await t.answer(UpdateLiveRecapDocument, { input: { roomId, title: 'late edit' } }, host.token)).updateLiveRecap.userErrors[0]?.code).toBe('INVALID_STATE');
  expect((await t.ok(AuthorFeedIdsDocument, { id: host.id }, host.token)).authorFeed.totalCount).toBe(1);
});

test("a room that never went LIVE has no recap; a community room's recap is posted in the community, held by its pre-moderation like any note", async () => {
  const { host, member } = await people(t, ['host', 'member']);
  const product = await listProduct(t, merchant, { title: 'Clay mask' });
  await t.ok(AllowLiveHostDocument, { hostId: host.id }, merchant.token);
  const input = { title: 'Cancelled', coverUrl: 'https://img.example.com/cover.jpg', streamUrl: 'https://live.example.com/r.m3u8', scheduledStartAt: new Date(Date.now() + 60_000).toISOString(), productIds: [product] };
  const cancelled = (await t.ok(ScheduleLiveRoomDocument, { input }, host.token)).scheduleLiveRoom.liveRoom!.id;
  await t.ok(EndLiveDocument, { roomId: cancelled }, host.token);
  expect(await recapOf(cancelled, host)).toBeNull();
  expect((await t.answer(PublishLiveRecapDocument, { roomId: cancelled }, host.token)).publishLiveRecap.userErrors[0]?.code).toBe('INVALID_STATE');

  const group = (await t.ok(VisibilityCreateGroupDocument, { input: { name: `recap club ${run}`, description: 'Pre-moderated', visibility: 'OPEN', rules: '', topics: [], isPremoderated: true } }, host.token)).createGroup.group!.id;
  await t.ok(JoinGroupDocument, { id: group }, member.token);
  const roomId = await liveRoom(host, [product], group, `Mask night ${word}`);
  await t.ok(EndLiveDocument, { roomId }, host.token);
  expect((await recapOf(roomId, host))!.title).toBe(`Recap: Mask night ${word}`);
  const note = (await t.ok(PublishLiveRecapDocument, { roomId }, host.token)).publishLiveRecap.note!;
  // The sensitive word holds it for the community's moderators: the host sees it, members do not yet.
  expect((await t.ok(GroupNoteDocument, { id: note.id }, host.token)).note).toEqual({ id: note.id });
  expect((await t.ok(GroupNoteDocument, { id: note.id }, member.token)).note).toBeNull();
  expect((await t.ok(GroupFeedDocument, { id: group }, member.token)).groupFeed.nodes).toEqual([]);
});
