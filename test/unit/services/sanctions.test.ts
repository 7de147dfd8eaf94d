import { randomUUID } from 'node:crypto';
import { GroupService } from '../../../src/groups/service';
import { GroupReader } from '../../../src/groups/reader';
import { groupRepository, type GroupRepository, type LockedStanding } from '../../../src/groups/repository';
import { GroupRole, type Standing } from '../../../src/groups/permissions';
import { GroupVisibility, type GroupRecord } from '../../../src/groups/types';
import { GroupActivityPublisher } from '../../../src/events/group-activity';
import { TtlCache } from '../../../src/common/ttl-cache';
import type { Tx } from '../../../src/db/database';
import type { CypherQuery } from '../../../src/db/cypher';
import type { GroupActivityEvent } from '../../../src/events/bus';
import { Role, type UserRecord } from '../../../src/accounts/types';
import type { Scope } from '../../../src/accounts/scope';
import { asRepository, codeOf, provide, RecordingBus, scopeFor, unused, user } from './fakes';

interface Membership {
  role: GroupRole | null;
  mutedUntil: number | null;
  banned: boolean;
}

/**
 * One group and its members in memory. Its locked transaction applies the membership writes the
 * group repository sends (by their Cypher file), so a test reads the outcome off the members.
 */
class FakeGroup implements Pick<GroupRepository, 'groupsByIds' | 'viewerMemberships' | 'withLockedGroup'> {
  readonly members = new Map<string, Membership>();
  /** A role change that lands between the early check and the lock (a demotion a moment ago). */
  beforeLock: (() => void) | null = null;

  constructor(readonly group: GroupRecord) {}

  standing(userId: string): Membership {
    return this.members.get(userId) ?? { role: null, mutedUntil: null, banned: false };
  }

  async groupsByIds(ids: readonly string[]) {
    return ids.includes(this.group.id) ? [this.group] : [];
  }
  async viewerMemberships(viewerId: string, ids: readonly string[]) {
    return ids.includes(this.group.id) ? [{ id: this.group.id, ...this.standing(viewerId), invited: false, requested: false } as Standing & { id: string }] : [];
  }
  async withLockedGroup<T>(groupId: string, actorId: string, userId: string, work: (tx: Tx, standing: LockedStanding) => Promise<T>) {
    if (groupId !== this.group.id) return null;
    this.beforeLock?.();
    const locked: LockedStanding = { ...this.standing(userId), invited: false, requested: false, visibility: this.group.visibility, archived: false, owners: 1, actorRole: this.standing(actorId).role };
    return work(this.tx(), locked);
  }

  private tx(): Tx {
    return {
      run: async <R>(query: CypherQuery, params: Record<string, unknown> = {}) => {
        const userId = params.userId as string;
        const member = this.standing(userId);
        switch (query.name) {
          case 'groups/mute':
            this.members.set(userId, { ...member, mutedUntil: params.until as number | null });
            break;
          case 'groups/remove-member':
            this.members.set(userId, { ...member, role: null, mutedUntil: null });
            break;
          case 'groups/ban':
            this.members.set(userId, { ...member, banned: true });
            break;
          case 'groups/unban':
            this.members.set(userId, { ...member, banned: false });
            break;
          default:
            throw new Error(`the fake group does not know ${query.name}`);
        }
        return [] as R[];
      },
    } as Tx;
  }
}

const MINUTE = 60_000;

function setUp(visibility = GroupVisibility.OPEN) {
  const group = new FakeGroup({ id: randomUUID(), name: 'Skincare', description: '', visibility, rules: '', premoderation: false, createdAt: 0, archivedAt: null, memberCount: 0, ownerId: null, topics: [], pinnedNoteIds: [], postWithoutPremoderationFromLevel: null, startGroupBuyFromLevel: null });
  const bus = new RecordingBus();
  const service = new GroupService({
    repo: () => asRepository<GroupRepository>(group),
    events: bus.bus,
    activity: new GroupActivityPublisher(bus.bus),
    content: unused('content'),
    access: new GroupReader({ moderation: unused('moderation'), levels: unused('levels') }),
    levels: unused('levels'),
    blocks: unused('blocks'),
    eventNotes: new TtlCache(1000),
  });
  const people = { owner: user(), admin: user(), moderator: user(), otherModerator: user(), member: user(), outsider: user() };
  group.members.set(people.owner.id, { role: GroupRole.OWNER, mutedUntil: null, banned: false });
  group.members.set(people.admin.id, { role: GroupRole.ADMIN, mutedUntil: null, banned: false });
  group.members.set(people.moderator.id, { role: GroupRole.MODERATOR, mutedUntil: null, banned: false });
  group.members.set(people.otherModerator.id, { role: GroupRole.MODERATOR, mutedUntil: null, banned: false });
  group.members.set(people.member.id, { role: GroupRole.MEMBER, mutedUntil: null, banned: false });
  /** A request by `actor`, its group repository the fake. */
  const as = (actor: UserRecord): Scope => {
    const scope = scopeFor(actor);
    provide(scope, groupRepository, 'groups.repository', group);
    return scope;
  };
  const left = () => bus.of('GROUP_ACTIVITY').map(([, event]) => event as GroupActivityEvent).filter((e) => e.kind === 'MEMBER_LEFT');
  return { service, group, people, as, left, id: group.group.id };
}

