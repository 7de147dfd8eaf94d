import { Field, InputType, ObjectType } from 'type-graphql';
import { MaxLength } from 'class-validator';
import { MutationPayload } from '../common/user-errors';
import { ConsentPurpose } from './policy';
import { AccountDeletion, Consent, DataExport } from './types';
import { User, type UserRecord } from '../accounts/types';

@InputType({ description: 'An answer for one consent purpose.' })
export class SetConsentInput {
  @Field(() => ConsentPurpose, { description: 'The purpose.' })
  purpose!: ConsentPurpose;

  @Field({ description: 'true allows the purpose, false refuses it. Giving the current answer again is kept in the audit trail too.' })
  isGranted!: boolean;
}

@ObjectType({ description: 'The result of setConsent.' })
export class SetConsentPayload extends MutationPayload {
  @Field(() => Consent, { nullable: true, description: 'The consent as it now stands; null when refused.' })
  consent!: Consent | null;
}

@InputType({ description: 'The privacy-policy version the viewer accepts.' })
export class AcceptPolicyInput {
  @Field({ description: 'The version shown to the user: it must be the one in force (`policyVersion`), INVALID otherwise (the client shows the newer policy instead). At most 32 characters.' })
  @MaxLength(32)
  version!: string;
}

@ObjectType({ description: 'The result of acceptPolicy.' })
export class AcceptPolicyPayload extends MutationPayload {
  @Field(() => String, { nullable: true, description: 'The version now accepted; null when refused.' })
  acceptedPolicyVersion!: string | null;
}

const SECOND_FACTOR_CODE = 'The two-factor code (or a recovery code) when the account has two-factor sign-in on; 6 to 32 letters, digits or dashes.';

@InputType({ description: 'The confirmation of an account deletion.' })
export class DeleteAccountInput {
  @Field({ description: 'The account\'s password (INVALID_CREDENTIALS when wrong; tries count against the login allowance).' })
  @MaxLength(128)
  password!: string;

  @Field(() => String, { nullable: true, description: SECOND_FACTOR_CODE })
  @MaxLength(32)
  code?: string | null;
}

@ObjectType({ description: 'The result of deleteAccount.' })
export class DeleteAccountPayload extends MutationPayload {
  @Field(() => AccountDeletion, { nullable: true, description: 'The scheduled deletion; null when refused.' })
  accountDeletion!: AccountDeletion | null;
}

@InputType({ description: 'The credentials of an account whose deletion is to be cancelled.' })
export class CancelAccountDeletionInput {
  @Field({ description: 'Email or handle.' })
  @MaxLength(254)
  login!: string;

  @Field({ description: 'The account\'s password.' })
  @MaxLength(128)
  password!: string;

  @Field(() => String, { nullable: true, description: SECOND_FACTOR_CODE })
  @MaxLength(32)
  code?: string | null;
}

@ObjectType({ description: 'The result of cancelAccountDeletion.' })
export class CancelAccountDeletionPayload extends MutationPayload {
  @Field(() => User, { nullable: true, description: 'The account kept; null when refused.' })
  user!: UserRecord | null;
}

@InputType({ description: 'Asking for an archive of everything about the viewer.' })
export class RequestDataExportInput {
  @Field(() => String, { nullable: true, description: 'Makes a retry safe: the same key answers the export the first call made, even after the daily limit (1 to 100 characters).' })
  idempotencyKey?: string | null;
}

@ObjectType({ description: 'The result of requestDataExport.' })
export class RequestDataExportPayload extends MutationPayload {
  @Field(() => DataExport, { nullable: true, description: 'The export, PENDING until its archive is written; null when refused (DAILY_LIMIT_REACHED: one per UTC day).' })
  dataExport!: DataExport | null;
}
