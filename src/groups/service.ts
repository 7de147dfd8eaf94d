import { createHash, randomUUID } from 'node:crypto';
import { badInput, forbidden, notFound } from '../common/errors';
import { connectionOf, keyedConnection } from '../common/connection';
import { encodeCursor, pageRequest, toPage } from '../common/pagination';
import { dayIsPublished, minBuyersPerDay } from '../common/order-disclosure';
import { totalsByCurrency } from '../common/money';
import { periodOf, PeriodInput } from '../common/period';
import { isAdmin, isStaff } from '../common/roles';
import { requireId, requireText } from '../common/validate';
import { guarded, GroupActivityEvent, SKIP, transform } from '../events/bus';
import type { UserRecord } from '../accounts/types';
import { normaliseTopics, normaliseTopic } from '../content/rules';
import { NoteFormat, NoteVisibility, type NoteRecord } from '../content/types';
import { can, canAssign, canSeeContent, canTransferOwnership, GroupPermission, GroupRole, joinDecision, SanctionKind, Standing } from './permissions';
import { GroupRepository, LockedStanding } from './repository';
import { requirePermissionUnderLock, withGroupLocked, permissionDenied } from './locked';
import { applySanction, sanctionOrder } from './sanction';
import { inTx } from '../db/in-tx';
import { publishAfterCommit } from '../events/after-commit';
import type { Tx } from '../db/database';
import { contributionScore, dailySeries, weeklyRetention } from './stats';
import type { GroupRecord } from './types';
import { EventMode, GroupEventWindow, RsvpStatus } from './types';
import type { CreateGroupEventInput, CreateGroupInput, PostAnnouncementInput, UpdateGroupInput } from './payloads';
import { JoinStatus } from './payloads';
import { UserErrorCode } from '../common/user-error-code';
import { claimIdempotencyKey, requireIdempotencyKey } from '../db/idempotency';
import { accountLoaders } from '../accounts/loaders';
import { contentLoaders } from '../content/loaders';
import { liveScopeOf } from '../events/live';
import { groupLoaders } from './loaders';
import { byIdLoader } from '../common/node';
import type { Scope } from '../accounts/scope';
import type { EventBus } from '../events/bus';
import type { ContentVisibility, NotePosting } from '../content/access';
import { notePage, visibleNoteList } from '../feeds/pipeline';
import { hydrateNotes } from '../feeds/hydration';
import type { GroupActivityPublisher } from '../events/group-activity';
import type { GroupAccess, GroupPosting } from './access';
import type { BlockList } from '../social/access';
import type { TtlCache } from '../common/ttl-cache';
import { levelDistribution, MAX_GROUP_LEVEL, mayStartGroupBuy, skipsPremoderation, type LevelRights } from './levels';
import type { GroupLevels, GroupBuyStartRefusal } from './level-rights';
import type { GroupLevelRightsCheck } from './access';
import type { UpdateGroupLevelRightsInput } from './payloads';
import { requireIntInRange } from '../common/validate';

/** How long a live subscriber's group standing is trusted between events that do not concern them. */
export const STANDING_RECHECK_MS = 30_000;

/** The largest page of joinRequests; its `first` description states it. */
export const JOIN_REQUESTS_PAGE_MAX = 100;
/** The largest page of groupFeed. */
export const GROUP_FEED_PAGE_MAX = 50;
/** GroupEvent.attendees: its default and largest page. */
export const ATTENDEES_DEFAULT = 50;
export const ATTENDEES_MAX = 100;
/** The largest page of Group.events ("Default 20, at most 50."). */
export const GROUP_EVENTS_PAGE_MAX = 50;
/** The largest page of Query.myGroups ("Default 20, at most 100."). */
export const MY_GROUPS_PAGE_MAX = 100;
/** An event that started less than this long ago is still listed as upcoming (it may be on now). */
export const EVENT_STILL_UPCOMING_MS = 24 * 3600_000;
/** How many announcements stay pinned (cypher/groups/set-pinned.cypher keeps the newest 5). */
export const MAX_PINNED_NOTES = 5;


/** What GroupService needs, named one by one; wired once per process in src/app/services.ts. */
export interface GroupServiceDeps {
  repo: (scope: Scope) => GroupRepository;
  events: EventBus;
  content: ContentVisibility & NotePosting;
  /** Who may see, read and post in a group (shared with content, which groups depend on). */
  access: GroupAccess & GroupPosting & GroupLevelRightsCheck;
  /** Member levels from contribution scores, with the configured thresholds (GROUP_LEVEL_THRESHOLDS). */
  levels: GroupLevels;
  activity: GroupActivityPublisher;
  blocks: BlockList;
  /** Notes named by live group events, shared by every subscriber the event reaches (each one's own rule still runs on it). */
  eventNotes: TtlCache<NoteRecord | null>;
}

export class GroupService implements GroupAccess, GroupPosting, GroupLevelRightsCheck {
  constructor(private readonly deps: GroupServiceDeps) {}

  // Seeing, reading and posting are answered by GroupReader (src/groups/reader.ts), which content
  // asks too; GroupService answers the same for the domains that hold it.
  visibleGroupOrNotFound(scope: Scope, groupId: string, field = 'groupId'): Promise<{ group: GroupRecord; standing: Standing }> {
    return this.deps.access.visibleGroupOrNotFound(scope, groupId, field);
  }

