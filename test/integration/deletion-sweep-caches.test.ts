import { twoInstancesSharingRedis } from '../helpers/redis';
import { follow, postNote, signUp } from '../helpers/people';
import { LikeDocument, PrivacyDeleteAccountDocument } from '../generated/graphql';
import { createEventBus } from '../../src/events/bus';
import { CacheInvalidation } from '../../src/events/invalidation';
import { sweepAccountDeletions } from '../../src/privacy/deletion-sweep';

/**
 * The deletion sweep runs as a job of its own (npm run privacy:sweep), not in an API instance: it
 * tells every instance through the bus what it erased, so that none keeps serving the person's
 * name or notes from its user and note caches (30 s TTLs here) once the sweep is done.
 */
const pair = twoInstancesSharingRedis();

const PERSON = `query($id: ID!) { user(id: $id) { id handle displayName bio followerCount } }`;
const NOTE = `query($id: ID!) { note(id: $id) { id title likeCount author { displayName } } }`;

test('after the sweep neither instance serves the erased name or notes, nor the counts they fed', async () => {
  const { a, b } = pair;
  const gone = await signUp(a, 'gonecache');
  const friend = await signUp(a, 'friendcache');
  const note = await postNote(a, gone, { title: 'A note about to go' });
  const friendNote = await postNote(a, friend, { title: 'A note that stays' });
  await a.ok(LikeDocument, { id: friendNote.id }, gone.token);
  await follow(a, friend, gone);
  await a.ok(`mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { user { id } userErrors { code } } }`, { input: { bio: 'Still here' } }, gone.token);

  // Both instances hold the person, their note and the friend's counts in their caches.
  const read = async () =>
    Promise.all(
      [a, b].map(async (app) => ({
        person: (await app.ok(PERSON, { id: gone.id }, friend.token)).user,
        note: (await app.ok(NOTE, { id: note.id }, friend.token)).note,
        friendNote: (await app.ok(NOTE, { id: friendNote.id }, friend.token)).note,
      })),
    );
  for (const seen of await read()) {
    expect(seen.person).toMatchObject({ displayName: 'gonecache', bio: 'Still here', followerCount: 1 });
    expect(seen.note).toMatchObject({ title: 'A note about to go' });
    expect(seen.friendNote).toMatchObject({ likeCount: 1 });
  }
  // The caches are really in the way: a change behind their back is not seen before their TTL.
  await a.db.scope().write({ name: 'test/behind-the-caches', text: 'MATCH (u:User {id: $id}) SET u.bio = "changed behind the caches"' }, { id: gone.id });
  for (const seen of await read()) expect(seen.person.bio).toBe('Still here');

  const { accountDeletion } = (await a.ok(PrivacyDeleteAccountDocument, { input: { password: gone.password } }, gone.token)).deleteAccount;
  // The job's own bus, as `npm run privacy:sweep` makes it.
  const events = createEventBus(a.deps.config.redisUrl);
  const invalidation = new CacheInvalidation(events);
  try {
    expect(await sweepAccountDeletions(a.db, { now: Date.parse(accountDeletion!.deletesAt) + 1000, quarantineDays: 90, invalidation })).toContain(gone.id);
  } finally {
    await invalidation.close();
    await events.close();
  }

  const deadline = Date.now() + 5_000;
  let seen = await read();
  while (Date.now() < deadline && !seen.every((s) => s.person?.displayName === 'Deleted user' && s.note === null && s.friendNote?.likeCount === 0)) {
    await new Promise((r) => setTimeout(r, 50));
    seen = await read();
  }
  for (const s of seen) {
    expect(s.person).toMatchObject({ displayName: 'Deleted user', bio: '', followerCount: 0 });
    expect(s.person.handle).toMatch(/^deleted_/);
    expect(s.note).toBeNull();
    expect(s.friendNote).toMatchObject({ likeCount: 0, author: { displayName: 'friendcache' } });
  }
});
