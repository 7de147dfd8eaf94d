import DataLoader from 'dataloader';
import { liveRepository, type LiveRepository } from './repository';
import type { RequestScope } from '../request/scope';
import type { LiveCommentRecord, LivePinRecord, LiveRecapRecord, LiveRoomRecord } from './types';

export function createLiveLoaders(repo: LiveRepository) {
  return {
    roomById: new DataLoader<string, LiveRoomRecord | null>(async (ids) => {
      const rooms = new Map((await repo.byIds(ids)).map((r) => [r.id, r]));
      return ids.map((id) => rooms.get(id) ?? null);
    }),
    lineupByRoomId: new DataLoader<string, string[]>(async (ids) => {
      const lineups = await repo.lineups(ids);
      return ids.map((id) => lineups.get(id) ?? []);
    }),
    pinByRoomId: new DataLoader<string, LivePinRecord | null>(async (ids) => {
      const pins = await repo.currentPins(ids);
      return ids.map((id) => pins.get(id) ?? null);
    }),
    recapByRoomId: new DataLoader<string, LiveRecapRecord | null>(async (ids) => {
      const recaps = new Map((await repo.recaps(ids)).map((r) => [r.roomId, r]));
      return ids.map((id) => recaps.get(id) ?? null);
    }),
    commentById: new DataLoader<string, LiveCommentRecord | null>(async (ids) => {
      const comments = new Map((await repo.commentsByIds(ids)).map((c) => [c.id, c]));
      return ids.map((id) => comments.get(id) ?? null);
    }),
  };
}

export type LiveLoaders = ReturnType<typeof createLiveLoaders>;

/** The request's live-room loaders, fresh per loader generation (RequestScope.resetLoaders). */
export function liveLoaders(scope: RequestScope): LiveLoaders {
  return scope.memo('live.loaders', () => createLiveLoaders(liveRepository(scope)));
}
