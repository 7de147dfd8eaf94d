import { cypher } from '../db/cypher';
import type { RequestScope } from '../request/scope';
import type { DbScope, Tx } from '../db/database';
import type { Position } from '../common/pagination';
import type { UserRecord } from '../accounts/types';
import type { FollowRecord, ViewerRelation } from './types';

const q = {
  follow: cypher('social/follow'),
  unfollow: cypher('social/unfollow'),
  block: cypher('social/block'),
  unblock: cypher('social/unblock'),
  followersPage: cypher('social/followers-page'),
  followingPage: cypher('social/following-page'),
  relationsToViewer: cypher('social/relations-to-viewer'),
  mutualFollowsPage: cypher('social/mutual-follows-page'),
  countMutualFollows: cypher('social/count-mutual-follows'),
  socialPath: cypher('social/social-path'),
  usersInABlockWith: cypher('social/users-in-a-block-with'),
};

export class SocialRepository {
  constructor(private readonly db: DbScope) {}

  /** Follows (once: `created` says whether it is new); null when either user is missing, `blocked` when a block stands between them. */
  static async follow(tx: Tx, followerId: string, followeeId: string, now: number) {
    const [row] = await tx.run<{ blocked: boolean; created: boolean; followedAt: number }>(q.follow, { followerId, followeeId, now });
    return row ?? null;
  }

  /** null when either user is missing. */
  async unfollow(followerId: string, followeeId: string): Promise<boolean | null> {
    const [row] = await this.db.write<{ removed: boolean }>(q.unfollow, { followerId, followeeId });
    return row ? row.removed : null;
  }

  /** false when either user is missing. */
  async block(blockerId: string, blockedId: string, now: number): Promise<boolean> {
    const rows = await this.db.write(q.block, { blockerId, blockedId, now });
    return rows.length > 0;
  }

  async unblock(blockerId: string, blockedId: string): Promise<boolean> {
    const rows = await this.db.write(q.unblock, { blockerId, blockedId });
    return rows.length > 0;
  }

  private async followPage(query: typeof q.followersPage, userId: string, after: Position | null, limit: number) {
    return this.db.read<FollowRecord>(query, {
      userId,
      afterSince: after ? after.k : null,
      afterId: after ? after.id : null,
      limit,
    });
  }

  followersPage(userId: string, after: Position | null, limit: number): Promise<FollowRecord[]> {
    return this.followPage(q.followersPage, userId, after, limit);
  }

  followingPage(userId: string, after: Position | null, limit: number): Promise<FollowRecord[]> {
    return this.followPage(q.followingPage, userId, after, limit);
  }

  async relationsToViewer(viewerId: string, ids: readonly string[]): Promise<Map<string, ViewerRelation>> {
    const rows = await this.db.read<ViewerRelation & { id: string }>(q.relationsToViewer, { viewerId, ids });
    return new Map(rows.map(({ id, ...relation }) => [id, relation]));
  }

  async mutualFollowsPage(viewerId: string, userId: string, afterKey: string | null, limit: number): Promise<UserRecord[]> {
    const rows = await this.db.read<{ user: UserRecord }>(q.mutualFollowsPage, { viewerId, userId, afterKey, limit });
    return rows.map((r) => r.user);
  }

  async countMutualFollows(viewerId: string, userId: string): Promise<number> {
    const [row] = await this.db.read<{ total: number }>(q.countMutualFollows, { viewerId, userId });
    return row?.total ?? 0;
  }

  /** Ids of the users in a block with the viewer, either way. */
  async usersInABlockWith(viewerId: string): Promise<string[]> {
    const [row] = await this.db.read<{ ids: string[] }>(q.usersInABlockWith, { viewerId });
    return row?.ids ?? [];
  }

  async socialPath(fromId: string, toId: string): Promise<string[] | null> {
    const [row] = await this.db.read<{ ids: string[] }>(q.socialPath, { fromId, toId });
    return row?.ids ?? null;
  }
}

/** The social repository of a request, over its counted DbScope (made once per request). */
export function socialRepository(scope: RequestScope): SocialRepository {
  return scope.slot('social.repository', () => new SocialRepository(scope.db));
}
