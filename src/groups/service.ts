import { randomUUID } from 'node:crypto';
import { badInput, forbidden, notFound } from '../common/errors';
import { connectionOf } from '../common/connection';
import { decodeCursor, encodeCursor, pageRequest, toPage } from '../common/pagination';
import { minBuyersPerDay, publishDays, publishedTotals } from '../common/order-disclosure';
import { periodOf, PeriodInput } from '../common/period';
import { isAdmin, isStaff } from '../common/roles';
import { requireId, requireIntInRange, requireText } from '../common/validate';
import { guarded, GroupActivityEvent, SKIP, transform } from '../events/bus';
import type { UserRecord } from '../accounts/types';
import { normaliseTopics, normaliseTopic } from '../content/rules';
import { NoteFormat, NoteVisibility, type NoteRecord } from '../content/types';
import { cachesOf, type Context } from '../server/context';
import { matchSensitive } from '../moderation/rules';
import { can, canAssign, canPost, canSanction, canSeeContent, canSeeGroup, canTransferOwnership, GroupPermission, GroupRole, joinDecision, RANK, SanctionKind, Standing } from './permissions';
import { GroupRepository, LockedStanding } from './repository';
import type { Tx } from '../db/database';
import { contributionScore, dailySeries, weeklyRetention } from './stats';
import type { CreateGroupEventInput, CreateGroupInput, GroupRecord, UpdateGroupInput } from './types';
import { EventMode, RsvpStatus } from './types';

const MAX_MUTE_MINUTES = 30 * 24 * 60;
/** How long a live subscriber's group standing is trusted between events that do not concern them. */
export const STANDING_RECHECK_MS = 30_000;

function permissionDenied(permission: GroupPermission) {
  return forbidden(`Your role in this group cannot ${permission.toLowerCase().replace(/_/g, ' ')}`);
}

export class GroupService {
  constructor(
    private readonly ctx: Context,
    private readonly repo: GroupRepository,
  ) {}

  /**
   * The group, if the viewer may know it exists; otherwise exactly the error an unknown id gets.
   * Every operation that takes a group id (or reaches a group) starts here: a SECRET group does
   * not exist for those not in it or invited, so they hear NOT_FOUND, never FORBIDDEN.
   */
  async visibleGroupOrNotFound(groupId: string, field = 'groupId'): Promise<{ group: GroupRecord; standing: Standing }> {
    const id = requireId(groupId, field);
    const [group, standing] = await Promise.all([this.ctx.loaders.groupById.load(id), this.ctx.loaders.standing.load(id)]);
    if (!group || group.archivedAt !== null || !canSeeGroup(group.visibility, standing)) throw notFound('Group');
    return { group, standing };
  }

  /** Whether the viewer may know the group exists (see visibleGroupOrNotFound). */
  async isVisible(groupId: string): Promise<boolean> {
    const [group, standing] = await Promise.all([this.ctx.loaders.groupById.load(groupId), this.ctx.loaders.standing.load(groupId)]);
    return group !== null && group.archivedAt === null && canSeeGroup(group.visibility, standing);
  }

  private load(groupId: string, field = 'groupId') {
    return this.visibleGroupOrNotFound(groupId, field);
  }

  /**
   * An early refusal for callers who plainly lack the permission. It reads the role outside any
   * lock, so a write still re-checks it under the lock (withPermission, or `locked` work).
   */
  private async requirePermission(groupId: string, permission: GroupPermission, field = 'groupId') {
    const viewer = await this.ctx.requireViewer();
    const { group, standing } = await this.load(groupId, field);
    if (!can(standing.role, permission) && !isAdmin(viewer)) throw permissionDenied(permission);
    return { viewer, group, standing };
  }

  /**
   * Runs a role-checked write with the group locked: the actor's role is re-read under the lock
   * and checked there (platform admins always pass), so a role lost a moment ago no longer counts.
   */
  async withPermission<T>(groupId: string, actor: UserRecord, permission: GroupPermission, work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.locked(groupId, actor.id, actor.id, async (tx, s) => {
      if (!can(s.actorRole, permission) && !isAdmin(actor)) throw permissionDenied(permission);
      return work(tx);
    });
  }

