import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeISOResolver } from 'graphql-scalars';
import { Connection, PageInfo } from '../common/connection';
import { User, UserRecord } from '../accounts/types';
import { Order, type OrderRecord } from '../commerce/types';
import { AttributionModel } from './attribution';
import type { ChainLinkRow, ShareLinkRecord } from './repository';
import { Money } from '../common/money';
import { GMV_LIST } from '../common/gmv';

/** GMV spans currencies, so it is one Money per currency (src/common/gmv.ts), never one number. */
const GMV = `GMV of the live (not cancelled or refunded) orders. ${GMV_LIST}`;

export enum ShareChannel {
  IN_APP = 'IN_APP',
  WECHAT = 'WECHAT',
  WEIBO = 'WEIBO',
  DOUYIN = 'DOUYIN',
  LINK = 'LINK',
  OTHER = 'OTHER',
  DIRECT_MESSAGE = 'DIRECT_MESSAGE',
  LIVE = 'LIVE',
}
registerEnumType(ShareChannel, {
  name: 'ShareChannel',
  description: 'Where a link was shared; conversionByChannel compares them.',
  valuesConfig: {
    IN_APP: { description: 'Inside Zhongcao (a message or a post).' },
    WECHAT: { description: 'WeChat chats and Moments.' },
    WEIBO: { description: 'Weibo.' },
    DOUYIN: { description: 'Douyin.' },
    LINK: { description: 'A copied link, pasted anywhere.' },
    OTHER: { description: 'Any other channel.' },
    DIRECT_MESSAGE: { description: "A product card in a direct message: made by sending the card (one link per sender and product, which the card carries), never by the share mutation; the recipient's order from the card is credited through it." },
    LIVE: { description: "A live room's host presenting a product: made when an order is placed in the room (one link per host and product), never by the share mutation; the room's orders of the product are credited through it." },
  },
});
/** How many share channels there are: conversionByChannel answers one row for each. */
export const SHARE_CHANNEL_COUNT = Object.keys(ShareChannel).length;

registerEnumType(AttributionModel, {
  name: 'AttributionModel',
  description: 'How an order\'s total is split over its touchpoints inside the attribution window.',
  valuesConfig: {
    FIRST_TOUCH: { description: 'All credit to the earliest touchpoint.' },
    LAST_TOUCH: { description: 'All credit to the latest touchpoint before the order.' },
    LINEAR: { description: 'Equal shares for every touchpoint.' },
    POSITION_BASED: { description: '40% to the first, 40% to the last, the other 20% shared by those between.' },
  },
});

export enum TouchpointKind {
  SHARE_LINK = 'SHARE_LINK',
  NOTE = 'NOTE',
  GROUP = 'GROUP',
  DIRECT_MESSAGE = 'DIRECT_MESSAGE',
  LIVE = 'LIVE',
}
registerEnumType(TouchpointKind, {
  name: 'TouchpointKind',
  description: 'What brought the buyer closer to an order.',
  valuesConfig: {
    SHARE_LINK: { description: "A visit through someone else's share link (ref is its code)." },
    NOTE: { description: 'A view of a note featuring the product (ref is the note id).' },
    GROUP: { description: 'The group the order was placed in (ref is the group id).' },
    DIRECT_MESSAGE: { description: "A product card in a direct message the buyer received and bought from (ref is the code of the sender's share link the card carries; it counts from when the message arrived)." },
    LIVE: { description: 'The live room the order was placed in (ref is the room id; liveRoom has the room and its host, who is credited through their LIVE share link).' },
  },
});

@InputType({ description: 'What is shared: exactly one of a note, a product or a group.' })
export class ShareTargetInput {
  @Field(() => ID, { nullable: true, description: 'The note to share (one the viewer can see).' })
  noteId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The product to share.' })
  productId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The group to share (one the viewer can see).' })
  groupId?: string | null;
}

@ObjectType({ description: 'A share link: who shared what, on which channel, and the link they came through (parent).' })
export class ShareLink {
  @Field({ description: 'The share code in the link (10 letters and digits); openShareLink and checkouts take it.' })
  code!: string;

