/**
 * User levels LV1 to LV10, read from lifetime points (earned, less clawbacks; spending does not
 * lower a level). The thresholds are configuration (USER_LEVEL_THRESHOLDS, src/config.ts): the
 * lifetime points each level starts at, LV1 at 0.
 */
export const DEFAULT_LEVEL_THRESHOLDS: readonly number[] = [0, 100, 300, 700, 1_500, 3_000, 6_000, 12_000, 25_000, 50_000];
export const MAX_LEVEL = 10;

/** The level of a lifetime total: the highest level whose threshold it reaches (LV1 below every other). */
export function levelOf(lifetimePoints: number, thresholds: readonly number[]): number {
  let level = 1;
  thresholds.forEach((threshold, i) => {
    if (lifetimePoints >= threshold) level = i + 1;
  });
  return level;
}
