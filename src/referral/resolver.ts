import { Arg, createUnionType, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { DateTimeISOResolver } from 'graphql-scalars';
import { User } from '../accounts/types';
import { PeriodInput } from '../common/period';
import { Note } from '../content/types';
import { Product } from '../commerce/types';
import { Group } from '../groups/types';
import type { ReferralActivityEvent } from '../events/bus';
import { AttributionModel } from './attribution';
import type { ShareLinkRecord, TreeRow } from './repository';
import {
  Cascade,
  ChannelStats,
  InviteHop,
  OrderAttribution,
  ReferralActivity,
  ReferralActivityKind,
  ReferralChain,
  ReferralTree,
  ReferralTreeNodeConnection,
  TREE_PAGE,
  ReferrerStats,
  SHARE_CHANNEL_COUNT,
  ShareLink,
} from './types';
import { accountLoaders } from '../accounts/loaders';
import { commerceLoaders } from '../commerce/loaders';
import { ContentService } from '../content/service';
import { GroupService } from '../groups/service';
import { CommerceService } from '../commerce/service';
import { instanceOf } from '../request/scope';
import { referralLoaders } from './loaders';
import { DEFAULT_TOP_REFERRERS, MAX_INVITE_CHAIN_DEPTH, MAX_TOP_REFERRERS, MAX_TREE_DEPTH, ReferralService } from './service';
import { nullIfNotFound } from '../commerce/lookup';
import type { PayloadResult } from '../common/user-errors';
import { OpenShareLinkInput, OpenShareLinkPayload, ShareInput, SharePayload } from './payloads';
import type { Scope } from '../accounts/scope';

const FIGURES = 'with visits, sign-ups, buyers, orders and GMV per link and per depth';
const MAX_DEPTH = `How many re-share hops below the root links to follow: 0 to ${MAX_TREE_DEPTH}. Default ${MAX_TREE_DEPTH}.`;

export const ShareTarget = createUnionType({
  name: 'ShareTarget',
  description: 'What a share link points at: a note, a product or a group.',
  types: () => [Note, Product, Group] as const,
  resolveType: (value) => ('priceMinor' in value ? 'Product' : 'memberCount' in value ? 'Group' : 'Note'),
});

/** A tree's nodes, a page at a time, out of the rows its lookup read. */
@Resolver(() => ReferralTree)
export class ReferralTreeResolver {
  constructor(readonly referralService: ReferralService) {}

  @FieldResolver(() => ReferralTreeNodeConnection, { description: "The tree's links, shallowest first, then oldest first." })
  nodes(
    @Root() tree: { rows: TreeRow[] },
    @Ctx() ctx: Scope,
    @Arg('first', () => Int, { nullable: true, defaultValue: TREE_PAGE.default, description: `How many links. Default ${TREE_PAGE.default}, at most ${TREE_PAGE.max}.` }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: 'The endCursor of the previous page.' }) after?: string | null,
  ) {
    return this.referralService.treeNodes(ctx, tree.rows, first ?? TREE_PAGE.default, after);
  }
}

@Resolver(() => ShareLink)
export class ReferralResolver {
  constructor(
    readonly referralService: ReferralService,
    readonly contentService: ContentService,
    readonly groupsService: GroupService,
    readonly commerceService: CommerceService,
    /** Share links point at the public site. */
    private readonly publicBaseUrl: string,
  ) {}

  @Mutation(() => SharePayload, {
    description: 'Shares a note, product or group on a channel. If the viewer arrived through someone else\'s link to the same target, the new link is its re-share (parent). Sharing the same target on the same channel again returns the same link. DIRECT_MESSAGE is refused (INVALID): those links are made by sending a product card.',
  })
  async share(@Ctx() ctx: Scope, @Arg('input', () => ShareInput, { description: 'What to share, and where.' }) input: ShareInput): Promise<PayloadResult<SharePayload>> {
    return { shareLink: await this.referralService.share(ctx, input.target, input.channel, input.campaign) };
  }

  @Mutation(() => OpenShareLinkPayload, {
    description: 'Records a visit through a share link, by the signed-in viewer or an anonymous visitorId. Pass the same visitorId to signUp to credit the invite.',
  })
  async openShareLink(@Ctx() ctx: Scope, @Arg('input', () => OpenShareLinkInput, { description: 'The link and the visitor.' }) input: OpenShareLinkInput): Promise<PayloadResult<OpenShareLinkPayload>> {
    return { shareLink: await this.referralService.open(ctx, input.shareCode, input.visitorId) };
  }

  @Query(() => ShareLink, { nullable: true, description: 'A share link by its code; null when no link has it. Anyone may read a link: what it points at resolves (target) only when the viewer may see it.' })
  async shareLink(@Ctx() ctx: Scope, @Arg('code', { description: 'The share code (10 letters and digits), as in the link and ShareLink.code.' }) code: string) {
    return this.referralService.linkByCode(ctx, code).catch(() => null);
  }

