import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeISOResolver } from 'graphql-scalars';

export enum GroupBuyStatus {
  OPEN = 'OPEN',
  COMPLETED = 'COMPLETED',
  EXPIRED = 'EXPIRED',
}
registerEnumType(GroupBuyStatus, { name: 'GroupBuyStatus' });

export interface GroupBuyRecord {
  id: string;
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
  groupPrice!: number;

  @Field()
  currency!: string;

  @Field(() => Int)
  requiredSize!: number;

  @Field(() => Int)
  participantCount!: number;

  @Field(() => GroupBuyStatus)
  status!: GroupBuyStatus;

  @Field({ description: "The starter's share link: orders of the other participants are attributed to it." })
  shareCode!: string;
}

@InputType()
export class StartGroupBuyInput {
  @Field(() => ID, { nullable: true })
  groupId?: string | null;

  @Field(() => ID)
  productId!: string;

  @Field(() => Int, { description: 'In minor units; at most the product price.' })
  groupPrice!: number;

  @Field(() => Int, { description: '2 to 50 people, the starter included.' })
  requiredSize!: number;

  @Field(() => DateTimeISOResolver, { description: 'At most 72 hours away.' })
  expiresAt!: Date;
}

@ObjectType()
export class GroupBuyProgress {
  @Field({ description: 'JOINED, COMPLETED or EXPIRED.' })
  kind!: string;

  @Field(() => GroupBuy)
  groupBuy!: GroupBuyRecord;

  @Field(() => ID, { nullable: true })
  userId!: string | null;
}
