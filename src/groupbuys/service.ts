import { randomUUID } from 'node:crypto';
import { badInput, forbidden, notFound } from '../common/errors';
import { requireId, requireIntInRange } from '../common/validate';
import { isAdmin } from '../common/roles';
import { Role } from '../accounts/types';
import { guarded, GroupBuyEvent, EventBus } from '../events/bus';
import type { Database } from '../db/database';
import type { Logger } from '../server/logger';
import type { Context } from '../server/context';
import { ShareChannel } from '../referral/types';
import { GroupBuyRepository } from './repository';
import { MAX_LIVE_OFFERS_PER_PRODUCT } from './loaders';
import { offerIsLive } from './types';
import type { CreateGroupBuyOfferInput, GroupBuyOfferRecord, GroupBuyRecord, StartGroupBuyInput } from './types';

export const MAX_GROUP_BUY_HOURS = 72;
export const MAX_GROUP_SIZE = 50;
export const MAX_GROUPS_PER_OFFER = 1000;
export const MAX_OFFER_DAYS = 90;

export class GroupBuyService {
  constructor(
    private readonly ctx: Context,
    private readonly repo: GroupBuyRepository,
  ) {}

  private async visible(id: string, field = 'id'): Promise<GroupBuyRecord> {
    const buy = await this.ctx.loaders.groupBuyById.load(requireId(id, field));
    if (!buy || (buy.groupId && !(await this.ctx.groups.canReadContent(buy.groupId)))) throw notFound('Group buy');
    return buy;
  }

  private async offerOrThrow(id: string, field: string): Promise<GroupBuyOfferRecord> {
    const offer = await this.ctx.loaders.groupBuyOfferById.load(requireId(id, field));
    if (!offer) throw notFound('Group-buy offer');
    return offer;
  }

  /**
   * A merchant offers group buys on its own product: the price, size, number of groups and time
   * are the merchant's. Ownership and the price are checked again under the product's lock.
   */
  async createOffer(input: CreateGroupBuyOfferInput): Promise<GroupBuyOfferRecord> {
    const viewer = await this.ctx.requireViewer();
    const productId = requireId(input.productId, 'productId');
    const groupPrice = requireIntInRange(input.groupPrice, 'groupPrice', 1, Number.MAX_SAFE_INTEGER);
    const requiredSize = requireIntInRange(input.requiredSize, 'requiredSize', 2, MAX_GROUP_SIZE);
    const maxGroups = requireIntInRange(input.maxGroups, 'maxGroups', 1, MAX_GROUPS_PER_OFFER);
    const windowHours = requireIntInRange(input.windowHours, 'windowHours', 1, MAX_GROUP_BUY_HOURS);
    const now = Date.now();
    let endsAt: number | null = null;
    if (input.endsAt != null) {
      endsAt = input.endsAt instanceof Date ? input.endsAt.getTime() : NaN;
      if (!Number.isFinite(endsAt) || endsAt <= now) throw badInput('endsAt', 'must be in the future');
      if (endsAt > now + MAX_OFFER_DAYS * 86_400_000) throw badInput('endsAt', `must be at most ${MAX_OFFER_DAYS} days away`);
    }
    const product = await this.ctx.loaders.productById.load(productId);
    if (!product) throw notFound('Product');
    const mayOffer = isAdmin(viewer) || (viewer.role === Role.MERCHANT && product.merchantId === viewer.id);
    if (!mayOffer) throw forbidden('Only the product\'s merchant can offer group buys on it');
    const belowPrice = (price: number) => badInput('groupPrice', `must be below the product price of ${price}`);
    if (groupPrice >= product.priceMinor) throw belowPrice(product.priceMinor);
    const id = randomUUID();
    const created = await this.repo.createOffer({ id, productId, viewerId: viewer.id, groupPrice, requiredSize, maxGroups, windowHours, endsAt, maxLiveOffers: MAX_LIVE_OFFERS_PER_PRODUCT, now });
    switch (created?.outcome) {
      case undefined:
        throw notFound('Product');
      case 'FORBIDDEN':
        throw forbidden('Only the product\'s merchant can offer group buys on it');
      case 'PRICE_NOT_BELOW':
        throw belowPrice(created.priceMinor);
      case 'TOO_MANY_OFFERS':
        throw badInput('productId', `at most ${MAX_LIVE_OFFERS_PER_PRODUCT} live group-buy offers per product`);
    }
    this.ctx.loaders.liveOfferIdsByProductId.clear(productId);
    return (await this.ctx.loaders.groupBuyOfferById.load(id))!;
  }

