import DataLoader from 'dataloader';
import type { RequestScope } from '../request/scope';
import { muteRepository, type MuteRepository } from './repository';
import type { MutedWordRecord } from './types';

export function createMuteLoaders(repo: MuteRepository, viewerId: () => Promise<string | null>) {
  let words: Promise<MutedWordRecord[]> | null = null;
  return {
    /** The viewer's live muted words (at most 100), read once per loader generation. */
    words(): Promise<MutedWordRecord[]> {
      words ??= viewerId().then((viewer) => (viewer ? repo.mutedWords(viewer) : []));
      return words;
    },
    /** Whether the viewer mutes each conversation now: its mute's end, null for one muted until lifted, undefined for none. */
    conversationMute: new DataLoader<string, { mutedUntil: number | null } | null>(async (ids) => {
      const viewer = await viewerId();
      if (!viewer) return ids.map(() => null);
      const mutes = await repo.conversationMutes(viewer, ids);
      return ids.map((id) => (mutes.has(id) ? { mutedUntil: mutes.get(id) ?? null } : null));
    }),
  };
}

export type MuteLoaders = ReturnType<typeof createMuteLoaders>;

/** The request's mute loaders, fresh per loader generation (RequestScope.resetLoaders): a live stream sees a new mute at its next event. */
export function muteLoaders(scope: RequestScope): MuteLoaders {
  return scope.memo('mutes.loaders', () => createMuteLoaders(muteRepository(scope), () => scope.viewerId()));
}
