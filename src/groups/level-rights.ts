import type { Tx } from '../db/database';
import { contributionScore } from './stats';
import { groupLevelOf, mayStartGroupBuy, skipsPremoderation, type LevelRights } from './levels';
import { GroupRepository, type Contribution } from './repository';
import type { GroupRole } from './permissions';

/** Why a member may not start a group buy in a group, as read under its lock. */
export type GroupBuyStartRefusal = { reason: 'NOT_A_MEMBER' } | { reason: 'MUTED' } | { reason: 'LEVEL_TOO_LOW'; level: number; needed: number };

/**
 * Member levels with the configured thresholds, and the level rights checked in the transaction
 * of the action they decide: the group is locked there and its rights and the member's score
 * read after the lock, so a manager lowering a right and a member acting on it are ordered.
 */
export class GroupLevels {
  constructor(private readonly thresholds: readonly number[]) {}

  /** A member's level from their lifetime contribution to the group. */
  levelOf(contribution: Contribution): number {
    return groupLevelOf(contributionScore(contribution), this.thresholds);
  }

  /** The score each level starts at, level 1 first. */
  get levelThresholds(): readonly number[] {
    return this.thresholds;
  }

  private async underLock(tx: Tx, groupId: string, userId: string) {
    const row = await GroupRepository.memberLevelUnderLock(tx, groupId, userId);
    if (!row) return null;
    const rights: LevelRights = { postWithoutPremoderationFromLevel: row.postWithoutPremoderationFromLevel, startGroupBuyFromLevel: row.startGroupBuyFromLevel };
    return { rights, role: row.role as GroupRole | null, mutedUntil: row.mutedUntil, level: row.contribution ? this.levelOf(row.contribution) : null };
  }

  /**
   * A pre-moderation hold as it stands once the group's level rights are read in the post's
   * transaction: dropped for a member whose level posts without pre-moderation.
   */
  async holdUnderLock<H>(tx: Tx, groupId: string, userId: string, hold: H | null): Promise<H | null> {
    if (hold === null) return null;
    const standing = await this.underLock(tx, groupId, userId);
    return standing?.level != null && skipsPremoderation(standing.level, standing.rights) ? null : hold;
  }

  /** Null when the user may start a group buy in the group now (a member, not muted, at the level its managers set). */
  async groupBuyStartRefusalUnderLock(tx: Tx, groupId: string, userId: string, now: number): Promise<GroupBuyStartRefusal | null> {
    const standing = await this.underLock(tx, groupId, userId);
    if (!standing || standing.role === null || standing.level === null) return { reason: 'NOT_A_MEMBER' };
    if (standing.mutedUntil !== null && standing.mutedUntil > now) return { reason: 'MUTED' };
    if (!mayStartGroupBuy(standing.level, standing.rights)) return { reason: 'LEVEL_TOO_LOW', level: standing.level, needed: standing.rights.startGroupBuyFromLevel! };
    return null;
  }
}
