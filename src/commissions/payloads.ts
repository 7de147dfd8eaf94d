import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { MutationPayload } from '../common/user-errors';
import type { FlagRecord, RateSetRecord } from './repository';
import { CommissionRateSet, FraudFlag, FraudFlagDecision } from './types';

@ObjectType({ description: 'The result of setCommissionRates.' })
export class SetCommissionRatesPayload extends MutationPayload {
  @Field(() => CommissionRateSet, { nullable: true, description: 'The new current version of the scope\'s rates; null when refused.' })
  rateSet!: RateSetRecord | null;
}

@InputType({ description: 'The fraud flag to decide and the decision.' })
export class DecideFraudFlagInput {
  @Field(() => ID, { description: 'The flag, as listed by fraudFlags.' })
  flagId!: string;

  @Field(() => FraudFlagDecision, { description: 'Approve (legitimate) or reject (fraud).' })
  decision!: FraudFlagDecision;
}

@ObjectType({ description: 'The result of decideFraudFlag.' })
export class DecideFraudFlagPayload extends MutationPayload {
  @Field(() => FraudFlag, { nullable: true, description: 'The decided flag (also when it was decided the same way already); null when refused.' })
  fraudFlag!: FlagRecord | null;
}
