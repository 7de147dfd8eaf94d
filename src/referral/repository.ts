import type { RequestScope } from '../request/scope';
import { cypher } from '../db/cypher';
import type { DbScope, Tx } from '../db/database';
import type { ChainLink } from '../commissions/rules';
import type { LinkOpening, Touch } from './attribution';
import type { Money } from '../common/money';

const q = {
  shareTarget: cypher('referral/share-target'),
  existingShareLink: cypher('referral/existing-share-link'),
  cameThrough: cypher('referral/came-through'),
  createShareLink: cypher('referral/create-share-link'),
  linksByCodes: cypher('referral/links-by-codes'),
  openShareLink: cypher('referral/open-share-link'),
  attributeSignUp: cypher('referral/attribute-sign-up'),
  orderTouchpoints: cypher('referral/order-touchpoints'),
  linkOpening: cypher('referral/link-opening'),
  upstreamLinks: cypher('referral/upstream-links'),
  chainLinks: cypher('referral/chain-links'),
  ordersThroughLinkSince: cypher('referral/orders-through-link-since'),
  buyerInvitedSharer: cypher('referral/buyer-invited-sharer'),
  inviteChain: cypher('referral/invite-chain'),
  referralTree: cypher('referral/referral-tree'),
  rootLinksOfUser: cypher('referral/root-links-of-user'),
  rootLinksOfTarget: cypher('referral/root-links-of-target'),
  cascade: cypher('referral/cascade'),
  topReferrers: cypher('referral/top-referrers'),
  conversionByChannel: cypher('referral/conversion-by-channel'),
  orderTouches: cypher('referral/order-touches'),
};

export type TargetType = 'NOTE' | 'PRODUCT' | 'GROUP';

export type ShareArgs = {
  sharerId: string;
  targetType: TargetType;
  targetId: string;
  channel: string;
  campaign: string | null;
  code: string;
  now: number;
};

export interface ShareLinkRecord {
  code: string;
  channel: string;
  targetType: TargetType;
  targetId: string;
  sharerId: string;
  createdAt: number;
  depth: number;
  rootCode: string;
  parentCode: string | null;
  campaign: string | null;
}

export interface TreeRow {
  code: string;
  sharerId: string;
  channel: string;
  createdAt: number;
  depth: number;
  parentCode: string | null;
  visits: number;
  signUps: number;
  buyers: number;
  orders: number;
  /** One amount per currency of the link's live orders. */
  gmv: Money[];
}

/** One link of a referral chain: the hop's sharer, where and when they shared. */
export interface ChainLinkRow {
  code: string;
  sharerId: string;
  channel: string;
  createdAt: number;
}

export interface CascadeRow {
  depth: number;
  links: number;
  sharerIds: string[];
  visits: number;
  signUps: number;
  orders: number;
  reachedIds: string[];
}

export class ReferralRepository {
  constructor(private readonly db: DbScope) {}

  /** Runs in the sign-up transaction, so an account never exists without its first-touch invite. */
  static async attributeSignUp(tx: Tx, userId: string, visitorId: string, now: number) {
    const [row] = await tx.run<{ sharerId: string; code: string; signUpsFromVisitor: number }>(q.attributeSignUp, { userId, visitorId, now });
    return row ?? null;
  }

  static async upstreamLinks(tx: Tx, code: string): Promise<(ChainLink & { channel: string; createdAt: number; campaign: string | null })[]> {
    return tx.run(q.upstreamLinks, { code });
  }

  static async ordersThroughLinkSince(tx: Tx, code: string, since: number): Promise<number> {
    const [row] = await tx.run<{ total: number }>(q.ordersThroughLinkSince, { code, since });
    return row?.total ?? 0;
  }

  static async buyerInvitedSharer(tx: Tx, buyerId: string, sharerId: string): Promise<boolean> {
    const [row] = await tx.run<{ loop: boolean }>(q.buyerInvitedSharer, { buyerId, sharerId });
    return row?.loop ?? false;
  }

  async targetExists(targetType: TargetType, targetId: string): Promise<boolean> {
    return (await this.db.read(q.shareTarget, { targetType, targetId })).length > 0;
  }

