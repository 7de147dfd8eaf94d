import { badInput, notFound } from '../common/errors';
import { pageRequest, toPage, encodeCursor } from '../common/pagination';
import { connectionOf, loaded } from '../common/connection';
import { requireId, requireIntInRange } from '../common/validate';
import type { UserRecord } from '../accounts/types';
import { guarded, NewFollowerEvent } from '../events/bus';
import type { SocialRepository } from './repository';
import { accountLoaders } from '../accounts/loaders';
import { socialLoaders } from './loaders';
import { publishAfterCommit } from '../events/after-commit';
import { follow } from './follow';
import type { Scope } from '../accounts/scope';
import type { EventBus } from '../events/bus';
import type { NotificationService } from '../notifications/service';
import type { BlockList } from './access';
import type { CacheInvalidation } from '../events/invalidation';

import { MAX_SOCIAL_PATH_DEPTH } from './types';

export { MAX_SOCIAL_PATH_DEPTH };

/** What SocialService needs, named one by one; wired once per process in src/app/services.ts. */
export interface SocialServiceDeps {
  repo: (scope: Scope) => SocialRepository;
  events: EventBus;
  notifications: Pick<NotificationService, 'published'>;
  /** Follower and following counts live in the user records that instances cache. */
  invalidation: Pick<CacheInvalidation, 'usersChanged' | 'discoverChanged'>;
}

export class SocialService implements BlockList {
  constructor(private readonly deps: SocialServiceDeps) {}

  private async target(userId: string, viewer: UserRecord, verb: string): Promise<string> {
    const id = requireId(userId, 'userId');
    if (id === viewer.id) throw badInput('userId', `you cannot ${verb} yourself`);
    return id;
  }

  private async reload(scope: Scope, id: string): Promise<UserRecord> {
    accountLoaders(scope).userById.clear(id);
    socialLoaders(scope).relationToViewer.clear(id);
    const user = await accountLoaders(scope).userById.load(id);
    if (!user) throw notFound('User', 'userId');
    return user;
  }

  /** A follow, unfollow or block moved both users' counts: this request's loader and every instance's cache forget them. */
  private countsChanged(scope: Scope, viewerId: string, userId: string): void {
    accountLoaders(scope).userById.clear(viewerId);
    this.deps.invalidation.usersChanged([viewerId, userId], 'COUNTS');
    // Whom one follows, or is in a block with, is among the discover feed's candidates and signals.
    this.deps.invalidation.discoverChanged([viewerId, userId], 'RELATIONS');
  }

  /** Idempotent: following someone you already follow changes nothing and succeeds. */
  async follow(scope: Scope, userId: string): Promise<UserRecord> {
    const viewer = await scope.requireViewer();
    const id = await this.target(userId, viewer, 'follow');
    publishAfterCommit(scope, await follow(scope, viewer.id, id), this.deps);
    this.countsChanged(scope, viewer.id, id);
    return this.reload(scope, id);
  }

  async unfollow(scope: Scope, userId: string): Promise<UserRecord> {
    const viewer = await scope.requireViewer();
    const id = await this.target(userId, viewer, 'unfollow');
    if ((await this.deps.repo(scope).unfollow(viewer.id, id)) === null) throw notFound('User', 'userId');
    this.countsChanged(scope, viewer.id, id);
    return this.reload(scope, id);
  }

  /** Who is in a block with the viewer, either way: one read, for a live stream to filter by in memory. */
  async usersInABlockWithViewer(scope: Scope): Promise<Set<string>> {
    const viewer = await scope.viewer();
    return new Set(viewer ? await this.deps.repo(scope).usersInABlockWith(viewer.id) : []);
  }

  async block(scope: Scope, userId: string): Promise<UserRecord> {
    const viewer = await scope.requireViewer();
    const id = await this.target(userId, viewer, 'block');
    if (!(await this.deps.repo(scope).block(viewer.id, id, Date.now()))) throw notFound('User', 'userId');
    this.countsChanged(scope, viewer.id, id);
    return this.reload(scope, id);
  }

