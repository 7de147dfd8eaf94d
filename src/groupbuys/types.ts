import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum GroupBuyStatus {
  OPEN = 'OPEN',
  COMPLETED = 'COMPLETED',
  EXPIRED = 'EXPIRED',
}
registerEnumType(GroupBuyStatus, { name: 'GroupBuyStatus' });

export enum GroupBuyOfferStatus {
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
}
registerEnumType(GroupBuyOfferStatus, { name: 'GroupBuyOfferStatus', description: 'CLOSED: closed by its merchant, or past its end; no new groups start from it.' });

export interface GroupBuyOfferRecord {
  id: string;
  productId: string;
  groupPrice: number;
  currency: string;
  requiredSize: number;
  maxGroups: number;
  /** Groups started from the offer that have not failed: open or completed. */
  groupCount: number;
  windowHours: number;
  endsAt: number | null;
  /** As stored; an OPEN offer past endsAt is reported CLOSED. */
  status: GroupBuyOfferStatus;
  createdAt: number;
  closedAt: number | null;
}

/** Whether groups may still start from the offer at `now`. */
export const offerIsLive = (offer: GroupBuyOfferRecord, now: number) =>
  offer.status === GroupBuyOfferStatus.OPEN && (offer.endsAt === null || offer.endsAt > now);

@ObjectType({ description: "A merchant's group-buy offer on one of its products: the price, size and time every group started from it gets." })
export class GroupBuyOffer {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: 'People per group, the starter included.' })
  requiredSize!: number;

  @Field(() => Int, { description: 'How many groups may run or complete under the offer; a failed group frees its place.' })
  maxGroups!: number;

  @Field(() => Int, { description: 'Hours each group has to fill from its start.' })
  windowHours!: number;
}

export interface GroupBuyRecord {
  id: string;
  offerId: string | null;
  groupPrice: number;
  currency: string;
  requiredSize: number;
  expiresAt: number;
  status: GroupBuyStatus;
  createdAt: number;
  completedAt: number | null;
  starterId: string;
  shareCode: string;
  participantCount: number;
  groupId: string | null;
  productId: string;
}

@ObjectType({ description: 'A group buy (拼团): when requiredSize people join before expiresAt, each gets an order at groupPrice.' })
export class GroupBuy {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  requiredSize!: number;

  @Field(() => Int)
  participantCount!: number;

  @Field(() => GroupBuyStatus)
  status!: GroupBuyStatus;

  @Field({ description: "The starter's share link: orders of the other participants are attributed to it." })
  shareCode!: string;
}

export enum GroupBuyProgressKind {
  JOINED = 'JOINED',
  COMPLETED = 'COMPLETED',
  EXPIRED = 'EXPIRED',
}
registerEnumType(GroupBuyProgressKind, {
  name: 'GroupBuyProgressKind',
  description: 'What happened to a group buy.',
  valuesConfig: {
    JOINED: { description: 'A participant joined (userId).' },
    COMPLETED: { description: 'It filled: every participant has an order.' },
    EXPIRED: { description: 'Its time ran out before it filled; the reserved units are back.' },
  },
});

@ObjectType({ description: 'One step of a group buy, for its live page.' })
export class GroupBuyProgress {
  @Field(() => GroupBuyProgressKind, { description: 'What happened.' })
  kind!: GroupBuyProgressKind;

  @Field(() => GroupBuy)
  groupBuy!: GroupBuyRecord;

  @Field(() => ID, { nullable: true })
  userId!: string | null;
}
