import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Node } from '../common/node';
import { User, type UserRecord } from '../accounts/types';

export enum GroupBuyStatus {
  OPEN = 'OPEN',
  COMPLETED = 'COMPLETED',
  EXPIRED = 'EXPIRED',
}
registerEnumType(GroupBuyStatus, {
  name: 'GroupBuyStatus',
  description: 'Where a group buy stands.',
  valuesConfig: {
    OPEN: { description: 'Taking participants until it fills or expiresAt passes.' },
    COMPLETED: { description: 'It filled: every participant has an order at groupPrice.' },
    EXPIRED: { description: 'Its time ran out before it filled: no orders, the reserved units are back in stock.' },
  },
});

export enum GroupBuyOfferStatus {
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
}
registerEnumType(GroupBuyOfferStatus, {
  name: 'GroupBuyOfferStatus',
  description: 'Whether new groups may start from an offer.',
  valuesConfig: {
    OPEN: { description: 'Groups may start from it (while groupsLeft is above 0).' },
    CLOSED: { description: 'Closed by its merchant, or past its end: no new groups start from it; running ones keep their time.' },
  },
});

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

@ObjectType({ implements: Node, description: "A merchant's group-buy offer on one of its products: the price, size and time every group started from it gets." })
export class GroupBuyOffer {
  @Field(() => ID, { description: "The offer's stable id, for startGroupBuy and groupBuyOffer(id)." })
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

@ObjectType({ implements: Node, description: 'A group buy (拼团): when requiredSize people join before expiresAt, each gets an order at groupPrice.' })
export class GroupBuy {
  @Field(() => ID, { description: "The group buy's stable id, for joinGroupBuy and groupBuy(id)." })
  id!: string;

  @Field(() => Int, { description: 'How many people fill it, the starter included (2 to 50).' })
  requiredSize!: number;

  @Field(() => Int, { description: 'How many have joined so far, the starter included.' })
  participantCount!: number;

  @Field(() => GroupBuyStatus, { description: 'Open, completed or expired.' })
  status!: GroupBuyStatus;

  @Field({ description: "The share code of the starter's share link (ShareLink.code: shareLink(code) and openShareLink take it), made when the group buy started; the other participants' orders are attributed to it." })
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

  @Field(() => GroupBuy, { description: 'The group buy as it is after this step.' })
  groupBuy!: GroupBuyRecord;

  @Field(() => ID, { nullable: true, description: 'The id of who joined, for JOINED; null otherwise. `user` is the object.' })
  userId!: string | null;

  @Field(() => User, { nullable: true, description: 'Who joined, for JOINED (as participants lists them); null otherwise.' })
  user!: UserRecord | null;
}