  /** Whether the viewer may read the group's content (used by the note visibility rule). */
  async canReadContent(groupId: string): Promise<boolean> {
    const [group, standing] = await Promise.all([this.ctx.loaders.groupById.load(groupId), this.ctx.loaders.standing.load(groupId)]);
    if (!group) return false;
    return canSeeContent(group.visibility, standing);
  }

  /** Whether a live stream may go on showing this group's content: readable and not archived. */
  async canFollowLive(groupId: string): Promise<boolean> {
    const group = await this.ctx.loaders.groupById.load(groupId);
    return group !== null && group.archivedAt === null && (await this.canReadContent(groupId));
  }

  /** Tells every instance's live guard (src/events/live.ts) to re-check the streams that show this group. */
  private accessChanged(groupId: string, reason: 'VISIBILITY_CHANGED' | 'ARCHIVED' | 'UPDATED'): void {
    this.ctx.deps.events.pubsub.publish('GROUP_ACCESS_CHANGED', { groupId, reason });
  }

  /**
   * Checks the viewer may post into the group; returns the pre-moderation hold if the group has
   * pre-moderation on and the text matches the sensitive-word list.
   */
  async checkPost(groupId: string, text: string): Promise<{ state: string; matched: string[] } | null> {
    const { group, standing } = await this.load(groupId);
    if (standing.role === null) throw forbidden('Only members can post in this group');
    if (!canPost(standing, Date.now())) throw forbidden('You are muted in this group');
    return this.premoderationHold(group.id, text);
  }

  /** The pre-moderation hold for a text in the group (new or edited): null unless the group pre-moderates and the text matches. */
  async premoderationHold(groupId: string, text: string): Promise<{ state: string; matched: string[] } | null> {
    const group = await this.ctx.loaders.groupById.load(groupId);
    if (!group?.premoderation) return null;
    const matched = matchSensitive(text, await this.ctx.moderation.sensitiveWords());
    return matched.length ? { state: 'PENDING', matched } : null;
  }

  publishActivity(groupId: string, kind: GroupActivityEvent['kind'], fields: Partial<GroupActivityEvent> = {}): void {
    this.ctx.deps.events.pubsub.publish('GROUP_ACTIVITY', groupId, {
      kind, groupId, actorId: null, subjectUserId: null, noteId: null, commentId: null, eventId: null, groupBuyId: null, detail: null,
      at: Date.now(), moderatorsOnly: false, ...fields,
    });
  }

  private validateName(name: string) {
    return requireText(name, 'name', { min: 3, max: 60 });
  }

  async create(input: CreateGroupInput): Promise<GroupRecord> {
    const viewer = await this.ctx.requireViewer();
    const args = {
      id: randomUUID(),
      ownerId: viewer.id,
      name: this.validateName(input.name),
      description: requireText(input.description ?? '', 'description', { max: 2000 }),
      visibility: input.visibility,
      rules: requireText(input.rules ?? '', 'rules', { max: 4000 }),
      premoderation: input.premoderation ?? false,
      topics: normaliseTopics(input.topics ?? []),
      now: Date.now(),
    };
    if (!(await this.repo.create(args))) throw badInput('name', 'you already have a group with this name');
    return (await this.ctx.loaders.groupById.load(args.id))!;
  }

