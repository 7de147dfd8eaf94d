/** One session's use, as the batch write takes it. */
export interface SessionTouch {
  userId: string;
  sessionId: string;
  at: number;
}

export interface SessionTouchesOptions {
  /** Writes one batch in one transaction (cypher/accounts/touch-sessions.cypher). */
  write: (touches: SessionTouch[]) => Promise<void>;
  /** How long a use waits to be written with the others made meanwhile. */
  flushMs: number;
  /** A batch is written at once when it holds this many sessions. */
  maxBatch?: number;
  onError: (error: unknown, touches: number) => void;
}

/**
 * Session uses (Session.lastUsedAt), written behind the requests that made them. A viewer's first
 * request after a minute used to wait for a write transaction of its own before it could answer:
 * under many viewers, nearly every request is such a first one, so every request paid a commit.
 * lastUsedAt only orders a user's sessions (which a new login evicts first) and shows in
 * `sessions`; whether a token counts never reads it. So the uses are kept here and written a few
 * seconds later, every session used meanwhile in one transaction. A use recorded twice before
 * its batch keeps the later time. What a failed write loses is a minute's precision of those
 * sessions' lastUsedAt (logged); the app flushes what is pending as it closes.
 */
export class SessionTouches {
  private pending = new Map<string, SessionTouch>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();
  private readonly maxBatch: number;

  constructor(private readonly options: SessionTouchesOptions) {
    this.maxBatch = options.maxBatch ?? 1000;
  }

  record(touch: SessionTouch): void {
    this.pending.set(touch.sessionId, touch);
    if (this.pending.size >= this.maxBatch) {
      void this.flush();
      return;
    }
    this.timer ??= setTimeout(() => void this.flush(), this.options.flushMs);
    this.timer.unref?.();
  }

  /** Writes what is pending now (also what the timer does); resolves when it is stored. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const touches = [...this.pending.values()];
    this.pending = new Map();
    if (touches.length === 0) return this.flushing;
    // One batch at a time, so the transactions never contend for the same sessions.
    this.flushing = this.flushing.then(() => this.options.write(touches).catch((error: unknown) => this.options.onError(error, touches.length)));
    return this.flushing;
  }
}