  /** No new groups start from a closed offer; groups already running keep their time. */
  async closeOffer(id: string): Promise<GroupBuyOfferRecord> {
    const viewer = await this.ctx.requireViewer();
    const offer = await this.offerOrThrow(id, 'id');
    const allowed = await this.repo.closeOffer(offer.id, viewer.id, Date.now());
    if (allowed === null) throw notFound('Group-buy offer');
    if (!allowed) throw forbidden('Only the product\'s merchant can close its offers');
    this.ctx.loaders.groupBuyOfferById.clear(offer.id);
    this.ctx.loaders.liveOfferIdsByProductId.clear(offer.productId);
    return (await this.ctx.loaders.groupBuyOfferById.load(offer.id))!;
  }

  async offer(id: string): Promise<GroupBuyOfferRecord> {
    return this.offerOrThrow(id, 'id');
  }

  async liveOffers(productId: string): Promise<GroupBuyOfferRecord[]> {
    const ids = await this.ctx.loaders.liveOfferIdsByProductId.load(productId);
    return (await this.ctx.loaders.groupBuyOfferById.loadMany(ids)).filter((o): o is GroupBuyOfferRecord => o !== null && !(o instanceof Error));
  }

  /**
   * Starts a group from a merchant's offer: the offer sets the price, size and time. The starter
   * reserves one unit, their own; the checks below answer the usual cases before anything is
   * written, and the start's transaction checks them all again under its locks.
   */
  async start(input: StartGroupBuyInput): Promise<GroupBuyRecord> {
    const viewer = await this.ctx.requireViewer();
    const offer = await this.offerOrThrow(input.offerId, 'offerId');
    const groupId = input.groupId == null ? null : requireId(input.groupId, 'groupId');
    const now = Date.now();
    if (!offerIsLive(offer, now)) throw badInput('offerId', 'this offer is closed');
    if (offer.groupCount >= offer.maxGroups) throw badInput('offerId', 'this offer has no groups left');
    const product = await this.ctx.loaders.productById.load(offer.productId);
    if (!product) throw notFound('Product');
    if (product.stock < 1) throw badInput('offerId', 'the product is out of stock');
    if (groupId) await this.ctx.groups.checkPost(groupId, '');
    // The starter's share of the product: the other participants' orders are attributed to it.
    const link = await this.ctx.referral.share({ productId: product.id }, ShareChannel.IN_APP);
    const id = randomUUID();
    const outcome = await this.repo.start({ id, offerId: offer.id, starterId: viewer.id, shareCode: link.code, groupId, now });
    switch (outcome) {
      case null:
        throw notFound('Group-buy offer');
      case 'OFFER_CLOSED':
        throw badInput('offerId', 'this offer is closed');
      case 'NO_GROUPS_LEFT':
        throw badInput('offerId', 'this offer has no groups left');
      case 'ALREADY_IN_GROUP':
        throw badInput('offerId', 'you are already in an open group of this offer');
      case 'OUT_OF_STOCK':
        throw badInput('offerId', 'the product is out of stock');
    }
    this.ctx.loaders.productById.clear(product.id);
    this.ctx.loaders.groupBuyOfferById.clear(offer.id);
    if (groupId) this.ctx.groups.publishActivity(groupId, 'GROUP_BUY_PROGRESS', { actorId: viewer.id, groupBuyId: id, detail: 'STARTED' });
    return (await this.ctx.loaders.groupBuyById.load(id))!;
  }