  isVisible(scope: Scope, groupId: string): Promise<boolean> {
    return this.deps.access.isVisible(scope, groupId);
  }

  private load(scope: Scope, groupId: string, field = 'groupId') {
    return this.visibleGroupOrNotFound(scope, groupId, field);
  }

  /**
   * An early refusal for callers who plainly lack the permission. It reads the role outside any
   * lock, so a write still re-checks it under the lock (withPermission, or `locked` work).
   */
  private async requirePermission(scope: Scope, groupId: string, permission: GroupPermission, field = 'groupId') {
    const viewer = await scope.requireViewer();
    const { group, standing } = await this.load(scope, groupId, field);
    if (!can(standing.role, permission) && !isAdmin(viewer)) throw permissionDenied(permission);
    return { viewer, group, standing };
  }

  /**
   * Runs a role-checked write with the group locked: the actor's role is re-read under the lock
   * and checked there (platform admins always pass), so a role lost a moment ago no longer counts.
   */
  private async withPermission<T>(scope: Scope, groupId: string, actor: UserRecord, permission: GroupPermission, work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.locked(scope, groupId, actor.id, actor.id, async (tx, s) => {
      requirePermissionUnderLock(s, actor, permission);
      return work(tx);
    });
  }

  canReadContent(scope: Scope, groupId: string): Promise<boolean> {
    return this.deps.access.canReadContent(scope, groupId);
  }

  canFollowLive(scope: Scope, groupId: string): Promise<boolean> {
    return this.deps.access.canFollowLive(scope, groupId);
  }

  /** Tells every instance's live guard (src/events/live.ts) to re-check the streams that show this group. */
  private accessChanged(groupId: string, reason: 'VISIBILITY_CHANGED' | 'ARCHIVED' | 'UPDATED'): void {
    this.deps.events.pubsub.publish('GROUP_ACCESS_CHANGED', { groupId, reason });
  }

  checkPost(scope: Scope, groupId: string, text: string): Promise<{ state: string; matched: string[] } | null> {
    return this.deps.access.checkPost(scope, groupId, text);
  }

  premoderationHold(scope: Scope, groupId: string, text: string): Promise<{ state: string; matched: string[] } | null> {
    return this.deps.access.premoderationHold(scope, groupId, text);
  }

  holdUnderLock<H>(tx: Tx, groupId: string, userId: string, hold: H | null): Promise<H | null> {
    return this.deps.access.holdUnderLock(tx, groupId, userId, hold);
  }

  groupBuyStartRefusalUnderLock(tx: Tx, groupId: string, userId: string, now: number): Promise<GroupBuyStartRefusal | null> {
    return this.deps.access.groupBuyStartRefusalUnderLock(tx, groupId, userId, now);
  }

  /**
   * A member's level in the group, read from the graph when asked (their lifetime contribution,
   * src/groups/levels.ts), so it is current as of the request: a like or a post counts at once.
   * Null for a non-member.
   */
  async memberLevel(scope: Scope, groupId: string, userId: string): Promise<number | null> {
    const contribution = await groupLoaders(scope).memberContribution.load(`${groupId}:${userId}`);
    return contribution ? this.deps.levels.levelOf(contribution) : null;
  }

  levelRights(group: GroupRecord): LevelRights {
    return { postWithoutPremoderationFromLevel: group.postWithoutPremoderationFromLevel ?? null, startGroupBuyFromLevel: group.startGroupBuyFromLevel ?? null };
  }

  /** What the viewer's level lets them do in the group now, beside Group.viewerCan's role checks. */
  async viewerLevelRights(scope: Scope, group: GroupRecord, mayPost: boolean) {
    const viewerId = await scope.viewerId();
    const level = viewerId && mayPost ? await this.memberLevel(scope, group.id, viewerId) : null;
    const rights = this.levelRights(group);
    return {
      startGroupBuy: level !== null && mayStartGroupBuy(level, rights),
      postWithoutPremoderation: mayPost && (!group.premoderation || (level !== null && skipsPremoderation(level, rights))),
    };
  }

  /**
   * Sets from which member level members skip pre-moderation and may start group buys: admins and
   * above (EDIT_GROUP), checked on the role read under the group's lock, with the change audited
   * in the same transaction.
   */
  async updateLevelRights(scope: Scope, input: UpdateGroupLevelRightsInput): Promise<GroupRecord> {
    const level = (value: number | null | undefined, field: string) => (value == null ? null : requireIntInRange(value, field, 1, MAX_GROUP_LEVEL));
    const rights = {
      postWithoutPremoderationFromLevel: level(input.postWithoutPremoderationFromLevel, 'postWithoutPremoderationFromLevel'),
      startGroupBuyFromLevel: level(input.startGroupBuyFromLevel, 'startGroupBuyFromLevel'),
    };
    const { viewer, group } = await this.requirePermission(scope, input.groupId, GroupPermission.EDIT_GROUP);
    const set = await this.withPermission(scope, group.id, viewer, GroupPermission.EDIT_GROUP, (tx) =>
      GroupRepository.setLevelRights(tx, { groupId: group.id, ...rights, actorId: viewer.id, now: Date.now(), auditId: randomUUID() }),
    );
    if (!set) throw notFound('Group', 'groupId');
    groupLoaders(scope).groupById.clear(group.id);
    return (await groupLoaders(scope).groupById.load(group.id))!;
  }