  /** Returns the sharer's existing link for this target and channel, or creates one under the link they came through. */
  async share(args: ShareArgs): Promise<{ code: string; created: boolean }> {
    return this.db.writeTx((tx) => ReferralRepository.share(tx, args));
  }

  /** share inside a caller's transaction (a product card's link is made in the send that carries it). */
  static async share(tx: Tx, args: ShareArgs): Promise<{ code: string; created: boolean }> {
    const [existing] = await tx.run<{ code: string | null }>(q.existingShareLink, args);
    if (existing?.code) return { code: existing.code, created: false };
    const [parent] = await tx.run<{ code: string; depth: number; rootCode: string }>(q.cameThrough, args);
    await tx.run(q.createShareLink, {
      ...args,
      parentCode: parent?.code ?? null,
      depth: parent ? parent.depth + 1 : 0,
      rootCode: parent?.rootCode ?? null,
    });
    return { code: args.code, created: true };
  }

  async linksByCodes(codes: readonly string[]): Promise<ShareLinkRecord[]> {
    return (await this.db.read<{ link: ShareLinkRecord }>(q.linksByCodes, { codes })).map((r) => r.link);
  }

  async open(code: string, id: string, userId: string | null, visitorId: string | null, now: number) {
    const [row] = await this.db.write<{ code: string; sharerId: string }>(q.openShareLink, { code, id, userId, visitorId, now });
    return row ?? null;
  }

  async orderTouchpoints(args: { buyerId: string; visitorIds: string[]; productIds: string[]; groupId: string | null; since: number }): Promise<Touch[]> {
    return this.db.read<Touch>(q.orderTouchpoints, args);
  }

  async linkOpening(args: { code: string; buyerId: string; visitorIds: string[]; productIds: string[] }): Promise<LinkOpening | null> {
    const [row] = await this.db.read<LinkOpening>(q.linkOpening, args);
    return row ?? null;
  }

  async orderTouches(orderId: string): Promise<Touch[]> {
    return this.db.read<Touch>(q.orderTouches, { orderId });
  }

  /** The whole chain of the link an order came through, the first sharer's link first. */
  async chainLinks(code: string): Promise<ChainLinkRow[]> {
    return this.db.read<ChainLinkRow>(q.chainLinks, { code });
  }

  async inviteChain(userId: string) {
    const [row] = await this.db.read<{ ids: string[]; hops: { at: number; code: string }[] }>(q.inviteChain, { userId });
    return row ?? null;
  }

  async rootLinksOfUser(userId: string): Promise<string[]> {
    const [row] = await this.db.read<{ codes: string[] }>(q.rootLinksOfUser, { userId });
    return row?.codes ?? [];
  }

  async rootLinksOfTarget(targetType: TargetType, targetId: string): Promise<string[]> {
    const [row] = await this.db.read<{ codes: string[] }>(q.rootLinksOfTarget, { targetType, targetId });
    return row?.codes ?? [];
  }

  async tree(rootCodes: string[], maxDepth: number): Promise<TreeRow[]> {
    return this.db.read<TreeRow>(q.referralTree, { rootCodes, maxDepth });
  }

  async cascade(targetType: TargetType, targetId: string): Promise<CascadeRow[]> {
    return this.db.read<CascadeRow>(q.cascade, { targetType, targetId });
  }

  async topReferrers(from: number, to: number, limit: number) {
    return this.db.read<{ sharerId: string; orders: number; buyers: number; gmv: Money[] }>(q.topReferrers, { from, to, limit });
  }

  /** channels: the rows to answer, one each (every ShareChannel value). */
  async conversionByChannel(from: number, to: number, channels: string[]) {
    return this.db.read<{ channel: string; links: number; visits: number; signUps: number; orders: number; gmv: Money[] }>(q.conversionByChannel, { from, to, channels });
  }
}

/** The referral repository of a request, over its counted DbScope (made once per request). */
export function referralRepository(scope: RequestScope): ReferralRepository {
  return scope.slot('referral.repository', () => new ReferralRepository(scope.db));
}
