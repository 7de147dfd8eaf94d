import DataLoader from 'dataloader';
import { groupRepository, type Contribution, type GroupRepository } from './repository';
import type { RequestScope } from '../request/scope';
import type { Standing } from './permissions';
import type { GroupEventRecord, GroupRecord } from './types';

export const NO_STANDING: Standing = { role: null, mutedUntil: null, banned: false, invited: false, requested: false };

export function createGroupLoaders(repo: GroupRepository, viewerId: () => Promise<string | null>) {
  return {
    groupById: new DataLoader<string, GroupRecord | null>(async (ids) => {
      const groups = new Map((await repo.groupsByIds(ids)).map((g) => [g.id, g]));
      return ids.map((id) => groups.get(id) ?? null);
    }),
    /** The viewer's standing (role, mute, ban, invite, request) in each group. */
    standing: new DataLoader<string, Standing>(async (ids) => {
      const viewer = await viewerId();
      if (!viewer) return ids.map(() => NO_STANDING);
      const rows = new Map((await repo.viewerMemberships(viewer, ids)).map(({ id, ...s }) => [id, s]));
      return ids.map((id) => rows.get(id) ?? NO_STANDING);
    }),
    eventById: new DataLoader<string, GroupEventRecord | null>(async (ids) => {
      const events = new Map((await repo.eventsByIds(ids)).map((e) => [e.id, e]));
      return ids.map((id) => events.get(id) ?? null);
    }),
    /** Each member's lifetime contribution to their group, by `<groupId>:<userId>`; null for a non-member. */
    memberContribution: new DataLoader<string, Contribution | null>(async (keys) => {
      const rows = await repo.memberContributions(keys.map((k) => ({ groupId: k.slice(0, k.indexOf(':')), userId: k.slice(k.indexOf(':') + 1) })));
      return keys.map((k) => rows.get(k) ?? null);
    }),
    viewerRsvp: new DataLoader<string, string | null>(async (ids) => {
      const viewer = await viewerId();
      if (!viewer) return ids.map(() => null);
      const rows = new Map((await repo.viewerRsvps(viewer, ids)).map((r) => [r.id, r.status]));
      return ids.map((id) => rows.get(id) ?? null);
    }),
  };
}

export type GroupLoaders = ReturnType<typeof createGroupLoaders>;

/** The request's groups loaders, fresh per loader generation (RequestScope.resetLoaders). */
export function groupLoaders(scope: RequestScope): GroupLoaders {
  return scope.memo('groups.loaders', () => {
    const repo = groupRepository(scope);
    return createGroupLoaders(repo, () => scope.viewerId());
  });
}
