import { badInput, forbidden, notFound } from '../common/errors';
import { connectionOf } from '../common/connection';
import { encodeCursor, pageRequest } from '../common/pagination';
import { isAdmin, requireAdmin } from '../common/roles';
import { requireId, requireIntInRange, requireText } from '../common/validate';
import { can, GroupPermission } from '../groups/permissions';
import { ActionArgs, ActionNotice, ModerationRepository } from './repository';
import type { UserRecord } from '../accounts/types';
import type { CreatedNotification } from '../notifications/repository';
import { ModerationActionKind, REVERSAL } from './rules';
import { AppealDecision, CaseRecord, ModerateInput, ReportReason, ReportTargetInput, TargetType } from './types';
import { contentLoaders } from '../content/loaders';
import { groupLoaders } from '../groups/loaders';
import type { Scope } from '../accounts/scope';
import type { NotificationService } from '../notifications/service';
import type { ApprovedContent, ContentVisibility } from '../content/access';
import type { GroupAccess, GroupSanctions } from '../groups/access';
import type { GroupActivityPublisher } from '../events/group-activity';
import type { ModerationPolicy } from './policy';

/** Queues are short-lived and reorder as reports arrive, so they page by position, capped. */
const MAX_QUEUE_OFFSET = 1000;

/** What ModerationService needs, named one by one; wired once per process in src/app/services.ts. */
export interface ModerationServiceDeps {
  repo: (scope: Scope) => ModerationRepository;
  /** The word list (cached per request), shared with content and groups. */
  policy: Pick<ModerationPolicy, 'sensitiveWords' | 'forgetWords'>;
  content: ContentVisibility & ApprovedContent;
  groups: Pick<GroupAccess, 'isVisible'> & GroupSanctions;
  activity: GroupActivityPublisher;
  notifications: Pick<NotificationService, 'published'>;
}

export class ModerationService {
  constructor(private readonly deps: ModerationServiceDeps) {}

  sensitiveWords(scope: Scope): Promise<string[]> {
    return this.deps.policy.sensitiveWords(scope);
  }

  /** Who may read the word list (admins) may see which of its words held a case; others get null. */
  async matchedWordsOf(scope: Scope, found: CaseRecord): Promise<string[] | null> {
    const viewer = await scope.viewer();
    return viewer && isAdmin(viewer) ? found.matched : null;
  }

  async setSensitiveWords(scope: Scope, words: string[]) {
    const viewer = await scope.requireViewer();
    requireAdmin(viewer);
    if (words.length > 1000) throw badInput('words', 'at most 1000');
    const clean = [...new Set(words.map((w, i) => requireText(w, `words[${i}]`, { min: 1, max: 50 })))];
    await this.deps.repo(scope).setSensitiveWords(clean, viewer.id, Date.now());
    this.deps.policy.forgetWords(scope);
    return clean;
  }

  /**
   * Moderators of the case's group may act on it; platform admins on any case, and they alone on
   * platform cases (no group). A SECRET group the viewer cannot see answers as `missing` does (an
   * unknown group, case or appeal), never FORBIDDEN, so a queue does not reveal that the group exists.
   */
  private async requireModerator(scope: Scope, groupId: string | null, missing: () => Error = () => notFound('Group')) {
    const viewer = await scope.requireViewer();
    if (isAdmin(viewer)) return viewer;
    if (!groupId) throw forbidden('Only platform admins handle this queue');
    if (!(await this.deps.groups.isVisible(scope, groupId))) throw missing();
    const standing = await groupLoaders(scope).standing.load(groupId);
    if (!can(standing.role, GroupPermission.MODERATE_CONTENT)) throw forbidden("Only this group's moderators handle its queue");
    return viewer;
  }