  async update(groupId: string, input: UpdateGroupInput): Promise<GroupRecord> {
    const { viewer, group } = await this.requirePermission(groupId, GroupPermission.EDIT_GROUP, 'id');
    const args = {
      id: group.id,
      ownerId: group.ownerId,
      name: input.name == null ? null : this.validateName(input.name),
      description: input.description == null ? null : requireText(input.description, 'description', { max: 2000 }),
      visibility: input.visibility ?? null,
      rules: input.rules == null ? null : requireText(input.rules, 'rules', { max: 4000 }),
      premoderation: input.premoderation ?? null,
      topics: input.topics == null ? null : normaliseTopics(input.topics),
      now: Date.now(),
    };
    const result = await this.withPermission(group.id, viewer, GroupPermission.EDIT_GROUP, (tx) => GroupRepository.update(tx, args));
    if (result === 'TAKEN') throw badInput('name', 'the owner already has a group with this name');
    if (result === 'MISSING') throw notFound('Group');
    this.ctx.loaders.groupById.clear(group.id);
    const updated = (await this.ctx.loaders.groupById.load(group.id))!;
    if (updated.visibility !== group.visibility) this.accessChanged(group.id, 'VISIBILITY_CHANGED');
    return updated;
  }

  async archive(groupId: string): Promise<boolean> {
    const { viewer, group } = await this.requirePermission(groupId, GroupPermission.ARCHIVE_GROUP, 'id');
    const archived = await this.withPermission(group.id, viewer, GroupPermission.ARCHIVE_GROUP, (tx) => GroupRepository.archive(tx, group.id, Date.now()));
    // Live streams of an archived group end (FORBIDDEN) at once, not at the group's next event.
    this.accessChanged(group.id, 'ARCHIVED');
    return archived;
  }

  async group(groupId: string): Promise<GroupRecord> {
    return (await this.load(groupId, 'id')).group;
  }

  async groups(search: string | null | undefined, topic: string | null | undefined, first?: number | null, after?: string | null) {
    const viewerId = await this.ctx.viewerId();
    const term = search == null ? null : requireText(search, 'search', { min: 1, max: 60 }).toLowerCase();
    const topicName = topic == null ? null : normaliseTopic(topic);
    const { limit, after: position } = pageRequest(first, after);
    if (position && typeof position.k !== 'number') throw badInput('after', 'is not a valid cursor');
    const page = toPage(await this.repo.groupsPage(viewerId, term, topicName, position, limit + 1), limit);
    const groups = await this.ctx.loaders.groupById.loadMany(page.items.map((i) => i.id));
    const edges = page.items.flatMap((item, i) => {
      const g = groups[i];
      return g && !(g instanceof Error) ? [{ cursor: encodeCursor({ k: item.key, id: item.id }), node: g }] : [];
    });
    return connectionOf(edges, page.hasNextPage, () => this.repo.countGroups(viewerId, term, topicName));
  }

  async myGroups(): Promise<GroupRecord[]> {
    const viewer = await this.ctx.requireViewer();
    const groups = await this.ctx.loaders.groupById.loadMany(await this.repo.myGroups(viewer.id));
    return groups.filter((g): g is GroupRecord => g !== null && !(g instanceof Error));
  }

  async members(group: GroupRecord, role: GroupRole | null | undefined, first?: number | null, after?: string | null) {
    const standing = await this.ctx.loaders.standing.load(group.id);
    const viewer = await this.ctx.viewer();
    if (!canSeeContent(group.visibility, standing) && !(viewer && isAdmin(viewer))) throw forbidden('Only members see the member list');
    const { limit } = pageRequest(first, null);
    const position = decodeCursor(after);
    let cursor: { rank: number; key: number; id: string } | null = null;
    if (position) {
      const [rank, key] = String(position.k).split(':').map(Number);
      if (!Number.isInteger(rank) || !Number.isFinite(key)) throw badInput('after', 'is not a valid cursor');
      cursor = { rank: rank!, key: key!, id: position.id };
    }
    const page = toPage(await this.repo.membersPage(group.id, role ?? null, cursor, limit + 1), limit);
    const users = await this.ctx.loaders.userById.loadMany(page.items.map((m) => m.id));
    const edges = page.items.map((m, i) => ({
      cursor: encodeCursor({ k: `${m.rank}:${m.joinedAt}`, id: m.id }),
      node: { groupId: group.id, user: users[i] as UserRecord, role: m.role, joinedAt: new Date(m.joinedAt), mutedUntil: m.mutedUntil ? new Date(m.mutedUntil) : null },
    }));
    return connectionOf(edges, page.hasNextPage, () => this.repo.countMembers(group.id, role ?? null));
  }

