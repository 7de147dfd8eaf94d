import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { MutationPayload } from '../common/user-errors';

@InputType({ description: 'Which notifications to mark as read.' })
export class MarkNotificationsReadInput {
  @Field(() => ID, { nullable: true, description: 'Marks every notification up to and including this one (by time); all of them when absent.' })
  upTo?: string | null;
}

@ObjectType({ description: 'The result of markNotificationsRead.' })
export class MarkNotificationsReadPayload extends MutationPayload {
  @Field(() => Int, { nullable: true, description: 'How many notifications this call marked as read; null when refused.' })
  marked!: number | null;

  @Field(() => Int, { nullable: true, description: 'How many unread notifications the viewer has left; null when refused.' })
  unreadCount!: number | null;
}
