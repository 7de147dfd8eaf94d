/**
 * Commission and fraud rules, as pure functions. Rates are data (CommissionRateSet); what is
 * fixed in code is the legal ceiling: no reward deeper than three levels, because multi-level
 * schemes deeper than that are treated as pyramid selling in China.
 */

export const MAX_REWARD_DEPTH = 3;
export const MAX_RATE_BPS = 5000;

export interface ChainLink {
  /** 1 = the link the order came through (the direct sharer), 2 = its parent, ... */
  level: number;
  code: string;
  sharerId: string;
}

export interface RateSet {
  id: string;
  levelRatesBps: number[];
  rewardDepth: number;
}

export interface CommissionLine {
  userId: string;
  level: number;
  rateBps: number;
  amountMinor: number;
  linkCode: string;
}

/**
 * totalMinor × rateBps / 10000, rounded down. The product is taken in BigInt: a total of 2 × 10^14
 * fen (the largest order, see MAX_PRICE_MINOR) times 5000 bps is above 2^53, where a float
 * product would round and could pay a fen more or less.
 */
export function shareOf(totalMinor: number, rateBps: number): number {
  return Number((BigInt(totalMinor) * BigInt(rateBps)) / 10_000n);
}

export function commissionsFor(chain: ChainLink[], rates: RateSet, totalMinor: number, buyerId: string): CommissionLine[] {
  const depth = Math.min(rates.rewardDepth, MAX_REWARD_DEPTH);
  return chain
    .filter((link) => link.level <= depth && link.sharerId !== buyerId)
    .map((link) => {
      const rateBps = rates.levelRatesBps[link.level - 1] ?? 0;
      return { userId: link.sharerId, level: link.level, rateBps, amountMinor: shareOf(totalMinor, rateBps), linkCode: link.code };
    })
    .filter((line) => line.amountMinor > 0);
}

export type FraudKind = 'SELF_REFERRAL' | 'REFERRAL_CYCLE' | 'VELOCITY' | 'SIGN_UP_FARMING';

export interface FraudFinding {
  kind: FraudKind;
  reason: string;
}

export interface OrderFacts {
  buyerId: string;
  /** Sharers from the direct sharer up to the root. */
  chain: ChainLink[];
  /** The buyer stands above the direct sharer in the sharer's invite chain. */
  buyerInvitedSharer: boolean;
  /** Orders through the same link in the last minute, this one included. */
  ordersThroughLinkLastMinute: number;
  maxOrdersPerLinkPerMinute: number;
  /** Set for an order placed in a live room (through its host's LIVE link): the people watching the room now. */
  liveRoomViewers?: number | null;
  /** How many orders a minute a live room's link takes per 100 of its viewers before the next is flagged. */
  liveOrdersPer100ViewersPerMinute?: number;
}

/**
 * The orders a link takes in a minute before the next one is flagged for VELOCITY. A share link
 * that sells faster than that is a click farm's pattern; a live room is different: hundreds of
 * viewers buying the pinned product within a minute is the room working. A room's LIVE link takes
 * orders in proportion to the people watching (presence through joinRoom), never fewer than a
 * share link: a room of three accounts buying two hundred times a minute is still flagged.
 */
export function velocityLimit(facts: Pick<OrderFacts, 'maxOrdersPerLinkPerMinute' | 'liveRoomViewers' | 'liveOrdersPer100ViewersPerMinute'>): number {
  if (facts.liveRoomViewers == null) return facts.maxOrdersPerLinkPerMinute;
  const scaled = Math.ceil((facts.liveRoomViewers * (facts.liveOrdersPer100ViewersPerMinute ?? 0)) / 100);
  return Math.max(facts.maxOrdersPerLinkPerMinute, scaled);
}

export function orderFindings(facts: OrderFacts): FraudFinding[] {
  const findings: FraudFinding[] = [];
  const direct = facts.chain[0];
  if (!direct) return findings;
  if (facts.chain.some((link) => link.sharerId === facts.buyerId)) {
    findings.push({ kind: 'SELF_REFERRAL', reason: 'the buyer is a sharer in the referral chain of this order' });
  } else if (facts.buyerInvitedSharer) {
    findings.push({ kind: 'SELF_REFERRAL', reason: "the buyer is in the direct sharer's invite chain, closing a loop" });
  }
  const sharers = facts.chain.map((link) => link.sharerId);
  const repeated = sharers.find((id, i) => sharers.indexOf(id) !== i);
  if (repeated) findings.push({ kind: 'REFERRAL_CYCLE', reason: `user ${repeated} appears more than once in the referral chain` });
  const limit = velocityLimit(facts);
  if (facts.ordersThroughLinkLastMinute > limit) {
    const where = facts.liveRoomViewers == null ? '' : ` in a live room of ${facts.liveRoomViewers} viewers`;
    findings.push({
      kind: 'VELOCITY',
      reason: `${facts.ordersThroughLinkLastMinute} orders through link ${direct.code}${where} within a minute (limit ${limit})`,
    });
  }
  return findings;
}

export function signUpFindings(signUpsFromVisitor: number, max: number, code: string): FraudFinding[] {
  return signUpsFromVisitor > max
    ? [{ kind: 'SIGN_UP_FARMING', reason: `${signUpsFromVisitor} sign-ups through link ${code} from one visitor id (limit ${max})` }]
    : [];
}