  /**
   * Runs a membership write with the group locked. Role checks belong inside `work`, on
   * `s.actorRole` as read under the lock: a role read before it may be stale by the time of the write.
   */
  private async locked<T>(groupId: string, actorId: string, userId: string, work: (tx: Tx, s: LockedStanding) => Promise<T>): Promise<T> {
    const result = await this.repo.withLockedGroup(groupId, actorId, userId, work);
    if (result === null) throw notFound('Group');
    this.ctx.loaders.groupById.clear(groupId);
    this.ctx.loaders.standing.clear(groupId);
    return result;
  }

  /** Joins (accepting the rules): straight in for OPEN groups and invitees, a request for CLOSED groups. */
  async join(groupId: string, acceptRules: boolean, message: string | null | undefined) {
    const viewer = await this.ctx.requireViewer();
    const { group } = await this.load(groupId);
    if (acceptRules !== true) throw badInput('acceptRules', "you must accept the group's rules to join");
    const note = message == null ? '' : requireText(message, 'message', { max: 500 });
    const now = Date.now();
    const status = await this.locked<string>(group.id, viewer.id, viewer.id, async (tx, standing) => {
      if (standing.archived) throw notFound('Group');
      const decision = joinDecision(standing.visibility, standing);
      if (decision === 'NOT_FOUND') throw notFound('Group');
      if (decision === 'BANNED') throw forbidden('You are banned from this group');
      if (decision === 'ALREADY_MEMBER') return 'JOINED';
      if (decision === 'REQUEST') {
        await GroupRepository.requestToJoin(tx, group.id, viewer.id, note, now);
        return 'REQUESTED';
      }
      await GroupRepository.addMember(tx, group.id, viewer.id, null, now);
      return 'JOINED_NOW';
    });
    if (status === 'JOINED_NOW') this.publishActivity(group.id, 'MEMBER_JOINED', { actorId: viewer.id, subjectUserId: viewer.id });
    return { status: status === 'REQUESTED' ? 'REQUESTED' : 'JOINED', group: (await this.ctx.loaders.groupById.load(group.id))! };
  }

  async decideRequest(groupId: string, userId: string, approve: boolean): Promise<GroupRecord> {
    const { viewer, group } = await this.requirePermission(groupId, GroupPermission.APPROVE_REQUESTS);
    const target = requireId(userId, 'userId');
    const now = Date.now();
    await this.locked(group.id, viewer.id, target, async (tx, standing) => {
      if (!can(standing.actorRole, GroupPermission.APPROVE_REQUESTS) && !isAdmin(viewer)) throw permissionDenied(GroupPermission.APPROVE_REQUESTS);
      if (!standing.requested) throw notFound('Join request');
      if (!approve) return GroupRepository.denyRequest(tx, group.id, target);
      if (standing.banned) throw forbidden('This user is banned from the group');
      return GroupRepository.addMember(tx, group.id, target, viewer.id, now);
    });
    if (approve) this.publishActivity(group.id, 'MEMBER_JOINED', { actorId: viewer.id, subjectUserId: target });
    return (await this.ctx.loaders.groupById.load(group.id))!;
  }

  async invite(groupId: string, userId: string): Promise<boolean> {
    const { viewer, group } = await this.requirePermission(groupId, GroupPermission.INVITE);
    const target = requireId(userId, 'userId');
    if (!(await this.ctx.loaders.userById.load(target))) throw notFound('User');
    await this.locked(group.id, viewer.id, target, async (tx, standing) => {
      if (!can(standing.actorRole, GroupPermission.INVITE) && !isAdmin(viewer)) throw permissionDenied(GroupPermission.INVITE);
      if (standing.banned) throw forbidden('This user is banned from the group');
      if (standing.role !== null) throw badInput('userId', 'is already a member');
      return GroupRepository.invite(tx, group.id, target, viewer.id, Date.now());
    });
    return true;
  }

