import { loaded } from '../common/connection';
import { accountLoaders, userCacheOf } from '../accounts/loaders';
import { contentLoaders, noteCacheOf } from '../content/loaders';
import { groupLoaders } from '../groups/loaders';
import { socialLoaders } from '../social/loaders';
import type { Scope } from '../accounts/scope';
import type { UserRecord } from '../accounts/types';
import type { NoteRecord } from '../content/types';
import type { Standing } from '../groups/permissions';
import type { GroupRecord } from '../groups/types';
import type { ViewerRelation } from '../social/types';
import type { HydratedPage } from './repository';
import type { PageRecordsPolicy } from './page-records';

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

/**
 * The state of a one-query feed page: what the page's query brought (skeleton + hydrate-page.cypher:
 * the viewer-relative answers and the groups) with the note and author records it names.
 */
export function hydrationOfPage(page: Pick<HydratedPage, 'notes' | 'groups'>, records: { notes: NoteRecord[]; users: UserRecord[] }, viewerId: string | null): HydrationState {
  const state = emptyHydration(viewerId);
  for (const note of records.notes) state.notes.set(note.id, note);
  for (const user of records.users) state.users.set(user.id, user);
  for (const { id, authorId, relation, viewerState } of page.notes) {
    // Without a viewer these answers mean nothing: the rules take the anonymous defaults.
    if (viewerId && relation && viewerState) {
      state.relations.set(authorId, relation);
      state.viewerStates.set(id, viewerState);
    }
  }
  for (const { grp, standing } of page.groups) {
    state.groups.set(grp.id, grp);
    if (viewerId && standing) state.standings.set(grp.id, standing);
  }
  return state;
}

/**
 * Hydrates a one-query feed page. A page read with its records takes them as they are and keeps
 * them in the instance's note and user caches (unless an invalidation raced the read). Otherwise
 * the records come from those caches through the note and user loaders, which ask Neo4j only for
 * those they do not hold (one batch each, side by side; none at all on a warm page). Either way
 * the policy learns how much of the page the caches held. A note missing everywhere (deleted for
 * good meanwhile) is left out by the rules.
 */
export async function hydratePage(scope: Scope, page: HydratedPage, viewerId: string | null, policy: PageRecordsPolicy | null = null): Promise<HydrationState> {
  const noteCache = noteCacheOf(scope);
  const userCache = userCacheOf(scope);
  const authorIds = [...new Set(page.notes.map((n) => n.authorId))];
  const held = page.notes.filter((n) => noteCache?.get(n.id)).length + authorIds.filter((id) => userCache?.get(id)).length;
  policy?.observe(held, page.notes.length + authorIds.length);
  if (page.notes.length > 0 && page.notes.every((n) => n.note && n.author)) {
    const users = new Map<string, UserRecord>();
    for (const { note, author } of page.notes) {
      noteCache?.set(note!, page.readStartedAt);
      if (!users.has(author!.id)) {
        users.set(author!.id, author!);
        userCache?.set(author!, page.readStartedAt);
      }
    }
    return hydrationOfPage(page, { notes: page.notes.map((n) => n.note!), users: [...users.values()] }, viewerId);
  }
  const [notes, users] = await Promise.all([
    contentLoaders(scope).noteById.loadMany(page.notes.map((n) => n.id)),
    accountLoaders(scope).userById.loadMany(authorIds),
  ]);
  return hydrationOfPage(page, { notes: loaded(notes), users: loaded(users) }, viewerId);
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
