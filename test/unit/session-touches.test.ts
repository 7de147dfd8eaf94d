import { SessionTouches, type SessionTouch } from '../../src/accounts/session-touches';

describe('SessionTouches', () => {
  const touch = (sessionId: string, at: number): SessionTouch => ({ userId: `u-${sessionId}`, sessionId, at });

  test('sessions used meanwhile are written together, once each, with their latest use', async () => {
    const batches: SessionTouch[][] = [];
    const touches = new SessionTouches({ write: async (b) => void batches.push(b), flushMs: 60_000, onError: () => undefined });
    touches.record(touch('a', 1));
    touches.record(touch('b', 2));
    touches.record(touch('a', 3));
    expect(batches).toEqual([]);
    await touches.flush();
    expect(batches).toEqual([[touch('a', 3), touch('b', 2)]]);
    await touches.flush();
    expect(batches).toHaveLength(1);
  });

  test('the timer writes a batch without anyone asking', async () => {
    const written = new Promise<SessionTouch[]>((resolve) => {
      const touches = new SessionTouches({ write: async (b) => resolve(b), flushMs: 5, onError: () => undefined });
      touches.record(touch('a', 1));
    });
    expect(await written).toEqual([touch('a', 1)]);
  });

  test('a full batch is written at once, and the next one waits for it', async () => {
    const order: string[] = [];
    let release!: () => void;
    const first = new Promise<void>((r) => (release = r));
    const touches = new SessionTouches({
      write: async (b) => {
        order.push(`start ${b.map((t) => t.sessionId).join()}`);
        if (b[0]!.sessionId === 'a') await first;
        order.push(`end ${b.map((t) => t.sessionId).join()}`);
      },
      flushMs: 60_000,
      maxBatch: 2,
      onError: () => undefined,
    });
    touches.record(touch('a', 1));
    touches.record(touch('b', 1));
    touches.record(touch('c', 1));
    const last = touches.flush();
    await Promise.resolve();
    expect(order).toEqual(['start a,b']);
    release();
    await last;
    expect(order).toEqual(['start a,b', 'end a,b', 'start c', 'end c']);
  });

  test('a failed write is reported with its size and does not stop later batches', async () => {
    const failures: number[] = [];
    let fail = true;
    const batches: SessionTouch[][] = [];
    const touches = new SessionTouches({
      write: async (b) => {
        if (fail) throw new Error('down');
        batches.push(b);
      },
      flushMs: 60_000,
      onError: (_e, n) => failures.push(n),
    });
    touches.record(touch('a', 1));
    touches.record(touch('b', 1));
    await touches.flush();
    fail = false;
    touches.record(touch('c', 2));
    await touches.flush();
    expect(failures).toEqual([2]);
    expect(batches).toEqual([[touch('c', 2)]]);
  });
});
