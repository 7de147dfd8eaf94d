import type { Scope } from '../accounts/scope';

/**
 * What other domains ask of privacy, as a narrow interface ConsentService implements; it imports
 * no service, so no import cycle runs through it.
 */
export interface ConsentAccess {
  /** Whether the discover feed and search may rank on the user's own signals (PERSONALISED_RECOMMENDATIONS). */
  isPersonalised(scope: Scope, userId: string): Promise<boolean>;
}
