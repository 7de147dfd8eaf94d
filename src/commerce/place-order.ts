import { randomUUID } from 'node:crypto';
import { badInput, notFound } from '../common/errors';
import { UserErrorCode } from '../common/user-error-code';
import { claimIdempotencyKey } from '../db/idempotency';
import { requireId, requireIntInRange, requireText } from '../common/validate';
import { inTx } from '../db/in-tx';
import type { Tx } from '../db/database';
import type { AfterCommit } from '../events/after-commit';
import { CommissionRepository, type CommissionStatus } from '../commissions/repository';
import { commissionsFor, orderFindings } from '../commissions/rules';
import { ReferralRepository } from '../referral/repository';
import { newShareCode, requireVisitorId } from '../referral/service';
import { ShareChannel } from '../referral/types';
import type { Touch } from '../referral/attribution';
import { groupLoaders } from '../groups/loaders';
import type { Scope } from '../accounts/scope';
import type { Config } from '../config';
import type { ContentVisibility } from '../content/access';
import type { GroupAccess } from '../groups/access';
import type { ReferralService } from '../referral/service';
import type { ConversationService } from '../conversations/service';
import type { LiveOrders } from '../live/access';
import { FlashSoldOutChoice } from '../live/types';
import { PointEarnings } from '../points/earnings';
import { CommerceRepository, type StockRow } from './repository';
import type { PlaceOrderInput } from './types';
import { applyOrderCoupons, orderCoupons } from '../coupons/order-coupons';
import type { CouponService } from '../coupons/service';

export const MAX_ORDER_LINES = 20;
export const MAX_QTY = 999;

/** The domains placing an order writes in, over one transaction. */
function orderTx(tx: Tx) {
  return { commerce: inTx(tx, CommerceRepository), referral: inTx(tx, ReferralRepository), commissions: inTx(tx, CommissionRepository) };
}

export interface PlaceOrderDeps {
  config: Config;
  content: ContentVisibility;
  groups: Pick<GroupAccess, 'canReadContent'>;
  referral: Pick<ReferralService, 'orderTouchpoints'>;
  /** The DM touchpoint of an order bought from a product card in a message. */
  directMessages: Pick<ConversationService, 'cardTouch'>;
  /** An order placed in a live room: its LIVE touchpoint, the host's link and the pin's flash price. */
  live: LiveOrders;
  /** The coupons an order takes (couponIds): seen by the buyer, priced and used in the order's transaction. */
  coupons: Pick<CouponService, 'coupon'>;
}

/**
 * Place order: stock, price snapshot, touchpoints, fraud checks and the commissions of the
 * referral chain all commit together in one transaction, or nothing does. Placing again with the
 * same idempotency key answers the order already placed. Returns the order's id and, for a new
 * order through a share link, what its sharer hears after commit.
 */
