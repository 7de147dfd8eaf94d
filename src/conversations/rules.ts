import { badInput } from '../common/errors';
import { requireText } from '../common/validate';
import { matchSensitive } from '../moderation/rules';

/** The most members a conversation has, its starter included. */
export const MAX_MEMBERS = 20;
/** A message's text, in characters (code points, so an emoji counts once). */
export const MAX_TEXT = 2000;
/** Cards on one message. */
export const MAX_ATTACHMENTS = 4;
// The default is the cost limit's default page (DEFAULT_PAGE_SIZE): `first` and `last` cannot both
// declare a schema default, so the limit prices an omitted one at that size.
export const MESSAGES_PAGE = { default: 20, max: 100 };
export const CONVERSATIONS_PAGE = { default: 20, max: 50 };
/** How long a typing indicator shows without being renewed (clients renew it every few seconds while typing). */
export const TYPING_TTL_MS = 6_000;
/** Messages a moderation case shows from its reports (the newest): enough to judge a sender by. */
export const MAX_REPORTED_MESSAGES = 20;

/** Who may message a user straight into their inbox; anyone else's messages arrive as a request. */
export enum MessagingAudience {
  EVERYONE = 'EVERYONE',
  FOLLOWING = 'FOLLOWING',
  MUTUALS = 'MUTUALS',
  NOBODY = 'NOBODY',
}
export const DEFAULT_AUDIENCE = MessagingAudience.MUTUALS;

export enum Folder {
  INBOX = 'INBOX',
  REQUESTS = 'REQUESTS',
}

/** The follows between a recipient and a sender, as the recipient's setting reads them. */
export interface Relation {
  /** The recipient follows the sender ("people I follow"). */
  recipientFollowsSender: boolean;
  senderFollowsRecipient: boolean;
}

/**
 * Whether the recipient's setting lets this sender straight into their inbox. A block is not a
 * question of settings: it refuses the message outright (see refusal below), so it is not asked here.
 */
export function reachesInbox(audience: MessagingAudience, relation: Relation): boolean {
  switch (audience) {
    case MessagingAudience.EVERYONE:
      return true;
    case MessagingAudience.FOLLOWING:
      return relation.recipientFollowsSender;
    case MessagingAudience.MUTUALS:
      return relation.recipientFollowsSender && relation.senderFollowsRecipient;
    case MessagingAudience.NOBODY:
      return false;
  }
}

/** A stored setting, read leniently: anything unknown is the default. */
export function audienceOf(stored: string | null | undefined): MessagingAudience {
  return Object.values(MessagingAudience).includes(stored as MessagingAudience) ? (stored as MessagingAudience) : DEFAULT_AUDIENCE;
}

/** The folder a new member's copy of a conversation starts in. */
export function folderFor(audience: MessagingAudience, relation: Relation): Folder {
  return reachesInbox(audience, relation) ? Folder.INBOX : Folder.REQUESTS;
}

/**
 * The folder a member is in after someone sends: the sender who replies to a request accepts it;
 * a member who deleted the 1:1 gets it back, as a request unless their setting now lets the sender
 * in; everyone else stays where they are (an accepted conversation stays accepted).
 */
export function folderAfterSend(current: string, isSender: boolean, audience: MessagingAudience, relation: Relation): string {
  if (isSender) return current === Folder.REQUESTS ? Folder.INBOX : current;
  if (current === 'DELETED') return folderFor(audience, relation);
  return current;
}

/**
 * A message is held (kept from the others until moderation lets it through) when it has a
 * sensitive word and goes to someone who does not follow its sender: strangers are who unsolicited
 * messages harm, while people who chose to follow the sender get what they asked for.
 */
export function holdFor(text: string, words: string[], recipients: Relation[]): string[] {
  const matched = matchSensitive(text, words);
  return matched.length > 0 && recipients.some((r) => !r.recipientFollowsSender) ? matched : [];
}

/**
 * A message's text, checked: at most MAX_TEXT characters (code points), valid Unicode without
 * control characters, and something visible; it may be left empty only when the message carries a card.
 */
export function checkText(text: string | null | undefined, attachments: number): string {
  if ((text === null || text === undefined || (typeof text === 'string' && text.trim() === '')) && attachments > 0) return '';
  if (text === null || text === undefined) throw badInput('text', 'a message needs text or a card');
  return requireText(text, 'text', { min: 1, max: MAX_TEXT });
}

/** The pair key of a 1:1 conversation: the same whoever starts it. */
export function pairKey(a: string, b: string): string {
  return a < b ? `${a}:${b}` : `${b}:${a}`;
}

/** The other users of a new conversation, checked: 1 to MAX_MEMBERS - 1, no duplicates, not the viewer. */
export function checkMembers(viewerId: string, userIds: readonly string[]): string[] {
  if (userIds.length < 1) throw badInput('userIds', 'name at least one other user');
  if (userIds.length > MAX_MEMBERS - 1) throw badInput('userIds', `a conversation has at most ${MAX_MEMBERS} members, you included`);
  const seen = new Set<string>();
  userIds.forEach((id, i) => {
    if (id === viewerId) throw badInput(`userIds[${i}]`, 'you are in the conversation already; name the others');
    if (seen.has(id)) throw badInput(`userIds[${i}]`, 'is named twice');
    seen.add(id);
  });
  return [...seen];
}

/** What a member may see of a message: what came after they joined (or came back), never someone else's held message, never a blocked user's. */
export function canSeeMessage(
  message: { senderId: string; status: string; seq: number },
  viewer: { id: string; visibleFromSeq: number; blocked: ReadonlySet<string> },
): boolean {
  if (message.seq < viewer.visibleFromSeq) return false;
  if (message.status === 'HELD' && message.senderId !== viewer.id) return false;
  return !viewer.blocked.has(message.senderId);
}

/** What an order names when it was bought from a product card in a message. */
export interface CardOrder {
  buyerId: string;
  productIds: string[];
  /** Start of the attribution window. */
  since: number;
}

/**
 * The share link an order bought from a message's product card is credited through, or null: the
 * card must show an ordered product and carry its sender's link, the message must have arrived
 * inside the attribution window, and the buyer must not be its sender (as with one's own share
 * link, buying from one's own card earns nothing). A deleted message keeps no cards, so it credits
 * nobody. Whether the buyer may name the message at all (a member who received it) is decided
 * before, where the message is resolved.
 */
export function cardCredit(
  message: { senderId: string; createdAt: number; attachmentKinds: readonly string[]; attachmentIds: readonly string[]; attachmentCodes?: readonly string[] | null },
  order: CardOrder,
): { code: string; at: number } | null {
  if (message.senderId === order.buyerId || message.createdAt < order.since) return null;
  const card = message.attachmentKinds.findIndex(
    (kind, i) => kind === 'PRODUCT' && order.productIds.includes(message.attachmentIds[i]!) && !!message.attachmentCodes?.[i],
  );
  return card < 0 ? null : { code: message.attachmentCodes![card]!, at: message.createdAt };
}
