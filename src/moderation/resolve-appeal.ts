import { badInput, notFound } from '../common/errors';
import { UserErrorCode } from '../common/user-error-code';
import { requireId, requireText } from '../common/validate';
import { inTx } from '../db/in-tx';
import type { Tx } from '../db/database';
import type { AfterCommit } from '../events/after-commit';
import { GroupPermission } from '../groups/permissions';
import { GroupRepository } from '../groups/repository';
import { requirePermissionUnderLock, withGroupLocked } from '../groups/locked';
import { applySanction, sanctionOrder } from '../groups/sanction';
import type { Scope } from '../accounts/scope';
import type { GroupAccess } from '../groups/access';
import { AppealRecord, AppealResolution, ModerationRepository } from './repository';
import { requireModerator } from './moderators';
import { ModerationActionKind, REVERSAL } from './rules';
import { AppealDecision, TargetType } from './types';
import { ReviewRepository } from '../reviews/repository';
import { settleModeratedReview } from '../reviews/moderated';

function appealTx(tx: Tx) {
  return { groups: inTx(tx, GroupRepository), moderation: inTx(tx, ModerationRepository) };
}

export interface ResolveAppealDeps {
  cases: (scope: Scope) => ModerationRepository;
  groups: (scope: Scope) => GroupRepository;
  access: Pick<GroupAccess, 'isVisible' | 'visibleGroupOrNotFound'>;
}

export interface AppealResolved {
  appeal: AppealRecord;
  /** The content whose state the reversal changed (the request's cached copies are stale), or null. */
  undoneTargetId: string | null;
  events: AfterCommit[];
}

/**
 * Appeal: the moderators of the action's group (or admins) uphold or reverse it. The resolution
 * and what reversing undoes (the content shown again, the mute or ban lifted) commit together in
 * one transaction, with the reviewer's role checked under the group's lock, or neither does (say,
 * when the reviewer may not lift a ban).
 */
export async function resolveAppeal(deps: ResolveAppealDeps, scope: Scope, appealId: string, decision: AppealDecision, reason: string): Promise<AppealResolved> {
  const [appeal] = await deps.cases(scope).appealsByIds([requireId(appealId, 'appealId')]);
  if (!appeal) throw notFound('Appeal', 'appealId');
  const viewer = await requireModerator(scope, deps.access, appeal.groupId, () => notFound('Appeal', 'appealId'));
  // Only its moderators learn that an appeal is decided; to anyone else it is unknown (above).
  const decided = () => badInput('appealId', 'this appeal has already been decided', UserErrorCode.ALREADY_DECIDED);
  if (appeal.status !== 'OPEN') throw decided();
  const clean = requireText(reason, 'reason', { min: 1, max: 1000 });
  const status = decision === AppealDecision.REVERSE ? 'REVERSED' : 'UPHELD';
  const target = await deps.cases(scope).actionById(appeal.actionId);
  if (!target) throw notFound('Appeal', 'appealId');
  const undo = status === 'REVERSED' ? REVERSAL[target.action as ModerationActionKind] : undefined;
  const resolution: AppealResolution = { id: appeal.id, status, actorId: viewer.id, reason: clean, now: Date.now() };
  const resolveIn = async (t: ReturnType<typeof appealTx>, restoreContent: boolean) => {
    if (!(await t.moderation.resolveAppeal(resolution, restoreContent))) throw decided();
  };

  let events: AfterCommit[] = [];
  if ((undo === 'UNMUTE' || undo === 'UNBAN') && target.groupId && target.subjectUserId) {
    const order = await sanctionOrder(scope, deps.access, target.groupId, target.subjectUserId, undo, { actor: viewer });
    events = await withGroupLocked(scope, deps.groups, order.groupId, viewer.id, order.target, async (tx, standing) => {
      const t = appealTx(tx);
      const lifted = await applySanction(t.groups, standing, order);
      await resolveIn(t, false);
      return lifted;
    });
  } else if (target.groupId) {
    await withGroupLocked(scope, deps.groups, target.groupId, viewer.id, viewer.id, (tx, standing) => {
      requirePermissionUnderLock(standing, viewer, GroupPermission.MODERATE_CONTENT);
      return resolveIn(appealTx(tx), undo === 'RESTORE');
    });
  } else {
    events = await scope.db.writeTx(async (tx) => {
      // A review shown again comes back into its product's rating in this transaction.
      const review = undo === 'RESTORE' && target.targetType === TargetType.REVIEW ? await ReviewRepository.lockReview(tx, target.targetId) : null;
      await resolveIn(appealTx(tx), undo === 'RESTORE');
      return review ? settleModeratedReview(tx, target.targetId, review) : [];
    });
  }
  return { appeal: (await deps.cases(scope).appealsByIds([appeal.id]))[0]!, undoneTargetId: undo ? target.targetId : null, events };
}
