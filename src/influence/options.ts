import type { Config } from '../config';
import type { InfluenceOptions } from './job';
import { parseWeights } from './scoring';

/** The job's options from configuration (weights and thresholds are data, not code). */
export function influenceOptions(config: Config): InfluenceOptions {
  return {
    halfLifeDays: config.influenceHalfLifeDays,
    weights: parseWeights(config.influenceWeights),
    thresholds: {
      head: config.kolHeadFollowers,
      waist: config.kolWaistFollowers,
      tail: config.kolTailFollowers,
      kocMinEngagementRate: config.kocMinEngagementRatePct / 100,
      kocMinConversions: config.kocMinConversions,
      kocMinFollowers: config.kocMinFollowers,
    },
  };
}
