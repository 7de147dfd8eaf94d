import { badInput, forbidden, notFound } from '../common/errors';
import { pageRequest, toPage, encodeCursor } from '../common/pagination';
import { connectionOf } from '../common/connection';
import { requireId, requireIntInRange } from '../common/validate';
import type { UserRecord } from '../accounts/types';
import type { Context } from '../server/context';
import { guarded, NewFollowerEvent } from '../events/bus';
import type { SocialRepository } from './repository';

export const MAX_SOCIAL_PATH_DEPTH = 6;

export class SocialService {
  constructor(
    private readonly ctx: Context,
    private readonly repo: SocialRepository,
  ) {}

  private async target(userId: string, viewer: UserRecord, verb: string): Promise<string> {
    const id = requireId(userId, 'userId');
    if (id === viewer.id) throw badInput('userId', `you cannot ${verb} yourself`);
    return id;
  }

  private async reload(id: string): Promise<UserRecord> {
    this.ctx.loaders.userById.clear(id);
    this.ctx.loaders.relationToViewer.clear(id);
    const user = await this.ctx.loaders.userById.load(id);
    if (!user) throw notFound('User');
    return user;
  }

  /** Idempotent: following someone you already follow changes nothing and succeeds. */
  async follow(userId: string): Promise<UserRecord> {
    const viewer = await this.ctx.requireViewer();
    const id = await this.target(userId, viewer, 'follow');
    const outcome = await this.repo.follow(viewer.id, id, Date.now());
    if (outcome.kind === 'missing') throw notFound('User');
    if (outcome.kind === 'blocked') throw forbidden('You cannot follow this user');
    if (outcome.created) {
      this.ctx.notifications.published(outcome.notifications);
      this.ctx.deps.events.pubsub.publish('NEW_FOLLOWER', id, { followerId: viewer.id, followeeId: id, followedAt: outcome.followedAt });
    }
    this.ctx.loaders.userById.clear(viewer.id);
    return this.reload(id);
  }

  async unfollow(userId: string): Promise<UserRecord> {
    const viewer = await this.ctx.requireViewer();
    const id = await this.target(userId, viewer, 'unfollow');
    if ((await this.repo.unfollow(viewer.id, id)) === null) throw notFound('User');
    this.ctx.loaders.userById.clear(viewer.id);
    return this.reload(id);
  }

  /** Who is in a block with the viewer, either way: one read, for a live stream to filter by in memory. */
  async usersInABlockWithViewer(): Promise<Set<string>> {
    const viewer = await this.ctx.viewer();
    return new Set(viewer ? await this.repo.usersInABlockWith(viewer.id) : []);
  }

  async block(userId: string): Promise<UserRecord> {
    const viewer = await this.ctx.requireViewer();
    const id = await this.target(userId, viewer, 'block');
    if (!(await this.repo.block(viewer.id, id, Date.now()))) throw notFound('User');
    this.ctx.loaders.userById.clear(viewer.id);
    return this.reload(id);
  }

  async unblock(userId: string): Promise<UserRecord> {
    const viewer = await this.ctx.requireViewer();
    const id = await this.target(userId, viewer, 'unblock');
    if (!(await this.repo.unblock(viewer.id, id))) throw notFound('User');
    return this.reload(id);
  }

  private async followConnection(user: UserRecord, direction: 'followers' | 'following', first?: number | null, after?: string | null) {
    const { limit, after: position } = pageRequest(first, after);
    if (position && typeof position.k !== 'number') throw badInput('after', 'is not a valid cursor');
    const rows =
      direction === 'followers'
        ? await this.repo.followersPage(user.id, position, limit + 1)
        : await this.repo.followingPage(user.id, position, limit + 1);
    const page = toPage(rows, limit);
    const edges = page.items.map((row) => {
      this.ctx.loaders.userById.prime(row.user.id, row.user);
      return { cursor: encodeCursor({ k: row.followedAt, id: row.user.id }), node: row.user, followedAt: new Date(row.followedAt) };
    });
    // The counts are kept in the same transaction as the follows, so they are exact.
    return connectionOf(edges, page.hasNextPage, direction === 'followers' ? user.followerCount : user.followingCount);
  }

  followers(user: UserRecord, first?: number | null, after?: string | null) {
    return this.followConnection(user, 'followers', first, after);
  }

  following(user: UserRecord, first?: number | null, after?: string | null) {
    return this.followConnection(user, 'following', first, after);
  }

  async mutualFollows(userId: string, first?: number | null, after?: string | null) {
    const viewer = await this.ctx.requireViewer();
    const id = requireId(userId, 'userId');
    const { limit, after: position } = pageRequest(first, after);
    if (position && typeof position.k !== 'string') throw badInput('after', 'is not a valid cursor');
    if (!(await this.ctx.loaders.userById.load(id))) throw notFound('User');
    const page = toPage(await this.repo.mutualFollowsPage(viewer.id, id, position ? String(position.k) : null, limit + 1), limit);
    const edges = page.items.map((user) => {
      this.ctx.loaders.userById.prime(user.id, user);
      return { cursor: encodeCursor({ k: user.handle.toLowerCase(), id: user.id }), node: user };
    });
    return connectionOf(edges, page.hasNextPage, () => this.repo.countMutualFollows(viewer.id, id));
  }

  /** The shortest follow chain from the viewer, or null when there is none within maxDepth. */
  async socialPath(to: string, maxDepth: number): Promise<{ degree: number; users: UserRecord[] } | null> {
    const viewer = await this.ctx.requireViewer();
    const id = requireId(to, 'to');
    const depth = requireIntInRange(maxDepth, 'maxDepth', 1, MAX_SOCIAL_PATH_DEPTH);
    if (!(await this.ctx.loaders.userById.load(id))) throw notFound('User');
    if (id === viewer.id) return { degree: 0, users: [viewer] };
    const ids = await this.repo.socialPath(viewer.id, id);
    if (!ids || ids.length - 1 > depth) return null;
    const users = await this.ctx.loaders.userById.loadMany(ids);
    return { degree: ids.length - 1, users: users.filter((u): u is UserRecord => u !== null && !(u instanceof Error)) };
  }

  /** New followers of the viewer, as they happen, for as long as the viewer's session stays valid. */
  async newFollowers(): Promise<AsyncIterable<NewFollowerEvent>> {
    const viewer = await this.ctx.requireViewer();
    return guarded(this.ctx.deps.events.pubsub.subscribe('NEW_FOLLOWER', viewer.id), async () => {
      this.ctx.resetLoaders();
      return (await this.ctx.viewer())?.id === viewer.id;
    });
  }
}