  private validateName(name: string) {
    return requireText(name, 'name', { min: 3, max: 60 });
  }

  async create(scope: Scope, input: CreateGroupInput): Promise<GroupRecord> {
    const viewer = await scope.requireViewer();
    const args = {
      id: randomUUID(),
      ownerId: viewer.id,
      name: this.validateName(input.name),
      description: requireText(input.description ?? '', 'description', { max: 2000 }),
      visibility: input.visibility,
      rules: requireText(input.rules ?? '', 'rules', { max: 4000 }),
      premoderation: input.isPremoderated ?? false,
      topics: normaliseTopics(input.topics ?? []),
      now: Date.now(),
    };
    const key = input.idempotencyKey == null ? null : requireIdempotencyKey(input.idempotencyKey);
    const created = await this.deps.repo(scope).create(args, key);
    if (created === null) throw badInput('name', 'you already have a group with this name', UserErrorCode.TAKEN);
    return (await groupLoaders(scope).groupById.load(created))!;
  }

  async update(scope: Scope, input: UpdateGroupInput): Promise<GroupRecord> {
    const { viewer, group } = await this.requirePermission(scope, input.groupId, GroupPermission.EDIT_GROUP);
    const args = {
      id: group.id,
      ownerId: group.ownerId,
      name: input.name == null ? null : this.validateName(input.name),
      description: input.description == null ? null : requireText(input.description, 'description', { max: 2000 }),
      visibility: input.visibility ?? null,
      rules: input.rules == null ? null : requireText(input.rules, 'rules', { max: 4000 }),
      premoderation: input.isPremoderated ?? null,
      topics: input.topics == null ? null : normaliseTopics(input.topics),
      now: Date.now(),
    };
    const result = await this.withPermission(scope, group.id, viewer, GroupPermission.EDIT_GROUP, (tx) => GroupRepository.update(tx, args));
    if (result === 'TAKEN') throw badInput('name', 'the owner already has a group with this name', UserErrorCode.TAKEN);
    if (result === 'MISSING') throw notFound('Group', 'groupId');
    groupLoaders(scope).groupById.clear(group.id);
    const updated = (await groupLoaders(scope).groupById.load(group.id))!;
    if (updated.visibility !== group.visibility) this.accessChanged(group.id, 'VISIBILITY_CHANGED');
    return updated;
  }

  async archive(scope: Scope, groupId: string): Promise<string> {
    const { viewer, group } = await this.requirePermission(scope, groupId, GroupPermission.ARCHIVE_GROUP);
    const archived = await this.withPermission(scope, group.id, viewer, GroupPermission.ARCHIVE_GROUP, (tx) => GroupRepository.archive(tx, group.id, Date.now()));
    // Live streams of an archived group end (FORBIDDEN) at once, not at the group's next event.
    if (!archived) throw notFound('Group', 'groupId');
    this.accessChanged(group.id, 'ARCHIVED');
    groupLoaders(scope).groupById.clear(group.id);
    return group.id;
  }

  /** A group by id, or null when it is missing, archived or not visible to the viewer. */
  async group(scope: Scope, groupId: string): Promise<GroupRecord | null> {
    return (await this.deps.access.isVisible(scope, groupId)) ? (await this.load(scope, groupId, 'id')).group : null;
  }

  async groups(scope: Scope, search: string | null | undefined, topic: string | null | undefined, first?: number | null, after?: string | null) {
    const viewerId = await scope.viewerId();
    const term = search == null ? null : requireText(search, 'search', { min: 1, max: 60 }).toLowerCase();
    const topicName = topic == null ? null : normaliseTopic(topic);
    const { limit, after: position } = pageRequest(first, after, { key: 'number' });
    const page = toPage(await this.deps.repo(scope).groupsPage(viewerId, term, topicName, position, limit + 1), limit);
    return keyedConnection(page, groupLoaders(scope).groupById, () => this.deps.repo(scope).countGroups(viewerId, term, topicName));
  }

  /** The viewer's live groups, a page at a time, last joined first; `roles` keeps those where they hold one of them. */
  async myGroups(scope: Scope, roles: GroupRole[] | null | undefined, first?: number | null, after?: string | null) {
    const viewer = await scope.requireViewer();
    if (roles != null && roles.length === 0) throw badInput('roles', 'names no role; leave it out for every group');
    const wanted = roles == null ? null : [...new Set(roles)];
    const { limit, after: position } = pageRequest(first, after, { key: 'number', max: MY_GROUPS_PAGE_MAX });
    const repo = this.deps.repo(scope);
    const page = toPage(await repo.myGroups(viewer.id, wanted, position, limit + 1), limit);
    return keyedConnection(page, groupLoaders(scope).groupById, () => repo.countMyGroups(viewer.id, wanted));
  }