  async leave(groupId: string): Promise<boolean> {
    const viewer = await this.ctx.requireViewer();
    const { group } = await this.load(groupId);
    await this.locked(group.id, viewer.id, viewer.id, async (tx, standing) => {
      if (standing.role === null) throw badInput('groupId', 'you are not a member');
      if (standing.role === GroupRole.OWNER && standing.owners <= 1) throw badInput('groupId', 'transfer ownership before the last owner leaves');
      return GroupRepository.removeMember(tx, group.id, viewer.id, 'LEFT', Date.now());
    });
    this.publishActivity(group.id, 'MEMBER_LEFT', { actorId: viewer.id, subjectUserId: viewer.id });
    return true;
  }

  async setRole(groupId: string, userId: string, role: GroupRole) {
    const viewer = await this.ctx.requireViewer();
    const { group } = await this.load(groupId);
    const target = requireId(userId, 'userId');
    if (target === viewer.id) throw forbidden('You cannot change your own role');
    await this.locked(group.id, viewer.id, target, async (tx, targetStanding) => {
      if (targetStanding.role === null) throw notFound('Member');
      if (!canAssign(targetStanding.actorRole, targetStanding.role, role) && !isAdmin(viewer)) {
        throw forbidden('You can only give roles below your own, to members below you');
      }
      if (role === GroupRole.OWNER) throw badInput('role', 'use transferOwnership');
      return GroupRepository.setRole(tx, group.id, target, role);
    });
    this.publishActivity(group.id, 'ROLE_CHANGED', { actorId: viewer.id, subjectUserId: target, detail: role });
    return this.memberOf(group.id, target);
  }

  async transferOwnership(groupId: string, userId: string) {
    const viewer = await this.ctx.requireViewer();
    const { group } = await this.load(groupId);
    const target = requireId(userId, 'userId');
    await this.locked(group.id, viewer.id, target, async (tx, targetStanding) => {
      // Checked under the lock: of two transfers at once, the second finds its caller already an ADMIN.
      if (!canTransferOwnership(targetStanding.actorRole)) throw forbidden('Only the owner can transfer ownership');
      if (target === viewer.id) throw badInput('userId', 'you already own the group');
      if (targetStanding.role === null) throw badInput('userId', 'the new owner must be a member');
      await GroupRepository.setRole(tx, group.id, target, GroupRole.OWNER);
      return GroupRepository.setRole(tx, group.id, viewer.id, GroupRole.ADMIN);
    });
    this.publishActivity(group.id, 'ROLE_CHANGED', { actorId: viewer.id, subjectUserId: target, detail: GroupRole.OWNER });
    return (await this.ctx.loaders.groupById.load(group.id))!;
  }

  /** The reason is kept with the ban, so it is text like any other: refused when too long, never cut. */
  async ban(groupId: string, userId: string, reason: string): Promise<boolean> {
    const clean = requireText(reason ?? '', 'reason', { max: 500 });
    return this.sanction(groupId, userId, 'BAN', { reason: clean });
  }

