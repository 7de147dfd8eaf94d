import { badInput, notFound } from '../common/errors';
import { UserErrorCode } from '../common/user-error-code';
import { randomUUID } from 'node:crypto';
import { claimIdempotencyKey } from '../db/idempotency';
import { inTx } from '../db/in-tx';
import type { Scope } from '../accounts/scope';
import { ReferralRepository } from '../referral/repository';
import { newShareCode } from '../referral/service';
import { ShareChannel } from '../referral/types';
import { ConversationRepository } from './repository';
import { audienceOf, folderAfterSend, holdFor, type Relation } from './rules';
import { MessageAttachmentKind, type MessageRecord } from './types';

export interface Outgoing {
  viewerId: string;
  conversationId: string;
  text: string;
  attachments: { kind: string; id: string }[];
  idempotencyKey: string | null;
  /** The platform's sensitive words, read before the transaction. */
  words: string[];
}

export interface Sent {
  message: MessageRecord;
  /** False for a retry that returned the first send's message. */
  fresh: boolean;
  /** The other members, who hear of it. */
  recipientIds: string[];
  matched: string[];
}

/**
 * Send: under the conversation's lock (and the sender's, which a block also takes) the sender's
 * membership, the blocks and the recipients' follows are read, the message is held or delivered,
 * numbered and chained, its product cards get their share links, and the folders move, all in one transaction; a refusal throws before it
 * commits, so a refused send leaves nothing behind, not even a claimed idempotency key.
 */
export async function sendMessage(scope: Scope, out: Outgoing): Promise<Sent> {
  const now = Date.now();
  return scope.db.writeTx(async (tx) => {
    const t = inTx(tx, ConversationRepository);
    const context = await t.lockForSend(out.conversationId, out.viewerId);
    if (!context) throw notFound('Conversation', 'conversationId');
    const recipientIds = context.others.map((o) => o.id);
    const claim = out.idempotencyKey
      ? await claimIdempotencyKey(tx, {
          actorId: out.viewerId,
          operation: 'sendMessage',
          key: out.idempotencyKey,
          input: { conversationId: out.conversationId, text: out.text, attachments: out.attachments },
        })
      : null;
    if (claim && !claim.fresh) {
      const [first] = await t.messagesByIds([claim.resultId]);
      return { message: first!, fresh: false, recipientIds, matched: [] };
    }
    // A 1:1 with a block either way takes no message; in a group, a blocked member never sees the
    // sender's messages (the reads leave them out), so the others still get them.
    if (context.kind === 'DIRECT' && context.others.some((o) => o.blocked)) {
      throw badInput('conversationId', 'you cannot message this user', UserErrorCode.BLOCKED);
    }
    const relationOf = (o: (typeof context.others)[number]): Relation => ({ recipientFollowsSender: o.followsSender, senderFollowsRecipient: o.followedBySender });
    const matched = holdFor(out.text, out.words, context.others.filter((o) => !o.blocked).map(relationOf));
    const status = matched.length > 0 ? 'HELD' : 'DELIVERED';
    const folders: { userId: string; folder: string }[] = [];
    const mine = folderAfterSend(context.folder, true, audienceOf(null), { recipientFollowsSender: false, senderFollowsRecipient: false });
    if (mine !== context.folder) folders.push({ userId: out.viewerId, folder: mine });
    // A held message reaches nobody yet, so it brings no deleted conversation back.
    if (status === 'DELIVERED') {
      for (const o of context.others) {
        const next = folderAfterSend(o.folder, false, audienceOf(o.setting), relationOf(o));
        if (next !== o.folder) folders.push({ userId: o.id, folder: next });
      }
    }
    // A product card carries its sender's DM link to the product (found, or made here once per
    // sender and product), so an order from the card credits someone who really shared it.
    const referral = inTx(tx, ReferralRepository);
    const attachmentCodes: string[] = [];
    for (const card of out.attachments) {
      const link = card.kind === MessageAttachmentKind.PRODUCT
        ? await referral.share({ sharerId: out.viewerId, targetType: 'PRODUCT', targetId: card.id, channel: ShareChannel.DIRECT_MESSAGE, campaign: null, code: newShareCode(), now })
        : null;
      attachmentCodes.push(link?.code ?? '');
    }
    const message = await t.addMessage({
      conversationId: out.conversationId,
      messageId: randomUUID(),
      viewerId: out.viewerId,
      text: out.text,
      attachmentKinds: out.attachments.map((a) => a.kind),
      attachmentIds: out.attachments.map((a) => a.id),
      attachmentCodes,
      status,
      now,
      folders,
    });
    await claim?.complete(message.id);
    return { message, fresh: true, recipientIds, matched };
  });
}