  async members(scope: Scope, group: GroupRecord, role: GroupRole | null | undefined, first?: number | null, after?: string | null) {
    const standing = await groupLoaders(scope).standing.load(group.id);
    const viewer = await scope.viewer();
    if (!canSeeContent(group.visibility, standing) && !(viewer && isAdmin(viewer))) throw forbidden('Only members see the member list');
    const { limit, after: position } = pageRequest(first, after, { key: 'string' });
    let cursor: { rank: number; key: number; id: string } | null = null;
    if (position) {
      const [rank, key] = position.k.split(':').map(Number);
      if (!Number.isInteger(rank) || !Number.isFinite(key)) throw badInput('after', 'is not a valid cursor');
      cursor = { rank: rank!, key: key!, id: position.id };
    }
    const page = toPage(await this.deps.repo(scope).membersPage(group.id, role ?? null, cursor, limit + 1), limit);
    const users = await accountLoaders(scope).userById.loadMany(page.items.map((m) => m.id));
    const edges = page.items.map((m, i) => ({
      cursor: encodeCursor({ k: `${m.rank}:${m.joinedAt}`, id: m.id }),
      node: { groupId: group.id, id: `${group.id}:${m.id}`, user: users[i] as UserRecord, role: m.role, joinedAt: new Date(m.joinedAt), mutedUntil: m.mutedUntil ? new Date(m.mutedUntil) : null },
    }));
    return connectionOf(edges, page.hasNextPage, () => this.deps.repo(scope).countMembers(group.id, role ?? null));
  }

  /**
   * A membership by its id, `<groupId>:<userId>` (node(id)), to whoever the group's member list
   * shows it to: its members (anyone, for an OPEN group's) and platform admins.
   */
  async member(scope: Scope, id: string) {
    const [groupId, userId, ...rest] = id.split(':');
    if (!groupId || !userId || rest.length > 0) return null;
    const row = await byIdLoader(scope, 'groups.memberById', async (ids) => {
      const keys = ids.map((key) => key.split(':')).map(([g, u]) => ({ groupId: g!, userId: u! }));
      return (await this.deps.repo(scope).memberships(keys)).map((m) => ({ ...m, userId: m.id, id: `${m.groupId}:${m.id}` }));
    }).load(id);
    const group = row && (await this.group(scope, row.groupId));
    if (!row || !group) return null;
    const viewer = await scope.viewer();
    if (!canSeeContent(group.visibility, await groupLoaders(scope).standing.load(group.id)) && !(viewer && isAdmin(viewer))) return null;
    const user = await accountLoaders(scope).userById.load(row.userId);
    if (!user) return null;
    return { groupId: group.id, id: row.id, user, role: row.role, joinedAt: new Date(row.joinedAt), mutedUntil: row.mutedUntil ? new Date(row.mutedUntil) : null };
  }

  /** A group event (node(id)), to whoever may read its group's content, as Group.events shows it. */
  async eventOf(scope: Scope, id: string) {
    const event = await groupLoaders(scope).eventById.load(id);
    return event && (await this.canReadContent(scope, event.groupId)) ? event : null;
  }

  /** A group's pending join requests, oldest first: for those who may answer them (moderators and above). */
  async joinRequests(scope: Scope, groupId: string, first?: number | null, after?: string | null) {
    const { group } = await this.requirePermission(scope, groupId, GroupPermission.APPROVE_REQUESTS);
    const { limit, after: position } = pageRequest(first, after, { key: 'number', max: JOIN_REQUESTS_PAGE_MAX });
    const page = toPage(await this.deps.repo(scope).joinRequestsPage(group.id, position, limit + 1), limit);
    const users = await accountLoaders(scope).userById.loadMany(page.items.map((r) => r.id));
    const edges = page.items.map((r, i) => ({
      cursor: encodeCursor({ k: r.key, id: r.id }),
      node: { user: users[i] as UserRecord, message: r.message, createdAt: new Date(r.key) },
    }));
    return connectionOf(edges, page.hasNextPage, () => this.deps.repo(scope).countJoinRequests(group.id));
  }

  /**
   * Runs a membership write with the group locked. Role checks belong inside `work`, on
   * `s.actorRole` as read under the lock: a role read before it may be stale by the time of the write.
   */
  private locked<T>(scope: Scope, groupId: string, actorId: string, userId: string, work: (tx: Tx, s: LockedStanding) => Promise<T>): Promise<T> {
    return withGroupLocked(scope, this.deps.repo, groupId, actorId, userId, work);
  }

  /** Joins (accepting the rules): straight in for OPEN groups and invitees, a request for CLOSED groups. */
  async join(scope: Scope, groupId: string, acceptRules: boolean, message: string | null | undefined) {
    const viewer = await scope.requireViewer();
    const { group } = await this.load(scope, groupId);
    if (acceptRules !== true) throw badInput('acceptRules', "you must accept the group's rules to join");
    const note = message == null ? '' : requireText(message, 'message', { max: 500 });
    const now = Date.now();
    const status = await this.locked<string>(scope, group.id, viewer.id, viewer.id, async (tx, standing) => {
      if (standing.archived) throw notFound('Group', 'groupId');
      const decision = joinDecision(standing.visibility, standing);
      if (decision === 'NOT_FOUND') throw notFound('Group', 'groupId');
      if (decision === 'BANNED') throw badInput('groupId', 'you are banned from this group', UserErrorCode.BANNED);
      if (decision === 'ALREADY_MEMBER') return 'JOINED';
      if (decision === 'REQUEST') {
        await GroupRepository.requestToJoin(tx, group.id, viewer.id, note, now);
        return 'REQUESTED';
      }
      await GroupRepository.addMember(tx, group.id, viewer.id, null, now);
      return 'JOINED_NOW';
    });
    if (status === 'JOINED_NOW') this.deps.activity.publish(group.id, 'MEMBER_JOINED', { actorId: viewer.id, subjectUserId: viewer.id });
    return { status: status === 'REQUESTED' ? JoinStatus.REQUESTED : JoinStatus.JOINED, group: (await groupLoaders(scope).groupById.load(group.id))! };
  }

