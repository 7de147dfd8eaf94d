import type { Scope } from '../accounts/scope';
import type { Standing } from './permissions';
import type { GroupRecord } from './types';
import type { Tx } from '../db/database';
import type { GroupBuyStartRefusal } from './level-rights';

/**
 * What other domains may ask of groups, as narrow interfaces: GroupService implements them, and
 * the composition root hands each consumer only the one it needs (content asks who may read and
 * post; moderation whom it may moderate). They import no service, so no import cycle runs through them.
 */
export interface GroupAccess {
  /** The group and the viewer's standing in it, if they may know it exists; else NOT_FOUND, as for an unknown id. */
  visibleGroupOrNotFound(scope: Scope, groupId: string, field?: string): Promise<{ group: GroupRecord; standing: Standing }>;
  /** The group exists, is not archived and the viewer may see it. */
  isVisible(scope: Scope, groupId: string): Promise<boolean>;
  /** The viewer may read the group's notes and comments. */
  canReadContent(scope: Scope, groupId: string): Promise<boolean>;
  /** canReadContent, and the group still takes activity (not archived): for live streams. */
  canFollowLive(scope: Scope, groupId: string): Promise<boolean>;
}

export interface GroupPosting {
  /** Fails unless the viewer may post; the premoderation state a post by them starts in, or null. */
  checkPost(scope: Scope, groupId: string, text: string): Promise<{ state: string; matched: string[] } | null>;
  premoderationHold(scope: Scope, groupId: string, text: string): Promise<{ state: string; matched: string[] } | null>;
}

/**
 * The level rights of a group (updateGroupLevelRights), checked in the caller's transaction under
 * the group's lock: content's posts and comments, group buys started in a group.
 */
export interface GroupLevelRightsCheck {
  /** The pre-moderation hold a post keeps: null for a member whose level posts without pre-moderation. */
  holdUnderLock<H>(tx: Tx, groupId: string, userId: string, hold: H | null): Promise<H | null>;
  /** Null when the user may start a group buy in the group now; else why not. */
  groupBuyStartRefusalUnderLock(tx: Tx, groupId: string, userId: string, now: number): Promise<GroupBuyStartRefusal | null>;
}