  /**
   * Mutes, bans or removes a member below the actor's rank, or lifts a sanction.
   * `inSameTransaction` runs in the sanction's own transaction, after it, so what the caller
   * records about it (a moderation action) commits or fails together with it.
   */
  async sanction(
    groupId: string,
    userId: string,
    kind: SanctionKind,
    opts: { minutes?: number; reason?: string; actor?: UserRecord; inSameTransaction?: (tx: Tx) => Promise<unknown> } = {},
  ) {
    const viewer = opts.actor ?? (await this.ctx.requireViewer());
    // Platform admins act on any group's cases, SECRET ones included; anyone else first has to be
    // able to see the group (an outsider hears NOT_FOUND, as for an unknown id).
    const id = isAdmin(viewer) ? requireId(groupId, 'groupId') : (await this.load(groupId)).group.id;
    if (!(await this.ctx.loaders.groupById.load(id))) throw notFound('Group');
    const target = requireId(userId, 'userId');
    if (target === viewer.id) throw forbidden('You cannot sanction yourself');
    const now = Date.now();
    await this.locked(id, viewer.id, target, async (tx, targetStanding) => {
      // The actor's role as it is now, under the lock: an admin demoted a moment ago can no longer ban.
      if (!canSanction(targetStanding.actorRole, targetStanding.role, kind) && !isAdmin(viewer)) {
        throw forbidden(can(targetStanding.actorRole, kind === 'MUTE' || kind === 'UNMUTE' ? GroupPermission.MUTE : GroupPermission.BAN)
          ? 'You can only act on members below your rank'
          : 'Your role in this group cannot do this');
      }
      switch (kind) {
        case 'MUTE': {
          if (targetStanding.role === null) throw notFound('Member');
          const minutes = requireIntInRange(opts.minutes ?? 60, 'durationMinutes', 1, MAX_MUTE_MINUTES);
          await GroupRepository.mute(tx, id, target, now + minutes * 60_000);
          break;
        }
        case 'UNMUTE':
          await GroupRepository.mute(tx, id, target, null);
          break;
        case 'BAN':
          if (targetStanding.role !== null) await GroupRepository.removeMember(tx, id, target, 'BANNED', now);
          await GroupRepository.ban(tx, id, target, viewer.id, opts.reason ?? '', now);
          break;
        case 'UNBAN':
          await GroupRepository.unban(tx, id, target);
          break;
        case 'REMOVE':
          if (targetStanding.role === null) throw notFound('Member');
          await GroupRepository.removeMember(tx, id, target, 'REMOVED', now);
          break;
      }
      await opts.inSameTransaction?.(tx);
      return true;
    });
    if (kind === 'BAN' || kind === 'REMOVE') this.publishActivity(id, 'MEMBER_LEFT', { actorId: viewer.id, subjectUserId: target, detail: kind });
    return true;
  }

  async memberOf(groupId: string, userId: string) {
    this.ctx.loaders.groupById.clear(groupId);
    const row = await this.repo.member(groupId, userId);
    if (!row) throw notFound('Member');
    return { groupId, user: (await this.ctx.loaders.userById.load(userId))!, role: row.role, joinedAt: new Date(row.joinedAt), mutedUntil: row.mutedUntil ? new Date(row.mutedUntil) : null };
  }

  async feed(groupId: string, first?: number | null, after?: string | null) {
    const { group, standing } = await this.load(groupId);
    const viewer = await this.ctx.viewer();
    if (!canSeeContent(group.visibility, standing) && !(viewer && isAdmin(viewer))) throw forbidden('Only members see this group\'s posts');
    const { limit, after: position } = pageRequest(first, after, 50);
    if (position && typeof position.k !== 'number') throw badInput('after', 'is not a valid cursor');
    const page = toPage(await this.repo.groupFeed(group.id, position, limit + 1), limit);
    return this.ctx.content.present(page.items, page.hasNextPage, () => this.repo.countGroupFeed(group.id));
  }

  async pinned(group: GroupRecord): Promise<NoteRecord[]> {
    if (!(await this.canReadContent(group.id))) return [];
    const notes = await Promise.all(group.pinnedNoteIds.map((id) => this.ctx.content.visibleNote(id)));
    return notes.filter((n): n is NoteRecord => n !== null);
  }

  async postAnnouncement(groupId: string, title: string, body: string, pin: boolean) {
    const { group } = await this.requirePermission(groupId, GroupPermission.POST_ANNOUNCEMENT);
    const note = await this.ctx.content.createNote(
      { title, body, format: NoteFormat.IMAGE_TEXT, media: [], topics: [], productIds: [], groupId: group.id, visibility: NoteVisibility.PUBLIC },
      true,
    );
    if (pin) await this.pin(group.id, note.id, true);
    return note;
  }