  async decideRequest(scope: Scope, groupId: string, userId: string, approve: boolean): Promise<GroupRecord> {
    const { viewer, group } = await this.requirePermission(scope, groupId, GroupPermission.APPROVE_REQUESTS);
    const target = requireId(userId, 'userId');
    const now = Date.now();
    await this.locked(scope, group.id, viewer.id, target, async (tx, standing) => {
      if (!can(standing.actorRole, GroupPermission.APPROVE_REQUESTS) && !isAdmin(viewer)) throw permissionDenied(GroupPermission.APPROVE_REQUESTS);
      if (!standing.requested) throw notFound('Join request', 'userId');
      if (!approve) return GroupRepository.denyRequest(tx, group.id, target);
      if (standing.banned) throw badInput('userId', 'this user is banned from the group', UserErrorCode.BANNED);
      return GroupRepository.addMember(tx, group.id, target, viewer.id, now);
    });
    if (approve) this.deps.activity.publish(group.id, 'MEMBER_JOINED', { actorId: viewer.id, subjectUserId: target });
    return (await groupLoaders(scope).groupById.load(group.id))!;
  }

  async invite(scope: Scope, groupId: string, userId: string): Promise<boolean> {
    const { viewer, group } = await this.requirePermission(scope, groupId, GroupPermission.INVITE);
    const target = requireId(userId, 'userId');
    if (!(await accountLoaders(scope).userById.load(target))) throw notFound('User', 'userId');
    await this.locked(scope, group.id, viewer.id, target, async (tx, standing) => {
      if (!can(standing.actorRole, GroupPermission.INVITE) && !isAdmin(viewer)) throw permissionDenied(GroupPermission.INVITE);
      if (standing.banned) throw badInput('userId', 'this user is banned from the group', UserErrorCode.BANNED);
      if (standing.role !== null) throw badInput('userId', 'is already a member', UserErrorCode.ALREADY_MEMBER);
      return GroupRepository.invite(tx, group.id, target, viewer.id, Date.now());
    });
    return true;
  }

  async leave(scope: Scope, groupId: string): Promise<boolean> {
    const viewer = await scope.requireViewer();
    const { group } = await this.load(scope, groupId);
    await this.locked(scope, group.id, viewer.id, viewer.id, async (tx, standing) => {
      if (standing.role === null) throw badInput('groupId', 'you are not a member', UserErrorCode.NOT_A_MEMBER);
      if (standing.role === GroupRole.OWNER && standing.owners <= 1) throw badInput('groupId', 'transfer ownership before the last owner leaves', UserErrorCode.INVALID_STATE);
      return GroupRepository.removeMember(tx, group.id, viewer.id, 'LEFT', Date.now());
    });
    this.deps.activity.publish(group.id, 'MEMBER_LEFT', { actorId: viewer.id, subjectUserId: viewer.id });
    return true;
  }

  async setRole(scope: Scope, groupId: string, userId: string, role: GroupRole) {
    const viewer = await scope.requireViewer();
    const { group } = await this.load(scope, groupId);
    const target = requireId(userId, 'userId');
    if (target === viewer.id) throw forbidden('You cannot change your own role');
    await this.locked(scope, group.id, viewer.id, target, async (tx, targetStanding) => {
      if (targetStanding.role === null) throw badInput('userId', 'is not a member of the group', UserErrorCode.NOT_A_MEMBER);
      if (!canAssign(targetStanding.actorRole, targetStanding.role, role) && !isAdmin(viewer)) {
        throw forbidden('You can only give roles below your own, to members below you');
      }
      if (role === GroupRole.OWNER) throw badInput('role', 'use transferOwnership');
      return GroupRepository.setRole(tx, group.id, target, role);
    });
    this.deps.activity.publish(group.id, 'ROLE_CHANGED', { actorId: viewer.id, subjectUserId: target, detail: role });
    return this.memberOf(scope, group.id, target);
  }

  async transferOwnership(scope: Scope, groupId: string, userId: string) {
    const viewer = await scope.requireViewer();
    const { group } = await this.load(scope, groupId);
    const target = requireId(userId, 'userId');
    await this.locked(scope, group.id, viewer.id, target, async (tx, targetStanding) => {
      // Checked under the lock: of two transfers at once, the second finds its caller already an ADMIN.
      if (!canTransferOwnership(targetStanding.actorRole)) throw forbidden('Only the owner can transfer ownership');
      if (target === viewer.id) throw badInput('userId', 'you already own the group');
      if (targetStanding.role === null) throw badInput('userId', 'the new owner must be a member', UserErrorCode.NOT_A_MEMBER);
      await GroupRepository.setRole(tx, group.id, target, GroupRole.OWNER);
      return GroupRepository.setRole(tx, group.id, viewer.id, GroupRole.ADMIN);
    });
    this.deps.activity.publish(group.id, 'ROLE_CHANGED', { actorId: viewer.id, subjectUserId: target, detail: GroupRole.OWNER });
    return (await groupLoaders(scope).groupById.load(group.id))!;
  }

