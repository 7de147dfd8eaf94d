import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { Scope } from '../accounts/scope';
import { SecurityService } from './service';
import { SecurityEventConnection } from './types';

@Resolver()
export class SecurityResolver {
  constructor(readonly security: SecurityService) {}

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
