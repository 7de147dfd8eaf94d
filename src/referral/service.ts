import { randomBytes, randomUUID } from 'node:crypto';
import { Neo4jError } from 'neo4j-driver';
import { badInput, forbidden, notFound } from '../common/errors';
import { nullIfNotFound } from '../commerce/lookup';
import { requireId, requireIntInRange } from '../common/validate';
import { money, type Money } from '../common/money';
import { gmvOf } from '../common/gmv';
import { isSelfOrStaff, isStaff, requireSelfOrStaff, requireStaff } from '../common/roles';
import { periodOf, PeriodInput } from '../common/period';
import { guarded, ReferralActivityEvent } from '../events/bus';
import type { UserRecord } from '../accounts/types';
import { canSeeGroup } from '../groups/permissions';
import { attribute, AttributionModel, creditRefusal, Touch } from './attribution';
import type { ChainLinkRow, ReferralRepository, ShareLinkRecord, TargetType, TreeRow } from './repository';
import { ShareChannel, ShareTargetInput, TREE_PAGE } from './types';
import { encodeCursor, offsetAfter, pageRequest } from '../common/pagination';
import { connectionOf, loaded } from '../common/connection';
import { pageOfList } from './pages';
import { accountLoaders } from '../accounts/loaders';
import { commerceLoaders } from '../commerce/loaders';
import { contentLoaders } from '../content/loaders';
import { groupLoaders } from '../groups/loaders';
import { referralLoaders } from './loaders';
import type { Scope } from '../accounts/scope';
import type { EventBus } from '../events/bus';
import type { ContentVisibility } from '../content/access';
import type { GroupAccess } from '../groups/access';
import type { CacheInvalidation } from '../events/invalidation';

const CODE = /^[A-Za-z0-9]{6,16}$/;
const VISITOR_ID = /^[A-Za-z0-9_-]{8,64}$/;
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
export const MAX_TREE_DEPTH = 10;
/** topReferrers' page: a top list, not something to page through. */
export const DEFAULT_TOP_REFERRERS = 10;
export const MAX_TOP_REFERRERS = 100;
/** How many invitations up an invite chain is traced: the INVITED*1..50 of cypher/referral/invite-chain.cypher. */
export const MAX_INVITE_CHAIN_DEPTH = 50;
/** 10 characters from a 56-letter alphabet without look-alikes (0/O, 1/l/I): about 58 bits. */
export function newShareCode(): string {
  const bytes = randomBytes(10);
  return [...bytes].map((b) => ALPHABET[b % ALPHABET.length]).join('');
}

const CAMPAIGN = /^[a-z0-9][a-z0-9_-]{1,39}$/;

/** Campaign tags are lower-case slugs such as "double11-2026". */
export function requireCampaign(value: string, field = 'campaign'): string {
  if (typeof value !== 'string' || !CAMPAIGN.test(value)) throw badInput(field, 'must be 2 to 40 lower-case letters, digits, - or _');
  return value;
}

export function requireVisitorId(value: string, field = 'visitorId'): string {
  if (typeof value !== 'string' || !VISITOR_ID.test(value)) throw badInput(field, 'must be 8 to 64 letters, digits, - or _');
  return value;
}

/** What spread: a note or a product (each has its own lookup field, cascadeOfNote and cascadeOfProduct). */
export type SpreadKey = { noteId: string } | { productId: string };

/** Where a referral tree starts: every link a user shared, one link, or every link to a note or product. */
export type TreeRoot = { userId: string } | { shareCode: string } | SpreadKey;

/** What a chain's lookup answers: the links read whole, the buyer; ReferralChain.hops pages them. */
export interface ReferralChainRoot {
  links: ChainLinkRow[];
  buyerId: string;
  orderedAt: number;
  length: number;
}

interface Stats {
  links: number;
  visits: number;
  signUps: number;
  buyers: number;
  orders: number;
  gmv: Money[];
}

/** Counts add up; GMV adds up per currency. */
function sumStats(rows: Omit<Stats, 'links'>[]): Stats {
  const t = rows.reduce(
    (t, r) => ({ links: t.links + 1, visits: t.visits + r.visits, signUps: t.signUps + r.signUps, buyers: t.buyers + r.buyers, orders: t.orders + r.orders }),
    { links: 0, visits: 0, signUps: 0, buyers: 0, orders: 0 },
  );
  return { ...t, gmv: gmvOf(rows.flatMap((r) => r.gmv)) };
}

