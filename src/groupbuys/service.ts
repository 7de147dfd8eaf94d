import { randomUUID } from 'node:crypto';
import { badInput, forbidden, notFound } from '../common/errors';
import { UserErrorCode } from '../common/user-error-code';
import { requireIdempotencyKey } from '../db/idempotency';
import { requireId, requireIntInRange } from '../common/validate';
import { loaded } from '../common/connection';
import { isAdmin, isMerchant, requireRole } from '../common/roles';
import { Role } from '../accounts/types';
import { guarded, GroupBuyEvent, EventBus } from '../events/bus';
import type { Database, Tx } from '../db/database';
import type { GroupBuyStartRefusal } from '../groups/level-rights';
import type { Logger } from '../common/logger';
import { ShareChannel } from '../referral/types';
import { GroupBuyRepository } from './repository';
import { joinGroupBuy } from './join-group-buy';
import { publishAfterCommit } from '../events/after-commit';
import { MAX_LIVE_OFFERS_PER_PRODUCT } from './loaders';
import { offerIsLive } from './types';
import type { GroupBuyOfferRecord, GroupBuyRecord } from './types';
import { MAX_GROUP_PRICE_MINOR, type CreateGroupBuyOfferInput, type StartGroupBuyInput } from './payloads';
import { accountLoaders } from '../accounts/loaders';
import { commerceLoaders } from '../commerce/loaders';
import { liveScopeOf } from '../events/live';
import { groupBuyLoaders } from './loaders';
import type { Scope } from '../accounts/scope';
import type { ReferralService } from '../referral/service';
import type { GroupAccess, GroupLevelRightsCheck, GroupPosting } from '../groups/access';
import type { GroupActivityPublisher } from '../events/group-activity';

export const MAX_GROUP_BUY_HOURS = 72;
export const MAX_GROUP_SIZE = 50;
export const MAX_GROUPS_PER_OFFER = 1000;
export const MAX_OFFER_DAYS = 90;

/** What GroupBuyService needs, named one by one; wired once per process in src/app/services.ts. */
export interface GroupBuyServiceDeps {
  repo: (scope: Scope) => GroupBuyRepository;
  events: EventBus;
  groups: Pick<GroupAccess, 'canFollowLive' | 'canReadContent'> & Pick<GroupPosting, 'checkPost'> & Pick<GroupLevelRightsCheck, 'groupBuyStartRefusalUnderLock'>;
  activity: GroupActivityPublisher;
  referral: Pick<ReferralService, 'share'>;
}

export class GroupBuyService {
  constructor(private readonly deps: GroupBuyServiceDeps) {}

  /** The group buy if the viewer may see it (not in a group they cannot read), else null. */
  private async visibleOrNull(scope: Scope, id: string, field: string): Promise<GroupBuyRecord | null> {
    const buy = await groupBuyLoaders(scope).groupBuyById.load(requireId(id, field));
    if (!buy || (buy.groupId && !(await this.deps.groups.canReadContent(scope, buy.groupId)))) return null;
    return buy;
  }

  private async visible(scope: Scope, id: string, field: string): Promise<GroupBuyRecord> {
    const buy = await this.visibleOrNull(scope, id, field);
    if (!buy) throw notFound('Group buy', field);
    return buy;
  }

  private async offerOrThrow(scope: Scope, id: string, field: string): Promise<GroupBuyOfferRecord> {
    const offer = await groupBuyLoaders(scope).groupBuyOfferById.load(requireId(id, field));
    if (!offer) throw notFound('Group-buy offer', field);
    return offer;
  }