  /** The reason is kept with the ban, so it is text like any other: refused when too long, never cut. */
  async ban(scope: Scope, groupId: string, userId: string, reason: string): Promise<boolean> {
    const clean = requireText(reason ?? '', 'reason', { max: 500 });
    return this.sanction(scope, groupId, userId, 'BAN', { reason: clean });
  }

  /** Mutes, bans or removes a member below the actor's rank, or lifts a sanction (src/groups/sanction.ts). */
  async sanction(scope: Scope, groupId: string, userId: string, kind: SanctionKind, opts: { minutes?: number; reason?: string } = {}) {
    const order = await sanctionOrder(scope, this.deps.access, groupId, userId, kind, { ...opts, actor: await scope.requireViewer() });
    const events = await this.locked(scope, order.groupId, order.actor.id, order.target, (tx, standing) => applySanction(inTx(tx, GroupRepository), standing, order));
    publishAfterCommit(scope, events, { activity: this.deps.activity });
    return true;
  }

  async memberOf(scope: Scope, groupId: string, userId: string) {
    groupLoaders(scope).groupById.clear(groupId);
    const row = await this.deps.repo(scope).member(groupId, userId);
    if (!row) throw notFound('Member');
    return { groupId, id: `${groupId}:${userId}`, user: (await accountLoaders(scope).userById.load(userId))!, role: row.role, joinedAt: new Date(row.joinedAt), mutedUntil: row.mutedUntil ? new Date(row.mutedUntil) : null };
  }

  async feed(scope: Scope, groupId: string, first?: number | null, after?: string | null) {
    const { group, standing } = await this.load(scope, groupId);
    const viewer = await scope.viewer();
    if (!canSeeContent(group.visibility, standing) && !(viewer && isAdmin(viewer))) throw forbidden('Only members see this group\'s posts');
    const { limit, after: position } = pageRequest(first, after, { key: 'number', max: GROUP_FEED_PAGE_MAX });
    const skeleton = toPage(await this.deps.repo(scope).groupFeed(group.id, position, limit + 1), limit);
    return notePage(scope, skeleton, (ids) => hydrateNotes(scope, ids), () => this.deps.repo(scope).countGroupFeed(group.id));
  }

  async pinned(scope: Scope, group: GroupRecord): Promise<NoteRecord[]> {
    if (!(await this.canReadContent(scope, group.id))) return [];
    return visibleNoteList(scope, group.pinnedNoteIds);
  }

  async postAnnouncement(scope: Scope, input: PostAnnouncementInput) {
    const { group } = await this.requirePermission(scope, input.groupId, GroupPermission.POST_ANNOUNCEMENT);
    const { title, body } = input;
    // The announcement is a note, so its key rides on the note's own key (one note per author and
    // key), in a space of its own: a createNote key of the same text is another request.
    const key = input.idempotencyKey == null ? null : `announcement:${createHash('sha256').update(requireIdempotencyKey(input.idempotencyKey)).digest('hex').slice(0, 40)}`;
    const note = await this.deps.content.createNote(scope,
      { title, body, format: NoteFormat.IMAGE_TEXT, media: [], topics: [], productIds: [], groupId: group.id, visibility: NoteVisibility.PUBLIC, idempotencyKey: key },
      true,
    );
    // A retry returns the first announcement; one whose text differs is another request.
    const differs = (stored: string, sent: string) => stored !== sent && stored !== sent.trim();
    if (key !== null && (differs(note.title, title) || differs(note.body, body))) {
      throw badInput('idempotencyKey', 'was used before with a different input; use a new key for a new request', UserErrorCode.IDEMPOTENCY_KEY_REUSED);
    }
    if (input.pin) await this.pin(scope, group.id, note.id, true);
    return note;
  }

  async pin(scope: Scope, groupId: string, noteId: string, pin: boolean) {
    const { viewer, group } = await this.requirePermission(scope, groupId, GroupPermission.POST_ANNOUNCEMENT);
    const note = await contentLoaders(scope).noteById.load(requireId(noteId, 'noteId'));
    if (!note || note.groupId !== group.id || note.deletedAt !== null) throw notFound('Note', 'noteId');
    await this.withPermission(scope, group.id, viewer, GroupPermission.POST_ANNOUNCEMENT, (tx) => GroupRepository.setPinned(tx, group.id, note.id, pin));
    groupLoaders(scope).groupById.clear(group.id);
    return (await groupLoaders(scope).groupById.load(group.id))!;
  }

