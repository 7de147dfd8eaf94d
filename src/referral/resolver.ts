import { Arg, createUnionType, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { DateTimeISOResolver } from 'graphql-scalars';
import { User } from '../accounts/types';
import { PeriodInput } from '../common/period';
import { Note } from '../content/types';
import { Product } from '../commerce/types';
import { Group } from '../groups/types';
import type { Context } from '../server/context';
import type { ReferralActivityEvent } from '../events/bus';
import { AttributionModel } from './attribution';
import type { ShareLinkRecord } from './repository';
import {
  Cascade,
  ChannelStats,
  InviteHop,
  OrderAttribution,
  ReferralActivity,
  ReferralChain,
  ReferralTree,
  ReferrerStats,
  ShareChannel,
  ShareLink,
  ShareTargetInput,
} from './types';

export const ShareTarget = createUnionType({
  name: 'ShareTarget',
  description: 'What a share link points at: a note, a product or a group.',
  types: () => [Note, Product, Group] as const,
  resolveType: (value) => ('priceMinor' in value ? 'Product' : 'memberCount' in value ? 'Group' : 'Note'),
});

@Resolver(() => ShareLink)
export class ReferralResolver {
  @Mutation(() => ShareLink, {
    description: 'Shares a note, product or group on a channel. If the viewer arrived through someone else\'s link to the same target, the new link is its re-share (parent). Sharing the same target on the same channel again returns the same link.',
  })
  share(
    @Ctx() ctx: Context,
    @Arg('target') target: ShareTargetInput,
    @Arg('channel', () => ShareChannel) channel: ShareChannel,
    @Arg('campaign', () => String, { nullable: true, description: 'A campaign tag such as "double11-2026"; campaign commission rates then apply.' }) campaign?: string | null,
  ) {
    return ctx.referral.share(target, channel, campaign);
  }

  @Mutation(() => ShareLink, {
    description: 'Records a visit through a share link, by the signed-in viewer or an anonymous visitorId (8 to 64 of A-Z a-z 0-9 - _). Pass the same visitorId to signUp to credit the invite.',
  })
  openShareLink(@Ctx() ctx: Context, @Arg('code') code: string, @Arg('visitorId', () => String, { nullable: true }) visitorId?: string | null) {
    return ctx.referral.open(code, visitorId);
  }

  @Query(() => ShareLink, { nullable: true })
  async shareLink(@Ctx() ctx: Context, @Arg('code') code: string) {
    return ctx.referral.linkByCode(code).catch(() => null);
  }

  @Query(() => ReferralChain, { description: 'The people from the first sharer to the buyer of an order, with the link, channel and time of each hop.' })
  referralChain(@Ctx() ctx: Context, @Arg('orderId', () => ID) orderId: string) {
    return ctx.referral.referralChain(orderId);
  }

  @Query(() => ReferralTree, {
    description: "The downstream tree of a user's links, of one link, or of every share of a note or product (give exactly one), with visits, sign-ups, buyers, orders and GMV per link and per depth.",
  })
  referralTree(
    @Ctx() ctx: Context,
    @Arg('rootUserId', () => ID, { nullable: true }) rootUserId?: string | null,
    @Arg('shareCode', () => String, { nullable: true }) shareCode?: string | null,
    @Arg('noteId', () => ID, { nullable: true }) noteId?: string | null,
    @Arg('productId', () => ID, { nullable: true }) productId?: string | null,
    @Arg('maxDepth', () => Int, { defaultValue: 10, description: '0 to 10.' }) maxDepth?: number,
  ) {
    return ctx.referral.referralTree({ rootUserId, shareCode, noteId, productId }, maxDepth ?? 10);
  }

  @Query(() => Cascade, { description: 'How a note or product spread: hops, breadth and conversion per hop, and the fission coefficient.' })
  cascade(@Ctx() ctx: Context, @Arg('noteId', () => ID, { nullable: true }) noteId?: string | null, @Arg('productId', () => ID, { nullable: true }) productId?: string | null) {
    return ctx.referral.cascade(noteId, productId);
  }

  @Query(() => [InviteHop], { description: 'Who invited whom, from the root inviter down to the user.' })
  inviteChain(@Ctx() ctx: Context, @Arg('userId', () => ID) userId: string) {
    return ctx.referral.inviteChain(userId);
  }

  @Query(() => OrderAttribution, { description: 'Credit for an order split over its touchpoints inside the attribution window.' })
  orderAttribution(
    @Ctx() ctx: Context,
    @Arg('orderId', () => ID) orderId: string,
    @Arg('model', () => AttributionModel, { defaultValue: AttributionModel.LAST_TOUCH }) model: AttributionModel,
  ) {
    return ctx.referral.orderAttribution(orderId, model);
  }

  @Query(() => [ReferrerStats], { description: 'Sharers ranked by the GMV of orders through their links (growth staff).' })
  topReferrers(
    @Ctx() ctx: Context,
    @Arg('period', () => PeriodInput, { nullable: true }) period?: PeriodInput | null,
    @Arg('first', () => Int, { defaultValue: 10 }) first?: number,
  ) {
    return ctx.referral.topReferrers(period, first ?? 10);
  }

  @Query(() => [ChannelStats], { description: 'Links, visits, sign-ups, orders and conversion per share channel (growth staff).' })
  conversionByChannel(@Ctx() ctx: Context, @Arg('period', () => PeriodInput, { nullable: true }) period?: PeriodInput | null) {
    return ctx.referral.conversionByChannel(period);
  }

  @Subscription(() => ReferralActivity, {
    description: "A sharer's visits, sign-ups and orders as they happen (the sharer themself, or growth staff).",
    subscribe: ({ args, context }) => (context as Context).referral.activity(args.userId as string),
  })
  async referralActivity(@Root() event: ReferralActivityEvent, @Ctx() ctx: Context, @Arg('userId', () => ID) _userId: string): Promise<ReferralActivity> {
    return { ...event, at: new Date(event.at), user: event.userId ? await ctx.loaders.userById.load(event.userId) : null };
  }

  @FieldResolver(() => String, { description: 'The address to share.' })
  url(@Root() link: ShareLinkRecord, @Ctx() ctx: Context) {
    return `${ctx.deps.config.publicBaseUrl}/s/${link.code}`;
  }

  @FieldResolver(() => User)
  sharer(@Root() link: ShareLinkRecord, @Ctx() ctx: Context) {
    return ctx.loaders.userById.load(link.sharerId);
  }

  @FieldResolver(() => ShareLink, { nullable: true, description: 'The link the sharer came through, for a re-share.' })
  parent(@Root() link: ShareLinkRecord, @Ctx() ctx: Context) {
    return link.parentCode ? ctx.loaders.shareLinkByCode.load(link.parentCode) : null;
  }

  @FieldResolver(() => ShareTarget, { nullable: true, description: 'The shared note or product; null when the viewer may not see it.' })
  async target(@Root() link: ShareLinkRecord, @Ctx() ctx: Context) {
    if (link.targetType === 'NOTE') return ctx.content.visibleNote(link.targetId);
    if (link.targetType === 'PRODUCT') return ctx.loaders.productById.load(link.targetId);
    return ctx.groups.group(link.targetId).catch(() => null);
  }

  @FieldResolver(() => Note, { nullable: true })
  note(@Root() link: ShareLinkRecord, @Ctx() ctx: Context) {
    return link.targetType === 'NOTE' ? ctx.content.visibleNote(link.targetId) : null;
  }

  @FieldResolver(() => Product, { nullable: true })
  product(@Root() link: ShareLinkRecord, @Ctx() ctx: Context) {
    return link.targetType === 'PRODUCT' ? ctx.loaders.productById.load(link.targetId) : null;
  }

  @FieldResolver(() => DateTimeISOResolver)
  createdAt(@Root() link: ShareLinkRecord) {
    return new Date(link.createdAt);
  }
}