  /**
   * A merchant offers group buys on its own product: the price, size, number of groups and time
   * are the merchant's. Ownership and the price are checked again under the product's lock.
   */
  async createOffer(scope: Scope, input: CreateGroupBuyOfferInput): Promise<GroupBuyOfferRecord> {
    const viewer = await scope.requireViewer();
    const productId = requireId(input.productId, 'productId');
    const groupPrice = requireIntInRange(input.groupPrice, 'groupPrice', 1, MAX_GROUP_PRICE_MINOR);
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
    const product = await commerceLoaders(scope).productById.load(productId);
    if (!product) throw notFound('Product', 'productId');
    requireRole(viewer, [Role.MERCHANT, Role.ADMIN], 'Only the product\'s merchant can offer group buys on it');
    const mayOffer = isAdmin(viewer) || (isMerchant(viewer) && product.merchantId === viewer.id);
    if (!mayOffer) throw forbidden('Only the product\'s merchant can offer group buys on it');
    const belowPrice = (price: number) => badInput('groupPrice', `must be below the product price of ${price}`);
    if (groupPrice >= product.priceMinor) throw belowPrice(product.priceMinor);
    const id = randomUUID();
    const created = await this.deps.repo(scope).createOffer({ id, productId, viewerId: viewer.id, groupPrice, requiredSize, maxGroups, windowHours, endsAt, maxLiveOffers: MAX_LIVE_OFFERS_PER_PRODUCT, now });
    switch (created?.outcome) {
      case undefined:
        throw notFound('Product', 'productId');
      case 'FORBIDDEN':
        throw forbidden('Only the product\'s merchant can offer group buys on it');
      case 'PRICE_NOT_BELOW':
        throw belowPrice(created.priceMinor);
      case 'TOO_MANY_OFFERS':
        throw badInput('productId', `at most ${MAX_LIVE_OFFERS_PER_PRODUCT} live group-buy offers per product`, UserErrorCode.LIMIT_REACHED);
    }
    groupBuyLoaders(scope).liveOfferIdsByProductId.clear(productId);
    return (await groupBuyLoaders(scope).groupBuyOfferById.load(id))!;
  }

  /** No new groups start from a closed offer; groups already running keep their time. */
  async closeOffer(scope: Scope, id: string): Promise<GroupBuyOfferRecord> {
    const viewer = await scope.requireViewer();
    const offer = await this.offerOrThrow(scope, id, 'offerId');
    const allowed = await this.deps.repo(scope).closeOffer(offer.id, viewer.id, Date.now());
    if (allowed === null) throw notFound('Group-buy offer', 'offerId');
    if (!allowed) throw forbidden('Only the product\'s merchant can close its offers');
    groupBuyLoaders(scope).groupBuyOfferById.clear(offer.id);
    groupBuyLoaders(scope).liveOfferIdsByProductId.clear(offer.productId);
    return (await groupBuyLoaders(scope).groupBuyOfferById.load(offer.id))!;
  }

  /** A lookup: null for an unknown offer. */
  async offer(scope: Scope, id: string): Promise<GroupBuyOfferRecord | null> {
    return groupBuyLoaders(scope).groupBuyOfferById.load(requireId(id, 'id'));
  }

  async liveOffers(scope: Scope, productId: string): Promise<GroupBuyOfferRecord[]> {
    const ids = await groupBuyLoaders(scope).liveOfferIdsByProductId.load(productId);
    return loaded(await groupBuyLoaders(scope).groupBuyOfferById.loadMany(ids));
  }

