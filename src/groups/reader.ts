import { forbidden, notFound } from '../common/errors';
import { requireId } from '../common/validate';
import { matchSensitive } from '../moderation/rules';
import { canPost, canSeeContent, canSeeGroup, Standing } from './permissions';
import { groupLoaders } from './loaders';
import type { Scope } from '../accounts/scope';
import type { Premoderation } from '../moderation/access';
import type { GroupAccess, GroupLevelRightsCheck, GroupPosting } from './access';
import type { Tx } from '../db/database';
import type { GroupBuyStartRefusal, GroupLevels } from './level-rights';
import type { GroupRecord } from './types';

/**
 * Who may see, read and post in a group, from the group loaders and moderation's word list alone.
 * Content asks this (may the viewer read or post here), and groups ask content (present a feed,
 * post an announcement): with the answers here, below both, GroupService and ContentService are
 * built in order, with no loop between them.
 */
export class GroupReader implements GroupAccess, GroupPosting, GroupLevelRightsCheck {
  constructor(private readonly deps: { moderation: Pick<Premoderation, 'sensitiveWords'>; levels: GroupLevels }) {}

  /**
   * The group, if the viewer may know it exists; otherwise exactly the error an unknown id gets.
   * Every operation that takes a group id (or reaches a group) starts here: a SECRET group does
   * not exist for those not in it or invited, so they hear NOT_FOUND, never FORBIDDEN.
   */
  async visibleGroupOrNotFound(scope: Scope, groupId: string, field = 'groupId'): Promise<{ group: GroupRecord; standing: Standing }> {
    const id = requireId(groupId, field);
    const [group, standing] = await Promise.all([groupLoaders(scope).groupById.load(id), groupLoaders(scope).standing.load(id)]);
    if (!group || group.archivedAt !== null || !canSeeGroup(group.visibility, standing)) throw notFound('Group', field);
    return { group, standing };
  }

  /** Whether the viewer may know the group exists (see visibleGroupOrNotFound). */
  async isVisible(scope: Scope, groupId: string): Promise<boolean> {
    const [group, standing] = await Promise.all([groupLoaders(scope).groupById.load(groupId), groupLoaders(scope).standing.load(groupId)]);
    return group !== null && group.archivedAt === null && canSeeGroup(group.visibility, standing);
  }

  /** Whether the viewer may read the group's content (used by the note visibility rule). */
  async canReadContent(scope: Scope, groupId: string): Promise<boolean> {
    const [group, standing] = await Promise.all([groupLoaders(scope).groupById.load(groupId), groupLoaders(scope).standing.load(groupId)]);
    if (!group) return false;
    return canSeeContent(group.visibility, standing);
  }

  /** Whether a live stream may go on showing this group's content: readable and not archived. */
  async canFollowLive(scope: Scope, groupId: string): Promise<boolean> {
    const group = await groupLoaders(scope).groupById.load(groupId);
    return group !== null && group.archivedAt === null && (await this.canReadContent(scope, groupId));
  }

  /**
   * Checks the viewer may post into the group; returns the pre-moderation hold if the group has
   * pre-moderation on and the text matches the sensitive-word list.
   */
  async checkPost(scope: Scope, groupId: string, text: string): Promise<{ state: string; matched: string[] } | null> {
    const { group, standing } = await this.visibleGroupOrNotFound(scope, groupId);
    if (standing.role === null) throw forbidden('Only members can post in this group');
    if (!canPost(standing, Date.now())) throw forbidden('You are muted in this group');
    return this.premoderationHold(scope, group.id, text);
  }

  /** The pre-moderation hold for a text in the group (new or edited): null unless the group pre-moderates and the text matches. */
  async premoderationHold(scope: Scope, groupId: string, text: string): Promise<{ state: string; matched: string[] } | null> {
    const group = await groupLoaders(scope).groupById.load(groupId);
    if (!group?.premoderation) return null;
    const matched = matchSensitive(text, await this.deps.moderation.sensitiveWords(scope));
    return matched.length ? { state: 'PENDING', matched } : null;
  }

  holdUnderLock<H>(tx: Tx, groupId: string, userId: string, hold: H | null): Promise<H | null> {
    return this.deps.levels.holdUnderLock(tx, groupId, userId, hold);
  }

  groupBuyStartRefusalUnderLock(tx: Tx, groupId: string, userId: string, now: number): Promise<GroupBuyStartRefusal | null> {
    return this.deps.levels.groupBuyStartRefusalUnderLock(tx, groupId, userId, now);
  }
}
