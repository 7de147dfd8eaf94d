import { AppError, badInput, notFound } from '../common/errors';
import { byIdLoader } from '../common/node';
import { connectionOf } from '../common/connection';
import { encodeCursor, offsetAfter, pageRequest, toPage } from '../common/pagination';
import { isAdmin, requireAdmin } from '../common/roles';
import { requireId, requireText } from '../common/validate';
import type { AppealRecord, ModerationRepository } from './repository';
import type { GroupRepository } from '../groups/repository';
import { moderate } from './moderate';
import { resolveAppeal } from './resolve-appeal';
import { requireModerator } from './moderators';
import { publishAfterCommit } from '../events/after-commit';
import { canSeeReview } from '../reviews/rules';
import { reviewLoaders } from '../reviews/loaders';
import type { EventBus } from '../events/bus';
import { AppealDecision, CaseRecord, ModerateInput, TargetType, type ActionRecord } from './types';
import type { AppealInput, ReportInput } from './payloads';
import { UserErrorCode } from '../common/user-error-code';
import { requireIdempotencyKey } from '../db/idempotency';
import { contentLoaders } from '../content/loaders';
import type { Scope } from '../accounts/scope';
import type { NotificationService } from '../notifications/service';
import type { ApprovedContent, ContentVisibility } from '../content/access';
import type { GroupAccess } from '../groups/access';
import type { GroupActivityPublisher } from '../events/group-activity';
import type { ModerationPolicy } from './policy';
import type { CacheInvalidation } from '../events/invalidation';

/** Queues are short-lived and reorder as reports arrive, so they page by position, capped. */
const MAX_QUEUE_OFFSET = 1000;

/** What ModerationService needs, named one by one; wired once per process in src/app/services.ts. */
export interface ModerationServiceDeps {
  repo: (scope: Scope) => ModerationRepository;
  /** The group repository moderation's use cases lock a group with and sanction through. */
  groupRepo: (scope: Scope) => GroupRepository;
  /** The word list (cached per request), shared with content and groups. */
  policy: Pick<ModerationPolicy, 'sensitiveWords' | 'forgetWords'>;
  content: ContentVisibility & ApprovedContent;
  groups: Pick<GroupAccess, 'isVisible' | 'visibleGroupOrNotFound'>;
  activity: GroupActivityPublisher;
  notifications: Pick<NotificationService, 'published'>;
  /** A note's moderation state lives in the note records that instances cache. */
  invalidation: Pick<CacheInvalidation, 'notesChanged'>;
  /** A moderated review announces REVIEW_CREATED, REVIEW_REMOVED or REVIEW_RESTORED (the points ledger's events). */
  events?: Pick<EventBus, 'pubsub'>;
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

  private requireModerator(scope: Scope, groupId: string | null, missing?: () => Error) {
    return requireModerator(scope, this.deps.groups, groupId, missing);
  }

  /** The use cases' view of the domains they write in (src/moderation/moderate.ts, resolve-appeal.ts). */
  private get useCase() {
    return { cases: this.deps.repo, groups: this.deps.groupRepo, access: this.deps.groups };
  }