  async createEvent(scope: Scope, input: CreateGroupEventInput) {
    const { viewer, group } = await this.requirePermission(scope, input.groupId, GroupPermission.CREATE_EVENT);
    const startsAt = input.startsAt instanceof Date ? input.startsAt.getTime() : NaN;
    if (!Number.isFinite(startsAt) || startsAt < Date.now() - 60_000) throw badInput('startsAt', 'must be in the future');
    const location = input.location == null ? null : requireText(input.location, 'location', { min: 1, max: 200 });
    if (input.mode === EventMode.OFFLINE && !location) throw badInput('location', 'is required for an OFFLINE event');
    const id = randomUUID();
    const args = {
      id, groupId: group.id, userId: viewer.id,
      title: requireText(input.title, 'title', { min: 1, max: 100 }),
      description: requireText(input.description ?? '', 'description', { max: 2000 }),
      startsAt, mode: input.mode, location, now: Date.now(),
    };
    const key = input.idempotencyKey == null ? null : requireIdempotencyKey(input.idempotencyKey);
    // The key is claimed under the group's lock, in the transaction that creates the event.
    const { eventId, fresh } = await this.withPermission(scope, group.id, viewer, GroupPermission.CREATE_EVENT, async (tx) => {
      const { id: _id, now: _now, userId: _userId, ...request } = args;
      const claim = key ? await claimIdempotencyKey(tx, { actorId: viewer.id, operation: 'createGroupEvent', key, input: request }) : null;
      if (claim && !claim.fresh) return { eventId: claim.resultId, fresh: false };
      await GroupRepository.createEvent(tx, args);
      await claim?.complete(id);
      return { eventId: id, fresh: true };
    });
    if (fresh) this.deps.activity.publish(group.id, 'EVENT_CREATED', { actorId: viewer.id, eventId });
    return (await groupLoaders(scope).eventById.load(eventId))!;
  }

  /**
   * A page of a group's events: UPCOMING (from a day ago on) soonest first, or PAST latest first.
   * Empty for a viewer who may not read the group's content.
   */
  async events(scope: Scope, group: GroupRecord, window: GroupEventWindow, first?: number | null, after?: string | null) {
    const { limit, after: position } = pageRequest(first, after, { key: 'number', max: GROUP_EVENTS_PAGE_MAX });
    const span = { from: Date.now() - EVENT_STILL_UPCOMING_MS, past: window === GroupEventWindow.PAST };
    // Past events sort by their negated start time: a cursor of the other window is not a position in this one.
    if (position && (position.k < 0) !== span.past) throw badInput('after', 'is not a valid cursor');
    if (!(await this.canReadContent(scope, group.id))) return connectionOf([], false, 0);
    const repo = this.deps.repo(scope);
    const page = toPage(await repo.groupEvents(group.id, span, position, limit + 1), limit);
    return keyedConnection(page, groupLoaders(scope).eventById, () => repo.countGroupEvents(group.id, span));
  }

  async rsvp(scope: Scope, eventId: string, status: RsvpStatus) {
    const viewer = await scope.requireViewer();
    const event = await groupLoaders(scope).eventById.load(requireId(eventId, 'eventId'));
    // An event of a group the viewer may not know of is answered as an unknown event.
    if (!event || !(await this.isVisible(scope, event.groupId))) throw notFound('Event', 'eventId');
    const { standing } = await this.load(scope, event.groupId);
    if (standing.role === null) throw forbidden('Only members can RSVP');
    await this.deps.repo(scope).rsvp(event.id, viewer.id, status, Date.now());
    groupLoaders(scope).eventById.clear(event.id);
    groupLoaders(scope).viewerRsvp.clear(event.id);
    return (await groupLoaders(scope).eventById.load(event.id))!;
  }

  /** A page of who answered an event with `status`, first answers first; empty for a viewer who may not read the group's content. */
  async attendees(scope: Scope, eventId: string, groupId: string, status: RsvpStatus, first?: number | null, after?: string | null) {
    const { limit, after: position } = pageRequest(first ?? ATTENDEES_DEFAULT, after, { key: 'number', max: ATTENDEES_MAX });
    if (!(await this.canReadContent(scope, groupId))) return connectionOf([], false, 0);
    const repo = this.deps.repo(scope);
    const page = toPage(await repo.attendees(eventId, status, position, limit + 1), limit);
    return keyedConnection(page, accountLoaders(scope).userById, () => repo.countAttendees(eventId, status));
  }

