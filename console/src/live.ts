import type { ConsoleLiveCommentFieldsFragment, ConsoleLivePinFieldsFragment, ConsoleLiveRoomEventsSubscription, LiveRoomStatus } from './generated/graphql';

// What the live-room page knows of a room between two reads of it: the room query gives a snapshot,
// liveRoomEvents the news since. Each piece of news carries the sequence number it arrived with, and
// a snapshot the number current when it arrived, so news older than the snapshot never overrides it.
// The numbers are the page's, not one stream's: a restarted subscription never reuses them.
let clock = 0;

/** The sequence number of the latest news, for a snapshot arriving now. */
export const newsClock = () => clock;

export type LiveComment = ConsoleLiveCommentFieldsFragment;
export type LivePin = ConsoleLivePinFieldsFragment;
type LiveEvent = ConsoleLiveRoomEventsSubscription['liveRoomEvents'];

/** One value the stream changed, and when (the stream's sequence number). */
interface News<T> {
  seq: number;
  value: T;
}

export interface LiveNews {
  /** The sequence number of the latest news in it. */
  seq: number;
  /** Comments in the order the stream delivered them: the most recent KEEP_COMMENTS. */
  comments: LiveComment[];
  /** Comments the server shed because this connection fell behind. */
  droppedComments: number;
  pinnedComment?: News<LiveComment | null>;
  pinnedProduct?: News<LivePin | null>;
  status?: News<LiveRoomStatus>;
  viewers?: News<number>;
  likes?: News<number>;
  purchases?: News<number>;
  flashLeft?: News<number>;
}

/** Comments kept on screen; older ones scroll out (the room keeps them all). */
export const KEEP_COMMENTS = 500;

export const NO_NEWS: LiveNews = { seq: 0, comments: [], droppedComments: 0 };

/** The stream's reducer, for urql's useSubscription. */
export function addNews(news: LiveNews = NO_NEWS, event: LiveEvent): LiveNews {
  const seq = ++clock;
  switch (event.__typename) {
    case 'LiveCommentsAdded':
      return { ...news, seq, comments: [...news.comments, ...event.comments].slice(-KEEP_COMMENTS), droppedComments: news.droppedComments + event.droppedCommentCount };
    case 'LiveCommentPinChanged':
      return { ...news, seq, pinnedComment: { seq, value: event.comment } };
    case 'LiveProductPinChanged':
      return { ...news, seq, pinnedProduct: { seq, value: event.pin } };
    case 'LiveRoomStatusChanged':
      return { ...news, seq, status: { seq, value: event.status } };
    case 'LiveCountersChanged': {
      // A counter that did not change comes as null: the last value stands.
      const next: LiveNews = { ...news, seq };
      if (event.viewerCount !== null) next.viewers = { seq, value: event.viewerCount };
      if (event.likeCount !== null) next.likes = { seq, value: event.likeCount };
      if (event.purchaseCount !== null) next.purchases = { seq, value: event.purchaseCount };
      if (event.flashLeft !== null) next.flashLeft = { seq, value: event.flashLeft };
      return next;
    }
  }
}

/** The newer of a snapshot's value (read when the stream was at `since`) and the stream's. */
export function latest<T>(snapshot: T, since: number, news: News<T> | undefined): T {
  return news && news.seq > since ? news.value : snapshot;
}

/** The pinned product now, its flash units left as last counted (a counter newer than the pin wins). */
export function pinNow(snapshot: LivePin | null, since: number, news: LiveNews): LivePin | null {
  const pinSeq = news.pinnedProduct && news.pinnedProduct.seq > since ? news.pinnedProduct.seq : since;
  const pin = latest(snapshot, since, news.pinnedProduct);
  if (!pin || pin.flashLeft === null || !news.flashLeft || news.flashLeft.seq <= pinSeq) return pin;
  const flashLeft = news.flashLeft.value;
  return { ...pin, flashLeft, isFlashActive: pin.isFlashActive && flashLeft > 0 };
}

/**
 * The comments to show, oldest first: the snapshot's page (newest first, as the room lists them)
 * and those the stream delivered, each once.
 */
export function mergeComments(snapshotNewestFirst: readonly LiveComment[], streamed: readonly LiveComment[]): LiveComment[] {
  const seen = new Set<string>();
  const out: LiveComment[] = [];
  for (const c of [...snapshotNewestFirst].reverse().concat(streamed)) {
    if (seen.has(c.id)) continue;
    seen.add(c.id);
    out.push(c);
  }
  // Stable: comments written in the same millisecond keep the order the server gave them.
  return out.sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt)).slice(-KEEP_COMMENTS);
}

/**
 * "4:05" left until `endsAt`, "0:00" once past. To the nearest second, so a browser clock a moment
 * off the server's never shows a 10-minute offer as 10:01.
 */
export function countdown(endsAt: string, now: number): string {
  const left = Math.max(0, Math.round((Date.parse(endsAt) - now) / 1000));
  const h = Math.floor(left / 3600);
  const m = Math.floor((left % 3600) / 60);
  const s = String(left % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** A price typed as "79" or "79.90" in minor units (2 decimals, as the console shows money); null when it is not one. */
export function parseMinor(text: string): number | null {
  const match = /^\s*(\d{1,11})(?:[.,](\d{1,2}))?\s*$/.exec(text);
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}