/** What ReferralService needs, named one by one; wired once per process in src/app/services.ts. */
export interface ReferralServiceDeps {
  repo: (scope: Scope) => ReferralRepository;
  events: EventBus;
  content: ContentVisibility;
  groups: Pick<GroupAccess, 'isVisible'>;
  /** A share link counts in its note's shareCount, which instances cache with the note. */
  invalidation: Pick<CacheInvalidation, 'notesChanged'>;
}

export class ReferralService {
  constructor(private readonly deps: ReferralServiceDeps) {}

  /** An unknown (or malformed) share code is NOT_FOUND: codes are typed in by hand and pasted. */
  async linkByCode(scope: Scope, code: string, field = 'code'): Promise<ShareLinkRecord> {
    if (typeof code !== 'string' || !CODE.test(code)) throw notFound('Share link', field);
    const link = await referralLoaders(scope).shareLinkByCode.load(code);
    if (!link || (await this.leadsIntoHiddenGroup(scope, link))) throw notFound('Share link', field);
    return link;
  }

  /**
   * A link as the shareLink lookup shows it, wherever another object names it (a commission, a
   * fraud flag): null for an unknown code and for a link into a group the viewer may not know of.
   */
  async visibleLink(scope: Scope, code: string | null): Promise<ShareLinkRecord | null> {
    return code == null ? null : nullIfNotFound(this.linkByCode(scope, code));
  }

  /**
   * Whether a link leads into a SECRET group the viewer may not know of (the group itself, or a
   * note posted in it): such a link answers as an unknown code would, so a code passed on outside
   * the group does not reveal the group, its notes or their ids. Growth staff still read it.
   */
  private async leadsIntoHiddenGroup(scope: Scope, link: ShareLinkRecord): Promise<boolean> {
    const groupId = link.targetType === 'GROUP' ? link.targetId
      : link.targetType === 'NOTE' ? ((await contentLoaders(scope).noteById.load(link.targetId))?.groupId ?? null)
      : null;
    if (!groupId) return false;
    const [group, standing, viewer] = await Promise.all([groupLoaders(scope).groupById.load(groupId), groupLoaders(scope).standing.load(groupId), scope.viewer()]);
    return group !== null && !canSeeGroup(group.visibility, standing) && !(viewer && isStaff(viewer));
  }

  /**
   * The touchpoints an order may be attributed to, inside the attribution window: the buyer's
   * visits through other people's links to what the order is for (see creditRefusal), their views
   * of notes featuring the products, and the share code given at checkout if it passes the same
   * rule. A code that does not pass is left out: the order is placed, crediting nobody for it.
   */
  async orderTouchpoints(scope: Scope, order: { buyerId: string; visitorId: string | null; productIds: string[]; groupId: string | null; shareCode: string | null; since: number; now: number }): Promise<Touch[]> {
    const visitorIds = order.visitorId ? [order.visitorId] : [];
    const touches = await this.deps.repo(scope).orderTouchpoints({ buyerId: order.buyerId, visitorIds, productIds: order.productIds, groupId: order.groupId, since: order.since });
    if (order.shareCode != null) {
      const link = await this.linkByCode(scope, order.shareCode, 'context.shareCode');
      const opening = await this.deps.repo(scope).linkOpening({ code: link.code, buyerId: order.buyerId, visitorIds, productIds: order.productIds });
      if (opening && creditRefusal(opening, order) === null) touches.push({ kind: 'SHARE_LINK', ref: link.code, at: order.now });
    }
    return touches;
  }

