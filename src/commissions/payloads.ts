import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { MutationPayload } from '../common/user-errors';
import type { FlagRecord, RateSetRecord } from './repository';
import { CommissionRateSet, FraudFlag } from './types';

@ObjectType({ description: 'The result of setCommissionRates.' })
export class SetCommissionRatesPayload extends MutationPayload {
  @Field(() => CommissionRateSet, { nullable: true, description: 'The new current version of the scope\'s rates; null when refused.' })
  rateSet!: RateSetRecord | null;
}

@InputType({ description: 'The fraud flag to approve.' })
export class ApproveFraudFlagInput {
  @Field(() => ID, { description: 'The flag.' })
  flagId!: string;
}

@ObjectType({ description: 'The result of approveFraudFlag.' })
export class ApproveFraudFlagPayload extends MutationPayload {
  @Field(() => FraudFlag, { nullable: true, description: 'The approved flag (also when it was approved already); null when refused.' })
  fraudFlag!: FlagRecord | null;
}

@InputType({ description: 'The fraud flag to reject.' })
export class RejectFraudFlagInput {
  @Field(() => ID, { description: 'The flag.' })
  flagId!: string;
}

@ObjectType({ description: 'The result of rejectFraudFlag.' })
export class RejectFraudFlagPayload extends MutationPayload {
  @Field(() => FraudFlag, { nullable: true, description: 'The rejected flag (also when it was rejected already); null when refused.' })
  fraudFlag!: FlagRecord | null;
}