  async join(id: string): Promise<GroupBuyRecord> {
    const viewer = await this.ctx.requireViewer();
    const buy = await this.visible(id);
    const now = Date.now();
    const result = await this.repo.join(buy.id, viewer.id, now);
    if (!result) throw notFound('Group buy');
    switch (result.outcome) {
      case 'FULL':
        throw badInput('id', 'this group buy is full');
      case 'EXPIRED':
        throw badInput('id', 'this group buy has expired');
      case 'COMPLETED':
        throw badInput('id', 'this group buy is already complete');
      case 'IN_ANOTHER_GROUP':
        throw badInput('id', 'you are already in another open group of this offer');
      case 'OUT_OF_STOCK':
        throw badInput('id', 'the product is out of stock');
    }
    this.ctx.loaders.groupBuyById.clear(buy.id);
    this.ctx.loaders.productById.clear(buy.productId);
    const updated = (await this.ctx.loaders.groupBuyById.load(buy.id))!;
    if (result.outcome === 'JOINED') {
      this.progress(updated, 'JOINED', viewer.id, now);
      if (result.orders.length) this.progress(updated, 'COMPLETED', null, now);
    }
    return updated;
  }

  private progress(buy: GroupBuyRecord, kind: GroupBuyEvent['kind'], userId: string | null, at: number) {
    this.ctx.deps.events.pubsub.publish('GROUP_BUY_PROGRESS', buy.id, { groupBuyId: buy.id, kind, participantCount: buy.participantCount, userId, at });
    if (buy.groupId) this.ctx.groups.publishActivity(buy.groupId, 'GROUP_BUY_PROGRESS', { actorId: userId, groupBuyId: buy.id, detail: kind });
  }

  async groupBuy(id: string) {
    return this.visible(id);
  }

  async participants(buy: GroupBuyRecord) {
    return (await this.ctx.loaders.userById.loadMany(await this.repo.participants(buy.id))).filter((u) => u && !(u instanceof Error));
  }

  async progressEvents(id: string): Promise<AsyncIterable<GroupBuyEvent>> {
    await this.ctx.requireViewer();
    const buy = await this.visible(id);
    if (buy.groupId) {
      const groupId = buy.groupId;
      this.ctx.live.watchGroup(groupId, () => this.ctx.groups.canFollowLive(groupId));
    }
    return guarded(this.ctx.deps.events.pubsub.subscribe('GROUP_BUY_PROGRESS', buy.id), async () => {
      this.ctx.resetLoaders();
      return (await this.ctx.viewer()) !== null && (!buy.groupId || (await this.ctx.groups.canReadContent(buy.groupId)));
    });
  }
}

/**
 * Expires group buys whose time is up: no orders, the participants' reserved units back, the
 * offer's place free again, and an EXPIRED event. Runs on an interval in every API instance; the
 * Cypher locks each buy, so instances do not double-expire.
 */
export async function sweepExpiredGroupBuys(db: Database, events: EventBus, logger: Logger): Promise<number> {
  const now = Date.now();
  const expired = await GroupBuyRepository.expireDue(db, now);
  for (const buy of expired) {
    events.pubsub.publish('GROUP_BUY_PROGRESS', buy.id, { groupBuyId: buy.id, kind: 'EXPIRED', participantCount: 0, userId: null, at: now });
    if (buy.groupId) {
      events.pubsub.publish('GROUP_ACTIVITY', buy.groupId, {
        kind: 'GROUP_BUY_PROGRESS', groupId: buy.groupId, actorId: null, subjectUserId: null, noteId: null, commentId: null, eventId: null,
        groupBuyId: buy.id, detail: 'EXPIRED', at: now, moderatorsOnly: false,
      });
    }
  }
  if (expired.length) logger.info('group buys expired', { count: expired.length });
  return expired.length;
}