  async share(scope: Scope, target: ShareTargetInput, channel: ShareChannel, campaign?: string | null): Promise<ShareLinkRecord> {
    const viewer = await scope.requireViewer();
    const campaignTag = campaign == null ? null : requireCampaign(campaign);
    // A DM link stands for a card sent: made by that send alone, so the channel's figures are the cards'.
    if (channel === ShareChannel.DIRECT_MESSAGE) throw badInput('channel', 'links for direct messages are made by sending a product card');
    if (channel === ShareChannel.LIVE) throw badInput('channel', 'live links are made by orders placed in a live room');
    const given = (['noteId', 'productId', 'groupId'] as const).filter((k) => target[k] != null);
    if (given.length !== 1) throw badInput('target', 'give exactly one of noteId, productId and groupId');
    const key = given[0]!;
    const targetId = requireId(target[key]!, `target.${key}`);
    const targetType: TargetType = key === 'noteId' ? 'NOTE' : key === 'productId' ? 'PRODUCT' : 'GROUP';
    // A SECRET group the viewer may not see is shared as an unknown one would be: NOT_FOUND.
    const exists = targetType === 'NOTE' ? (await this.deps.content.visibleNote(scope, targetId)) !== null
      : targetType === 'GROUP' ? await this.deps.groups.isVisible(scope, targetId)
      : await this.deps.repo(scope).targetExists(targetType, targetId);
    if (!exists) {
      throw notFound(targetType === 'NOTE' ? 'Note' : targetType === 'PRODUCT' ? 'Product' : 'Group', `target.${key}`);
    }
    for (let attempt = 0; ; attempt++) {
      try {
        const { code } = await this.deps.repo(scope).share({ sharerId: viewer.id, targetType, targetId, channel, campaign: campaignTag, code: newShareCode(), now: Date.now() });
        if (targetType === 'NOTE') this.deps.invalidation.notesChanged([targetId], 'COUNTS');
        return (await referralLoaders(scope).shareLinkByCode.load(code))!;
      } catch (error) {
        // A code collision (about 1 in 2^58 per pair) is retried with a fresh code.
        if (attempt < 2 && error instanceof Neo4jError && error.code === 'Neo.ClientError.Schema.ConstraintValidationFailed') continue;
        throw error;
      }
    }
  }

  /** Records a visit through a link: from the signed-in viewer, or from an anonymous visitor id. */
  async open(scope: Scope, code: string, visitorId: string | null | undefined): Promise<ShareLinkRecord> {
    const viewer = await scope.viewer();
    const visitor = visitorId == null ? null : requireVisitorId(visitorId);
    if (!viewer && !visitor) throw badInput('visitorId', 'is required when not signed in');
    const link = await this.linkByCode(scope, code, 'shareCode');
    const now = Date.now();
    const opened = await this.deps.repo(scope).open(link.code, randomUUID(), viewer?.id ?? null, visitor, now);
    if (!opened) throw notFound('Share link', 'shareCode');
    if (opened.sharerId !== viewer?.id) {
      this.publish(scope, opened.sharerId, { kind: 'VISIT', code: link.code, at: now, userId: viewer?.id ?? null, orderId: null });
    }
    return link;
  }

  publish(scope: Scope, sharerId: string, event: ReferralActivityEvent): void {
    this.deps.events.pubsub.publish('REFERRAL_ACTIVITY', sharerId, event);
  }

  /** Who may see an order's referral data: its buyer, its merchant, growth staff and admins. */
  private async orderForAnalytics(scope: Scope, orderId: string) {
    const viewer = await scope.requireViewer();
    const order = await commerceLoaders(scope).orderById.load(requireId(orderId, 'orderId'));
    if (!order || (order.buyerId !== viewer.id && order.merchantId !== viewer.id && !isStaff(viewer))) throw notFound('Order');
    return order;
  }

  /** The whole chain (it has no depth limit); its hops are read a page at a time (chainHops). */
  async referralChain(scope: Scope, orderId: string): Promise<ReferralChainRoot> {
    const order = await this.orderForAnalytics(scope, orderId);
    const links = order.viaCode ? await this.deps.repo(scope).chainLinks(order.viaCode) : [];
    return { links, buyerId: order.buyerId, orderedAt: order.createdAt, length: links.length };
  }

  /**
   * One page of a chain's hops: its sharers from the first, then the buyer. A hop's cursor is its
   * index along the chain, which never changes: a link's parent is fixed when it is created.
   */
  async chainHops(scope: Scope, chain: ReferralChainRoot, first: number | null | undefined, after: string | null | undefined) {
    const hops: (ChainLinkRow | null)[] = [...chain.links, null];
    const page = pageOfList(hops, { keyOf: (_, i) => i, idOf: (hop) => hop?.code ?? chain.buyerId }, first, after);
    const [links, users] = await Promise.all([
      referralLoaders(scope).shareLinkByCode.loadMany(page.items.flatMap(({ item }) => (item ? [item.code] : []))),
      accountLoaders(scope).userById.loadMany(page.items.map(({ item }) => item?.sharerId ?? chain.buyerId)),
    ]);
    const linkByCode = new Map(loaded(links).map((l) => [l.code, l]));
    const edges = page.items.map(({ cursor, item }, i) => ({
      cursor,
      node: {
        user: users[i] as UserRecord,
        shareLink: item ? (linkByCode.get(item.code) ?? null) : null,
        channel: item ? (item.channel as ShareChannel) : null,
        createdAt: new Date(item ? item.createdAt : chain.orderedAt),
      },
    }));
    return connectionOf(edges, page.hasNextPage, hops.length);
  }

