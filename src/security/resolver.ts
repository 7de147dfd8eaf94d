import { Arg, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { Scope } from '../accounts/scope';
import type { PayloadResult } from '../common/user-errors';
import { accountLoaders } from '../accounts/loaders';
import { SecurityService } from './service';
import { TwoFactorService } from './two-factor';
import { SecurityEventConnection } from './types';
import { ConfirmTwoFactorInput, ConfirmTwoFactorPayload, DisableTwoFactorInput, DisableTwoFactorPayload, EnableTwoFactorInput, EnableTwoFactorPayload } from './payloads';

@Resolver()
export class SecurityResolver {
  constructor(
    readonly security: SecurityService,
    readonly twoFactor: TwoFactorService,
  ) {}

  @Mutation(() => EnableTwoFactorPayload, {
    description:
      'Starts turning on two-factor sign-in: returns a new secret (and its otpauth:// address for a QR code) for an authenticator app. Nothing changes until confirmTwoFactor; calling it again replaces the waiting secret.',
  })
  async enableTwoFactor(@Ctx() ctx: Scope, @Arg('input', () => EnableTwoFactorInput, { description: 'The password.' }) input: EnableTwoFactorInput): Promise<PayloadResult<EnableTwoFactorPayload>> {
    return this.twoFactor.enable(ctx, input.password);
  }

  @Mutation(() => ConfirmTwoFactorPayload, { description: 'Turns two-factor sign-in on with a code from the app just enrolled, and returns 10 one-time recovery codes, shown this once.' })
  async confirmTwoFactor(@Ctx() ctx: Scope, @Arg('input', () => ConfirmTwoFactorInput, { description: 'The code.' }) input: ConfirmTwoFactorInput): Promise<PayloadResult<ConfirmTwoFactorPayload>> {
    const recoveryCodes = await this.twoFactor.confirm(ctx, input.code);
    return { recoveryCodes, user: await this.freshViewer(ctx) };
  }

  @Mutation(() => DisableTwoFactorPayload, { description: 'Turns two-factor sign-in off, with the password and a current code (or a recovery code); its secret and recovery codes are deleted.' })
  async disableTwoFactor(@Ctx() ctx: Scope, @Arg('input', () => DisableTwoFactorInput, { description: 'The password and a code.' }) input: DisableTwoFactorInput): Promise<PayloadResult<DisableTwoFactorPayload>> {
    await this.twoFactor.disable(ctx, input.password, input);
    return { user: await this.freshViewer(ctx) };
  }

  /** The viewer as just changed, past the request's loader. */
  private async freshViewer(ctx: Scope) {
    const viewer = await ctx.requireViewer();
    return accountLoaders(ctx).userById.clear(viewer.id).load(viewer.id);
  }

  @Query(() => SecurityEventConnection, {
    description:
      "The viewer's own security events, newest first: sign-ins (with device and network), failed sign-ins, password and two-factor changes, ended sessions, data exports and deletion requests. Each user sees only their own; staff included.",
  })
  securityEvents(
    @Ctx() ctx: Scope,
    @Arg('first', () => Int, { nullable: true, description: 'Default 20, at most 100.' }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: "The previous page's endCursor." }) after?: string | null,
  ) {
    return this.security.events(ctx, first, after);
  }
}