  async pin(groupId: string, noteId: string, pin: boolean) {
    const { viewer, group } = await this.requirePermission(groupId, GroupPermission.POST_ANNOUNCEMENT);
    const note = await this.ctx.loaders.noteById.load(requireId(noteId, 'noteId'));
    if (!note || note.groupId !== group.id || note.deletedAt !== null) throw notFound('Note');
    await this.withPermission(group.id, viewer, GroupPermission.POST_ANNOUNCEMENT, (tx) => GroupRepository.setPinned(tx, group.id, note.id, pin));
    this.ctx.loaders.groupById.clear(group.id);
    return (await this.ctx.loaders.groupById.load(group.id))!;
  }

  async createEvent(groupId: string, input: CreateGroupEventInput) {
    const { viewer, group } = await this.requirePermission(groupId, GroupPermission.CREATE_EVENT);
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
    await this.withPermission(group.id, viewer, GroupPermission.CREATE_EVENT, (tx) => GroupRepository.createEvent(tx, args));
    this.publishActivity(group.id, 'EVENT_CREATED', { actorId: viewer.id, eventId: id });
    return (await this.ctx.loaders.eventById.load(id))!;
  }

  async events(group: GroupRecord) {
    if (!(await this.canReadContent(group.id))) return [];
    const events = await this.ctx.loaders.eventById.loadMany(await this.repo.groupEvents(group.id, Date.now() - 24 * 3600_000, 100));
    return events.filter((e) => e && !(e instanceof Error));
  }

  async rsvp(eventId: string, status: RsvpStatus) {
    const viewer = await this.ctx.requireViewer();
    const event = await this.ctx.loaders.eventById.load(requireId(eventId, 'eventId'));
    // An event of a group the viewer may not know of is answered as an unknown event.
    if (!event || !(await this.isVisible(event.groupId))) throw notFound('Event');
    const { standing } = await this.load(event.groupId);
    if (standing.role === null) throw forbidden('Only members can RSVP');
    await this.repo.rsvp(event.id, viewer.id, status, Date.now());
    this.ctx.loaders.eventById.clear(event.id);
    this.ctx.loaders.viewerRsvp.clear(event.id);
    return (await this.ctx.loaders.eventById.load(event.id))!;
  }

  async attendees(eventId: string, groupId: string, status: RsvpStatus, first: number) {
    if (!(await this.canReadContent(groupId))) return [];
    const ids = await this.repo.attendees(eventId, status, requireIntInRange(first, 'first', 1, 100));
    return (await this.ctx.loaders.userById.loadMany(ids)).filter((u) => u && !(u instanceof Error));
  }

  async stats(groupId: string, period: PeriodInput | null | undefined) {
    const viewer = await this.ctx.requireViewer();
    const { group, standing } = await this.load(groupId);
    if (!can(standing.role, GroupPermission.VIEW_STATS) && !isStaff(viewer)) throw forbidden('Only the group\'s moderators and above see its statistics');
    // The group's orders and GMV are its buyers' orders: for all but staff, completed days only,
    // and a day of too few buyers is withheld (null in daily, left out of the totals).
    const staff = isStaff(viewer);
    const { from, to } = periodOf(period, { completedDaysOnly: !staff });
    const raw = await this.repo.stats(group.id, from, to);
    const ordersByDay = publishDays(raw.ordersByDay, minBuyersPerDay(staff));
    const sales = publishedTotals(ordersByDay);
    const members = new Set(raw.membership.filter((m) => m.member).map((m) => m.userId));
    const active = new Set(raw.activity.map((a) => a.userId).filter((id) => members.has(id)));
    const contributors = raw.contributors
      .map((c) => ({ ...c, score: contributionScore(c) }))
      .filter((c) => c.score > 0)
      .sort((a, b) => b.score - a.score || (a.userId < b.userId ? -1 : 1))
      .slice(0, 10);
    const users = await this.ctx.loaders.userById.loadMany(contributors.map((c) => c.userId));
    return {
      newMembers: raw.membership.reduce((n, m) => n + m.joinsInPeriod, 0),
      leftMembers: raw.membership.reduce((n, m) => n + m.leavesInPeriod, 0),
      totalMembers: group.memberCount,
      activeMembers: active.size,
      retention: weeklyRetention(raw.membership, from, to, Date.now()).map((c) => ({ ...c, weekStart: new Date(c.weekStart) })),
      daily: dailySeries({ from, to, now: Date.now(), memberCount: group.memberCount, activity: raw.activity, membership: raw.membership, ordersByDay }),
      topContributors: contributors.map((c, i) => ({ ...c, user: users[i] as UserRecord })),
      orders: sales.orders,
      gmvMinor: sales.gmvMinor,
    };
  }