  /** A page of an order's touchpoints, credited over all of them; the order's touches never change, so a cursor is an index. */
  touchpointPage<T extends { ref: string }>(touchpoints: readonly T[], first: number | null | undefined, after: string | null | undefined) {
    const page = pageOfList(touchpoints, { keyOf: (_, i) => i, idOf: (t) => t.ref }, first, after);
    return connectionOf(page.items.map(({ cursor, item }) => ({ cursor, node: item })), page.hasNextPage, touchpoints.length);
  }

  /** A page of a cascade's hops, read whole with its figures; a hop's cursor is its depth. */
  cascadeHops<T extends { depth: number }>(hops: readonly T[], first: number | null | undefined, after: string | null | undefined) {
    const page = pageOfList(hops, { keyOf: (hop) => hop.depth, idOf: (hop) => String(hop.depth) }, first, after);
    return connectionOf(page.items.map(({ cursor, item }) => ({ cursor, node: item })), page.hasNextPage, hops.length);
  }

  async orderAttribution(scope: Scope, orderId: string, model: AttributionModel) {
    const order = await this.orderForAnalytics(scope, orderId);
    const touches = await this.deps.repo(scope).orderTouches(order.id);
    return {
      model,
      touchpoints: attribute(model, touches, order.totalMinor).map(({ creditMinor, at, ...t }) => ({ ...t, credit: money(creditMinor, order.currency), touchedAt: new Date(at) })),
    };
  }

  async referralTree(scope: Scope, root: TreeRoot, maxDepth: number) {
    const viewer = await scope.requireViewer();
    const depth = requireIntInRange(maxDepth, 'maxDepth', 0, MAX_TREE_DEPTH);
    let rootCodes: string[];
    if ('userId' in root) {
      const userId = requireId(root.userId, 'userId');
      requireSelfOrStaff(viewer, userId, "Only growth staff see other people's referral trees");
      rootCodes = await this.deps.repo(scope).rootLinksOfUser(userId);
    } else if ('shareCode' in root) {
      const link = await this.linkByCode(scope, root.shareCode, 'shareCode');
      requireSelfOrStaff(viewer, link.sharerId, "Only growth staff see other people's referral trees");
      rootCodes = [link.code];
    } else {
      const target = await this.spreadTarget(scope, viewer, root, 'referral tree');
      rootCodes = await this.deps.repo(scope).rootLinksOfTarget(target.targetType, target.targetId);
    }
    // The whole tree: its figures cover every link, and nodes(first, after) pages the rows.
    const rows = rootCodes.length ? await this.deps.repo(scope).tree(rootCodes, depth) : [];
    const byDepth = new Map<number, TreeRow[]>();
    for (const row of rows) byDepth.set(row.depth, [...(byDepth.get(row.depth) ?? []), row]);
    return {
      rows,
      depths: [...byDepth.entries()].sort((a, b) => a[0] - b[0]).map(([d, list]) => ({ depth: d, ...sumStats(list) })),
      totals: sumStats(rows),
    };
  }

  /** One page of a tree's nodes (rows in the tree's order), with their links and sharers. */
  async treeNodes(scope: Scope, rows: readonly TreeRow[], first: number | null | undefined, after: string | null | undefined) {
    const { limit, after: position } = pageRequest(first, after, TREE_PAGE.max);
    const skip = offsetAfter(position, rows.length);
    const page = rows.slice(skip, skip + limit);
    const links = await referralLoaders(scope).shareLinkByCode.loadMany(page.map((r) => r.code));
    const sharers = await accountLoaders(scope).userById.loadMany(page.map((r) => r.sharerId));
    const edges = page.map((row, i) => ({
      cursor: encodeCursor({ k: skip + i, id: row.code }),
      node: { ...row, parentShareCode: row.parentCode, gmv: gmvOf(row.gmv), shareLink: links[i], sharer: sharers[i] },
    }));
    return connectionOf(edges, skip + limit < rows.length, rows.length);
  }

