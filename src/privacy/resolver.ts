import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { User, type UserRecord } from '../accounts/types';
import type { PayloadResult } from '../common/user-errors';
import type { Scope } from '../accounts/scope';
import {
  AcceptPolicyInput,
  AcceptPolicyPayload,
  CancelAccountDeletionInput,
  CancelAccountDeletionPayload,
  DeleteAccountInput,
  DeleteAccountPayload,
  SetConsentInput,
  SetConsentPayload,
} from './payloads';
import { AccountDeletionService } from './deletion';
import { accountLoaders } from '../accounts/loaders';
import { CONSENT_HISTORY_PAGE_MAX, CONSENT_PURPOSES, ConsentPurpose } from './policy';
import { Consent, ConsentChangeConnection } from './types';
import { ConsentService } from './consents';

@Resolver()
export class ConsentResolver {
  constructor(readonly consentService: ConsentService) {}

  @Query(() => [Consent], { description: `The viewer's answer for every consent purpose, against the privacy policy in force: at most ${CONSENT_PURPOSES.length}, one per ConsentPurpose, in its order.` })
  consents(@Ctx() ctx: Scope): Promise<Consent[]> {
    return this.consentService.consents(ctx);
  }

  @Query(() => ConsentChangeConnection, { description: "The viewer's consent audit trail: every answer they gave, with its time and policy version, newest first." })
  consentHistory(
    @Ctx() ctx: Scope,
    @Arg('purpose', () => ConsentPurpose, { nullable: true, description: 'Only the changes of this purpose; every purpose without it.' }) purpose?: ConsentPurpose | null,
    @Arg('first', () => Int, { nullable: true, description: `Default 20, at most ${CONSENT_HISTORY_PAGE_MAX}.` }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: "The previous page's endCursor." }) after?: string | null,
  ) {
    return this.consentService.history(ctx, purpose, first, after);
  }

  @Mutation(() => SetConsentPayload, {
    description:
      "Allows or refuses one purpose for the viewer, recorded with its time against the policy in force and kept in `consentHistory`. Takes effect at once: refusing PERSONALISED_RECOMMENDATIONS makes the viewer's next discover first page and searches rank on public signals only; SHOW_PURCHASES_TO_FRIENDS is `showsPurchasesToFriends`.",
  })
  async setConsent(@Ctx() ctx: Scope, @Arg('input', () => SetConsentInput, { description: 'The purpose and the answer.' }) input: SetConsentInput): Promise<PayloadResult<SetConsentPayload>> {
    return { consent: await this.consentService.setConsent(ctx, input.purpose, input.isGranted) };
  }

  @Query(() => String, { description: 'The version of the privacy policy in force. When it changes, `me.isPolicyAcceptanceNeeded` turns true until the user accepts it with acceptPolicy.' })
  policyVersion(): string {
    return this.consentService.policyVersion;
  }

  @Mutation(() => AcceptPolicyPayload, { description: 'Records that the viewer accepted the privacy policy in force (its version, from `policyVersion`); accepting it again records it again.' })
  async acceptPolicy(@Ctx() ctx: Scope, @Arg('input', () => AcceptPolicyInput, { description: 'The version accepted.' }) input: AcceptPolicyInput): Promise<PayloadResult<AcceptPolicyPayload>> {
    return { acceptedPolicyVersion: await this.consentService.acceptPolicy(ctx, input.version) };
  }
}

@Resolver(() => User)
export class UserPrivacyResolver {
  constructor(readonly consentService: ConsentService) {}

  @FieldResolver(() => Boolean, {
    nullable: true,
    description: 'True when the user has not accepted the privacy policy in force (`policyVersion`): the client shows it and calls acceptPolicy. Visible only to the user themself (null for others).',
  })
  async isPolicyAcceptanceNeeded(@Root() user: UserRecord, @Ctx() ctx: Scope): Promise<boolean | null> {
    return (await this.consentService.acceptedPolicyOf(ctx, user.id))?.isAcceptanceNeeded ?? null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'The privacy-policy version the user last accepted; null when none. Visible only to the user themself (null for others).' })
  async acceptedPolicyVersion(@Root() user: UserRecord, @Ctx() ctx: Scope): Promise<string | null> {
    return (await this.consentService.acceptedPolicyOf(ctx, user.id))?.version ?? null;
  }
}

@Resolver()
export class AccountDeletionResolver {
  constructor(readonly deletionService: AccountDeletionService) {}

  @Mutation(() => DeleteAccountPayload, {
    description:
      'Schedules the viewer\'s account for deletion after the grace period (15 days by default), confirmed with the password (and the two-factor code when it is on). Every session ends at once, this one included. Until `deletesAt`, signing in or cancelAccountDeletion keeps the account; then its profile is erased, its notes, comments, likes, collects, follows, blocks and memberships deleted, and its orders and commissions kept for accounting under a tombstone. Asking again keeps the first schedule.',
  })
  async deleteAccount(@Ctx() ctx: Scope, @Arg('input', () => DeleteAccountInput, { description: 'The confirmation.' }) input: DeleteAccountInput): Promise<PayloadResult<DeleteAccountPayload>> {
    const schedule = await this.deletionService.requestDeletion(ctx, input.password, input.code);
    return { accountDeletion: { requestedAt: new Date(schedule.requestedAt), deletesAt: new Date(schedule.dueAt) } };
  }

  @Mutation(() => CancelAccountDeletionPayload, {
    description:
      'Keeps an account scheduled for deletion, with its credentials and without signing in (deleteAccount ended every session); signing in keeps it too. Wrong credentials, and an account with no deletion in its grace period, are refused alike with INVALID_CREDENTIALS. Rate-limited like logIn.',
  })
  async cancelAccountDeletion(
    @Ctx() ctx: Scope,
    @Arg('input', () => CancelAccountDeletionInput, { description: 'The credentials.' }) input: CancelAccountDeletionInput,
  ): Promise<PayloadResult<CancelAccountDeletionPayload>> {
    const userId = await this.deletionService.cancelWithCredentials(ctx, input.login, input.password, input.code);
    return { user: await accountLoaders(ctx).userById.load(userId) };
  }
}
