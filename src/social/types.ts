import { Field, Int, ObjectType } from 'type-graphql';
import { DateTimeISOResolver } from 'graphql-scalars';
import { PageInfo, Connection, Lazy } from '../common/connection';
import { User, UserRecord } from '../accounts/types';

/** The longest follow chain socialPath looks through (its maxDepth's maximum and default). */
export const MAX_SOCIAL_PATH_DEPTH = 6;

@ObjectType({ description: 'One follow in a page of followers or followings: the other user and when the follow began.' })
export class FollowEdge {
  @Field({ description: 'An opaque cursor for this position: pass it as `after` to page on from here.' })
  cursor!: string;

  @Field(() => User, { description: 'The follower (in `followers`) or the followed user (in `following`).' })
  node!: UserRecord;

  @Field(() => DateTimeISOResolver, { description: 'When the follow began.' })
  followedAt!: Date;
}

@ObjectType({ description: 'Followers or followings, newest follow first.' })
export class FollowConnection {
  @Field(() => [FollowEdge], { description: 'The follows of this page with their cursors and times.' })
  edges!: FollowEdge[];

  @Field(() => [User], { description: 'The users of edges, for clients that need no cursors.' })
  nodes!: UserRecord[];

  @Field(() => PageInfo, { description: 'Whether more follows follow, and the cursor to ask for them.' })
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'Exact number of follows in the whole list.' })
  totalCount!: Lazy<number>;
}

export const UserConnection = Connection(User, 'User', 'users');

@ObjectType({ description: 'A shortest chain of follows from the viewer to another user.' })
export class SocialPath {
  @Field(() => Int, { description: '1 means the viewer follows the user directly; 2 is a friend of a friend, and so on.' })
  degree!: number;

  @Field(() => [User], { description: `The chain, starting with the viewer and ending with the user: degree + 1 users, so at most ${MAX_SOCIAL_PATH_DEPTH + 1}.` })
  users!: UserRecord[];
}

@ObjectType({ description: 'Someone who just followed the viewer, sent by Subscription.newFollower.' })
export class NewFollower {
  @Field(() => User, { description: 'Who followed.' })
  follower!: UserRecord;

  @Field(() => DateTimeISOResolver, { description: 'When they followed.' })
  followedAt!: Date;
}

export interface FollowRecord {
  user: UserRecord;
  followedAt: number;
}

export interface ViewerRelation {
  isFollowing: boolean;
  followsViewer: boolean;
  isBlocked: boolean;
  hasBlockedViewer: boolean;
  /** The viewer mutes the user now (a mute past its end no longer counts). */
  isMuted: boolean;
}

export const NO_RELATION: ViewerRelation = { isFollowing: false, followsViewer: false, isBlocked: false, hasBlockedViewer: false, isMuted: false };