  async report(scope: Scope, target: ReportTargetInput, reason: ReportReason, details: string | null | undefined, contextGroupId: string | null | undefined) {
    const viewer = await scope.requireViewer();
    const given = (['noteId', 'commentId', 'userId', 'groupId'] as const).filter((k) => target[k] != null);
    if (given.length !== 1) throw badInput('target', 'give exactly one of noteId, commentId, userId and groupId');
    const key = given[0]!;
    const targetType = { noteId: TargetType.NOTE, commentId: TargetType.COMMENT, userId: TargetType.USER, groupId: TargetType.GROUP }[key];
    const targetId = requireId(target[key]!, `target.${key}`);
    // What the reporter cannot see they cannot report: the answer is that of an unknown id.
    if (!(await this.canSeeTarget(scope, targetType, targetId))) throw notFound(targetType.toLowerCase());
    // The group a user report is about. Only user reports take one: a note or comment belongs to
    // its own group, and a group report goes to platform staff. A case filed under a group the
    // reporter cannot see (or that does not exist) would answer as an unknown group.
    const contextId = contextGroupId == null ? null : requireId(contextGroupId, 'groupId');
    if (contextId && targetType !== TargetType.USER) throw badInput('groupId', 'only a user report takes a group; other reports go where their target is');
    const groupContext = contextId ? (await this.deps.groups.visibleGroupOrNotFound(scope, contextId)).group.id : null;
    const subject = await this.deps.repo(scope).subject(targetType, targetId, groupContext);
    if (!subject) throw notFound(targetType.toLowerCase());
    const caseId = await this.deps.repo(scope).fileReport({
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

  private async canSeeTarget(scope: Scope, targetType: TargetType, targetId: string): Promise<boolean> {
    switch (targetType) {
      case TargetType.NOTE:
        return (await this.deps.content.visibleNote(scope, targetId)) !== null;
      case TargetType.COMMENT: {
        const comment = await contentLoaders(scope).commentById.load(targetId);
        return comment !== null && comment.deletedAt === null && (await this.deps.content.visibleNote(scope, comment.noteId)) !== null;
      }
      case TargetType.GROUP:
        return this.deps.groups.isVisible(scope, targetId);
      case TargetType.USER:
        return true;
    }
  }

  async queue(scope: Scope, groupId: string | null | undefined, first?: number | null, after?: string | null) {
    const group = groupId == null ? null : requireId(groupId, 'groupId');
    await this.requireModerator(scope, group);
    const { limit, after: position } = pageRequest(first, after);
    const offset = position ? Number(position.k) + 1 : 0;
    if (!Number.isInteger(offset) || offset < 0 || offset > MAX_QUEUE_OFFSET) throw badInput('after', 'is not a valid cursor');
    const rows = await this.deps.repo(scope).queue(group, offset, limit + 1);
    const items = rows.slice(0, limit);
    const edges = items.map((c, i) => ({ cursor: encodeCursor({ k: offset + i, id: c.id }), node: c }));
    return connectionOf(edges, rows.length > limit, () => this.deps.repo(scope).countQueue(group));
  }

  async moderate(scope: Scope, input: ModerateInput) {
    const found = await this.deps.repo(scope).caseById(requireId(input.caseId, 'caseId'));
    if (!found || found.status !== 'OPEN') throw notFound('Open case');
    const viewer = await this.requireModerator(scope, found.groupId, () => notFound('Open case'));
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
        recorded = await this.applyAction(scope, found.groupId, viewer, record, { state }, notify);
        break;
      }
      case ModerationActionKind.MUTE:
      case ModerationActionKind.BAN: {
        if (!found.groupId || !subjectUserId) throw badInput('action', `${action} needs a group and a user`);
        const minutes = action === ModerationActionKind.MUTE ? requireIntInRange(input.durationMinutes ?? 60, 'durationMinutes', 1, 43200) : undefined;
        if (minutes) record.until = now + minutes * 60_000;
        // The sanction and its record commit together: never a ban without its audit trail.
        await this.deps.groups.sanction(scope, found.groupId, subjectUserId, action, {
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
        recorded = await this.applyAction(scope, found.groupId, viewer, record, null, notify);
        break;
    }
    const { id, notifications } = recorded!;
    this.deps.notifications.published(scope, notifications);
    contentLoaders(scope).noteById.clear(found.targetId);
    contentLoaders(scope).commentById.clear(found.targetId);
    if (found.groupId) {
      this.deps.activity.publish(found.groupId, 'MODERATION', { actorId: viewer.id, subjectUserId, detail: action, moderatorsOnly: true,
        noteId: found.targetType === TargetType.NOTE ? found.targetId : null, commentId: found.targetType === TargetType.COMMENT ? found.targetId : null });
      // Content a pre-moderator approves is published to the group only now.
      if (found.kind === 'PREMODERATION' && action === ModerationActionKind.RESTORE && found.targetType === TargetType.NOTE) {
        this.deps.activity.publish(found.groupId, 'NOTE_POSTED', { actorId: found.authorId, noteId: found.targetId });
        await this.deps.content.publishApprovedNote(scope, found.targetId);
      }
      // A held comment notified nobody and reached no live page: it does both once approved.
      if (found.kind === 'PREMODERATION' && action === ModerationActionKind.RESTORE && found.targetType === TargetType.COMMENT) {
        await this.deps.content.publishApprovedComment(scope, found.targetId);
      }
    }
    return (await this.deps.repo(scope).actionById(id))!;
  }

  /**
   * Applies an action on a group's case with the group locked and the moderator's role re-checked
   * under that lock (a moderator demoted a moment ago no longer acts); platform cases are admins'.
   */
  private applyAction(scope: Scope, groupId: string | null, viewer: UserRecord, record: ActionArgs, contentState: { state: string | null } | null, notify: ActionNotice | null) {
    if (!groupId) return this.deps.repo(scope).applyAction(record, contentState, notify);
    return this.deps.groups.withPermission(scope, groupId, viewer, GroupPermission.MODERATE_CONTENT, (tx) => ModerationRepository.recordAction(tx, record, contentState, notify));
  }

  /** The affected user appeals an action once. */
  async appeal(scope: Scope, actionId: string, text: string) {
    const viewer = await scope.requireViewer();
    const action = await this.deps.repo(scope).actionById(requireId(actionId, 'actionId'));
    if (!action || action.subjectUserId !== viewer.id) throw notFound('Moderation action');
    const clean = requireText(text, 'text', { min: 1, max: 2000 });
    const result = await this.deps.repo(scope).appeal(action.id, viewer.id, clean, Date.now());
    if (!result.created) throw badInput('actionId', 'you have already appealed this action');
    return (await this.deps.repo(scope).appealsByIds([result.id]))[0]!;
  }

  async resolveAppeal(scope: Scope, appealId: string, decision: AppealDecision, reason: string) {
    const [appeal] = await this.deps.repo(scope).appealsByIds([requireId(appealId, 'appealId')]);
    if (!appeal || appeal.status !== 'OPEN') throw notFound('Open appeal');
    const viewer = await this.requireModerator(scope, appeal.groupId, () => notFound('Open appeal'));
    const clean = requireText(reason, 'reason', { min: 1, max: 1000 });
    const status = decision === AppealDecision.REVERSE ? 'REVERSED' : 'UPHELD';
    const target = await this.deps.repo(scope).actionById(appeal.actionId);
    if (!target) throw notFound('Open appeal');
    const undo = status === 'REVERSED' ? REVERSAL[target.action as ModerationActionKind] : undefined;
    const resolution = { id: appeal.id, status, actorId: viewer.id, reason: clean, now: Date.now() } as const;
    if ((undo === 'UNMUTE' || undo === 'UNBAN') && target.groupId && target.subjectUserId) {
      // The resolution and the lifting of the sanction commit together, or neither does (say, when
      // the reviewer may not lift a ban).
      await this.deps.groups.sanction(scope, target.groupId, target.subjectUserId, undo, {
        actor: viewer,
        inSameTransaction: async (tx) => {
          if (!(await ModerationRepository.resolveAppeal(tx, resolution, false))) throw notFound('Open appeal');
        },
      });
    } else if (target.groupId) {
      // As for moderate: the reviewer's role is checked under the group's lock, with the resolution.
      await this.deps.groups.withPermission(scope, target.groupId, viewer, GroupPermission.MODERATE_CONTENT, async (tx) => {
        if (!(await ModerationRepository.resolveAppeal(tx, resolution, undo === 'RESTORE'))) throw notFound('Open appeal');
        return true;
      });
    } else if (!(await this.deps.repo(scope).resolveAppeal(resolution, undo === 'RESTORE'))) {
      throw notFound('Open appeal');
    }
    if (undo) {
      contentLoaders(scope).noteById.clear(target.targetId);
      contentLoaders(scope).commentById.clear(target.targetId);
    }
    return (await this.deps.repo(scope).appealsByIds([appeal.id]))[0]!;
  }

  async openAppeals(scope: Scope, groupId: string | null | undefined) {
    const group = groupId == null ? null : requireId(groupId, 'groupId');
    await this.requireModerator(scope, group);
    return this.deps.repo(scope).appealsByIds(await this.deps.repo(scope).openAppeals(group, 100));
  }

  async auditLog(scope: Scope, groupId: string | null | undefined, first: number) {
    const group = groupId == null ? null : requireId(groupId, 'groupId');
    await this.requireModerator(scope, group);
    return this.deps.repo(scope).auditLog(group, requireIntInRange(first, 'first', 1, 200));
  }
}
