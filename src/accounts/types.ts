import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Node } from '../common/node';
import { DateTimeISOResolver } from 'graphql-scalars';
import { Connection } from '../common/connection';

export enum Role {
  USER = 'USER',
  MERCHANT = 'MERCHANT',
  /** Growth-team staff: may read referral and conversion analytics for everyone. */
  GROWTH = 'GROWTH',
  ADMIN = 'ADMIN',
}
registerEnumType(Role, {
  name: 'Role',
  description: 'What an account may do beyond a regular user.',
  valuesConfig: {
    USER: { description: 'A regular user: buys, shares, posts and joins groups.' },
    MERCHANT: { description: 'Also sells: creates products and group-buy offers, sets their commission rates.' },
    GROWTH: { description: 'Growth-team staff: also reads referral and conversion analytics for everyone.' },
    ADMIN: { description: 'Platform staff: everything, including roles, the global moderation queue and the sensitive-word list.' },
  },
});

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
  /** Whether two-factor sign-in is on (staff roles may need it: REQUIRE_2FA_FOR_ROLES). */
  hasTwoFactor?: boolean;
  /**
   * Set on the viewer only (src/accounts/viewer.ts) when their role needs two-factor sign-in and it
   * is off: src/common/roles.ts then grants none of the role's staff operations.
   */
  lacksRequiredTwoFactor?: boolean;
}

@ObjectType({ implements: Node, description: 'A person on Zhongcao: every user both buys and shares (种草).' })
export class User {
  @Field(() => ID, { description: 'The user id, stable for the life of the account.' })
  id!: string;

  @Field({ description: 'Unique, case-insensitive; 3 to 30 letters, digits or underscores.' })
  handle!: string;

  @Field({ description: 'The name shown on their profile: 1 to 50 characters, not unique.' })
  displayName!: string;

  @Field({ description: 'Their profile text, at most 500 characters; empty when they wrote none.' })
  bio!: string;

  @Field(() => String, { nullable: true, description: 'The address of their profile picture; null when they set none.' })
  avatarUrl!: string | null;

  @Field(() => Role, { description: 'Their platform role (USER for most people; staff roles grant moderation and growth tools).' })
  role!: Role;

  @Field(() => DateTimeISOResolver, { description: 'When they signed up.' })
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

@ObjectType({ implements: Node, description: 'One signed-in device of the viewer: every token belongs to one session, and logging out ends it.' })
export class Session {
  @Field(() => ID, { description: 'The session id, for revoking it.' })
  id!: string;

  @Field({ description: 'Given at sign-up or login, or derived from the User-Agent, such as "Safari on iPhone".' })
  deviceLabel!: string;

  @Field(() => DateTimeISOResolver, { description: 'When the session began (sign-up or login).' })
  createdAt!: Date;

  @Field(() => DateTimeISOResolver, { description: 'When a request last used it; updated at most once a minute.' })
  lastUsedAt!: Date;

  @Field(() => DateTimeISOResolver, { description: "When its token expires; a password change gives the session that made it a new token." })
  expiresAt!: Date;

  @Field({ description: 'True for the session of the token this request carries.' })
  isCurrent!: boolean;
}

export const SessionConnection = Connection(Session, 'Session', 'sessions');
