import DataLoader from 'dataloader';
import { contentRepository, type ContentRepository } from './repository';
import type { RequestScope } from '../request/scope';
import type { CommentRecord, NoteRecord } from './types';
import type { NoteCache } from './note-cache';

/** How many followees likedByFollowees loads per note; the field's `first` is capped to it. */
export const FOLLOWEE_LIKES_MAX = 10;

export function createContentLoaders(repo: ContentRepository, viewerId: () => Promise<string | null>, cache: NoteCache | null = null) {
  return {
    noteById: new DataLoader<string, NoteRecord | null>(async (ids) => {
      const notes = new Map<string, NoteRecord>();
      // The instance's note cache answers what it holds; only the rest costs a round trip.
      const missing = ids.filter((id) => {
        const hit = cache?.get(id);
        if (hit) notes.set(id, hit);
        return !hit;
      });
      if (missing.length > 0) {
        const readStartedAt = Date.now();
        for (const note of await repo.notesByIds(missing)) {
          notes.set(note.id, note);
          cache?.set(note, readStartedAt);
        }
      }
      return ids.map((id) => notes.get(id) ?? null);
    }),
    viewerNoteState: new DataLoader<string, { liked: boolean; collected: boolean }>(async (ids) => {
      const viewer = await viewerId();
      if (!viewer) return ids.map(() => ({ liked: false, collected: false }));
      const states = new Map((await repo.viewerNoteStates(viewer, ids)).map((s) => [s.id, s]));
      return ids.map((id) => states.get(id) ?? { liked: false, collected: false });
    }),
    likedByFollowees: new DataLoader<string, { total: number; userIds: string[] }>(async (ids) => {
      const viewer = await viewerId();
      if (!viewer) return ids.map(() => ({ total: 0, userIds: [] }));
      const rows = new Map((await repo.likedByFollowees(viewer, ids, FOLLOWEE_LIKES_MAX)).map((r) => [r.id, r]));
      return ids.map((id) => rows.get(id) ?? { total: 0, userIds: [] });
    }),
    commentById: new DataLoader<string, CommentRecord | null>(async (ids) => {
      const comments = new Map((await repo.commentsByIds(ids)).map((c) => [c.id, c]));
      return ids.map((id) => comments.get(id) ?? null);
    }),
  };
}

export type ContentLoaders = ReturnType<typeof createContentLoaders>;

/**
 * The instance's note cache, which the composition root puts in each request scope it builds
 * (src/app/request.ts); a scope built without it (unit tests) reads every note from the repository.
 */
export function noteCacheOf(scope: RequestScope): NoteCache | null {
  return scope.slot<NoteCache | null>('content.noteCache', () => null);
}

/** The request's content loaders, fresh per loader generation (RequestScope.resetLoaders). */
export function contentLoaders(scope: RequestScope): ContentLoaders {
  return scope.memo('content.loaders', () => {
    const repo = contentRepository(scope);
    return createContentLoaders(repo, () => scope.viewerId(), noteCacheOf(scope));
  });
}
