import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DateTimeISOResolver } from 'graphql-scalars';
import { MaxLength } from 'class-validator';
import { MutationPayload } from '../common/user-errors';
import { Role, User, type UserRecord } from './types';

const DEVICE_LABEL = 'Names this session in `sessions`, such as "Mei\'s iPhone"; at most 64 characters. Derived from the User-Agent when absent.';

@InputType({ description: 'A new account.' })
export class SignUpInput {
  @Field({ description: 'The account\'s email address, at most 254 characters; unique (TAKEN otherwise). Visible only to the user.' })
  @MaxLength(254)
  email!: string;

  @Field({ description: 'Unique, case-insensitive; 3 to 30 letters, digits or underscores (TAKEN when in use).' })
  @MaxLength(30)
  handle!: string;

  @Field({ description: 'The name shown on the profile, 1 to 50 characters.' })
  @MaxLength(50)
  displayName!: string;

  @Field({ description: 'At least 8 characters, at most 72 bytes, and not your handle or email.' })
  @MaxLength(128)
  password!: string;

  @Field(() => String, { nullable: true, description: 'The anonymous visitor id the client opened share links with; the first link opened earns its sharer the invite.' })
  @MaxLength(64)
  visitorId?: string | null;

  @Field(() => String, { nullable: true, description: DEVICE_LABEL })
  @MaxLength(64)
  deviceLabel?: string | null;
}

@InputType({ description: 'Credentials to sign in with.' })
export class LogInInput {
  @Field({ description: 'Email or handle.' })
  @MaxLength(254)
  login!: string;

  @Field({ description: 'The account\'s password.' })
  @MaxLength(128)
  password!: string;

  @Field(() => String, { nullable: true, description: DEVICE_LABEL })
  @MaxLength(64)
  deviceLabel?: string | null;
}

@InputType({ description: 'The current password and the one to replace it.' })
export class UpdatePasswordInput {
  @Field({ description: 'The password in use now (INVALID_CREDENTIALS when wrong).' })
  @MaxLength(128)
  currentPassword!: string;

  @Field({ description: 'At least 8 characters, at most 72 bytes, and not your handle or email.' })
  @MaxLength(128)
  newPassword!: string;
}

@InputType({ description: 'Only the fields given change.' })
export class UpdateProfileInput {
  @Field(() => String, { nullable: true, description: 'The name shown on the profile, 1 to 50 characters.' })
  @MaxLength(50)
  displayName?: string | null;

  @Field(() => String, { nullable: true, description: 'A short text about the user, at most 500 characters; may be empty.' })
  @MaxLength(500)
  bio?: string | null;

  @Field(() => String, { nullable: true, description: 'An http(s) URL; an empty string removes the avatar.' })
  @MaxLength(2048)
  avatarUrl?: string | null;

  @Field(() => [String], { nullable: true, description: 'Interest topics such as beauty, fashion, food or travel; replaces the current list. At most 20.' })
  interests?: string[] | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether people you follow who follow you back see that you bought a product (friendsWhoBought). On by default.' })
  showsPurchasesToFriends?: boolean | null;
}

@InputType({ description: 'The session to end.' })
export class RevokeSessionInput {
  @Field(() => ID, { description: 'The id of one of the viewer\'s sessions, from `sessions`.' })
  sessionId!: string;
}

@InputType({ description: 'Who gets which role.' })
export class SetUserRoleInput {
  @Field(() => ID, { description: 'The user whose role changes.' })
  userId!: string;

  @Field(() => Role, { description: 'The new role.' })
  role!: Role;
}

/** A signed-in session's token, as signUp, logIn and updatePassword return it. */
@ObjectType({ description: 'The fields of a payload that signs a session in.' })
export abstract class SignedInPayload extends MutationPayload {
  @Field(() => String, { nullable: true, description: 'Send as `Authorization: Bearer <token>`, or as connectionParams.authorization over WebSocket; null when refused.' })
  token!: string | null;

  @Field(() => DateTimeISOResolver, { nullable: true, description: 'When the token expires; null when refused.' })
  expiresAt!: Date | null;

  @Field(() => User, { nullable: true, description: 'The signed-in user; null when refused.' })
  user!: UserRecord | null;
}

@ObjectType({ description: 'The result of signUp: the new account, signed in.' })
export class SignUpPayload extends SignedInPayload {}

@ObjectType({ description: 'The result of logIn: a new session, or, for an account with two-factor sign-in on, the challenge to complete first (then token, expiresAt and user are null).' })
export class LogInPayload extends SignedInPayload {
  @Field(() => String, {
    nullable: true,
    description: 'Set when the password was right and the account has two-factor sign-in on: pass it to completeTwoFactorLogIn with a code from the authenticator app (or a recovery code). Usable once, until twoFactorChallengeExpiresAt; null otherwise.',
  })
  twoFactorChallenge!: string | null;

  @Field(() => DateTimeISOResolver, { nullable: true, description: 'When twoFactorChallenge stops working (5 minutes by default); null when there is none.' })
  twoFactorChallengeExpiresAt!: Date | null;
}

@InputType({ description: "logIn's second step, for an account with two-factor sign-in on: the challenge and exactly one of code and recoveryCode." })
export class CompleteTwoFactorLogInInput {
  @Field({ description: 'LogInPayload.twoFactorChallenge (INVALID_STATE once it expired, was used, or failed 5 times: log in again).' })
  @MaxLength(100)
  challenge!: string;

  @Field(() => String, { nullable: true, description: 'The 6-digit code the authenticator app shows now (spaces allowed); each code works once. INVALID_CREDENTIALS when wrong.' })
  @MaxLength(20)
  code?: string | null;

  @Field(() => String, { nullable: true, description: 'Instead of code: one of the recovery codes shown when two-factor sign-in was turned on ("k7q2m-x9d4t", any case); each works once.' })
  @MaxLength(40)
  recoveryCode?: string | null;
}

@ObjectType({ description: 'The result of completeTwoFactorLogIn: the new session.' })
export class CompleteTwoFactorLogInPayload extends SignedInPayload {}

@ObjectType({ description: 'The result of updatePassword: a new token for this session; every other token stopped working.' })
export class UpdatePasswordPayload extends SignedInPayload {}

@ObjectType({ description: 'The result of logOut.' })
export class LogOutPayload extends MutationPayload {
  @Field(() => ID, { nullable: true, description: 'The session that ended: the one of this request\'s token.' })
  endedSessionId!: string | null;
}

@ObjectType({ description: 'The result of logOutEverywhere.' })
export class LogOutEverywherePayload extends MutationPayload {
  @Field(() => Int, { nullable: true, description: 'How many sessions ended, this one included.' })
  endedSessionCount!: number | null;
}

@ObjectType({ description: 'The result of revokeSession.' })
export class RevokeSessionPayload extends MutationPayload {
  @Field(() => ID, { nullable: true, description: 'The session that ended; null when refused.' })
  revokedSessionId!: string | null;
}

@ObjectType({ description: 'The result of updateProfile.' })
export class UpdateProfilePayload extends MutationPayload {
  @Field(() => User, { nullable: true, description: 'The viewer, with the profile as changed; null when refused.' })
  user!: UserRecord | null;
}

@ObjectType({ description: 'The result of setUserRole.' })
export class SetUserRolePayload extends MutationPayload {
  @Field(() => User, { nullable: true, description: 'The user with the new role; null when refused.' })
  user!: UserRecord | null;
}
