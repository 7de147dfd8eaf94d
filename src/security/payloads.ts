import { Field, InputType, ObjectType } from 'type-graphql';
import { MaxLength } from 'class-validator';
import { MutationPayload } from '../common/user-errors';
import { User, type UserRecord } from '../accounts/types';

@InputType({ description: 'Starting two-factor sign-in: the password, asked again.' })
export class EnableTwoFactorInput {
  @Field({ description: "The account's current password (INVALID_CREDENTIALS when wrong)." })
  @MaxLength(128)
  password!: string;
}

@ObjectType({ description: 'The result of enableTwoFactor: the secret to add to an authenticator app. Nothing is on until confirmTwoFactor.' })
export class EnableTwoFactorPayload extends MutationPayload {
  @Field(() => String, {
    nullable: true,
    description: 'The shared secret in Base32, for typing into an app by hand. Shown only here: it is never returned again. Null when refused (INVALID_STATE when two-factor sign-in is already on).',
  })
  secret!: string | null;

  @Field(() => String, { nullable: true, description: 'The same secret as an otpauth://totp/ address, to show as a QR code for the app to scan; null when refused.' })
  otpauthUri!: string | null;
}

@InputType({ description: 'Proof that the authenticator app holds the secret enableTwoFactor returned.' })
export class ConfirmTwoFactorInput {
  @Field({ description: 'The 6-digit code the app shows now (spaces allowed); INVALID_CREDENTIALS when wrong, INVALID_STATE when no enrolment is waiting (they last 15 minutes).' })
  @MaxLength(20)
  code!: string;
}

@ObjectType({ description: 'The result of confirmTwoFactor: two-factor sign-in is on.' })
export class ConfirmTwoFactorPayload extends MutationPayload {
  @Field(() => [String], {
    nullable: true,
    description: 'At most 10 one-time recovery codes, for signing in without the app. Shown only here: only their hashes are kept, so the user must save them now. Null when refused.',
  })
  recoveryCodes!: string[] | null;

  @Field(() => User, { nullable: true, description: 'The viewer; null when refused.' })
  user!: UserRecord | null;
}

@InputType({ description: 'Turning two-factor sign-in off: the password and exactly one of code and recoveryCode.' })
export class DisableTwoFactorInput {
  @Field({ description: "The account's current password (INVALID_CREDENTIALS when wrong)." })
  @MaxLength(128)
  password!: string;

  @Field(() => String, { nullable: true, description: 'A current 6-digit code of the authenticator app; INVALID_CREDENTIALS when wrong or used already.' })
  @MaxLength(20)
  code?: string | null;

  @Field(() => String, { nullable: true, description: 'Instead of code, when the app is lost: one of the unused recovery codes.' })
  @MaxLength(40)
  recoveryCode?: string | null;
}

@ObjectType({ description: 'The result of disableTwoFactor: two-factor sign-in is off, its secret and recovery codes deleted.' })
export class DisableTwoFactorPayload extends MutationPayload {
  @Field(() => User, { nullable: true, description: 'The viewer; null when refused (INVALID_STATE when it was not on).' })
  user!: UserRecord | null;
}
