import { connectionOf } from '../common/connection';
import { encodeCursor } from '../common/pagination';
import { hydrateNotes, primeLoaders, type HydrationState } from './hydration';
import { visibleNotes } from './rules';
import type { Scope } from '../accounts/scope';
import type { KeyedId } from '../content/repository';
import type { NoteRecord } from '../content/types';

/**
 * Every list of notes is skeleton → hydrate → rules → present (after atproto's createPipeline):
 * - skeleton: the ids of one page, in order (a feed query, a group's feed, a collection, a discover snapshot);
 * - hydrate: everything the rules and the page's fields need, as one HydrationState value;
 * - rules: which of those notes the viewer may see, a pure function of that state (`visibleNotes`);
 * - present: the connection, with cursors from the skeleton.
 * The DataLoaders are primed from the state once, at the end, only so that field resolvers
 * (author, viewerHasLiked, group...) and the schema's visibility guard find it without a round trip.
 */

/** One page before hydration: note ids with their sort keys, in list order. */
export interface Skeleton {
  items: KeyedId[];
  hasNextPage: boolean;
}

/**
 * The present step of keyed lists: edges in skeleton order, cursors from the sort keys. The end
 * cursor is the skeleton's last item even when the rules dropped it, so the next page starts after it.
 */
export function presentPage(skeleton: Skeleton, visible: (KeyedId & { note: NoteRecord })[], count: number | (() => Promise<number>)) {
  const edges = visible.map((item) => ({ cursor: encodeCursor({ k: item.key, id: item.id }), node: item.note, reason: null, reasonText: null, score: null }));
  const last = skeleton.items[skeleton.items.length - 1];
  return connectionOf(edges, skeleton.hasNextPage, count, last ? encodeCursor({ k: last.key, id: last.id }) : null);
}

/** The whole pipeline for keyed lists: hydrate the skeleton, apply the rules, prime the loaders, present. */
export async function notePage(
  scope: Scope,
  skeleton: Skeleton,
  hydrate: (ids: string[]) => Promise<HydrationState>,
  count: number | (() => Promise<number>),
) {
  const state = await hydrate(skeleton.items.map((i) => i.id));
  const visible = visibleNotes(state, skeleton.items);
  primeLoaders(scope, state);
  return presentPage(skeleton, visible, count);
}

/** The pipeline for a short list of notes known by id (a group's pinned notes): the visible ones, in order. */
export async function visibleNoteList(scope: Scope, ids: string[]): Promise<NoteRecord[]> {
  const state = await hydrateNotes(scope, ids);
  const visible = visibleNotes(state, ids.map((id) => ({ id })));
  primeLoaders(scope, state);
  return visible.map((v) => v.note);
}
