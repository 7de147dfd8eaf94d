import { notFound } from '../common/errors';
import { inTx } from '../db/in-tx';
import { canSeeContent } from '../groups/permissions';
import { ModerationRepository } from '../moderation/repository';
import type { Scope } from '../accounts/scope';
import { ContentRepository } from './repository';
import type { NoteChanges } from './rules';
import type { NoteRecord } from './types';
import type { GroupLevelRightsCheck } from '../groups/access';

/**
 * Edit a note. A group note is edited under its group's lock, and only while its author may still
 * read the group (not banned from it, still a member of a CLOSED/SECRET one): the check and the
 * edit see the same standing as a concurrent ban. When pre-moderation matched the edited text
 * (`held`), the note's case is opened in the edit's own transaction, so a held edit never lacks
 * its case in the queue; a member whose level posts without pre-moderation is not held (read
 * under the same lock).
 */
export async function editNote(
  scope: Scope,
  note: NoteRecord,
  changes: NoteChanges,
  matched: { matched: string[] } | null,
  levels: Pick<GroupLevelRightsCheck, 'holdUnderLock'>,
): Promise<'edited' | 'missing' | 'no-group-access'> {
  const now = Date.now();
  return scope.db.writeTx(async (tx) => {
    const t = { content: inTx(tx, ContentRepository), moderation: inTx(tx, ModerationRepository) };
    const group = await t.content.lockNoteGroup(note.id);
    if (group && !canSeeContent(group.visibility, group)) return 'no-group-access';
    if (changes.productIds?.length) {
      const missing = await t.content.missingProduct(changes.productIds);
      if (missing) throw notFound(`Product ${missing}`, 'productIds');
    }
    const held = note.groupId === null ? null : await levels.holdUnderLock(tx, note.groupId, note.authorId, matched);
    const hold = held !== null;
    const edited = await t.content.editNote(note.id, changes, now, hold);
    if (!edited) return 'missing';
    if (held !== null && edited.held) await t.moderation.openPremoderationCase('NOTE', note.id, note.groupId!, note.authorId, held.matched, Date.now());
    return 'edited';
  });
}
