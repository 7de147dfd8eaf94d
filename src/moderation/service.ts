import { badInput, forbidden, notFound } from '../common/errors';
import { connectionOf } from '../common/connection';
import { encodeCursor, pageRequest } from '../common/pagination';
import { isAdmin, requireAdmin } from '../common/roles';
import { requireId, requireIntInRange, requireText } from '../common/validate';
import { can, GroupPermission } from '../groups/permissions';
import type { Context } from '../server/context';
import type { Tx } from '../db/database';
import { ActionArgs, ActionNotice, ModerationRepository } from './repository';
import type { UserRecord } from '../accounts/types';
import type { CreatedNotification } from '../notifications/repository';
import { ModerationActionKind, REVERSAL } from './rules';
import { AppealDecision, CaseRecord, ModerateInput, ReportReason, ReportTargetInput, TargetType } from './types';

/** Queues are short-lived and reorder as reports arrive, so they page by position, capped. */
const MAX_QUEUE_OFFSET = 1000;

export class ModerationService {
  private wordsCache: Promise<string[]> | null = null;

  constructor(
    private readonly ctx: Context,
    private readonly repo: ModerationRepository,
  ) {}

  sensitiveWords(): Promise<string[]> {
    this.wordsCache ??= this.repo.sensitiveWords();
    return this.wordsCache;
  }

  /** Who may read the word list (admins) may see which of its words held a case; others get null. */
  async matchedWordsOf(found: CaseRecord): Promise<string[] | null> {
    const viewer = await this.ctx.viewer();
    return viewer && isAdmin(viewer) ? found.matched : null;
  }

  async setSensitiveWords(words: string[]) {
    const viewer = await this.ctx.requireViewer();
    requireAdmin(viewer);
    if (words.length > 1000) throw badInput('words', 'at most 1000');
    const clean = [...new Set(words.map((w, i) => requireText(w, `words[${i}]`, { min: 1, max: 50 })))];
    await this.repo.setSensitiveWords(clean, viewer.id, Date.now());
    this.wordsCache = null;
    return clean;
  }

  /**
   * Moderators of the case's group may act on it; platform admins on any case, and they alone on
   * platform cases (no group). A SECRET group the viewer cannot see answers as `missing` does (an
   * unknown group, case or appeal), never FORBIDDEN, so a queue does not reveal that the group exists.
   */
  private async requireModerator(groupId: string | null, missing: () => Error = () => notFound('Group')) {
    const viewer = await this.ctx.requireViewer();
    if (isAdmin(viewer)) return viewer;
    if (!groupId) throw forbidden('Only platform admins handle this queue');
    if (!(await this.ctx.groups.isVisible(groupId))) throw missing();
    const standing = await this.ctx.loaders.standing.load(groupId);
    if (!can(standing.role, GroupPermission.MODERATE_CONTENT)) throw forbidden("Only this group's moderators handle its queue");
    return viewer;
  }

  async report(target: ReportTargetInput, reason: ReportReason, details: string | null | undefined, contextGroupId: string | null | undefined) {
    const viewer = await this.ctx.requireViewer();
    const given = (['noteId', 'commentId', 'userId', 'groupId'] as const).filter((k) => target[k] != null);
    if (given.length !== 1) throw badInput('target', 'give exactly one of noteId, commentId, userId and groupId');
    const key = given[0]!;
    const targetType = { noteId: TargetType.NOTE, commentId: TargetType.COMMENT, userId: TargetType.USER, groupId: TargetType.GROUP }[key];
    const targetId = requireId(target[key]!, `target.${key}`);
    // What the reporter cannot see they cannot report: the answer is that of an unknown id.
    if (!(await this.canSeeTarget(targetType, targetId))) throw notFound(targetType.toLowerCase());
    // The group a user report is about. Only user reports take one: a note or comment belongs to
    // its own group, and a group report goes to platform staff. A case filed under a group the
    // reporter cannot see (or that does not exist) would answer as an unknown group.
    const contextId = contextGroupId == null ? null : requireId(contextGroupId, 'groupId');
    if (contextId && targetType !== TargetType.USER) throw badInput('groupId', 'only a user report takes a group; other reports go where their target is');
    const groupContext = contextId ? (await this.ctx.groups.visibleGroupOrNotFound(contextId)).group.id : null;
    const subject = await this.repo.subject(targetType, targetId, groupContext);
    if (!subject) throw notFound(targetType.toLowerCase());
    const caseId = await this.repo.fileReport({
      reporterId: viewer.id,
      targetType,
      targetId,
      groupId: subject.groupId,
      authorId: subject.authorId,
      reason,
      details: details == null ? '' : requireText(details, 'details', { max: 1000 }),
      now: Date.now(),
    });
    if (!caseId) throw notFound(targetType.toLowerCase());
    // The reporter hears only that the report arrived: the case, its other reports and its state
    // are for the moderators who handle it.
    return true;
  }