  @Query(() => ReferralChain, { nullable: true, description: 'The people from the first sharer to the buyer of an order, with the link, channel and time of each hop; null for an order the viewer may not see.' })
  referralChain(@Ctx() ctx: Scope, @Arg('orderId', () => ID, { description: 'The order whose chain to read (its buyer, its merchant, growth staff and admins may).' }) orderId: string) {
    return nullIfNotFound(this.referralService.referralChain(ctx, orderId));
  }

  // One lookup field per key (issue 22): each kind of root is its own field with one required key,
  // all answering the same ReferralTree, null for a root that is missing or that the viewer may not see.
  @Query(() => ReferralTree, {
    nullable: true,
    description: `The referral tree of every chain a user started (their links that re-share no one else's, and the links shared on from them), ${FIGURES}. For the user themself and growth staff (FORBIDDEN for others); empty for a user who shared nothing.`,
  })
  referralTreeOfUser(
    @Ctx() ctx: Scope,
    @Arg('userId', () => ID, { description: 'The sharer whose links root the tree.' }) userId: string,
    @Arg('maxDepth', () => Int, { defaultValue: MAX_TREE_DEPTH, description: MAX_DEPTH }) maxDepth: number,
  ) {
    return nullIfNotFound(this.referralService.referralTree(ctx, { userId }, maxDepth));
  }

  @Query(() => ReferralTree, {
    nullable: true,
    description: `The referral tree grown from one share link (it and the links shared on from it), ${FIGURES}. For its sharer and growth staff (FORBIDDEN for others); null for an unknown code or a link into a group the viewer may not see.`,
  })
  referralTreeOfShareLink(
    @Ctx() ctx: Scope,
    @Arg('shareCode', () => String, { description: 'The share code of the root link (ShareLink.code).' }) shareCode: string,
    @Arg('maxDepth', () => Int, { defaultValue: MAX_TREE_DEPTH, description: MAX_DEPTH }) maxDepth: number,
  ) {
    return nullIfNotFound(this.referralService.referralTree(ctx, { shareCode }, maxDepth));
  }

  @Query(() => ReferralTree, {
    nullable: true,
    description: `The referral trees of every share of a note, ${FIGURES}. For its author and growth staff (FORBIDDEN for others); null for a note that is missing or that the viewer may not see.`,
  })
  referralTreeOfNote(
    @Ctx() ctx: Scope,
    @Arg('noteId', () => ID, { description: 'The note whose share links root the tree.' }) noteId: string,
    @Arg('maxDepth', () => Int, { defaultValue: MAX_TREE_DEPTH, description: MAX_DEPTH }) maxDepth: number,
  ) {
    return nullIfNotFound(this.referralService.referralTree(ctx, { noteId }, maxDepth));
  }

  @Query(() => ReferralTree, {
    nullable: true,
    description: `The referral trees of every share of a product, ${FIGURES}. For its merchant and growth staff (FORBIDDEN for others); null for an unknown product.`,
  })
  referralTreeOfProduct(
    @Ctx() ctx: Scope,
    @Arg('productId', () => ID, { description: 'The product whose share links root the tree.' }) productId: string,
    @Arg('maxDepth', () => Int, { defaultValue: MAX_TREE_DEPTH, description: MAX_DEPTH }) maxDepth: number,
  ) {
    return nullIfNotFound(this.referralService.referralTree(ctx, { productId }, maxDepth));
  }

  @Query(() => Cascade, {
    nullable: true,
    description: 'How a note spread through its share links: hops, breadth and conversion per hop, and the fission coefficient. For its author and growth staff (FORBIDDEN for others); null for a note that is missing or that the viewer may not see.',
  })
  cascadeOfNote(@Ctx() ctx: Scope, @Arg('noteId', () => ID, { description: 'The note whose share cascade to trace.' }) noteId: string) {
    return nullIfNotFound(this.referralService.cascade(ctx, { noteId }));
  }

  @Query(() => Cascade, {
    nullable: true,
    description: 'How a product spread through its share links: hops, breadth and conversion per hop, and the fission coefficient. For its merchant and growth staff (FORBIDDEN for others); null for an unknown product.',
  })
  cascadeOfProduct(@Ctx() ctx: Scope, @Arg('productId', () => ID, { description: 'The product whose share cascade to trace.' }) productId: string) {
    return nullIfNotFound(this.referralService.cascade(ctx, { productId }));
  }

  @Query(() => [InviteHop], {
    description: `Who invited whom, from the root inviter down to the user (the user themself, or growth staff): at most ${MAX_INVITE_CHAIN_DEPTH + 1} hops, the user and at most ${MAX_INVITE_CHAIN_DEPTH} inviters above them.`,
  })
  inviteChain(@Ctx() ctx: Scope, @Arg('userId', () => ID, { description: 'The invited user whose chain to trace.' }) userId: string) {
    return this.referralService.inviteChain(ctx, userId);
  }

