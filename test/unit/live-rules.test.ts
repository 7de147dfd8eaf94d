import { LikeTally } from '../../src/live/likes';
import { flashHolds, flashTermsFault, minuteOf } from '../../src/live/rules';

describe('likes are summed in memory and written as totals', () => {
  function tally(intervalMs = 1_000) {
    let now = 120_000;
    const writes: { roomId: string; minute: number; likes: number }[][] = [];
    let failNext = false;
    const likes = new LikeTally(
      async (batches) => {
        if (failNext) {
          failNext = false;
          throw new Error('database away');
        }
        writes.push(batches);
      },
      intervalMs,
      () => now,
    );
    return { likes, writes, advance: (ms: number) => (now += ms), failNextWrite: () => (failNext = true) };
  }

  test('a thousand taps become one write per room and minute, and count at once where they were made', async () => {
    const { likes, writes, advance } = tally();
    advance(1_000);
    for (let i = 0; i < 1_000; i++) likes.add('room-a', 1);
    likes.add('room-b', 7);
    expect(likes.unwritten('room-a')).toBe(1_000);
    await likes.flushIfDue();
    expect(writes).toEqual([[{ roomId: 'room-a', minute: 120_000, likes: 1_000 }, { roomId: 'room-b', minute: 120_000, likes: 7 }]]);
    expect(likes.unwritten('room-a')).toBe(0);
  });

  test('writes at most once per interval unless forced; taps across a minute go to their own minutes', async () => {
    const { likes, writes, advance } = tally();
    advance(1_000);
    await likes.flushIfDue();
    likes.add('room', 2);
    await likes.flushIfDue();
    expect(writes).toEqual([]);
    advance(60_000);
    likes.add('room', 3);
    await likes.flushIfDue(true);
    expect(writes).toEqual([[{ roomId: 'room', minute: 120_000, likes: 2 }, { roomId: 'room', minute: 180_000, likes: 3 }]]);
  });

  test('a failed write keeps its taps for the next one', async () => {
    const { likes, writes, advance, failNextWrite } = tally();
    likes.add('room', 5);
    failNextWrite();
    await expect(likes.flushIfDue(true)).rejects.toThrow('database away');
    expect(likes.unwritten('room')).toBe(5);
    advance(1_000);
    likes.add('room', 1);
    await likes.flushIfDue(true);
    expect(writes).toEqual([[{ roomId: 'room', minute: 120_000, likes: 6 }]]);
  });
});

describe('flash offers', () => {
  test('come whole: a price with units, seconds only with them', () => {
    expect(flashTermsFault({})).toBeNull();
    expect(flashTermsFault({ flashPriceMinor: 100, flashQuantity: 5, seconds: 60 })).toBeNull();
    expect(flashTermsFault({ flashPriceMinor: 100 })).toBe('flashQuantity');
    expect(flashTermsFault({ flashQuantity: 5 })).toBe('flashPriceMinor');
    expect(flashTermsFault({ seconds: 60 })).toBe('seconds');
  });

  test('hold while pinned, in time and in units', () => {
    const pin = { flashPriceMinor: 100, flashLeft: 2, endsAt: 10_000, unpinnedAt: null };
    expect(flashHolds(pin, 2, 9_999)).toBe(true);
    expect(flashHolds(pin, 3, 9_999)).toBe(false);
    expect(flashHolds(pin, 1, 10_000)).toBe(false);
    expect(flashHolds({ ...pin, unpinnedAt: 5 }, 1, 1)).toBe(false);
    expect(flashHolds({ ...pin, flashPriceMinor: null }, 1, 1)).toBe(false);
    expect(flashHolds({ ...pin, endsAt: null }, 1, 1e15)).toBe(true);
  });

  test('minutes start on the minute', () => {
    expect(minuteOf(125_999)).toBe(120_000);
    expect(minuteOf(120_000)).toBe(120_000);
  });
});