export async function placeOrder(
  deps: PlaceOrderDeps,
  scope: Scope,
  input: PlaceOrderInput,
): Promise<{ orderId: string; events: AfterCommit[]; live: { roomId: string; purchases: number; flashLeft: number | null } | null }> {
  const viewer = await scope.requireViewer();
  const { config } = deps;
  const clientKey = requireText(input.idempotencyKey, 'idempotencyKey', { min: 1, max: 100 });
  const items = orderItems(input.items);
  const context = input.context ?? {};
  const noteId = context.noteId == null ? null : requireId(context.noteId, 'context.noteId');
  const groupId = context.groupId == null ? null : requireId(context.groupId, 'context.groupId');
  const visitorId = context.visitorId == null ? null : requireVisitorId(context.visitorId, 'context.visitorId');
  const messageId = context.messageId == null ? null : requireId(context.messageId, 'context.messageId');
  const liveRoomId = context.liveRoomId == null ? null : requireId(context.liveRoomId, 'context.liveRoomId');
  const payRegularPriceIfGone = (context.ifFlashSoldOut ?? FlashSoldOutChoice.REFUSE) === FlashSoldOutChoice.PAY_REGULAR_PRICE;

  const now = Date.now();
  const coupons = await orderCoupons(scope, deps.coupons, viewer.id, input.couponIds, now);
  const couponIds = coupons.coupons.map((c) => c.id);
  const touchpoints: Touch[] = [];
  if (noteId != null) {
    const note = await deps.content.visibleNote(scope, noteId);
    if (!note) throw notFound('Note', 'context.noteId');
    touchpoints.push({ kind: 'NOTE', ref: note.id, at: now });
  }
  if (groupId != null) {
    await requireGroupToBuyIn(deps, scope, groupId);
    touchpoints.push({ kind: 'GROUP', ref: groupId, at: now });
  }
  touchpoints.unshift(
    ...(await deps.referral.orderTouchpoints(scope, {
      buyerId: viewer.id,
      visitorId,
      productIds: items.map((i) => i.productId),
      groupId,
      shareCode: context.shareCode ?? null,
      since: now - config.attributionWindowDays * 24 * 3600_000,
      now,
    })),
  );
  if (messageId != null) {
    const since = now - config.attributionWindowDays * 24 * 3600_000;
    const card = await deps.directMessages.cardTouch(scope, messageId, { buyerId: viewer.id, productIds: items.map((i) => i.productId), since });
    if (card) touchpoints.push(card);
  }
  const live = liveRoomId == null ? null : await deps.live.orderContext(scope, liveRoomId, items.map((i) => i.productId), payRegularPriceIfGone);
  if (live) touchpoints.push({ kind: 'LIVE', ref: live.roomId, at: now });
  // A community's room is in the community: its orders are placed in the group (groupStats count them).
  if (live?.groupId && groupId === null) touchpoints.push({ kind: 'GROUP', ref: live.groupId, at: now });
  // The order is credited to the link of its last share-link touch (a DM card's is one too); an
  // order placed in a live room, to the host's LIVE link (found in the order's transaction): the
  // room is where the buyer bought.
  const linkCode = [...touchpoints].filter((t) => t.kind === 'SHARE_LINK' || t.kind === 'DIRECT_MESSAGE').sort((a, b) => a.at - b.at).pop()?.ref ?? null;
  const id = randomUUID();

  return scope.db.writeTx(async (tx) => {
    const t = orderTx(tx);
    const lock = await t.commerce.lockBuyer(viewer.id, clientKey);
    if (!lock) throw notFound('User');
    // The same key with a different input is refused (IDEMPOTENCY_KEY_REUSED); with the same input
    // it answers the order it placed. Orders placed before keys were claimed are found by clientKey.
    const claim = await claimIdempotencyKey(tx, { actorId: viewer.id, operation: 'placeOrder', key: clientKey, input: { items, context: { noteId, groupId, visitorId, shareCode: context.shareCode ?? null, messageId: messageId ?? undefined, liveRoomId: liveRoomId ?? undefined, payRegularPriceIfGone: liveRoomId ? payRegularPriceIfGone : undefined }, couponIds: couponIds.length ? couponIds : undefined } });
    if (!claim.fresh) return { orderId: claim.resultId, events: [], live: null };
    if (lock.existingId) {
      await claim.complete(lock.existingId);
      return { orderId: lock.existingId, events: [], live: null };
    }
    // Everything that needs no product lock runs before it: the key is completed now (a refusal
    // rolls it back with the rest), and a share-link order's chain and fraud facts are read now.
    await claim.complete(id);
    const viaCode = live
      ? (await t.referral.share({ sharerId: live.hostId, targetType: 'PRODUCT', targetId: live.creditedProductId, channel: ShareChannel.LIVE, campaign: null, code: newShareCode(), now })).code
      : linkCode;
    const referral = viaCode ? await referralFacts(t, viewer.id, viaCode, now) : null;

    // The products' locks: from here to the commit, as few statements as the order needs.
    const placed = await t.commerce.placeOrder({ id, buyerId: viewer.id, clientKey, now, items, touchpoints, viaCode, flash: live?.flash ?? null, liveRoomId: live?.roomId ?? null });
    if (placed.flashRefused) throw badInput('context.ifFlashSoldOut', 'the flash price is gone: its units are sold, its time is up or the product was unpinned', UserErrorCode.FLASH_SOLD_OUT);
    const { merchantId, currency, totalMinor: subtotalMinor, lines } = priced(items, placed.rows);
    // priced() refuses exactly what the statement did not place; anything else is a bug, not a refusal.
    if (!placed.placeable) throw new Error('placeOrder: the order statement refused an order its lines allow');
    // Coupons price the lines as read under the products' locks; commissions are on what is paid.
    const pricing = await applyOrderCoupons(tx, coupons, { id, buyerId: viewer.id, merchantId, currency, lines, now });
    const totalMinor = pricing?.totalMinor ?? subtotalMinor;
    const inRoom = live ? { roomId: live.roomId, purchases: placed.roomOrders ?? 0, flashLeft: placed.flashApplied ? placed.flashLeft : null } : null;
    if (!referral) return { orderId: id, events: [], live: inRoom };

    const { chain, direct } = referral;
    const findings = orderFindings({ ...referral.facts, chain, maxOrdersPerLinkPerMinute: config.fraudMaxOrdersPerLinkPerMinute, liveRoomViewers: live?.viewers ?? null, liveOrdersPer100ViewersPerMinute: config.fraudLiveOrdersPer100ViewersPerMinute });
    await t.commissions.createFlags('ORDER', id, viaCode!, findings, now);
    const rates = await t.commissions.currentRateSet(merchantId, direct.campaign);
    if (rates) {
      const status: CommissionStatus = findings.length ? 'HELD' : 'PENDING';
      await t.commissions.createCommissions(id, currency, rates.id, status, commissionsFor(chain, rates, totalMinor, viewer.id), now);
    }
    // A referral that converts earns its sharer points now, unless fraud checks flagged the order:
    // then once every flag on it is found legitimate (decideFraudFlag).
    const earned = findings.length ? [] : await PointEarnings.orderPlaced(tx, { orderId: id, buyerId: viewer.id, merchantId, sharerId: direct.sharerId, groupBuyId: null }, now);
    // The sharer hears that their link sold, not who bought: purchases are private (README, Privacy).
    const sold: AfterCommit = { to: 'sharer', sharerId: direct.sharerId, event: { kind: 'ORDER', code: viaCode!, at: now, userId: null, orderId: id } };
    return { orderId: id, events: [sold, ...earned], live: inRoom };
  });
}

