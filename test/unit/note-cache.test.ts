import { NoteCache } from '../../src/content/note-cache';
import { NoteFormat, NoteVisibility, type NoteRecord } from '../../src/content/types';
import type { Invalidation } from '../../src/events/invalidation';

// The note cache's own rules, on a hand-driven clock and a hand-driven invalidation feed; the
// writes that feed it are tested end to end in test/integration/caches.test.ts.

const note = (id: string, over: Partial<NoteRecord> = {}): NoteRecord => ({
  id, title: 't', body: '', format: NoteFormat.IMAGE_TEXT, visibility: NoteVisibility.PUBLIC, mediaJson: '[]',
  createdAt: 0, editedAt: null, deletedAt: null, likeCount: 0, collectCount: 0, commentCount: 0, shareCount: 0, viewCount: 0,
  authorId: 'author', groupId: null, topics: [], productIds: [], modState: null, isAnnouncement: null,
  ...over,
});

function setUp(options: Partial<{ ttlMs: number; maxEntries: number; maxBytes: number }> = {}) {
  let now = 1_000;
  const handlers: ((i: Invalidation) => void)[] = [];
  const cache = new NoteCache({ ttlMs: 30_000, maxEntries: 100, maxBytes: 1_000_000, ...options, now: () => now }, { onInvalidate: (h) => handlers.push(h) });
  return {
    cache,
    tick: (ms: number) => (now += ms),
    at: () => now,
    notesChanged: (noteIds: string[] | null) => handlers.forEach((h) => h({ kind: 'notes', event: { noteIds, reason: 'COUNTS' } })),
    usersChanged: (userIds: string[]) => handlers.forEach((h) => h({ kind: 'users', event: { userIds, reason: 'PROFILE' } })),
  };
}

describe('the note cache', () => {
  test('answers what a read stored until the note is invalidated; a user event leaves it alone', () => {
    const { cache, at, tick, notesChanged, usersChanged } = setUp();
    cache.set(note('n', { likeCount: 3 }), at());
    tick(1);
    usersChanged(['author']);
    expect(cache.get('n')?.likeCount).toBe(3);
    notesChanged(['n']);
    expect(cache.get('n')).toBeUndefined();
  });

  test('a read that started before an invalidation is not stored; one that started after is', () => {
    const { cache, at, tick, notesChanged } = setUp();
    const slowRead = at();
    tick(5);
    notesChanged(['n']);
    tick(5);
    cache.set(note('n', { likeCount: 1 }), slowRead);
    expect(cache.get('n')).toBeUndefined();
    cache.set(note('n', { likeCount: 2 }), at());
    expect(cache.get('n')?.likeCount).toBe(2);
  });

  test('an import drops every note, and refuses reads that started before it', () => {
    const { cache, at, tick, notesChanged } = setUp();
    const before = at();
    cache.set(note('a'), before);
    cache.set(note('b'), before);
    tick(1);
    notesChanged(null);
    expect([cache.get('a'), cache.get('b')]).toEqual([undefined, undefined]);
    cache.set(note('a'), before);
    expect(cache.get('a')).toBeUndefined();
    tick(1);
    cache.set(note('a'), at());
    expect(cache.get('a')?.id).toBe('a');
  });

  test('entries end with the TTL, and a TTL of 0 turns the cache off', async () => {
    const { cache, at, tick } = setUp({ ttlMs: 1_000 });
    cache.set(note('n'), at());
    tick(1_001);
    // lru-cache keeps the clock's last reading for a millisecond of real time.
    await new Promise((r) => setTimeout(r, 5));
    expect(cache.get('n')).toBeUndefined();
    const off = setUp({ ttlMs: 0 });
    off.cache.set(note('n'), off.at());
    expect(off.cache.get('n')).toBeUndefined();
  });

  test('long bodies count against the byte bound: the least recently used leave first', () => {
    const body = 'x'.repeat(5_000);
    // Each record is about 10 kB; the bound holds two.
    const { cache, at } = setUp({ maxBytes: 25_000 });
    for (const id of ['a', 'b', 'c']) cache.set(note(id, { body }), at());
    expect(['a', 'b', 'c'].map((id) => cache.get(id)?.id)).toEqual([undefined, 'b', 'c']);
  });
});