describe('group sanctions', () => {
  test('a moderator mutes a member for the minutes given; the member stays in the group', async () => {
    const { service, group, people, as, id, left } = setUp();
    const before = Date.now();
    await service.sanction(as(people.moderator), id, people.member.id, 'MUTE', { minutes: 90 });
    const muted = group.standing(people.member.id);
    expect(muted.role).toBe(GroupRole.MEMBER);
    expect(muted.mutedUntil! - before).toBeGreaterThanOrEqual(90 * MINUTE);
    expect(muted.mutedUntil! - Date.now()).toBeLessThanOrEqual(90 * MINUTE);
    expect(left()).toEqual([]);
  });

  test('a mute lasts an hour unless told otherwise, and at most 30 days', async () => {
    const { service, group, people, as, id } = setUp();
    await service.sanction(as(people.moderator), id, people.member.id, 'MUTE');
    expect(Math.round((group.standing(people.member.id).mutedUntil! - Date.now()) / MINUTE)).toBe(60);
    expect(await codeOf(service.sanction(as(people.moderator), id, people.member.id, 'MUTE', { minutes: 30 * 24 * 60 + 1 }))).toBe('BAD_USER_INPUT');
    expect(await codeOf(service.sanction(as(people.moderator), id, people.member.id, 'MUTE', { minutes: 0 }))).toBe('BAD_USER_INPUT');
  });

  test('a banned member is removed and kept out, and the group hears they left', async () => {
    const { service, group, people, as, id, left } = setUp();
    expect(await service.ban(as(people.admin), id, people.member.id, 'spam')).toBe(true);
    expect(group.standing(people.member.id)).toEqual({ role: null, mutedUntil: null, banned: true });
    expect(left()).toMatchObject([{ actorId: people.admin.id, subjectUserId: people.member.id, detail: 'BAN' }]);

    await service.sanction(as(people.admin), id, people.member.id, 'UNBAN');
    expect(group.standing(people.member.id).banned).toBe(false);
  });

  test('a moderator may mute but not ban', async () => {
    const { service, group, people, as, id } = setUp();
    await expect(service.ban(as(people.moderator), id, people.member.id, 'spam')).rejects.toThrow('Your role in this group cannot do this');
    expect(group.standing(people.member.id)).toEqual({ role: GroupRole.MEMBER, mutedUntil: null, banned: false });
  });

  test('nobody acts on a member of their own rank or above', async () => {
    const { service, group, people, as, id } = setUp();
    await expect(service.sanction(as(people.moderator), id, people.otherModerator.id, 'MUTE')).rejects.toThrow('only act on members below your rank');
    await expect(service.ban(as(people.admin), id, people.owner.id, '')).rejects.toThrow('only act on members below your rank');
    expect(group.standing(people.otherModerator.id).mutedUntil).toBeNull();
    expect(group.standing(people.owner.id).role).toBe(GroupRole.OWNER);
    expect(await codeOf(service.sanction(as(people.moderator), id, people.moderator.id, 'MUTE'))).toBe('FORBIDDEN');
  });

  test('someone not yet in the group can be banned before they join, but only a member can be muted or removed', async () => {
    const { service, group, people, as, id } = setUp();
    await service.ban(as(people.admin), id, people.outsider.id, '');
    expect(group.standing(people.outsider.id).banned).toBe(true);
    const stranger = user();
    expect(await codeOf(service.sanction(as(people.admin), id, stranger.id, 'MUTE'))).toBe('NOT_FOUND');
    expect(await codeOf(service.sanction(as(people.admin), id, stranger.id, 'REMOVE'))).toBe('NOT_FOUND');
  });

  test('the role under the lock decides: a moderator demoted a moment ago can no longer mute', async () => {
    const { service, group, people, as, id } = setUp();
    group.beforeLock = () => group.members.set(people.moderator.id, { role: GroupRole.MEMBER, mutedUntil: null, banned: false });
    expect(await codeOf(service.sanction(as(people.moderator), id, people.member.id, 'MUTE'))).toBe('FORBIDDEN');
    expect(group.standing(people.member.id).mutedUntil).toBeNull();
  });

  test('an outsider to a SECRET group hears it does not exist; a platform admin acts on it without a role there', async () => {
    const { service, group, people, as, id } = setUp(GroupVisibility.SECRET);
    expect(await codeOf(service.sanction(as(people.outsider), id, people.member.id, 'MUTE'))).toBe('NOT_FOUND');
    await service.sanction(as(user({ role: Role.ADMIN })), id, people.member.id, 'REMOVE');
    expect(group.standing(people.member.id).role).toBeNull();
  });
});
