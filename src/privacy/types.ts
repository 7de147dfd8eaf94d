import { Field, ObjectType, registerEnumType } from 'type-graphql';
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