/**
 * What the fraud checks of a share-link order need, read before the products are locked: the
 * link's chain, whether the buyer invited its sharer, and the link's orders in the last minute,
 * counting this one (which is placed later in the same transaction).
 */
async function referralFacts(t: ReturnType<typeof orderTx>, buyerId: string, viaCode: string, now: number) {
  const chain = await t.referral.upstreamLinks(viaCode);
  const direct = chain[0]!;
  const facts = {
    buyerId,
    buyerInvitedSharer: await t.referral.buyerInvitedSharer(buyerId, direct.sharerId),
    ordersThroughLinkLastMinute: (await t.referral.ordersThroughLinkSince(viaCode, now - 60_000)) + 1,
  };
  return { chain, direct, facts };
}

function orderItems(given: PlaceOrderInput['items']): { productId: string; qty: number }[] {
  if (!Array.isArray(given) || given.length === 0) throw badInput('items', 'must not be empty');
  if (given.length > MAX_ORDER_LINES) throw badInput('items', `at most ${MAX_ORDER_LINES} lines`);
  const items: { productId: string; qty: number }[] = [];
  given.forEach((item, i) => {
    const productId = requireId(item.productId, `items[${i}].productId`);
    const qty = requireIntInRange(item.qty, `items[${i}].qty`, 1, MAX_QTY);
    if (items.some((it) => it.productId === productId)) throw badInput(`items[${i}].productId`, 'each product may appear once');
    items.push({ productId, qty });
  });
  return items;
}

/** The order's lines at today's prices, from one merchant in one currency, with enough in stock. */
function priced(items: { productId: string; qty: number }[], rows: StockRow[]) {
  const byId = new Map(rows.map((r) => [r.productId, r]));
  const lines = items.map((item, i) => {
    const row = byId.get(item.productId);
    if (!row || !row.merchantId) throw notFound(`Product ${item.productId}`, `items[${i}].productId`);
    if (item.qty > row.stock) throw badInput(`items[${i}].qty`, row.stock === 0 ? 'the product is out of stock' : `only ${row.stock} left in stock`, UserErrorCode.OUT_OF_STOCK);
    return { ...item, unitPriceMinor: row.priceMinor, currency: row.currency, merchantId: row.merchantId };
  });
  const merchantId = lines[0]!.merchantId;
  const currency = lines[0]!.currency;
  lines.forEach((line, i) => {
    if (line.merchantId !== merchantId) throw badInput(`items[${i}].productId`, 'all items of an order must come from one merchant');
    if (line.currency !== currency) throw badInput(`items[${i}].productId`, 'all items of an order must be in one currency');
  });
  const totalMinor = lines.reduce((sum, l) => sum + l.qty * l.unitPriceMinor, 0);
  return { lines: lines.map(({ productId, qty, unitPriceMinor }) => ({ productId, qty, unitPriceMinor })), merchantId, currency, totalMinor };
}

/**
 * An order placed in a group needs read access to the group's content (OPEN: not banned;
 * CLOSED and SECRET: members). Any other group, like an archived or unknown one, is NOT_FOUND in
 * the same words, so the answer never tells a secret group exists.
 */
async function requireGroupToBuyIn(deps: PlaceOrderDeps, scope: Scope, groupId: string): Promise<void> {
  const group = await groupLoaders(scope).groupById.load(groupId);
  if (!group || group.archivedAt !== null || !(await deps.groups.canReadContent(scope, groupId))) throw notFound('Group', 'context.groupId');
}
