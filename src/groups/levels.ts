/**
 * Group member levels and the rights they carry, as pure functions. A member's level in a group
 * comes from their lifetime contribution score there (the score groupStats.topContributors ranks
 * a period by, src/groups/stats.ts, counted over all time); the thresholds are configuration
 * (GROUP_LEVEL_THRESHOLDS, src/config.ts): the score each level starts at, level 1 at 0.
 */

export const DEFAULT_GROUP_LEVEL_THRESHOLDS: readonly number[] = [0, 10, 30, 60, 100, 200, 400, 800, 1_500, 3_000];
export const MAX_GROUP_LEVEL = 10;

/** The level of a score: the highest level whose threshold it reaches (level 1 below every other). */
export function groupLevelOf(score: number, thresholds: readonly number[]): number {
  let level = 1;
  thresholds.forEach((threshold, i) => {
    if (score >= threshold) level = i + 1;
  });
  return level;
}

/**
 * What a group's managers grant by level. Null is the group's default: no one skips
 * pre-moderation by level, and every member may start a group buy.
 */
export interface LevelRights {
  postWithoutPremoderationFromLevel: number | null;
  startGroupBuyFromLevel: number | null;
}

export const NO_LEVEL_RIGHTS: LevelRights = { postWithoutPremoderationFromLevel: null, startGroupBuyFromLevel: null };

/** A member at this level posts in a pre-moderated group without their posts being held. */
export function skipsPremoderation(level: number, rights: LevelRights): boolean {
  return rights.postWithoutPremoderationFromLevel !== null && level >= rights.postWithoutPremoderationFromLevel;
}

/** A member at this level may start a group buy in the group. */
export function mayStartGroupBuy(level: number, rights: LevelRights): boolean {
  return rights.startGroupBuyFromLevel === null || level >= rights.startGroupBuyFromLevel;
}

/** How many members are at each level, levels 1 to MAX_GROUP_LEVEL, empty levels included. */
export function levelDistribution(levels: readonly number[]): { level: number; members: number }[] {
  const counts = Array.from({ length: MAX_GROUP_LEVEL }, (_, i) => ({ level: i + 1, members: 0 }));
  for (const level of levels) counts[Math.min(Math.max(level, 1), MAX_GROUP_LEVEL) - 1]!.members++;
  return counts;
}
