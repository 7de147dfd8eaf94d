import { badInput, notFound } from '../common/errors';
import { UserErrorCode } from '../common/user-error-code';
import { randomUUID } from 'node:crypto';
import { inTx } from '../db/in-tx';
import type { Scope } from '../accounts/scope';
import { ConversationRepository } from './repository';
import { audienceOf, Folder, folderFor, pairKey } from './rules';

/**
 * Start a conversation: with one user, the pair's one 1:1 conversation (found, or created once
 * however many start it at the same moment); with several, a new group. The users are locked and
 * checked (they exist, no block either way with the starter) in the transaction that creates it,
 * and each one's copy starts in the folder their messaging setting gives the starter.
 */
export async function startConversation(scope: Scope, viewerId: string, otherIds: string[]): Promise<{ id: string; created: boolean }> {
  const now = Date.now();
  return scope.db.writeTx(async (tx) => {
    const t = inTx(tx, ConversationRepository);
    const found = new Map((await t.candidates(viewerId, otherIds)).map((c) => [c.id, c]));
    const members = otherIds.map((id, i) => {
      const candidate = found.get(id);
      if (!candidate?.exists) throw notFound('User', `userIds[${i}]`);
      if (candidate.blocked) throw badInput(`userIds[${i}]`, 'you cannot message this user', UserErrorCode.BLOCKED);
      const relation = { recipientFollowsSender: candidate.followsSender, senderFollowsRecipient: candidate.followedBySender };
      return { userId: id, folder: folderFor(audienceOf(candidate.setting), relation) as string };
    });
    const all = [{ userId: viewerId, folder: Folder.INBOX as string }, ...members];
    const conversationId = randomUUID();
    return otherIds.length === 1
      ? t.startDirect({ pairKey: pairKey(viewerId, otherIds[0]!), conversationId, viewerId, members: all, now })
      : t.startGroup({ conversationId, viewerId, members: all, now });
  });
}
