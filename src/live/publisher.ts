/**
 * The one seam through which the live-room service announces what happened in a room. The service
 * calls it only after the happening's transaction committed; the subscription fan-out
 * (src/live/broadcast.ts) implements it to push events to the room's viewers.
 */
import type { LiveCommentData, LiveCountersPatch, LiveProductPinData, LiveRoomStatusValue } from '../events/bus';

// The shapes are the bus's (src/events/bus.ts), which carries them to every instance's fan-out.
export type LiveRoomStatusName = LiveRoomStatusValue;
export type LiveCommentPublished = LiveCommentData;
export type LiveProductPinPublished = LiveProductPinData;
export type { LiveCountersPatch };

export interface LiveRoomPublisher {
  comment(roomId: string, comment: LiveCommentPublished): void;
  /** null = unpinned. */
  commentPinned(roomId: string, commentId: string | null): void;
  /** null = unpinned. */
  productPinned(roomId: string, pin: LiveProductPinPublished | null): void;
  counters(roomId: string, patch: LiveCountersPatch): void;
  status(roomId: string, status: LiveRoomStatusName): void;
  /** A mute, block or group-membership loss changed who may see or speak in the room; null = anyone may have changed. */
  rightsChanged(roomId: string, userIds: string[] | null): void;
}

export type LiveRoomPublication =
  | { kind: 'comment'; roomId: string; comment: LiveCommentPublished }
  | { kind: 'commentPinned'; roomId: string; commentId: string | null }
  | { kind: 'productPinned'; roomId: string; pin: LiveProductPinPublished | null }
  | { kind: 'counters'; roomId: string; patch: LiveCountersPatch }
  | { kind: 'status'; roomId: string; status: LiveRoomStatusName }
  | { kind: 'rightsChanged'; roomId: string; userIds: string[] | null };

/** The default publisher: pushes nothing, keeps every call in order so tests can assert what was announced. */
export class RecordingLiveRoomPublisher implements LiveRoomPublisher {
  readonly calls: LiveRoomPublication[] = [];

  comment(roomId: string, comment: LiveCommentPublished): void {
    this.calls.push({ kind: 'comment', roomId, comment });
  }

  commentPinned(roomId: string, commentId: string | null): void {
    this.calls.push({ kind: 'commentPinned', roomId, commentId });
  }

  productPinned(roomId: string, pin: LiveProductPinPublished | null): void {
    this.calls.push({ kind: 'productPinned', roomId, pin });
  }

  counters(roomId: string, patch: LiveCountersPatch): void {
    this.calls.push({ kind: 'counters', roomId, patch });
  }

  status(roomId: string, status: LiveRoomStatusName): void {
    this.calls.push({ kind: 'status', roomId, status });
  }

  rightsChanged(roomId: string, userIds: string[] | null): void {
    this.calls.push({ kind: 'rightsChanged', roomId, userIds });
  }

  /** The calls about one room, optionally of one kind. */
  of<K extends LiveRoomPublication['kind']>(roomId: string, kind?: K): Extract<LiveRoomPublication, { kind: K }>[] {
    return this.calls.filter((c) => c.roomId === roomId && (kind === undefined || c.kind === kind)) as Extract<LiveRoomPublication, { kind: K }>[];
  }

  clear(): void {
    this.calls.length = 0;
  }
}
