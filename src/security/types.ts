import { Node } from '../common/node';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeISOResolver } from 'graphql-scalars';
import { Connection } from '../common/connection';
import { SecurityEventKind } from './events';

registerEnumType(SecurityEventKind, {
  name: 'SecurityEventKind',
  description: 'What happened to the account.',
  valuesConfig: {
    LOG_IN: { description: 'Someone signed in to the account (the password, and the second step when two-factor sign-in is on, were right); also the first session of a sign-up.' },
    LOG_IN_FAILED: { description: 'A sign-in failed: a wrong password, or a wrong two-factor or recovery code.' },
    PASSWORD_CHANGED: { description: 'The password was changed; every other session ended.' },
    TWO_FACTOR_ENABLED: { description: 'Two-factor sign-in was turned on (confirmTwoFactor).' },
    TWO_FACTOR_DISABLED: { description: 'Two-factor sign-in was turned off (disableTwoFactor).' },
    RECOVERY_CODE_USED: { description: 'A recovery code was used (to sign in or to turn two-factor sign-in off); each code works once.' },
    SESSION_REVOKED: { description: 'Sessions were ended from another one (revokeSession, logOutEverywhere); `detail` says which or how many.' },
    DATA_EXPORT_REQUESTED: { description: "An archive of the account's data was requested." },
    ACCOUNT_DELETION_REQUESTED: { description: 'Deleting the account was requested.' },
    ACCOUNT_DELETION_CANCELLED: { description: 'A requested deletion was cancelled before it happened.' },
  },
});

@ObjectType({ implements: Node, description: "Something that happened to the viewer's account, for them to check it was them." })
export class SecurityEvent {
  @Field(() => ID, { description: 'The event id.' })
  id!: string;

  @Field(() => SecurityEventKind, { description: 'What happened.' })
  kind!: SecurityEventKind;

  @Field(() => DateTimeISOResolver, { description: 'When it happened.' })
  occurredAt!: Date;

  @Field(() => String, {
    nullable: true,
    description: 'The network the request came from: the first three parts of an IPv4 address ("203.0.113.0/24") or the first 48 bits of an IPv6 one ("2001:db8:85a3::/48"), never the full address; null when unknown.',
  })
  ipPrefix!: string | null;

  @Field(() => String, { nullable: true, description: 'The device of the request, as its session is named in `sessions` ("Safari on iPhone"); null when not known.' })
  deviceLabel!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'A short note in English on what happened, such as `ended "Safari on iPhone"` or `ended 3 sessions` for SESSION_REVOKED or "recovery code" for a LOG_IN completed with one; null when there is nothing to add.',
  })
  detail!: string | null;
}

export const SecurityEventConnection = Connection(SecurityEvent, 'SecurityEvent', 'security events');