  async stats(scope: Scope, groupId: string, period: PeriodInput | null | undefined) {
    const viewer = await scope.requireViewer();
    const { group, standing } = await this.load(scope, groupId);
    if (!can(standing.role, GroupPermission.VIEW_STATS) && !isStaff(viewer)) throw forbidden('Only the group\'s moderators and above see its statistics');
    // The group's orders and GMV are its buyers' orders: for all but staff, completed days only,
    // and a day of too few buyers is withheld (null in daily, left out of the totals).
    const staff = isStaff(viewer);
    const { from, to } = periodOf(period, { completedDaysOnly: !staff });
    const raw = await this.deps.repo(scope).stats(group.id, from, to);
    // A day is shown whole or not at all: its orders and its GMV in every currency.
    const minBuyers = minBuyersPerDay(staff);
    const ordersByDay = raw.ordersByDay.map((d) => (dayIsPublished(d, minBuyers) ? { dayStart: d.dayStart, orders: d.orders, gmv: d.gmv } : { dayStart: d.dayStart, orders: null, gmv: null }));
    const members = new Set(raw.membership.filter((m) => m.member).map((m) => m.userId));
    const active = new Set(raw.activity.map((a) => a.userId).filter((id) => members.has(id)));
    const contributors = raw.contributors
      .map((c) => ({ ...c, score: contributionScore(c) }))
      .filter((c) => c.score > 0)
      .sort((a, b) => b.score - a.score || (a.userId < b.userId ? -1 : 1))
      .slice(0, 10);
    const [users, memberContributions] = await Promise.all([
      accountLoaders(scope).userById.loadMany(contributors.map((c) => c.userId)),
      this.deps.repo(scope).memberContributionsOfGroup(group.id),
    ]);
    return {
      levelDistribution: levelDistribution(memberContributions.map((c) => this.deps.levels.levelOf(c))),
      newMembers: raw.membership.reduce((n, m) => n + m.joinsInPeriod, 0),
      leftMembers: raw.membership.reduce((n, m) => n + m.leavesInPeriod, 0),
      totalMembers: group.memberCount,
      activeMembers: active.size,
      retention: weeklyRetention(raw.membership, from, to, Date.now()).map((c) => ({ ...c, weekStart: new Date(c.weekStart) })),
      daily: dailySeries({ from, to, now: Date.now(), memberCount: group.memberCount, activity: raw.activity, membership: raw.membership, ordersByDay }),
      topContributors: contributors.map((c, i) => ({ ...c, user: users[i] as UserRecord })),
      orders: ordersByDay.reduce((n, d) => n + (d.orders ?? 0), 0),
      gmv: totalsByCurrency(ordersByDay.flatMap((d) => d.gmv ?? [])),
    };
  }

  /**
   * Live activity of one group. Checked on subscribe and on every event: a member removed or
   * banned stops receiving at once (the stream completes); moderation events reach moderators only.
   */
  async activity(scope: Scope, groupId: string): Promise<AsyncIterable<GroupActivityEvent>> {
    const viewer = await scope.requireViewer();
    // Who is in a block with the subscriber, either way: their posts, comments, joins and role
    // changes are not delivered. Read with the standing (again at each re-check, so a block made
    // since counts from the next one).
    const [{ group, standing }, blocks] = await Promise.all([this.load(scope, groupId), this.deps.blocks.usersInABlockWithViewer(scope)]);
    if (!canSeeContent(group.visibility, standing)) throw group.visibility === 'SECRET' ? notFound('Group') : forbidden('Only members can follow this group live');
    // Every event is authorized against the subscriber's standing. The standing is re-read from
    // the database when the event concerns the subscriber (a removal, ban or role change) or when
    // the last reading is older than STANDING_RECHECK_MS; otherwise the last reading stands, so
    // one event to a thousand subscribers does not cost a thousand database reads.
    let role = standing.role;
    let inABlock = blocks;
    let checkedAt = Date.now();
    const recheck = async (): Promise<boolean> => {
      scope.resetLoaders();
      const current = await scope.viewer();
      if (!current || current.id !== viewer.id) return false;
      const [g, s, blocks] = await Promise.all([
        groupLoaders(scope).groupById.load(group.id),
        groupLoaders(scope).standing.load(group.id),
        this.deps.blocks.usersInABlockWithViewer(scope),
      ]);
      role = s.role;
      inABlock = blocks;
      checkedAt = Date.now();
      return g !== null && g.archivedAt === null && !s.banned && canSeeContent(g.visibility, s);
    };
    // A visibility change or archive re-runs the check at once, through the live guard.
    liveScopeOf(scope).watchGroup(group.id, recheck);
    const source = guarded(this.deps.events.pubsub.subscribe('GROUP_ACTIVITY', group.id), async (event) => {
      if (event.subjectUserId === viewer.id || Date.now() - checkedAt > STANDING_RECHECK_MS) return recheck();
      return true;
    });
    return transform(source, async (event) => {
      if (event.moderatorsOnly) return can(role, GroupPermission.MODERATE_CONTENT) ? event : SKIP;
      return (await this.deliverable(scope, event, viewer.id, inABlock)) ? event : SKIP;
    });
  }

  /**
   * Whether a group event may reach a member live: the note it is about passes the note rule for
   * them (a FOLLOWERS note reaches the author's followers only; a deleted, held or moderated one
   * no one), and no one it names is in a block with them. The note is read once for every
   * subscriber; only a FOLLOWERS note costs each subscriber a read of their own.
   */
  private async deliverable(scope: Scope, event: GroupActivityEvent, viewerId: string, inABlock: Set<string>): Promise<boolean> {
    if ((event.actorId && inABlock.has(event.actorId)) || (event.subjectUserId && inABlock.has(event.subjectUserId))) return false;
    const noteId = event.noteId;
    if (!noteId) return true;
    const note = await this.deps.eventNotes.get(noteId, () => contentLoaders(scope).noteById.load(noteId));
    if (!note || note.deletedAt !== null || inABlock.has(note.authorId)) return false;
    if (note.authorId === viewerId) return true;
    if (note.modState !== null) return false;
    return note.visibility !== NoteVisibility.FOLLOWERS || (await this.deps.content.visibleNote(scope, noteId)) !== null;
  }
}
