import { noteVisibility, type Visibility } from '../content/rules';
import { NO_STANDING } from '../groups/loaders';
import { canSeeContent } from '../groups/permissions';
import { NO_RELATION } from '../social/types';
import { containsMutedWord, noteText } from '../mutes/rules';
import type { NoteRecord } from '../content/types';
import type { HydrationState } from './hydration';

/**
 * The rules step of every list of notes: pure functions of a HydrationState, so they can be
 * tested on a hand-built one. The rule itself is the trust boundary's (noteVisibility), the same
 * that ContentService applies to a single note.
 */

/** Whether the viewer may read the group's notes, from the state: an unknown group's notes are hidden. */
function canReadGroup(state: HydrationState, groupId: string): boolean {
  const group = state.groups.get(groupId);
  return group !== undefined && canSeeContent(group.visibility, state.standings.get(groupId) ?? NO_STANDING);
}

/** The trust boundary's rule (noteVisibility) for one note of the state; 'missing' for a note it does not hold. */
export function visibilityIn(state: HydrationState, id: string): Visibility {
  const note = state.notes.get(id);
  if (!note) return 'missing';
  const relation = state.relations.get(note.authorId) ?? NO_RELATION;
  return noteVisibility(note, state.viewerId, relation, note.groupId ? canReadGroup(state, note.groupId) : true);
}

/** The rules step: the skeleton's items the viewer may see, in order, each with its note. */
export function visibleNotes<T extends { id: string }>(state: HydrationState, items: T[]): (T & { note: NoteRecord })[] {
  return items.flatMap((item) => (visibilityIn(state, item.id) === 'visible' ? [{ ...item, note: state.notes.get(item.id)! }] : []));
}

/**
 * The mute half of the rules step, on the surfaces a mute covers (the following and discover
 * feeds): the items whose author the viewer mutes (the hydrated relation's `isMuted`) or whose
 * text contains one of their feed words (folded, src/mutes/rules.ts) are left out. Not part of
 * noteVisibility: a muted note stays readable by link and on its author's profile.
 */
export function unmutedNotes<T extends { note: NoteRecord }>(state: HydrationState, items: T[], feedWords: readonly string[]): T[] {
  return items.filter(({ note }) => note.authorId === state.viewerId || !((state.relations.get(note.authorId) ?? NO_RELATION).isMuted || containsMutedWord(noteText(note), feedWords)));
}