  @Query(() => OrderAttribution, { nullable: true, description: 'Credit for an order split over its touchpoints inside the attribution window; null for an order the viewer may not see.' })
  orderAttribution(
    @Ctx() ctx: Scope,
    @Arg('orderId', () => ID, { description: 'The order to attribute (its buyer, its merchant, growth staff and admins may read it).' }) orderId: string,
    @Arg('model', () => AttributionModel, { defaultValue: AttributionModel.LAST_TOUCH, description: "How the order's total is split over its touchpoints. Default LAST_TOUCH." }) model: AttributionModel,
  ) {
    return nullIfNotFound(this.referralService.orderAttribution(ctx, orderId, model));
  }

  @Query(() => [ReferrerStats], { description: `Sharers ranked by the GMV of orders through their links (growth staff): a top list of at most ${MAX_TOP_REFERRERS}, the highest first.` })
  topReferrers(
    @Ctx() ctx: Scope,
    @Arg('period', () => PeriodInput, { nullable: true, description: 'The days whose orders count (the last 30 days without it).' }) period?: PeriodInput | null,
    @Arg('first', () => Int, { defaultValue: DEFAULT_TOP_REFERRERS, description: `How many sharers. Default ${DEFAULT_TOP_REFERRERS}, at most ${MAX_TOP_REFERRERS}.` }) first?: number,
  ) {
    return this.referralService.topReferrers(ctx, period, first ?? DEFAULT_TOP_REFERRERS);
  }

  @Query(() => [ChannelStats], {
    description: `Links, visits, sign-ups, orders and conversion per share channel (growth staff): one row per ShareChannel value, so at most ${SHARE_CHANNEL_COUNT}.`,
  })
  conversionByChannel(
    @Ctx() ctx: Scope,
    @Arg('period', () => PeriodInput, { nullable: true, description: 'The days counted (the last 30 days without it).' }) period?: PeriodInput | null,
  ) {
    return this.referralService.conversionByChannel(ctx, period);
  }

  @Subscription(() => ReferralActivity, {
    description: "A sharer's visits, sign-ups and orders as they happen, through any of their links. Only the sharer themself or growth staff may subscribe.",
    subscribe: ({ args, context }) => instanceOf(context as Scope, ReferralResolver).referralService.activity(context as Scope, args.userId as string),
  })
  async referralActivity(@Root() event: ReferralActivityEvent, @Ctx() ctx: Scope, @Arg('userId', () => ID, { description: 'The sharer whose activity to follow.' }) _userId: string): Promise<ReferralActivity> {
    return {
      kind: event.kind as ReferralActivityKind,
      shareCode: event.code,
      createdAt: new Date(event.at),
      user: event.userId ? await accountLoaders(ctx).userById.load(event.userId) : null,
      orderId: event.orderId,
      // The subscriber sees the order only by the order lookup's own rule (buyer, merchant, admins).
      order: event.orderId ? await nullIfNotFound(this.commerceService.order(ctx, event.orderId)) : null,
    };
  }

  @FieldResolver(() => String, { description: 'The address to share.' })
  url(@Root() link: ShareLinkRecord) {
    return `${this.publicBaseUrl}/s/${link.code}`;
  }

  // A link's code is unique and never changes (migration 004's constraint), so it is the link's id too.
  @FieldResolver(() => ID, { description: "The link's id: the same string as its code, unique and never changing." })
  id(@Root() link: ShareLinkRecord) {
    return link.code;
  }

  @FieldResolver(() => User, { description: 'Who shared the link.' })
  sharer(@Root() link: ShareLinkRecord, @Ctx() ctx: Scope) {
    return accountLoaders(ctx).userById.load(link.sharerId);
  }

  @FieldResolver(() => ShareLink, { nullable: true, description: 'The link the sharer came through, for a re-share.' })
  parent(@Root() link: ShareLinkRecord, @Ctx() ctx: Scope) {
    return link.parentCode ? referralLoaders(ctx).shareLinkByCode.load(link.parentCode) : null;
  }

  @FieldResolver(() => ShareTarget, { nullable: true, description: 'The shared note or product; null when the viewer may not see it.' })
  async target(@Root() link: ShareLinkRecord, @Ctx() ctx: Scope) {
    if (link.targetType === 'NOTE') return this.contentService.visibleNote(ctx, link.targetId);
    if (link.targetType === 'PRODUCT') return commerceLoaders(ctx).productById.load(link.targetId);
    return this.groupsService.group(ctx, link.targetId).catch(() => null);
  }

  @FieldResolver(() => DateTimeISOResolver, { description: 'When the sharer created the link.' })
  createdAt(@Root() link: ShareLinkRecord) {
    return new Date(link.createdAt);
  }
}
