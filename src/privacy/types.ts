import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Node } from '../common/node';
import { DateTimeISOResolver } from 'graphql-scalars';
import { Connection } from '../common/connection';
import { ConsentPurpose } from './policy';

export { ConsentPurpose };

registerEnumType(ConsentPurpose, {
  name: 'ConsentPurpose',
  description: 'What a user may allow or refuse Zhongcao to do with their data (see `consents` and `setConsent`).',
  valuesConfig: {
    PERSONALISED_RECOMMENDATIONS: {
      description:
        'The discover feed and search ranking use the user\'s own signals: their interests, what people they follow liked, collected or bought, and their searches. Without it both rank on public signals only (trending, fresh, popular topics) and say so in `reason`. Granted until refused.',
    },
    MARKETING_MESSAGES: { description: 'Marketing notifications and campaign messages may be sent to the user. Refused until granted.' },
    SHOW_PURCHASES_TO_FRIENDS: {
      description: 'Mutual follows see what the user bought (`friendsWhoBought`, "bought by friends" in discover and search). The same setting as `User.showsPurchasesToFriends` (updateProfile changes it too). Granted until refused.',
    },
    ANALYTICS: { description: 'The user\'s activity may be used for product analytics beyond what running the service needs. Refused until granted.' },
  },
});

@ObjectType({ description: 'The viewer\'s current answer for one purpose.' })
export class Consent {
  @Field(() => ConsentPurpose, { description: 'What the consent is for.' })
  purpose!: ConsentPurpose;

  @Field({ description: 'Whether the purpose is allowed now: the viewer\'s latest answer, or the purpose\'s default (see ConsentPurpose) when they never gave one.' })
  isGranted!: boolean;

  @Field({ description: 'True when the viewer never answered for this purpose and its default applies.' })
  isDefault!: boolean;

  @Field(() => DateTimeISOResolver, { nullable: true, description: 'When the viewer last answered; null when they never did.' })
  decidedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'The privacy-policy version in force when they last answered; null when they never did.' })
  policyVersion!: string | null;
}

@ObjectType({ description: 'One change of a consent, kept as the audit trail: every answer with its time, never rewritten.' })
export class ConsentChange {
  @Field({ description: 'The change\'s id.' })
  id!: string;

  @Field(() => ConsentPurpose, { description: 'The purpose changed.' })
  purpose!: ConsentPurpose;

  @Field({ description: 'The answer given: allowed or refused.' })
  isGranted!: boolean;

  @Field(() => DateTimeISOResolver, { description: 'When it was given.' })
  changedAt!: Date;

  @Field({ description: 'The privacy-policy version in force then.' })
  policyVersion!: string;
}

export const ConsentChangeConnection = Connection(ConsentChange, 'ConsentChange', {
  page: 'A page of the viewer\'s consent changes, newest first.',
  item: 'a consent change',
  total: 'consent changes of the purpose asked for (of every purpose without one)',
});

@ObjectType({ description: 'A scheduled deletion of the viewer\'s account.' })
export class AccountDeletion {
  @Field(() => DateTimeISOResolver, { description: 'When the deletion was first asked for (asking again keeps it).' })
  requestedAt!: Date;

  @Field(() => DateTimeISOResolver, {
    description: 'When the grace period ends and the account is erased. Until then, signing in or cancelAccountDeletion keeps it.',
  })
  deletesAt!: Date;
}

/** Where a data export is (see DataExportStatus). */
export enum DataExportStatus {
  PENDING = 'PENDING',
  READY = 'READY',
  EXPIRED = 'EXPIRED',
  FAILED = 'FAILED',
}

registerEnumType(DataExportStatus, {
  name: 'DataExportStatus',
  description: 'Where a data export is.',
  valuesConfig: {
    PENDING: { description: 'Requested; the archive is being written (usually within seconds). Ask `dataExports` again.' },
    READY: { description: 'The archive is written: `downloadUrl` serves it until `expiresAt`.' },
    EXPIRED: { description: 'Past `expiresAt`: the archive is deleted and can no longer be downloaded. Request a new export.' },
    FAILED: { description: 'The archive could not be written. It does not count against the daily limit: request a new export.' },
  },
});

@ObjectType({ implements: Node, description: "An archive of everything about the viewer, requested with requestDataExport (issue 23 §3). Only its owner sees it." })
export class DataExport {
  @Field(() => ID, { description: 'The export.' })
  id!: string;

  @Field(() => DataExportStatus, { description: 'Where it is: PENDING, READY, EXPIRED or FAILED.' })
  status!: DataExportStatus;

  @Field(() => DateTimeISOResolver, { description: 'When it was requested.' })
  createdAt!: Date;

  @Field(() => DateTimeISOResolver, { nullable: true, description: 'When the archive was written; null until READY.' })
  readyAt!: Date | null;

  @Field(() => DateTimeISOResolver, { description: 'When the archive is deleted and the download stops working: 7 days after the request.' })
  expiresAt!: Date;

  @Field(() => Int, { nullable: true, description: 'The size of the archive in bytes; null unless READY.' })
  sizeBytes!: number | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Where to download the archive (one JSON file), while READY: an address on the API that works only for this export, only until `expiresAt`, and only with the same user\'s bearer token in the Authorization header (GET it with the token, as the GraphQL requests are made). Another user\'s token, an expired export and an altered address are answered 404. Null unless READY.',
  })
  downloadUrl!: string | null;
}

export const DataExportConnection = Connection(DataExport, 'DataExport', {
  page: "A page of the viewer's data exports, newest first.",
  item: 'a data export',
  total: "the viewer's data exports, expired and failed ones included",
});