  @Field(() => ShareChannel, { description: 'Where the sharer shared it.' })
  channel!: ShareChannel;

  @Field(() => ID, { description: 'The id of the shared note, product or group (target resolves it, as the viewer may see it); for a client that only needs the key.' })
  targetId!: string;

  @Field(() => Int, { description: '0 for a link that starts a chain; a re-share is one deeper than its parent.' })
  depth!: number;

  @Field(() => String, { nullable: true, description: 'The campaign the link belongs to; campaign commission rates apply to orders through it.' })
  campaign!: string | null;
}

@ObjectType({ description: 'One person on the way from the first sharer to a buyer.' })
export class ReferralHop {
  @Field(() => User, { description: 'The sharer at this hop, or the buyer at the last one.' })
  user!: UserRecord;

  @Field(() => ShareLink, { nullable: true, description: 'The link this person shared; null for the buyer.' })
  shareLink!: ShareLinkRecord | null;

  @Field(() => ShareChannel, { nullable: true, description: 'Where this person shared; null for the buyer.' })
  channel!: ShareChannel | null;

  @Field(() => DateTimeISOResolver, { description: 'When this person created their link, or, for the buyer, when they placed the order.' })
  createdAt!: Date;
}

/** The hops of a referral chain, a page at a time (ReferralChain.hops). */
export const ReferralHopConnection = Connection(ReferralHop, 'ReferralHop', 'hops of a referral chain, from the first sharer to the buyer');

@ObjectType({ description: 'The path of people from the first sharer to the buyer.' })
export class ReferralChain {
  /** Every link of the chain, the first sharer's first; hops(first, after) pages them, then the buyer. */
  links!: ChainLinkRow[];

  /** The last hop: who placed the order, and when. */
  buyerId!: string;
  orderedAt!: number;

  @Field(() => Int, { description: 'Number of sharers in the chain.' })
  length!: number;
}

@ObjectType({ description: 'Figures over a set of share links: a whole tree, or one depth of it.' })
export class ReferralStats {
  @Field(() => Int, { description: 'Share links counted (created, for a period).' })
  links!: number;

  @Field(() => Int, { description: 'Visits through the links (signed-in viewers and anonymous visitors).' })
  visits!: number;

  @Field(() => Int, { description: 'Accounts created through the links (first touch).' })
  signUps!: number;

  @Field(() => Int, { description: 'Distinct people who placed a live order through the links.' })
  buyers!: number;

  @Field(() => Int, { description: 'Live (not cancelled or refunded) orders through the links.' })
  orders!: number;

  @Field(() => [Money], { description: GMV })
  gmv!: Money[];
}

@ObjectType({ description: 'One share link of a referral tree, with the figures of that link alone.' })
export class ReferralTreeNode {
  @Field(() => ShareLink, { description: 'The link.' })
  shareLink!: ShareLinkRecord;

  @Field(() => User, { description: 'Who shared it.' })
  sharer!: UserRecord;

  @Field(() => Int, { description: 'Hops below the root of the tree.' })
  depth!: number;

  @Field(() => String, { nullable: true, description: 'The share code of the link this one re-shares (its ShareLink.code); null for a link that starts a chain.' })
  parentShareCode!: string | null;

  @Field(() => Int, { description: 'Visits through the links (signed-in viewers and anonymous visitors).' })
  visits!: number;

  @Field(() => Int, { description: 'Accounts created through the links (first touch).' })
  signUps!: number;

  @Field(() => Int, { description: 'Distinct people who placed a live order through the links.' })
  buyers!: number;

  @Field(() => Int, { description: 'Live (not cancelled or refunded) orders through the links.' })
  orders!: number;

  @Field(() => [Money], { description: GMV })
  gmv!: Money[];
}

@ObjectType({ description: "A referral tree's figures at one depth." })
export class DepthTotals extends ReferralStats {
  @Field(() => Int, { description: 'Re-share hops below the first link (0 for the first).' })
  depth!: number;
}

/** A page of a tree's nodes: its first argument's default and maximum (the cost limit reads them). */
export const TREE_PAGE = { default: 100, max: 400 };