  /** How a note or product spread is for its author or merchant and growth staff only. */
  private async spreadTarget(scope: Scope, viewer: UserRecord, key: SpreadKey, what: string) {
    if ('noteId' in key) {
      const targetId = requireId(key.noteId, 'noteId');
      const note = await contentLoaders(scope).noteById.load(targetId);
      if (!note) throw notFound('Note');
      if (!isSelfOrStaff(viewer, note.authorId)) {
        // A note the viewer may not see (in a SECRET group, say) is as unknown to them as a missing one.
        throw (await this.deps.content.canSeeNote(scope, note)) ? forbidden(`Only the author and growth staff see a ${what}`) : notFound('Note');
      }
      return { targetType: 'NOTE' as const, targetId };
    }
    const targetId = requireId(key.productId, 'productId');
    const product = await commerceLoaders(scope).productById.load(targetId);
    if (!product) throw notFound('Product');
    requireSelfOrStaff(viewer, product.merchantId, `Only the merchant and growth staff see a ${what}`);
    return { targetType: 'PRODUCT' as const, targetId };
  }

  async cascade(scope: Scope, key: SpreadKey) {
    const viewer = await scope.requireViewer();
    const { targetType, targetId } = await this.spreadTarget(scope, viewer, key, 'cascade');
    const rows = await this.deps.repo(scope).cascade(targetType, targetId);
    const seeds = new Set(rows.find((r) => r.depth === 0)?.sharerIds ?? []);
    const reached = new Set(rows.flatMap((r) => r.reachedIds).filter((id) => !seeds.has(id)));
    return {
      depth: rows.length ? Math.max(...rows.map((r) => r.depth)) : 0,
      seedSharers: seeds.size,
      reachedUsers: reached.size,
      fissionCoefficient: seeds.size ? Math.round((reached.size / seeds.size) * 1000) / 1000 : 0,
      hops: rows.map((r) => ({
        depth: r.depth,
        links: r.links,
        sharers: r.sharerIds.length,
        visits: r.visits,
        signUps: r.signUps,
        orders: r.orders,
        conversionRate: r.visits ? Math.round((r.orders / r.visits) * 10000) / 10000 : 0,
      })),
    };
  }

  async inviteChain(scope: Scope, userId: string) {
    const viewer = await scope.requireViewer();
    const id = requireId(userId, 'userId');
    requireSelfOrStaff(viewer, id, 'Only growth staff see other people\'s invite chains');
    const chain = await this.deps.repo(scope).inviteChain(id);
    if (!chain) throw notFound('User');
    const users = await accountLoaders(scope).userById.loadMany(chain.ids);
    return chain.ids.map((_, i) => ({
      user: users[i] as UserRecord,
      invitedAt: i === 0 ? null : new Date(chain.hops[i - 1]!.at),
      shareCode: i === 0 ? null : chain.hops[i - 1]!.code,
    }));
  }

  private async requireStaffViewer(scope: Scope) {
    const viewer = await scope.requireViewer();
    requireStaff(viewer, 'Only growth staff and admins can see this');
    return viewer;
  }

  async topReferrers(scope: Scope, period: PeriodInput | null | undefined, first: number) {
    await this.requireStaffViewer(scope);
    const { from, to } = periodOf(period);
    const rows = await this.deps.repo(scope).topReferrers(from, to, requireIntInRange(first, 'first', 1, MAX_TOP_REFERRERS));
    const users = await accountLoaders(scope).userById.loadMany(rows.map((r) => r.sharerId));
    return rows.map((r, i) => ({ ...r, gmv: gmvOf(r.gmv), user: users[i] as UserRecord }));
  }

  async conversionByChannel(scope: Scope, period: PeriodInput | null | undefined) {
    await this.requireStaffViewer(scope);
    const { from, to } = periodOf(period);
    const rows = await this.deps.repo(scope).conversionByChannel(from, to, Object.values(ShareChannel));
    return rows.map((r) => ({ ...r, gmv: gmvOf(r.gmv), channel: r.channel as ShareChannel, conversionRate: r.visits ? Math.round((r.orders / r.visits) * 10000) / 10000 : 0 }));
  }

  /** A sharer's visits, sign-ups and orders as they happen; for the sharer themself and staff. */
  async activity(scope: Scope, userId: string): Promise<AsyncIterable<ReferralActivityEvent>> {
    const viewer = await scope.requireViewer();
    const id = requireId(userId, 'userId');
    requireSelfOrStaff(viewer, id, "Only growth staff see other people's referral activity");
    return guarded(this.deps.events.pubsub.subscribe('REFERRAL_ACTIVITY', id), async () => {
      scope.resetLoaders();
      const current = await scope.viewer();
      return current !== null && isSelfOrStaff(current, id);
    });
  }
}
