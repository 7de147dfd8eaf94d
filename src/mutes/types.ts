import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeISOResolver } from 'graphql-scalars';
import { PageInfo, type Lazy } from '../common/connection';
import { User, type UserRecord } from '../accounts/types';
import { MUTE_LIMITS, MuteScope } from './rules';

export { MuteScope };

registerEnumType(MuteScope, {
  name: 'MuteScope',
  description: 'Where a muted word hides what contains it, for the viewer only.',
  valuesConfig: {
    FEEDS: { description: 'The following and discover feeds and note search: notes containing the word are left out; comments containing it collapse (`Comment.isMutedByViewer`).' },
    NOTIFICATIONS: { description: 'Notifications (the list, the unread count and `notificationAdded`): those about a comment, or a note by someone else, containing the word are left out.' },
    ALL: { description: 'Both FEEDS and NOTIFICATIONS.' },
  },
});

/** A live mute of a user, as the mutedUsers page reads it. */
export interface MutedUserRecord {
  user: UserRecord;
  mutedAt: number;
  mutedUntil: number | null;
}

export interface MutedWordRecord {
  word: string;
  folded: string;
  scope: MuteScope;
  createdAt: number;
  mutedUntil: number | null;
}

@ObjectType({ description: 'A user the viewer has muted, in a page of mutedUsers.' })
export class MutedUserEdge {
  @Field({ description: 'An opaque cursor for this position: pass it as `after` to page on from here.' })
  cursor!: string;

  @Field(() => User, { description: 'The muted user.' })
  node!: UserRecord;

  @Field(() => DateTimeISOResolver, { description: 'When the viewer muted them (the latest mute, when renewed).' })
  mutedAt!: Date;

  @Field(() => DateTimeISOResolver, { nullable: true, description: 'When the mute ends by itself; null: until the viewer unmutes them.' })
  mutedUntil!: Date | null;
}

@ObjectType({ description: 'Users the viewer has muted, most recently muted first; expired mutes are not listed.' })
export class MutedUserConnection {
  @Field(() => [MutedUserEdge], { description: 'The mutes of this page, with their cursors and times.' })
  edges!: MutedUserEdge[];

  @Field(() => [User], { description: 'The users of edges, for clients that need no cursors.' })
  nodes!: UserRecord[];

  @Field(() => PageInfo, { description: 'Whether more mutes follow, and the cursor to ask for them.' })
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'Exact number of users the viewer mutes now.' })
  totalCount!: Lazy<number>;
}

@ObjectType({ description: `A word the viewer has muted (at most ${MUTE_LIMITS.wordsPerUser} at a time). Matching ignores case and width: full-width ＡＢＣ matches abc.` })
export class MutedWord {
  @Field({ description: 'The word as the viewer gave it (trimmed).' })
  word!: string;

  @Field(() => MuteScope, { description: 'Where it hides what contains it.' })
  scope!: MuteScope;

  @Field(() => DateTimeISOResolver, { description: 'When the viewer muted it (or last changed its scope or end).' })
  createdAt!: Date;

  @Field(() => DateTimeISOResolver, { nullable: true, description: 'When the mute ends by itself; null: until the viewer unmutes it.' })
  mutedUntil!: Date | null;
}
