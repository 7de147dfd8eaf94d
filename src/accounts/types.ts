import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeISOResolver } from 'graphql-scalars';
import { MaxLength } from 'class-validator';
import { Connection } from '../common/connection';

export enum Role {
  USER = 'USER',
  MERCHANT = 'MERCHANT',
  /** Growth-team staff: may read referral and conversion analytics for everyone. */
  GROWTH = 'GROWTH',
  ADMIN = 'ADMIN',
}
registerEnumType(Role, { name: 'Role', description: 'What an account may do beyond a regular user.' });

/** A user as stored; passwordHash is never part of it. */
export interface UserRecord {
  id: string;
  email: string;
  handle: string;
  displayName: string;
  bio: string;
  avatarUrl: string | null;
  role: Role;
  createdAt: number;
  followerCount: number;
  followingCount: number;
  noteCount: number;
  passwordVersion: number;
}

@ObjectType({ description: 'A person on Zhongcao: every user both buys and shares (种草).' })
export class User {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'Unique, case-insensitive; 3 to 30 letters, digits or underscores.' })
  handle!: string;

  @Field()
  displayName!: string;

  @Field()
  bio!: string;

  @Field(() => String, { nullable: true })
  avatarUrl!: string | null;

  @Field(() => Role)
  role!: Role;

  @Field(() => DateTimeISOResolver)
  createdAt!: Date;

  @Field(() => Int, { description: 'Exact number of followers.' })
  followerCount!: number;

  @Field(() => Int, { description: 'Exact number of accounts this user follows.' })
  followingCount!: number;

  @Field(() => Int, { description: 'Live notes the user has posted.' })
  noteCount!: number;
}

/** A session as stored: one signed-in device (see cypher/README.md, Session). */
export interface SessionRecord {
  id: string;
  deviceLabel: string;
  createdAt: number;
  lastUsedAt: number;
  expiresAt: number;
}

@ObjectType({ description: 'One signed-in device of the viewer: every token belongs to one session, and logging out ends it.' })
export class Session {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'Given at sign-up or login, or derived from the User-Agent, such as "Safari on iPhone".' })
  deviceLabel!: string;

  @Field(() => DateTimeISOResolver)
  createdAt!: Date;

  @Field(() => DateTimeISOResolver, { description: 'When a request last used it; updated at most once a minute.' })
  lastUsedAt!: Date;

  @Field(() => DateTimeISOResolver, { description: "When its token expires; a password change gives the session that made it a new token." })
  expiresAt!: Date;

  @Field({ description: 'True for the session of the token this request carries.' })
  current!: boolean;
}

export const SessionConnection = Connection(Session, 'Session');

@ObjectType()
export class AuthPayload {
  @Field({ description: 'Send as `Authorization: Bearer <token>`, or as connectionParams.authorization over WebSocket.' })
  token!: string;

  @Field(() => DateTimeISOResolver)
  expiresAt!: Date;

  @Field(() => User)
  user!: UserRecord;
}

@InputType()
export class SignUpInput {
  @Field()
  @MaxLength(254)
  email!: string;

  @Field()
  @MaxLength(30)
  handle!: string;

  @Field()
  @MaxLength(50)
  displayName!: string;

  @Field({ description: 'At least 8 characters, at most 72 bytes, and not your handle or email.' })
  @MaxLength(128)
  password!: string;

  @Field(() => String, { nullable: true, description: 'The anonymous visitor id the client opened share links with; the first link opened earns its sharer the invite.' })
  @MaxLength(64)
  visitorId?: string | null;

  @Field(() => String, { nullable: true, description: 'Names this session in `sessions`, such as "Mei\'s iPhone"; at most 64 characters. Derived from the User-Agent when absent.' })
  @MaxLength(64)
  deviceLabel?: string | null;
}

@InputType()
export class LogInInput {
  @Field({ description: 'Email or handle.' })
  @MaxLength(254)
  login!: string;

  @Field()
  @MaxLength(128)
  password!: string;

  @Field(() => String, { nullable: true, description: 'Names this session in `sessions`, such as "Mei\'s iPhone"; at most 64 characters. Derived from the User-Agent when absent.' })
  @MaxLength(64)
  deviceLabel?: string | null;
}

@InputType()
export class ChangePasswordInput {
  @Field()
  @MaxLength(128)
  currentPassword!: string;

  @Field()
  @MaxLength(128)
  newPassword!: string;
}

@InputType({ description: 'Only the fields given change.' })
export class UpdateProfileInput {
  @Field(() => String, { nullable: true })
  @MaxLength(50)
  displayName?: string | null;

  @Field(() => String, { nullable: true })
  @MaxLength(500)
  bio?: string | null;

  @Field(() => String, { nullable: true, description: 'An http(s) URL; an empty string removes the avatar.' })
  @MaxLength(2048)
  avatarUrl?: string | null;

  @Field(() => [String], { nullable: true, description: 'Interest topics such as beauty, fashion, food or travel; replaces the current list. At most 20.' })
  interests?: string[] | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether people you follow who follow you back see that you bought a product (friendsWhoBought). On by default.' })
  showPurchasesToFriends?: boolean | null;
}