  private async canSeeTarget(targetType: TargetType, targetId: string): Promise<boolean> {
    switch (targetType) {
      case TargetType.NOTE:
        return (await this.ctx.content.visibleNote(targetId)) !== null;
      case TargetType.COMMENT: {
        const comment = await this.ctx.loaders.commentById.load(targetId);
        return comment !== null && comment.deletedAt === null && (await this.ctx.content.visibleNote(comment.noteId)) !== null;
      }
      case TargetType.GROUP:
        return this.ctx.groups.isVisible(targetId);
      case TargetType.USER:
        return true;
    }
  }

  /** Content held by a group's pre-moderation waits in its queue. */
  async hold(targetType: 'NOTE' | 'COMMENT', targetId: string, groupId: string, authorId: string, matched: string[]) {
    await this.repo.openPremoderationCase(targetType, targetId, groupId, authorId, matched, Date.now());
  }

  /** hold inside the caller's transaction: an edit held again commits with its case. */
  async holdIn(tx: Tx, targetType: 'NOTE' | 'COMMENT', targetId: string, groupId: string, authorId: string, matched: string[]) {
    await ModerationRepository.openPremoderationCase(tx, targetType, targetId, groupId, authorId, matched, Date.now());
  }

  async queue(groupId: string | null | undefined, first?: number | null, after?: string | null) {
    const group = groupId == null ? null : requireId(groupId, 'groupId');
    await this.requireModerator(group);
    const { limit, after: position } = pageRequest(first, after);
    const offset = position ? Number(position.k) + 1 : 0;
    if (!Number.isInteger(offset) || offset < 0 || offset > MAX_QUEUE_OFFSET) throw badInput('after', 'is not a valid cursor');
    const rows = await this.repo.queue(group, offset, limit + 1);
    const items = rows.slice(0, limit);
    const edges = items.map((c, i) => ({ cursor: encodeCursor({ k: offset + i, id: c.id }), node: c }));
    return connectionOf(edges, rows.length > limit, () => this.repo.countQueue(group));
  }

  async moderate(input: ModerateInput) {
    const found = await this.repo.caseById(requireId(input.caseId, 'caseId'));
    if (!found || found.status !== 'OPEN') throw notFound('Open case');
    const viewer = await this.requireModerator(found.groupId, () => notFound('Open case'));
    const reason = requireText(input.reason, 'reason', { min: 1, max: 1000 });
    // Checked whenever given, not only for MUTE, so a bad value is never silently ignored.
    if (input.durationMinutes != null) requireIntInRange(input.durationMinutes, 'durationMinutes', 1, 43200);
    const action = input.action;
    const content = found.targetType === TargetType.NOTE || found.targetType === TargetType.COMMENT;
    const subjectUserId = found.targetType === TargetType.USER ? found.targetId : found.authorId;
    const notify =
      action !== ModerationActionKind.DISMISS && subjectUserId
        ? {
            userId: subjectUserId,
            noteId: found.targetType === TargetType.NOTE ? found.targetId : null,
            commentId: found.targetType === TargetType.COMMENT ? found.targetId : null,
          }
        : null;
    const now = Date.now();
    const record = { caseId: found.id, action, targetType: found.targetType, targetId: found.targetId, groupId: found.groupId, actorId: viewer.id, reason, subjectUserId, until: null as number | null, now };
    let recorded: { id: string; notifications: CreatedNotification[] } | null = null;
    switch (action) {
      case ModerationActionKind.HIDE:
      case ModerationActionKind.REMOVE:
      case ModerationActionKind.RESTORE: {
        if (!content) throw badInput('action', `${action} applies to notes and comments`);
        const state = action === ModerationActionKind.RESTORE ? null : action === ModerationActionKind.HIDE ? 'HIDDEN' : 'REMOVED';
        recorded = await this.applyAction(found.groupId, viewer, record, { state }, notify);
        break;
      }
      case ModerationActionKind.MUTE:
      case ModerationActionKind.BAN: {
        if (!found.groupId || !subjectUserId) throw badInput('action', `${action} needs a group and a user`);
        const minutes = action === ModerationActionKind.MUTE ? requireIntInRange(input.durationMinutes ?? 60, 'durationMinutes', 1, 43200) : undefined;
        if (minutes) record.until = now + minutes * 60_000;
        // The sanction and its record commit together: never a ban without its audit trail.
        await this.ctx.groups.sanction(found.groupId, subjectUserId, action, {
          minutes,
          reason,
          actor: viewer,
          inSameTransaction: async (tx) => {
            recorded = await ModerationRepository.recordAction(tx, record, null, notify);
          },
        });
        break;
      }
      case ModerationActionKind.DISMISS:
        recorded = await this.applyAction(found.groupId, viewer, record, null, notify);
        break;
    }
    const { id, notifications } = recorded!;
    this.ctx.notifications.published(notifications);
    this.ctx.loaders.noteById.clear(found.targetId);
    this.ctx.loaders.commentById.clear(found.targetId);
    if (found.groupId) {
      this.ctx.groups.publishActivity(found.groupId, 'MODERATION', { actorId: viewer.id, subjectUserId, detail: action, moderatorsOnly: true,
        noteId: found.targetType === TargetType.NOTE ? found.targetId : null, commentId: found.targetType === TargetType.COMMENT ? found.targetId : null });
      // Content a pre-moderator approves is published to the group only now.
      if (found.kind === 'PREMODERATION' && action === ModerationActionKind.RESTORE && found.targetType === TargetType.NOTE) {
        this.ctx.groups.publishActivity(found.groupId, 'NOTE_POSTED', { actorId: found.authorId, noteId: found.targetId });
        await this.ctx.content.publishApprovedNote(found.targetId);
      }
      // A held comment notified nobody and reached no live page: it does both once approved.
      if (found.kind === 'PREMODERATION' && action === ModerationActionKind.RESTORE && found.targetType === TargetType.COMMENT) {
        await this.ctx.content.publishApprovedComment(found.targetId);
      }
    }
    return (await this.repo.actionById(id))!;
  }

