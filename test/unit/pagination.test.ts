import { decodeCursor, encodeCursor, offsetAfter, pageRequest, toPage } from '../../src/common/pagination';
import { AppError } from '../../src/common/errors';

describe('cursors', () => {
  test('round-trip a position and are opaque', () => {
    const cursor = encodeCursor({ k: 1_700_000_000_123, id: 'abc' });
    expect(cursor).not.toContain('abc');
    expect(decodeCursor(cursor)).toEqual({ k: 1_700_000_000_123, id: 'abc' });
  });

  test.each(['', 'not base64 at all!', Buffer.from('{"a":1}').toString('base64url'), Buffer.from('[1,2]').toString('base64url'), 'x'.repeat(600)])(
    'reject tampered cursor %#',
    (cursor) => {
      expect(() => decodeCursor(cursor)).toThrow(AppError);
    },
  );
});

describe('page sizes', () => {
  test('default to 20 and cap at 100', () => {
    expect(pageRequest(undefined, undefined).limit).toBe(20);
    expect(pageRequest(100, null).limit).toBe(100);
    expect(() => pageRequest(101, null)).toThrow(/first/);
    expect(() => pageRequest(0, null)).toThrow(/first/);
    expect(() => pageRequest(50, null, 50)).not.toThrow();
    expect(() => pageRequest(51, null, 50)).toThrow(/between 1 and 50/);
  });

  test('a page knows there is more when the repository returned limit + 1 rows', () => {
    expect(toPage([1, 2, 3], 2)).toEqual({ items: [1, 2], hasNextPage: true });
    expect(toPage([1, 2], 2)).toEqual({ items: [1, 2], hasNextPage: false });
  });
});

describe('cursor kinds', () => {
  const timeCursor = encodeCursor({ k: 1_700_000_000_123, id: 'n1' });
  const handleCursor = encodeCursor({ k: 'alice', id: 'u1' });

  test('a list sorted by time takes a time cursor and refuses a handle cursor', () => {
    expect(pageRequest(10, timeCursor, { key: 'number' })).toEqual({ limit: 10, after: { k: 1_700_000_000_123, id: 'n1' } });
    expect(() => pageRequest(10, handleCursor, { key: 'number' })).toThrow('after: is not a valid cursor');
  });

  test('a list sorted by handle takes a handle cursor and refuses a time cursor', () => {
    expect(pageRequest(10, handleCursor, { key: 'string' }).after).toEqual({ k: 'alice', id: 'u1' });
    expect(() => pageRequest(10, timeCursor, { key: 'string' })).toThrow('after: is not a valid cursor');
  });

  test('without a cursor there is nothing to check', () => {
    expect(pageRequest(null, null, { key: 'number' })).toEqual({ limit: 20, after: null });
  });

  test('the page size is still capped when a key kind is given', () => {
    expect(() => pageRequest(51, timeCursor, { key: 'number', max: 50 })).toThrow(/between 1 and 50/);
    expect(pageRequest(50, timeCursor, { key: 'number', max: 50 }).limit).toBe(50);
  });

  test('a bad page size is reported before a bad cursor, as each list did on its own', () => {
    expect(() => pageRequest(0, handleCursor, { key: 'number' })).toThrow(/first/);
  });
});

describe('offset cursors', () => {
  test('start after the index the cursor names', () => {
    expect(offsetAfter(null, 100)).toBe(0);
    expect(offsetAfter({ k: 0, id: 'a' }, 100)).toBe(1);
    expect(offsetAfter({ k: 99, id: 'a' }, 100)).toBe(100);
  });

  test.each([
    ['past the last offset allowed', { k: 100, id: 'a' }],
    ['before the first row', { k: -2, id: 'a' }],
    ['not a whole index', { k: 1.5, id: 'a' }],
    ['not a number', { k: 'alice', id: 'a' }],
  ])('refuse a cursor %s', (_what, position) => {
    expect(() => offsetAfter(position, 100)).toThrow('after: is not a valid cursor');
  });
});