  async unblock(scope: Scope, userId: string): Promise<UserRecord> {
    const viewer = await scope.requireViewer();
    const id = await this.target(userId, viewer, 'unblock');
    if (!(await this.deps.repo(scope).unblock(viewer.id, id))) throw notFound('User', 'userId');
    this.deps.invalidation.discoverChanged([viewer.id, id], 'RELATIONS');
    return this.reload(scope, id);
  }

  private async followConnection(scope: Scope, user: UserRecord, direction: 'followers' | 'following', first?: number | null, after?: string | null) {
    const { limit, after: position } = pageRequest(first, after, { key: 'number' });
    const rows =
      direction === 'followers'
        ? await this.deps.repo(scope).followersPage(user.id, position, limit + 1)
        : await this.deps.repo(scope).followingPage(user.id, position, limit + 1);
    const page = toPage(rows, limit);
    const edges = page.items.map((row) => {
      accountLoaders(scope).userById.prime(row.user.id, row.user);
      return { cursor: encodeCursor({ k: row.followedAt, id: row.user.id }), node: row.user, followedAt: new Date(row.followedAt) };
    });
    // The counts are kept in the same transaction as the follows, so they are exact.
    return connectionOf(edges, page.hasNextPage, direction === 'followers' ? user.followerCount : user.followingCount);
  }

  followers(scope: Scope, user: UserRecord, first?: number | null, after?: string | null) {
    return this.followConnection(scope, user, 'followers', first, after);
  }

  following(scope: Scope, user: UserRecord, first?: number | null, after?: string | null) {
    return this.followConnection(scope, user, 'following', first, after);
  }

  async mutualFollows(scope: Scope, userId: string, first?: number | null, after?: string | null) {
    const viewer = await scope.requireViewer();
    const id = requireId(userId, 'userId');
    const { limit, after: position } = pageRequest(first, after, { key: 'string' });
    if (!(await accountLoaders(scope).userById.load(id))) throw notFound('User');
    const page = toPage(await this.deps.repo(scope).mutualFollowsPage(viewer.id, id, position?.k ?? null, limit + 1), limit);
    const edges = page.items.map((user) => {
      accountLoaders(scope).userById.prime(user.id, user);
      return { cursor: encodeCursor({ k: user.handle.toLowerCase(), id: user.id }), node: user };
    });
    return connectionOf(edges, page.hasNextPage, () => this.deps.repo(scope).countMutualFollows(viewer.id, id));
  }

  /** The shortest follow chain from the viewer, or null when there is none within maxDepth. */
  async socialPath(scope: Scope, to: string, maxDepth: number): Promise<{ degree: number; users: UserRecord[] } | null> {
    const viewer = await scope.requireViewer();
    const id = requireId(to, 'to');
    const depth = requireIntInRange(maxDepth, 'maxDepth', 1, MAX_SOCIAL_PATH_DEPTH);
    if (!(await accountLoaders(scope).userById.load(id))) throw notFound('User');
    if (id === viewer.id) return { degree: 0, users: [viewer] };
    const ids = await this.deps.repo(scope).socialPath(viewer.id, id);
    if (!ids || ids.length - 1 > depth) return null;
    const users = await accountLoaders(scope).userById.loadMany(ids);
    return { degree: ids.length - 1, users: loaded(users) };
  }

  /** New followers of the viewer, as they happen, for as long as the viewer's session stays valid. */
  async newFollowers(scope: Scope): Promise<AsyncIterable<NewFollowerEvent>> {
    const viewer = await scope.requireViewer();
    return guarded(this.deps.events.pubsub.subscribe('NEW_FOLLOWER', viewer.id), async () => {
      scope.resetLoaders();
      return (await scope.viewer())?.id === viewer.id;
    });
  }
}