@ObjectType({ description: 'A share link of a referral tree, in a page of them.' })
export class ReferralTreeNodeEdge {
  @Field(() => String, { description: 'Where this node is in the tree\'s order, for `after`.' })
  cursor!: string;

  @Field(() => ReferralTreeNode, { description: 'The link and its figures.' })
  node!: object;
}

@ObjectType({ description: "A page of a referral tree's links, shallowest first, then oldest first." })
export class ReferralTreeNodeConnection {
  @Field(() => [ReferralTreeNodeEdge], { description: 'The links of this page, with cursors.' })
  edges!: ReferralTreeNodeEdge[];

  @Field(() => [ReferralTreeNode], { description: 'The nodes of edges, for clients that need no cursors.' })
  nodes!: object[];

  @Field(() => PageInfo, { description: 'Whether more links follow, and the cursors of this page.' })
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'How many links the whole tree has (up to maxDepth), not just this page.' })
  totalCount!: number;
}

@ObjectType({ description: 'A downstream tree of share links, flattened: each node names its parent. Its figures cover the whole tree; its nodes come a page at a time.' })
export class ReferralTree {
  /** Every node of the tree, in the nodes' order; nodes(first, after) pages them. */
  rows!: object[];

  @Field(() => [DepthTotals], { description: 'The figures per depth, shallowest first: at most 11 (depths 0 to maxDepth, at most 10).' })
  depths!: DepthTotals[];

  @Field(() => ReferralStats, { description: 'The figures of the whole tree.' })
  totals!: ReferralStats;
}

@ObjectType({ description: "How a note or product spread at one re-share depth." })
export class CascadeHop {
  @Field(() => Int, { description: 'Re-share hops below the first link (0 for the first).' })
  depth!: number;

  @Field(() => Int, { description: 'Links created at this hop.' })
  links!: number;

  @Field(() => Int, { description: 'Distinct people who shared at this hop (breadth).' })
  sharers!: number;

  @Field(() => Int, { description: 'Visits through the links (signed-in viewers and anonymous visitors).' })
  visits!: number;

  @Field(() => Int, { description: 'Accounts created through the links (first touch).' })
  signUps!: number;

  @Field(() => Int, { description: 'Live (not cancelled or refunded) orders through the links.' })
  orders!: number;

  @Field(() => Float, { description: 'orders / visits at this hop (0 without visits).' })
  conversionRate!: number;
}

@ObjectType({ description: 'How one note or product spread (裂变).' })
export class Cascade {
  @Field(() => Int, { description: 'Deepest hop reached.' })
  depth!: number;

  @Field(() => Int, { description: 'Distinct people who shared a seed (depth 0) link.' })
  seedSharers!: number;

  @Field(() => Int, { description: 'Distinct people reached downstream (signed-in visitors and sign-ups), seed sharers excluded.' })
  reachedUsers!: number;

  @Field(() => Float, { description: 'Fission coefficient: downstream people reached per seed sharer.' })
  fissionCoefficient!: number;

  /** One entry per re-share depth, shallowest first; hops(first, after) pages them. */
  hops!: CascadeHop[];
}

/** A cascade's hops, a page at a time (Cascade.hops). */
export const CascadeHopConnection = Connection(CascadeHop, 'CascadeHop', 'hops of a share cascade, one per re-share depth, shallowest first');

@ObjectType({ description: 'One person of an invite chain.' })
export class InviteHop {
  @Field(() => User, { description: 'The person invited (or, first, the root inviter).' })
  user!: UserRecord;

  @Field(() => DateTimeISOResolver, { nullable: true, description: 'When this user was invited; null for the root.' })
  invitedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'The share code (ShareLink.code) of the link they signed up through; null for the root.' })
  shareCode!: string | null;
}

@ObjectType({ description: 'One touchpoint of an order and the credit it gets.' })
export class AttributedTouchpoint {
  @Field(() => TouchpointKind, { description: 'What the touchpoint was.' })
  kind!: TouchpointKind;

