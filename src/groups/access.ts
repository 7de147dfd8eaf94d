import type { Scope } from '../accounts/scope';
import type { UserRecord } from '../accounts/types';
import type { Tx } from '../db/database';
import type { GroupPermission, SanctionKind, Standing } from './permissions';
import type { GroupRecord } from './types';

/**
 * What other domains may ask of groups, as narrow interfaces: GroupService implements them, and
 * the composition root hands each consumer only the one it needs (content asks who may read and
 * post; moderation sanctions). They import no service, so no import cycle runs through them.
 */
export interface GroupAccess {
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

export interface GroupSanctions {
  visibleGroupOrNotFound(scope: Scope, groupId: string, field?: string): Promise<{ group: GroupRecord; standing: Standing }>;
  withPermission<T>(scope: Scope, groupId: string, actor: UserRecord, permission: GroupPermission, work: (tx: Tx) => Promise<T>): Promise<T>;
  sanction(
    scope: Scope,
    groupId: string,
    userId: string,
    kind: SanctionKind,
    opts?: { minutes?: number; reason?: string; actor?: UserRecord; inSameTransaction?: (tx: Tx) => Promise<unknown> },
  ): Promise<unknown>;
}
