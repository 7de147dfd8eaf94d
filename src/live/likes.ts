import { minuteOf } from './rules';

/**
 * Likes in a room come in bursts of thousands of taps a second: each instance sums them in memory
 * and writes the sums (room and minute) at most once per interval per instance, so the database
 * sees one small write per room and interval, never one per tap. What is not written yet is added
 * to the room's count when it is read on this instance, so a liker sees their own taps at once;
 * other instances see them within the interval.
 */
export class LikeTally {
  /** roomId → minute → taps not written yet. */
  private readonly pending = new Map<string, Map<number, number>>();
  private lastWrite = 0;
  private writing: Promise<void> | null = null;

  constructor(
    private readonly write: (batches: { roomId: string; minute: number; likes: number }[]) => Promise<void>,
    private readonly intervalMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  add(roomId: string, taps: number): void {
    const minutes = this.pending.get(roomId) ?? new Map<number, number>();
    const minute = minuteOf(this.now());
    minutes.set(minute, (minutes.get(minute) ?? 0) + taps);
    this.pending.set(roomId, minutes);
  }

  /** Taps of the room counted here and not written yet. */
  unwritten(roomId: string): number {
    let sum = 0;
    for (const taps of this.pending.get(roomId)?.values() ?? []) sum += taps;
    return sum;
  }

  /** Unwritten taps of the room by minute, for a timeline read on this instance. */
  unwrittenByMinute(roomId: string): Map<number, number> {
    return new Map(this.pending.get(roomId) ?? []);
  }

  /** Writes what is pending when the interval has passed since the last write (or when forced). */
  async flushIfDue(force = false): Promise<void> {
    if (this.writing) return this.writing;
    if (!force && this.now() - this.lastWrite < this.intervalMs) return;
    const batches = [...this.pending].flatMap(([roomId, minutes]) => [...minutes].map(([minute, likes]) => ({ roomId, minute, likes })));
    this.lastWrite = this.now();
    if (!batches.length) return;
    this.pending.clear();
    this.writing = this.write(batches)
      .catch((error: unknown) => {
        // A failed write puts its taps back, to go with the next one.
        for (const b of batches) {
          const minutes = this.pending.get(b.roomId) ?? new Map<number, number>();
          minutes.set(b.minute, (minutes.get(b.minute) ?? 0) + b.likes);
          this.pending.set(b.roomId, minutes);
        }
        throw error;
      })
      .finally(() => {
        this.writing = null;
      });
    return this.writing;
  }
}