  @Field({ description: 'The share code (for DIRECT_MESSAGE, the one the card carries), note id, group id or live room id.' })
  ref!: string;

  @Field(() => DateTimeISOResolver, { description: 'When the buyer met this touchpoint (visited the link, read the note, joined the group).' })
  touchedAt!: Date;

  @Field(() => Float, { description: "This touchpoint's share of the credit, 0 to 1; the weights add up to 1." })
  weight!: number;

  @Field(() => Money, { description: "This touchpoint's share of the order total, in the order's currency; the shares add up to the total exactly." })
  credit!: Money;
}

@ObjectType({ description: "An order's credit split over its touchpoints by one attribution model." })
export class OrderAttribution {
  @Field(() => AttributionModel, { description: 'The model that split the credit.' })
  model!: AttributionModel;

  /** Every touchpoint, oldest first, with its credit (the weights need them all); touchpoints(first, after) pages them. */
  touchpoints!: AttributedTouchpoint[];
}

/** An order's attributed touchpoints, a page at a time (OrderAttribution.touchpoints). */
export const AttributedTouchpointConnection = Connection(AttributedTouchpoint, 'AttributedTouchpoint', "touchpoints of an order, oldest first, with their credit");

@ObjectType({ description: "A sharer's orders and GMV through their links in a period." })
export class ReferrerStats {
  @Field(() => User, { description: 'The sharer.' })
  user!: UserRecord;

  @Field(() => Int, { description: 'Live (not cancelled or refunded) orders through the links.' })
  orders!: number;

  @Field(() => Int, { description: 'Distinct people who placed a live order through the links.' })
  buyers!: number;

  @Field(() => [Money], { description: GMV })
  gmv!: Money[];
}

@ObjectType({ description: "One share channel's links, visits, sign-ups, orders and GMV in a period." })
export class ChannelStats {
  @Field(() => ShareChannel, { description: 'The channel.' })
  channel!: ShareChannel;

  @Field(() => Int, { description: 'Share links counted (created, for a period).' })
  links!: number;

  @Field(() => Int, { description: 'Visits through the links (signed-in viewers and anonymous visitors).' })
  visits!: number;

  @Field(() => Int, { description: 'Accounts created through the links (first touch).' })
  signUps!: number;

  @Field(() => Int, { description: 'Live (not cancelled or refunded) orders through the links.' })
  orders!: number;

  @Field(() => [Money], { description: GMV })
  gmv!: Money[];

  @Field(() => Float, { description: 'orders / visits (0 without visits).' })
  conversionRate!: number;
}

export enum ReferralActivityKind {
  VISIT = 'VISIT',
  SIGN_UP = 'SIGN_UP',
  ORDER = 'ORDER',
}
registerEnumType(ReferralActivityKind, {
  name: 'ReferralActivityKind',
  description: 'What happened through a share link.',
  valuesConfig: {
    VISIT: { description: 'Someone opened the link.' },
    SIGN_UP: { description: 'Someone created an account after opening the link (first touch).' },
    ORDER: { description: 'An order was placed through the link.' },
  },
});

@ObjectType({ description: "A sharer's visit, sign-up or order, as it happens." })
export class ReferralActivity {
  @Field(() => ReferralActivityKind, { description: 'What happened.' })
  kind!: ReferralActivityKind;

  @Field({ description: 'The share code of the sharer\'s link it happened through (ShareLink.code).' })
  shareCode!: string;

  @Field(() => DateTimeISOResolver, { description: 'When it happened.' })
  createdAt!: Date;

  @Field(() => User, { nullable: true, description: 'The signed-in visitor or the new user; never the buyer of an ORDER (purchases are private).' })
  user!: UserRecord | null;

  @Field(() => ID, { nullable: true, description: "The order's id, for an ORDER; null otherwise. Kept beside order: the sharer may not read the order but can tell orders apart." })
  orderId!: string | null;

  @Field(() => Order, { nullable: true, description: 'The order, for an ORDER, when the subscriber may read it (its buyer, its merchant, admins); null for the sharer and for other kinds.' })
  order!: OrderRecord | null;
}