  /**
   * Live activity of one group. Checked on subscribe and on every event: a member removed or
   * banned stops receiving at once (the stream completes); moderation events reach moderators only.
   */
  async activity(groupId: string): Promise<AsyncIterable<GroupActivityEvent>> {
    const viewer = await this.ctx.requireViewer();
    // Who is in a block with the subscriber, either way: their posts, comments, joins and role
    // changes are not delivered. Read with the standing (again at each re-check, so a block made
    // since counts from the next one).
    const [{ group, standing }, blocks] = await Promise.all([this.load(groupId), this.ctx.social.usersInABlockWithViewer()]);
    if (!canSeeContent(group.visibility, standing)) throw group.visibility === 'SECRET' ? notFound('Group') : forbidden('Only members can follow this group live');
    // Every event is authorized against the subscriber's standing. The standing is re-read from
    // the database when the event concerns the subscriber (a removal, ban or role change) or when
    // the last reading is older than STANDING_RECHECK_MS; otherwise the last reading stands, so
    // one event to a thousand subscribers does not cost a thousand database reads.
    let role = standing.role;
    let inABlock = blocks;
    let checkedAt = Date.now();
    const recheck = async (): Promise<boolean> => {
      this.ctx.resetLoaders();
      const current = await this.ctx.viewer();
      if (!current || current.id !== viewer.id) return false;
      const [g, s, blocks] = await Promise.all([
        this.ctx.loaders.groupById.load(group.id),
        this.ctx.loaders.standing.load(group.id),
        this.ctx.social.usersInABlockWithViewer(),
      ]);
      role = s.role;
      inABlock = blocks;
      checkedAt = Date.now();
      return g !== null && g.archivedAt === null && !s.banned && canSeeContent(g.visibility, s);
    };
    // A visibility change or archive re-runs the check at once, through the live guard.
    this.ctx.live.watchGroup(group.id, recheck);
    const source = guarded(this.ctx.deps.events.pubsub.subscribe('GROUP_ACTIVITY', group.id), async (event) => {
      if (event.subjectUserId === viewer.id || Date.now() - checkedAt > STANDING_RECHECK_MS) return recheck();
      return true;
    });
    return transform(source, async (event) => {
      if (event.moderatorsOnly) return can(role, GroupPermission.MODERATE_CONTENT) ? event : SKIP;
      return (await this.deliverable(event, viewer.id, inABlock)) ? event : SKIP;
    });
  }

  /**
   * Whether a group event may reach a member live: the note it is about passes the note rule for
   * them (a FOLLOWERS note reaches the author's followers only; a deleted, held or moderated one
   * no one), and no one it names is in a block with them. The note is read once for every
   * subscriber; only a FOLLOWERS note costs each subscriber a read of their own.
   */
  private async deliverable(event: GroupActivityEvent, viewerId: string, inABlock: Set<string>): Promise<boolean> {
    if ((event.actorId && inABlock.has(event.actorId)) || (event.subjectUserId && inABlock.has(event.subjectUserId))) return false;
    const noteId = event.noteId;
    if (!noteId) return true;
    const note = await cachesOf(this.ctx.deps).eventNotes.get(noteId, () => this.ctx.loaders.noteById.load(noteId));
    if (!note || note.deletedAt !== null || inABlock.has(note.authorId)) return false;
    if (note.authorId === viewerId) return true;
    if (note.modState !== null) return false;
    return note.visibility !== NoteVisibility.FOLLOWERS || (await this.ctx.content.visibleNote(noteId)) !== null;
  }

  roleRank(role: GroupRole | null): number {
    return role ? RANK[role] : 0;
  }
}