  /**
   * Starts a group from a merchant's offer: the offer sets the price, size and time. The starter
   * reserves one unit, their own; the checks below answer the usual cases before anything is
   * written, and the start's transaction checks them all again under its locks.
   */
  async start(scope: Scope, input: StartGroupBuyInput): Promise<GroupBuyRecord> {
    const viewer = await scope.requireViewer();
    const offer = await this.offerOrThrow(scope, input.offerId, 'offerId');
    const groupId = input.groupId == null ? null : requireId(input.groupId, 'groupId');
    const key = input.idempotencyKey == null ? null : requireIdempotencyKey(input.idempotencyKey);
    const now = Date.now();
    // Without a key, the usual refusals are answered before anything is written. With one, they
    // are left to the start's transaction, which claims the key first: a retry after the first
    // start took the last place or unit must get that start back, not a refusal.
    if (!key) {
      if (!offerIsLive(offer, now)) throw badInput('offerId', 'this offer is closed', UserErrorCode.OFFER_CLOSED);
      if (offer.groupCount >= offer.maxGroups) throw badInput('offerId', 'this offer has no groups left', UserErrorCode.GROUP_BUY_FULL);
    }
    const product = await commerceLoaders(scope).productById.load(offer.productId);
    if (!product) throw notFound('Product', 'offerId');
    if (!key && product.stock < 1) throw badInput('offerId', 'the product is out of stock', UserErrorCode.OUT_OF_STOCK);
    if (groupId) await this.deps.groups.checkPost(scope, groupId, '');
    // The starter's share of the product: the other participants' orders are attributed to it.
    const link = await this.deps.referral.share(scope, { productId: product.id }, ShareChannel.IN_APP);
    // Membership, mute and the group's level right for starting are checked again in the start's transaction, under the group's lock.
    const inGroup = (tx: Tx, id: string) => this.deps.groups.groupBuyStartRefusalUnderLock(tx, id, viewer.id, now);
    const started = await this.deps.repo(scope).start({ id: randomUUID(), offerId: offer.id, starterId: viewer.id, shareCode: link.code, groupId, now }, key, inGroup);
    if (!started) throw notFound('Group-buy offer', 'offerId');
    switch (started.outcome) {
      case 'OFFER_CLOSED':
        throw badInput('offerId', 'this offer is closed', UserErrorCode.OFFER_CLOSED);
      case 'NO_GROUPS_LEFT':
        throw badInput('offerId', 'this offer has no groups left', UserErrorCode.GROUP_BUY_FULL);
      case 'ALREADY_IN_GROUP':
        throw badInput('offerId', 'you are already in an open group of this offer', UserErrorCode.ALREADY_MEMBER);
      case 'OUT_OF_STOCK':
        throw badInput('offerId', 'the product is out of stock', UserErrorCode.OUT_OF_STOCK);
      case 'GROUP_REFUSED':
        throw groupBuyStartRefused(started.refusal!);
    }
    commerceLoaders(scope).productById.clear(product.id);
    groupBuyLoaders(scope).groupBuyOfferById.clear(offer.id);
    if (groupId && started.fresh) this.deps.activity.publish(groupId, 'GROUP_BUY_PROGRESS', { actorId: viewer.id, groupBuyId: started.id, detail: 'STARTED' });
    return (await groupBuyLoaders(scope).groupBuyById.load(started.id))!;
  }

  async join(scope: Scope, id: string): Promise<GroupBuyRecord> {
    await scope.requireViewer();
    const { buy, events } = await joinGroupBuy(scope, await this.visible(scope, id, 'groupBuyId'));
    publishAfterCommit(scope, events, { activity: this.deps.activity, events: this.deps.events });
    return buy;
  }

  /** A lookup: null for a group buy that is unknown or in a group the viewer cannot read. */
  async groupBuy(scope: Scope, id: string) {
    return this.visibleOrNull(scope, id, 'id');
  }

  async participants(scope: Scope, buy: GroupBuyRecord) {
    return loaded(await accountLoaders(scope).userById.loadMany(await this.deps.repo(scope).participants(buy.id, MAX_GROUP_SIZE)));
  }

  async progressEvents(scope: Scope, id: string): Promise<AsyncIterable<GroupBuyEvent>> {
    await scope.requireViewer();
    const buy = await this.visible(scope, id, 'id');
    if (buy.groupId) {
      const groupId = buy.groupId;
      liveScopeOf(scope).watchGroup(groupId, () => this.deps.groups.canFollowLive(scope, groupId));
    }
    return guarded(this.deps.events.pubsub.subscribe('GROUP_BUY_PROGRESS', buy.id), async () => {
      scope.resetLoaders();
      return (await scope.viewer()) !== null && (!buy.groupId || (await this.deps.groups.canReadContent(scope, buy.groupId)));
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

/** A start the group refused in its transaction, answered as checkPost answers before it (FORBIDDEN), or the level it needs. */
function groupBuyStartRefused(refusal: GroupBuyStartRefusal): Error {
  switch (refusal.reason) {
    case 'NOT_A_MEMBER':
      return forbidden('Only members can post in this group');
    case 'MUTED':
      return forbidden('You are muted in this group');
    case 'LEVEL_TOO_LOW':
      return badInput('groupId', `starting a group buy in this group needs group level ${refusal.needed}; yours is ${refusal.level}`, UserErrorCode.LEVEL_TOO_LOW);
  }
}
