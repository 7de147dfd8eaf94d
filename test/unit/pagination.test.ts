import { decodeCursor, encodeCursor, pageRequest, toPage } from '../../src/common/pagination';
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
