import { accountLoaders } from '../accounts/loaders';
import { contentLoaders } from '../content/loaders';
import { groupLoaders } from '../groups/loaders';
import { socialLoaders } from '../social/loaders';
import type { Scope } from '../accounts/scope';
import type { UserRecord } from '../accounts/types';
import type { NoteRecord } from '../content/types';
import type { Standing } from '../groups/permissions';
import type { GroupRecord } from '../groups/types';
import type { ViewerRelation } from '../social/types';
import type { HydratedPage } from './repository';

/** What the rules and presentation of a page know, keyed by id. Viewer-relative maps are empty without a viewer. */
export interface HydrationState {
  viewerId: string | null;
  notes: Map<string, NoteRecord>;
  /** Authors, when the hydration brought them (the one-query feeds do; the rules need none). */
  users: Map<string, UserRecord>;
  /** Each author's relation to the viewer, by author id. */
  relations: Map<string, ViewerRelation>;
  /** The viewer's like and collect, by note id. */
  viewerStates: Map<string, { liked: boolean; collected: boolean }>;
  groups: Map<string, GroupRecord>;
  /** The viewer's standing, by group id. */
  standings: Map<string, Standing>;
}

export function emptyHydration(viewerId: string | null): HydrationState {
  return { viewerId, notes: new Map(), users: new Map(), relations: new Map(), viewerStates: new Map(), groups: new Map(), standings: new Map() };
}

/** The state a one-query feed page brought (skeleton + hydrate-page.cypher). */
export function hydrationOfPage(page: HydratedPage, viewerId: string | null): HydrationState {
  const state = emptyHydration(viewerId);
  for (const { id, note, user, relation, viewerState } of page.notes) {
    state.notes.set(id, note);
    state.users.set(note.authorId, user);
    // Without a viewer these answers are meaningless: the rules take the anonymous defaults.
    if (viewerId) {
      state.relations.set(note.authorId, relation);
      state.viewerStates.set(id, viewerState);
    }
  }
  for (const { grp, standing } of page.groups) {
    state.groups.set(grp.id, grp);
    if (viewerId) state.standings.set(grp.id, standing);
  }
  return state;
}

/**
 * Hydrates notes known only by id through the batch loaders: one batch of notes, then one each of
 * their authors' relations, groups and the viewer's standings in them, side by side (the round
 * trips the rules would otherwise cost note by note, batched the same way).
 */
export async function hydrateNotes(scope: Scope, ids: string[]): Promise<HydrationState> {
  const viewerId = await scope.viewerId();
  const state = emptyHydration(viewerId);
  const notes = await contentLoaders(scope).noteById.loadMany(ids);
  for (const note of notes) if (note && !(note instanceof Error)) state.notes.set(note.id, note);
  const found = [...state.notes.values()];
  const authorIds = [...new Set(found.map((n) => n.authorId).filter((id) => id !== viewerId))];
  const groupIds = [...new Set(found.flatMap((n) => (n.groupId ? [n.groupId] : [])))];
  const [relations, groups, standings] = await Promise.all([
    viewerId ? socialLoaders(scope).relationToViewer.loadMany(authorIds) : [],
    groupLoaders(scope).groupById.loadMany(groupIds),
    viewerId ? groupLoaders(scope).standing.loadMany(groupIds) : [],
  ]);
  relations.forEach((r, i) => {
    if (!(r instanceof Error)) state.relations.set(authorIds[i]!, r);
  });
  groups.forEach((g) => {
    if (g && !(g instanceof Error)) state.groups.set(g.id, g);
  });
  standings.forEach((s, i) => {
    if (!(s instanceof Error)) state.standings.set(groupIds[i]!, s);
  });
  return state;
}

/**
 * Fills the request's loaders from the state so field resolvers need no round trip of their own.
 * prime() leaves keys already loaded alone; viewer-relative answers are primed only for a viewer
 * (for anonymous requests those loaders answer without the database anyway).
 */
export function primeLoaders(scope: Scope, state: HydrationState): void {
  const { noteById, viewerNoteState } = contentLoaders(scope);
  const { userById } = accountLoaders(scope);
  const { relationToViewer } = socialLoaders(scope);
  const { groupById, standing } = groupLoaders(scope);
  for (const [id, note] of state.notes) noteById.prime(id, note);
  for (const [id, user] of state.users) userById.prime(id, user);
  for (const [id, group] of state.groups) groupById.prime(id, group);
  if (!state.viewerId) return;
  for (const [id, relation] of state.relations) relationToViewer.prime(id, relation);
  for (const [id, viewerState] of state.viewerStates) viewerNoteState.prime(id, viewerState);
  for (const [id, viewerStanding] of state.standings) standing.prime(id, viewerStanding);
}