  async report(scope: Scope, input: ReportInput) {
    const { target, reason, details, groupId: contextGroupId } = input;
    const viewer = await scope.requireViewer();
    const idempotencyKey = input.idempotencyKey == null ? null : requireIdempotencyKey(input.idempotencyKey);
    const given = (['noteId', 'commentId', 'userId', 'groupId', 'reviewId'] as const).filter((k) => target[k] != null);
    if (given.length !== 1) throw badInput('target', 'give exactly one of noteId, commentId, userId, groupId and reviewId');
    const key = given[0]!;
    const targetType = { noteId: TargetType.NOTE, commentId: TargetType.COMMENT, userId: TargetType.USER, groupId: TargetType.GROUP, reviewId: TargetType.REVIEW }[key];
    const targetId = requireId(target[key]!, `target.${key}`);
    // What the reporter cannot see they cannot report: the answer is that of an unknown id.
    const missing = () => notFound(targetType.toLowerCase(), `target.${key}`);
    if (!(await this.canSeeTarget(scope, targetType, targetId))) throw missing();
    // The group a user report is about. Only user reports take one: a note or comment belongs to
    // its own group, and a group report goes to platform staff. A case filed under a group the
    // reporter cannot see (or that does not exist) would answer as an unknown group.
    const contextId = contextGroupId == null ? null : requireId(contextGroupId, 'groupId');
    if (contextId && targetType !== TargetType.USER) throw badInput('groupId', 'only a user report takes a group; other reports go where their target is');
    const groupContext = contextId ? (await this.deps.groups.visibleGroupOrNotFound(scope, contextId)).group.id : null;
    const subject = await this.deps.repo(scope).subject(targetType, targetId, groupContext);
    if (!subject) throw missing();
    const caseId = await this.deps.repo(scope).fileReport({
      reporterId: viewer.id,
      targetType,
      targetId,
      groupId: subject.groupId,
      authorId: subject.authorId,
      reason,
      details: details == null ? '' : requireText(details, 'details', { max: 1000 }),
      now: Date.now(),
    }, idempotencyKey ? { key: idempotencyKey, input: { target, reason, details: details ?? null, groupId: contextGroupId ?? null } } : null);
    if (!caseId) throw missing();
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
      case TargetType.REVIEW: {
        const review = await reviewLoaders(scope).reviewById.load(targetId);
        return review !== null && canSeeReview(await scope.viewer(), review);
      }
    }
  }

  async queue(scope: Scope, groupId: string | null | undefined, first?: number | null, after?: string | null) {
    const group = groupId == null ? null : requireId(groupId, 'groupId');
    await this.requireModerator(scope, group);
    const { limit, after: position } = pageRequest(first, after);
    const offset = offsetAfter(position, MAX_QUEUE_OFFSET);
    const rows = await this.deps.repo(scope).queue(group, offset, limit + 1);
    const items = rows.slice(0, limit);
    const edges = items.map((c, i) => ({ cursor: encodeCursor({ k: offset + i, id: c.id }), node: c }));
    return connectionOf(edges, rows.length > limit, () => this.deps.repo(scope).countQueue(group));
  }

  async moderate(scope: Scope, input: ModerateInput) {
    const { actionId, targetId, events, approved } = await moderate(this.useCase, scope, input);
    // Forgetting an id that is no note (a comment, a user, a group) costs nothing.
    this.deps.invalidation.notesChanged([targetId], 'STATE');
    contentLoaders(scope).noteById.clear(targetId);
    contentLoaders(scope).commentById.clear(targetId);
    reviewLoaders(scope).reviewById.clear(targetId);
    publishAfterCommit(scope, events, this.deps);
    if (approved?.type === 'NOTE') await this.deps.content.publishApprovedNote(scope, approved.id);
    if (approved?.type === 'COMMENT') await this.deps.content.publishApprovedComment(scope, approved.id);
    return (await this.deps.repo(scope).actionById(actionId))!;
  }

  /** The affected user appeals an action once. */
  async appeal(scope: Scope, input: AppealInput) {
    const viewer = await scope.requireViewer();
    const action = await this.deps.repo(scope).actionById(requireId(input.actionId, 'actionId'));
    if (!action || action.subjectUserId !== viewer.id) throw notFound('Moderation action', 'actionId');
    const clean = requireText(input.text, 'text', { min: 1, max: 2000 });
    const key = input.idempotencyKey == null ? null : requireIdempotencyKey(input.idempotencyKey);
    const result = await this.deps.repo(scope).appeal(action.id, viewer.id, clean, Date.now(), key);
    if (!result.created) throw badInput('actionId', 'you have already appealed this action', UserErrorCode.ALREADY_APPEALED);
    return (await this.deps.repo(scope).appealsByIds([result.id]))[0]!;
  }

  async resolveAppeal(scope: Scope, appealId: string, decision: AppealDecision, reason: string) {
    const { appeal, undoneTargetId, events } = await resolveAppeal(this.useCase, scope, appealId, decision, reason);
    publishAfterCommit(scope, events, this.deps);
    if (undoneTargetId) {
      this.deps.invalidation.notesChanged([undoneTargetId], 'STATE');
      contentLoaders(scope).noteById.clear(undoneTargetId);
      contentLoaders(scope).commentById.clear(undoneTargetId);
      reviewLoaders(scope).reviewById.clear(undoneTargetId);
    }
    return appeal;
  }

  /** Open appeals, oldest first (the longest waiting on top), a page at a time. */
  async openAppeals(scope: Scope, groupId: string | null | undefined, first?: number | null, after?: string | null) {
    const group = groupId == null ? null : requireId(groupId, 'groupId');
    await this.requireModerator(scope, group);
    const { limit, after: position } = pageRequest(first, after, { key: 'number' });
    const page = toPage(await this.deps.repo(scope).openAppeals(group, position, limit + 1), limit);
    const appeals = new Map((await this.deps.repo(scope).appealsByIds(page.items.map((i) => i.id))).map((a) => [a.id, a]));
    // An appeal gone between the two reads has no edge; the next page still starts after its row.
    const edges = page.items.flatMap((i) => {
      const node = appeals.get(i.id);
      return node ? [{ cursor: encodeCursor({ k: i.key, id: i.id }), node }] : [];
    });
    return connectionOf(edges, page.hasNextPage, () => this.deps.repo(scope).countOpenAppeals(group));
  }

  /** A moderation action, for the objects that name one (an appeal, a notification, the log): who sees those may see it. */
  actionById(scope: Scope, id: string) {
    return this.deps.repo(scope).actionById(id);
  }

  async appealById(scope: Scope, id: string) {
    return (await this.deps.repo(scope).appealsByIds([id]))[0] ?? null;
  }

  /** A case (node(id)): to its group's moderators and to platform admins, as moderationQueue shows it. */
  async caseOf(scope: Scope, id: string): Promise<CaseRecord | null> {
    const found = await byIdLoader(scope, 'moderation.caseById', (ids) => this.deps.repo(scope).casesByIds(ids)).load(id);
    return found && (await this.moderates(scope, found.groupId)) ? found : null;
  }

  /** An action (node(id)): to the user it affected (who may appeal it), its group's moderators and platform admins. */
  async action(scope: Scope, id: string): Promise<ActionRecord | null> {
    const action = await byIdLoader(scope, 'moderation.actionById', (ids) => this.deps.repo(scope).actionsByIds(ids)).load(id);
    if (!action) return null;
    return (await scope.viewerId()) === action.subjectUserId || (await this.moderates(scope, action.groupId)) ? action : null;
  }

  /** An appeal (node(id)): to its appellant and to those who may decide it (openAppeals' readers). */
  async appealOf(scope: Scope, id: string): Promise<AppealRecord | null> {
    const appeal = await byIdLoader(scope, 'moderation.appealById', (ids) => this.deps.repo(scope).appealsByIds(ids)).load(id);
    if (!appeal) return null;
    return (await scope.viewerId()) === appeal.appellantId || (await this.moderates(scope, appeal.groupId)) ? appeal : null;
  }

  /** An entry of a moderation log (node(id)): platform admins read every entry, a group's moderators those of its log. */
  async auditEntry(scope: Scope, id: string) {
    const entry = await byIdLoader(scope, 'moderation.auditEntryById', (ids) => this.deps.repo(scope).auditEntriesByIds(ids)).load(id);
    if (!entry) return null;
    const viewer = await scope.viewer();
    const readable = viewer !== null && (isAdmin(viewer) || (entry.inGroupLog && (await this.moderates(scope, entry.groupId))));
    return readable ? { ...entry, createdAt: new Date(entry.at) } : null;
  }

  /** Whether the viewer moderates this group (platform admins: every group, and platform cases). */
  private moderates(scope: Scope, groupId: string | null): Promise<boolean> {
    return this.requireModerator(scope, groupId).then(
      () => true,
      (error: unknown) => {
        if (error instanceof AppError) return false;
        throw error;
      },
    );
  }

  /** The moderation log, newest first, a page at a time. */
  async auditLog(scope: Scope, groupId: string | null | undefined, first?: number | null, after?: string | null) {
    const group = groupId == null ? null : requireId(groupId, 'groupId');
    await this.requireModerator(scope, group);
    const { limit, after: position } = pageRequest(first, after, { key: 'number' });
    const page = toPage(await this.deps.repo(scope).auditLog(group, position, limit + 1), limit);
    const edges = page.items.map((e) => ({ cursor: encodeCursor({ k: e.at, id: e.id }), node: { ...e, createdAt: new Date(e.at) } }));
    return connectionOf(edges, page.hasNextPage, () => this.deps.repo(scope).countAuditLog(group));
  }
}
