import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeISOResolver } from 'graphql-scalars';
import { PageInfo } from '../common/connection';
import { User, UserRecord } from '../accounts/types';
import { AttributionModel } from './attribution';
import type { ShareLinkRecord } from './repository';
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
}
registerEnumType(ShareChannel, { name: 'ShareChannel' });

export enum ShareTargetType {
  NOTE = 'NOTE',
  PRODUCT = 'PRODUCT',
  GROUP = 'GROUP',
}
registerEnumType(ShareTargetType, { name: 'ShareTargetType' });

registerEnumType(AttributionModel, {
  name: 'AttributionModel',
  description: 'FIRST_TOUCH, LAST_TOUCH, LINEAR, or POSITION_BASED (40% first, 40% last, 20% shared by the middle).',
});

export enum TouchpointKind {
  SHARE_LINK = 'SHARE_LINK',
  NOTE = 'NOTE',
  GROUP = 'GROUP',
}
registerEnumType(TouchpointKind, { name: 'TouchpointKind' });

@InputType({ description: 'What is shared: exactly one of a note, a product or a group.' })
export class ShareTargetInput {
  @Field(() => ID, { nullable: true })
  noteId?: string | null;

  @Field(() => ID, { nullable: true })
  productId?: string | null;

  @Field(() => ID, { nullable: true })
  groupId?: string | null;
}

@ObjectType({ description: 'A share link: who shared what, on which channel, and the link they came through (parent).' })
export class ShareLink {
  @Field()
  code!: string;

  @Field(() => ShareChannel)
  channel!: ShareChannel;

  @Field(() => ShareTargetType)
  targetType!: ShareTargetType;

  @Field(() => ID)
  targetId!: string;

  @Field(() => Int, { description: '0 for a link that starts a chain; a re-share is one deeper than its parent.' })
  depth!: number;

  @Field(() => String, { nullable: true, description: 'The campaign the link belongs to; campaign commission rates apply to orders through it.' })
  campaign!: string | null;
}

@ObjectType()
export class ReferralHop {
  @Field(() => User)
  user!: UserRecord;

  @Field(() => ShareLink, { nullable: true, description: 'The link this person shared; null for the buyer.' })
  shareLink!: ShareLinkRecord | null;

  @Field(() => ShareChannel, { nullable: true })
  channel!: ShareChannel | null;

  @Field(() => DateTimeISOResolver, { description: 'When they shared, or when the buyer ordered.' })
  at!: Date;
}

@ObjectType({ description: 'The path of people from the first sharer to the buyer.' })
export class ReferralChain {
  @Field(() => [ReferralHop])
  hops!: ReferralHop[];

  @Field(() => Int, { description: 'Number of sharers in the chain.' })
  length!: number;
}

@ObjectType()
export class ReferralStats {
  @Field(() => Int)
  links!: number;

  @Field(() => Int)
  visits!: number;

  @Field(() => Int)
  signUps!: number;

  @Field(() => Int)
  buyers!: number;

  @Field(() => Int)
  orders!: number;

  @Field(() => [Money], { description: GMV })
  gmv!: Money[];
}

@ObjectType()
export class ReferralTreeNode {
  @Field(() => ShareLink)
  shareLink!: ShareLinkRecord;

  @Field(() => User)
  sharer!: UserRecord;

  @Field(() => Int, { description: 'Hops below the root of the tree.' })
  depth!: number;

  @Field(() => String, { nullable: true })
  parentCode!: string | null;

  @Field(() => Int)
  visits!: number;

  @Field(() => Int)
  signUps!: number;

  @Field(() => Int)
  buyers!: number;

  @Field(() => Int)
  orders!: number;

  @Field(() => [Money], { description: GMV })
  gmv!: Money[];
}

@ObjectType()
export class DepthTotals extends ReferralStats {
  @Field(() => Int)
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

  @Field(() => [DepthTotals])
  depths!: DepthTotals[];

  @Field(() => ReferralStats)
  totals!: ReferralStats;
}

@ObjectType()
export class CascadeHop {
  @Field(() => Int)
  depth!: number;

  @Field(() => Int, { description: 'Links created at this hop.' })
  links!: number;

  @Field(() => Int, { description: 'Distinct people who shared at this hop (breadth).' })
  sharers!: number;

  @Field(() => Int)
  visits!: number;

  @Field(() => Int)
  signUps!: number;

  @Field(() => Int)
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

  @Field(() => [CascadeHop])
  hops!: CascadeHop[];
}

@ObjectType()
export class InviteHop {
  @Field(() => User)
  user!: UserRecord;

  @Field(() => DateTimeISOResolver, { nullable: true, description: 'When this user was invited; null for the root.' })
  invitedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'The share link they signed up through.' })
  code!: string | null;
}

@ObjectType()
export class AttributedTouchpoint {
  @Field(() => TouchpointKind)
  kind!: TouchpointKind;

  @Field({ description: 'The share code, note id or group id.' })
  ref!: string;

  @Field(() => DateTimeISOResolver)
  at!: Date;

  @Field(() => Float)
  weight!: number;

  @Field(() => Money, { description: "This touchpoint's share of the order total, in the order's currency; the shares add up to the total exactly." })
  credit!: Money;
}

@ObjectType()
export class OrderAttribution {
  @Field(() => AttributionModel)
  model!: AttributionModel;

  @Field(() => [AttributedTouchpoint])
  touchpoints!: AttributedTouchpoint[];
}

@ObjectType()
export class ReferrerStats {
  @Field(() => User)
  user!: UserRecord;

  @Field(() => Int)
  orders!: number;

  @Field(() => Int)
  buyers!: number;

  @Field(() => [Money], { description: GMV })
  gmv!: Money[];
}

@ObjectType()
export class ChannelStats {
  @Field(() => ShareChannel)
  channel!: ShareChannel;

  @Field(() => Int)
  links!: number;

  @Field(() => Int)
  visits!: number;

  @Field(() => Int)
  signUps!: number;

  @Field(() => Int)
  orders!: number;

  @Field(() => [Money], { description: GMV })
  gmv!: Money[];

  @Field(() => Float, { description: 'orders / visits (0 without visits).' })
  conversionRate!: number;
}

@ObjectType({ description: "A sharer's visit, sign-up or order, as it happens." })
export class ReferralActivity {
  @Field()
  kind!: string;

  @Field()
  code!: string;

  @Field(() => DateTimeISOResolver)
  at!: Date;

  @Field(() => User, { nullable: true, description: 'The signed-in visitor or the new user; never the buyer of an ORDER (purchases are private).' })
  user!: UserRecord | null;

  @Field(() => ID, { nullable: true })
  orderId!: string | null;
}