  /**
   * Applies an action on a group's case with the group locked and the moderator's role re-checked
   * under that lock (a moderator demoted a moment ago no longer acts); platform cases are admins'.
   */
  private applyAction(groupId: string | null, viewer: UserRecord, record: ActionArgs, contentState: { state: string | null } | null, notify: ActionNotice | null) {
    if (!groupId) return this.repo.applyAction(record, contentState, notify);
    return this.ctx.groups.withPermission(groupId, viewer, GroupPermission.MODERATE_CONTENT, (tx) => ModerationRepository.recordAction(tx, record, contentState, notify));
  }

  /** The affected user appeals an action once. */
  async appeal(actionId: string, text: string) {
    const viewer = await this.ctx.requireViewer();
    const action = await this.repo.actionById(requireId(actionId, 'actionId'));
    if (!action || action.subjectUserId !== viewer.id) throw notFound('Moderation action');
    const clean = requireText(text, 'text', { min: 1, max: 2000 });
    const result = await this.repo.appeal(action.id, viewer.id, clean, Date.now());
    if (!result.created) throw badInput('actionId', 'you have already appealed this action');
    return (await this.repo.appealsByIds([result.id]))[0]!;
  }

  async resolveAppeal(appealId: string, decision: AppealDecision, reason: string) {
    const [appeal] = await this.repo.appealsByIds([requireId(appealId, 'appealId')]);
    if (!appeal || appeal.status !== 'OPEN') throw notFound('Open appeal');
    const viewer = await this.requireModerator(appeal.groupId, () => notFound('Open appeal'));
    const clean = requireText(reason, 'reason', { min: 1, max: 1000 });
    const status = decision === AppealDecision.REVERSE ? 'REVERSED' : 'UPHELD';
    const target = await this.repo.actionById(appeal.actionId);
    if (!target) throw notFound('Open appeal');
    const undo = status === 'REVERSED' ? REVERSAL[target.action as ModerationActionKind] : undefined;
    const resolution = { id: appeal.id, status, actorId: viewer.id, reason: clean, now: Date.now() } as const;
    if ((undo === 'UNMUTE' || undo === 'UNBAN') && target.groupId && target.subjectUserId) {
      // The resolution and the lifting of the sanction commit together, or neither does (say, when
      // the reviewer may not lift a ban).
      await this.ctx.groups.sanction(target.groupId, target.subjectUserId, undo, {
        actor: viewer,
        inSameTransaction: async (tx) => {
          if (!(await ModerationRepository.resolveAppeal(tx, resolution, false))) throw notFound('Open appeal');
        },
      });
    } else if (target.groupId) {
      // As for moderate: the reviewer's role is checked under the group's lock, with the resolution.
      await this.ctx.groups.withPermission(target.groupId, viewer, GroupPermission.MODERATE_CONTENT, async (tx) => {
        if (!(await ModerationRepository.resolveAppeal(tx, resolution, undo === 'RESTORE'))) throw notFound('Open appeal');
        return true;
      });
    } else if (!(await this.repo.resolveAppeal(resolution, undo === 'RESTORE'))) {
      throw notFound('Open appeal');
    }
    if (undo) {
      this.ctx.loaders.noteById.clear(target.targetId);
      this.ctx.loaders.commentById.clear(target.targetId);
    }
    return (await this.repo.appealsByIds([appeal.id]))[0]!;
  }

  async openAppeals(groupId: string | null | undefined) {
    const group = groupId == null ? null : requireId(groupId, 'groupId');
    await this.requireModerator(group);
    return this.repo.appealsByIds(await this.repo.openAppeals(group, 100));
  }

  async auditLog(groupId: string | null | undefined, first: number) {
    const group = groupId == null ? null : requireId(groupId, 'groupId');
    await this.requireModerator(group);
    return this.repo.auditLog(group, requireIntInRange(first, 'first', 1, 200));
  }
}
