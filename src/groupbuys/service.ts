import { randomUUID } from 'node:crypto';
import { badInput, notFound } from '../common/errors';
import { requireId, requireIntInRange } from '../common/validate';
import { guarded, GroupBuyEvent, EventBus } from '../events/bus';
import type { Database } from '../db/database';
import type { Logger } from '../server/logger';
import type { Context } from '../server/context';
import { ShareChannel } from '../referral/types';
import { GroupBuyRepository } from './repository';
import type { GroupBuyRecord, StartGroupBuyInput } from './types';

export const MAX_GROUP_BUY_HOURS = 72;

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

  async start(input: StartGroupBuyInput): Promise<GroupBuyRecord> {
    const viewer = await this.ctx.requireViewer();
    const requiredSize = requireIntInRange(input.requiredSize, 'requiredSize', 2, 50);
    const now = Date.now();
    const expiresAt = input.expiresAt instanceof Date ? input.expiresAt.getTime() : NaN;
    if (!Number.isFinite(expiresAt) || expiresAt <= now) throw badInput('expiresAt', 'must be in the future');
    if (expiresAt > now + MAX_GROUP_BUY_HOURS * 3600_000) throw badInput('expiresAt', `must be at most ${MAX_GROUP_BUY_HOURS} hours away`);
    const product = await this.ctx.loaders.productById.load(requireId(input.productId, 'productId'));
    if (!product) throw notFound('Product');
    const groupPrice = requireIntInRange(input.groupPrice, 'groupPrice', 1, product.priceMinor);
    const groupId = input.groupId == null ? null : requireId(input.groupId, 'groupId');
    if (groupId) await this.ctx.groups.checkPost(groupId, '');
    // The starter's share of the product: the other participants' orders are attributed to it.
    const link = await this.ctx.referral.share({ productId: product.id }, ShareChannel.IN_APP);
    const id = randomUUID();
    const started = await this.repo.start({ id, productId: product.id, starterId: viewer.id, groupPrice, requiredSize, expiresAt, shareCode: link.code, groupId, now });
    if (!started) throw badInput('requiredSize', `only ${product.stock} left in stock`);
    this.ctx.loaders.productById.clear(product.id);
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
    }
    this.ctx.loaders.groupBuyById.clear(buy.id);
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
 * Expires group buys whose time is up: no orders, stock back, and an EXPIRED event. Runs on an
 * interval in every API instance; the Cypher locks each buy, so instances do not double-expire.
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
