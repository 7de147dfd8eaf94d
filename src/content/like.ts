import DataLoader from 'dataloader';
import { notFound } from '../common/errors';
import type { Database, Tx } from '../db/database';
import type { AfterCommit } from '../events/after-commit';
import { NotificationRepository, type CreatedNotification } from '../notifications/repository';
import { NotificationType } from '../notifications/types';
import { PointsLedger } from '../points/ledger';
import { PointAction } from '../points/rules';
import { likeSourceKey } from '../points/sources';
import { ContentRepository } from './repository';

export interface LikeRequest {
  userId: string;
  noteId: string;
  authorId: string;
  now: number;
}

/** What one like did: null when its user or note does not exist. */
export type LikeOutcome = { created: false } | { created: true; likeCount: number; notified: CreatedNotification[]; badges: AfterCommit[] } | null;

/** At most this many likes go in one transaction; a larger burst is split. */
export const LIKE_BATCH_MAX = 64;

/**
 * Likes of concurrent requests written together: while one batch's transaction runs, the likes
 * that arrive meanwhile wait and then go in the next one (a lone like goes at once). A batch is one
 * transaction of two statements whatever its size: the likes (content/like-many.cypher) and the
 * authors' notifications (notifications/create-note-notifications.cypher), so a like and its
 * notification still commit together. Under load that is one transaction per batch instead of one
 * per like, and most of a like's API CPU is the driver's per-transaction work. Each request is
 * answered only after its batch has committed, so nothing it was told was done can be lost, even
 * if the process stops right after. A batch that fails fails each of its requests (the driver has
 * already retried transient errors); a missing note fails only its own request.
 */
export class LikeWriter {
  private readonly loader: DataLoader<LikeRequest, LikeOutcome>;
  private inFlight: Promise<unknown> = Promise.resolve();

  constructor(private readonly db: Pick<Database, 'scope'>) {
    this.loader = new DataLoader((likes) => this.writeBatch(likes), {
      cache: false,
      maxBatchSize: LIKE_BATCH_MAX,
      // The next batch starts when the one being written ends, gathering what arrived meanwhile.
      batchScheduleFn: (run) => void this.inFlight.then(() => setImmediate(run)),
    });
  }

  like(request: LikeRequest): Promise<LikeOutcome> {
    return this.loader.load(request);
  }

  private writeBatch(likes: readonly LikeRequest[]): Promise<LikeOutcome[]> {
    const written = this.db.scope().writeTx((tx) => writeLikes(tx, likes));
    this.inFlight = written.catch(() => undefined);
    return written;
  }
}

async function writeLikes(tx: Tx, likes: readonly LikeRequest[]): Promise<LikeOutcome[]> {
  // In note id order: two batches (on two instances) then lock their notes in the same order.
  const order = likes.map((_, key) => key).sort((a, b) => (likes[a]!.noteId < likes[b]!.noteId ? -1 : likes[a]!.noteId > likes[b]!.noteId ? 1 : a - b));
  const rows = await ContentRepository.likeMany(tx, order.map((key) => ({ key, userId: likes[key]!.userId, noteId: likes[key]!.noteId, now: likes[key]!.now })));
  const outcomes: LikeOutcome[] = likes.map(() => null);
  for (const row of rows) outcomes[row.key] = row.created ? { created: true, likeCount: row.likeCount, notified: [], badges: [] } : { created: false };
  const toNotify = rows.filter((r) => r.created).map((r) => ({ key: r.key, recipientId: likes[r.key]!.authorId, type: NotificationType.NOTE_LIKED, actorId: likes[r.key]!.userId, noteId: likes[r.key]!.noteId, now: likes[r.key]!.now }));
  for (const n of await NotificationRepository.createAboutNotes(tx, toNotify)) {
    const outcome = outcomes[n.key];
    if (outcome?.created) outcome.notified.push({ id: n.id, recipientId: n.recipientId, groupId: n.groupId });
  }
  // The authors' points, in the likes' transaction (a like of one's own note earns nothing).
  const paid = rows.filter((r) => r.created && likes[r.key]!.authorId !== likes[r.key]!.userId);
  const settled = await PointsLedger.apply(tx, { awards: paid.map((r) => ({ userId: likes[r.key]!.authorId, action: PointAction.LIKE_RECEIVED, sourceKey: likeSourceKey(likes[r.key]!.noteId, likes[r.key]!.userId) })) }, likes[0]!.now);
  const first = outcomes.find((o) => o?.created);
  if (first?.created) first.badges.push(...settled.events);
  return outcomes;
}

/**
 * Like a note: the like and, the first time, the author's notification commit together (in a
 * batch with the likes of concurrent requests, see LikeWriter). Returns what is announced after
 * commit: the notification and the note's new like count (nothing when the viewer had already liked it).
 */
export async function like(writer: Pick<LikeWriter, 'like'>, userId: string, noteId: string, authorId: string): Promise<AfterCommit[]> {
  const done = await writer.like({ userId, noteId, authorId, now: Date.now() });
  if (!done) throw notFound('Note', 'noteId');
  if (!done.created) return [];
  return [
    { to: 'notifications', created: done.notified },
    { to: 'note', event: { kind: 'LIKE_COUNT_CHANGED', noteId, likeCount: done.likeCount } },
    ...done.badges,
  ];
}
