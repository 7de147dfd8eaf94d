import type { Scope } from '../accounts/scope';

/**
 * What other domains may ask of social, as a narrow interface SocialService implements; it imports
 * no service, so no import cycle runs through it.
 */
export interface BlockList {
  /** Who is in a block with the viewer, either way (empty for an anonymous viewer). */
  usersInABlockWithViewer(scope: Scope): Promise<Set<string>>;
}
