import { badInput, notFound } from '../common/errors';
import { UserErrorCode } from '../common/user-error-code';
import { requireId, requireIntInRange, requireText } from '../common/validate';
import { inTx } from '../db/in-tx';
import type { Tx } from '../db/database';
import type { AfterCommit } from '../events/after-commit';
import { GroupPermission } from '../groups/permissions';
import { GroupRepository } from '../groups/repository';
import { requirePermissionUnderLock, withGroupLocked } from '../groups/locked';
import { applySanction, sanctionOrder } from '../groups/sanction';
import { NotificationRepository } from '../notifications/repository';
import { NotificationType } from '../notifications/types';
import type { Scope } from '../accounts/scope';
import type { GroupAccess } from '../groups/access';
import { ActionArgs, ModerationRepository } from './repository';
import { requireModerator } from './moderators';
import { ModerationActionKind } from './rules';
import { ModerateInput, TargetType } from './types';
import { ReviewRepository } from '../reviews/repository';
import { settleModeratedReview } from '../reviews/moderated';

/** The domains a moderation action writes in, over one transaction. */
function moderationTx(tx: Tx) {
  return { groups: inTx(tx, GroupRepository), moderation: inTx(tx, ModerationRepository), notifications: inTx(tx, NotificationRepository) };
}

export interface ModerateDeps {
  cases: (scope: Scope) => ModerationRepository;
  groups: (scope: Scope) => GroupRepository;
  access: Pick<GroupAccess, 'isVisible' | 'visibleGroupOrNotFound'>;
}

export interface Moderated {
  actionId: string;
  /** The note, comment, user or group acted on: the request's cached copy of it is stale. */
  targetId: string;
  /** To publish once committed: the sanction's, the subject's notification, the group's activity. */
  events: AfterCommit[];
  /** Held content a pre-moderator approved, to publish now (it notified nobody while held). */
  approved: { type: 'NOTE' | 'COMMENT'; id: string } | null;
}

/**
 * Moderate (and sanction): a moderator acts on an open case. The content state or the group
 * sanction, the action with its audit entry, and the subject's notification commit together in one
 * transaction, with the group locked and the moderator's role re-checked under the lock (a
 * moderator demoted a moment ago no longer acts): never a ban without its audit trail.
 */
export async function moderate(deps: ModerateDeps, scope: Scope, input: ModerateInput): Promise<Moderated> {
  const found = await deps.cases(scope).caseById(requireId(input.caseId, 'caseId'));
  if (!found) throw notFound('Case', 'caseId');
  const viewer = await requireModerator(scope, deps.access, found.groupId, () => notFound('Case', 'caseId'));
  // Only its moderators learn that a case is closed; to anyone else it is unknown (above).
  if (found.status !== 'OPEN') throw badInput('caseId', 'this case has already been decided', UserErrorCode.ALREADY_DECIDED);
  const reason = requireText(input.reason, 'reason', { min: 1, max: 1000 });
  // Checked whenever given, not only for MUTE, so a bad value is never silently ignored.
  if (input.durationMinutes != null) requireIntInRange(input.durationMinutes, 'durationMinutes', 1, 43200);
  const action = input.action;
  const onContent = found.targetType === TargetType.NOTE || found.targetType === TargetType.COMMENT || found.targetType === TargetType.REVIEW;
  const noteId = found.targetType === TargetType.NOTE ? found.targetId : null;
  const commentId = found.targetType === TargetType.COMMENT ? found.targetId : null;
  const subjectUserId = found.targetType === TargetType.USER ? found.targetId : found.authorId;
  const now = Date.now();
  const record: ActionArgs = { caseId: found.id, action, targetType: found.targetType, targetId: found.targetId, groupId: found.groupId, actorId: viewer.id, reason, subjectUserId, until: null, now };

  /** The action's record and the subject's notification, in the transaction that acted. */
  const recordIn = async (t: ReturnType<typeof moderationTx>, contentState: { state: string | null } | null) => {
    const actionId = await t.moderation.recordAction(record, contentState);
    const created = action !== ModerationActionKind.DISMISS && subjectUserId
      ? await t.notifications.create(subjectUserId, NotificationType.MODERATION_ACTION, { actorId: viewer.id, noteId, commentId, now, actionId, detail: action })
      : [];
    return { actionId, events: [{ to: 'notifications', created }] as AfterCommit[] };
  };

  let done: { actionId: string; events: AfterCommit[] };
  switch (action) {
    case ModerationActionKind.MUTE:
    case ModerationActionKind.BAN: {
      if (!found.groupId || !subjectUserId) throw badInput('action', `${action} needs a group and a user`);
      const minutes = action === ModerationActionKind.MUTE ? requireIntInRange(input.durationMinutes ?? 60, 'durationMinutes', 1, 43200) : undefined;
      if (minutes) record.until = now + minutes * 60_000;
      const order = await sanctionOrder(scope, deps.access, found.groupId, subjectUserId, action, { minutes, reason, actor: viewer });
      done = await withGroupLocked(scope, deps.groups, order.groupId, viewer.id, order.target, async (tx, standing) => {
        const t = moderationTx(tx);
        const sanctioned = await applySanction(t.groups, standing, order);
        const recorded = await recordIn(t, null);
        return { actionId: recorded.actionId, events: [...sanctioned, ...recorded.events] };
      });
      break;
    }
    default: {
      if (action !== ModerationActionKind.DISMISS && !onContent) throw badInput('action', `${action} applies to notes and comments`);
      const contentState = action === ModerationActionKind.DISMISS ? null : { state: action === ModerationActionKind.RESTORE ? null : action === ModerationActionKind.HIDE ? 'HIDDEN' : 'REMOVED' };
      // A group's case is acted on with the group locked; a platform case is admins' alone (checked above).
      done = found.groupId
        ? await withGroupLocked(scope, deps.groups, found.groupId, viewer.id, viewer.id, (tx, standing) => {
            requirePermissionUnderLock(standing, viewer, GroupPermission.MODERATE_CONTENT);
            return recordIn(moderationTx(tx), contentState);
          })
        : await scope.db.writeTx(async (tx) => {
            // A review's rating and its readers' events follow its new state in this transaction.
            const review = contentState && found.targetType === TargetType.REVIEW ? await ReviewRepository.lockReview(tx, found.targetId) : null;
            const recorded = await recordIn(moderationTx(tx), contentState);
            if (review) recorded.events.push(...(await settleModeratedReview(tx, found.targetId, review)));
            return recorded;
          });
    }
  }

  const events = done.events;
  let approved: Moderated['approved'] = null;
  if (found.groupId) {
    events.push({ to: 'group', groupId: found.groupId, kind: 'MODERATION', fields: { actorId: viewer.id, subjectUserId, detail: action, moderatorsOnly: true, noteId, commentId } });
    if (found.kind === 'PREMODERATION' && action === ModerationActionKind.RESTORE && onContent) {
      // Content a pre-moderator approves reaches the group only now.
      if (noteId) events.push({ to: 'group', groupId: found.groupId, kind: 'NOTE_POSTED', fields: { actorId: found.authorId, noteId } });
      approved = { type: noteId ? 'NOTE' : 'COMMENT', id: found.targetId };
    }
  }
  return { actionId: done.actionId, targetId: found.targetId, events, approved };
}
