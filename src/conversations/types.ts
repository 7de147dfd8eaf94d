import { createUnionType, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Node } from '../common/node';
import { DateTimeISOResolver } from 'graphql-scalars';
import { PageInfo, type Lazy } from '../common/connection';
import { User, type UserRecord } from '../accounts/types';
import { Note, type NoteRecord } from '../content/types';
import { Product, type ProductRecord } from '../commerce/types';
import { Group, type GroupRecord } from '../groups/types';
import { ShareLink } from '../referral/types';
import type { ShareLinkRecord } from '../referral/repository';
import { CONVERSATIONS_PAGE, Folder, MAX_ATTACHMENTS, MAX_MEMBERS, MessagingAudience } from './rules';

registerEnumType(MessagingAudience, {
  name: 'MessagingAudience',
  description: "Whose messages reach the user's inbox directly; everyone else's arrive as message requests. Blocks stop messages whatever the setting.",
  valuesConfig: {
    EVERYONE: { description: 'Anyone.' },
    FOLLOWING: { description: 'People the user follows.' },
    MUTUALS: { description: 'People the user follows who follow them back (the default).' },
    NOBODY: { description: 'No one: every new conversation arrives as a request.' },
  },
});

registerEnumType(Folder, {
  name: 'ConversationFolder',
  description: "Where a conversation is for one member: each member's copy has its own folder.",
  valuesConfig: {
    INBOX: { description: 'Accepted conversations: the member started it, accepted it, replied to it, or the sender was allowed by their messaging setting.' },
    REQUESTS: { description: 'Message requests: someone the member’s setting does not let in wrote to them; they accept or delete it.' },
  },
});

export enum ConversationKind {
  DIRECT = 'DIRECT',
  GROUP = 'GROUP',
}
registerEnumType(ConversationKind, {
  name: 'ConversationKind',
  description: 'A conversation of two, or of a small group.',
  valuesConfig: {
    DIRECT: { description: 'Two users; there is one per pair, whoever starts it.' },
    GROUP: { description: `Three to ${MAX_MEMBERS} users; each start makes a new one.` },
  },
});

export enum MessageStatus {
  DELIVERED = 'DELIVERED',
  HELD = 'HELD',
  DELETED = 'DELETED',
}
registerEnumType(MessageStatus, {
  name: 'MessageStatus',
  description: 'Where a message stands.',
  valuesConfig: {
    DELIVERED: { description: 'The members see it.' },
    HELD: { description: 'Held by the sensitive-word check (it went to someone who does not follow the sender): only the sender sees it, until moderation lets it through.' },
    DELETED: { description: 'Deleted by its sender for everyone: its text and cards are gone, only its place remains.' },
  },
});

export enum MessageAttachmentKind {
  PRODUCT = 'PRODUCT',
  NOTE = 'NOTE',
  GROUP_INVITE = 'GROUP_INVITE',
}
registerEnumType(MessageAttachmentKind, {
  name: 'MessageAttachmentKind',
  description: 'What a card on a message shows.',
  valuesConfig: {
    PRODUCT: { description: 'A product.' },
    NOTE: { description: 'A note.' },
    GROUP_INVITE: { description: 'An invitation to a group.' },
  },
});

export enum ConversationUpdateReason {
  MESSAGE_ADDED = 'MESSAGE_ADDED',
  MESSAGE_DELETED = 'MESSAGE_DELETED',
  READ = 'READ',
  ACCEPTED = 'ACCEPTED',
  MEMBER_LEFT = 'MEMBER_LEFT',
  TYPING = 'TYPING',
}
registerEnumType(ConversationUpdateReason, {
  name: 'ConversationUpdateReason',
  description: 'What changed in a conversation.',
  valuesConfig: {
    MESSAGE_ADDED: { description: 'A message arrived (its unread count may have changed).' },
    MESSAGE_DELETED: { description: 'A message was deleted for everyone.' },
    READ: { description: 'A member read up to a later message (read receipts and unread counts).' },
    ACCEPTED: { description: 'A member accepted it from their requests.' },
    MEMBER_LEFT: { description: 'A member left it or deleted its request.' },
    TYPING: { description: 'The actor is typing: show it until expiresAt unless another TYPING event from them (or their message) comes first. Never sent to the typist, nor stored.' },
  },
});

export enum HeldMessageDecision {
  APPROVE = 'APPROVE',
  REJECT = 'REJECT',
}
registerEnumType(HeldMessageDecision, {
  name: 'HeldMessageDecision',
  description: 'What platform moderation decides about a held message.',
  valuesConfig: {
    APPROVE: { description: 'Deliver it to the members, in its place in the order.' },
    REJECT: { description: 'Never deliver it: its text and cards are removed and it stays as a DELETED tombstone, as after a delete.' },
  },
});

/** A conversation as one member sees it: the shared node and that member's own state. */
export interface ConversationRecord {
  id: string;
  kind: ConversationKind;
  createdAt: number;
  activityAt: number;
  lastMessageAt: number | null;
  lastSeq: number;
  folder: Folder;
  lastReadSeq: number;
  visibleFromSeq: number;
}

export interface MessageRecord {
  id: string;
  conversationId: string;
  seq: number;
  senderId: string;
  text: string | null;
  attachmentKinds: MessageAttachmentKind[];
  attachmentIds: string[];
  /** Per card, the sender's share code a product card carries ('' for other cards); missing on messages sent before cards carried links. */
  attachmentCodes?: string[] | null;
  status: MessageStatus;
  createdAt: number;
  deletedAt?: number | null;
}

export interface MemberRecord {
  userId: string;
  lastReadSeq: number;
  lastReadMessageId: string | null;
  lastReadAt: number | null;
}

@ObjectType({ implements: Node, description: 'A private conversation: two users (DIRECT) or a small group, with its messages, read receipts and unread count for the viewer.' })
export class Conversation {
  @Field(() => ID, { description: 'The conversation.' })
  id!: string;

  @Field(() => ConversationKind, { description: 'DIRECT (two users, one conversation per pair) or GROUP.' })
  kind!: ConversationKind;

  @Field(() => Folder, { description: "Where it is for the viewer: their inbox or their message requests." })
  folder!: Folder;
}

@ObjectType({ implements: Node, description: 'A message in a conversation.' })
export class Message {
  @Field(() => ID, { description: 'The message.' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'What it says, at most 2,000 characters; null once deleted.' })
  text!: string | null;

  @Field(() => MessageStatus, { description: 'Delivered, held for moderation (seen by the sender only) or deleted.' })
  status!: MessageStatus;
}

@ObjectType({ description: "A member of a conversation and how far they have read: the conversation's read receipts." })
export class ConversationMember {
  @Field(() => User, { description: 'The member.' })
  user!: UserRecord;

  @Field(() => DateTimeISOResolver, { nullable: true, description: 'When they last moved their read position; null before they read anything.' })
  lastReadAt!: Date | null;

  @Field(() => Message, { nullable: true, description: 'The latest message they have read; null before they read anything, or when the viewer may not see it.' })
  lastReadMessage!: MessageRecord | null;
}

/** A card as resolved for the viewer reading it: the object, or null when they may not see it. */
export type CardRecord = { isAvailable: boolean } & (
  | { kind: MessageAttachmentKind.PRODUCT; product: ProductRecord | null; shareLink: ShareLinkRecord | null }
  | { kind: MessageAttachmentKind.NOTE; note: NoteRecord | null }
  | { kind: MessageAttachmentKind.GROUP_INVITE; group: GroupRecord | null }
);

@ObjectType({ description: 'A product card on a message, as the viewer may see it.' })
export class ProductCard {
  @Field(() => Boolean, { description: 'False when the product is gone: then product is null.' })
  isAvailable!: boolean;

  @Field(() => Product, { nullable: true, description: 'The product; null when it is unavailable.' })
  product!: ProductRecord | null;

  @Field(() => ShareLink, {
    nullable: true,
    description: "The sender's DIRECT_MESSAGE share link to the product, made when the card was sent (one per sender and product): an order that names this message is credited through it. Null when the product is unavailable, and on cards sent before cards carried links.",
  })
  shareLink!: ShareLinkRecord | null;
}

@ObjectType({ description: 'A note card on a message, rendered for the viewer: a note they may not see (deleted, hidden, private, in a group they cannot read) is unavailable, never shown.' })
export class NoteCard {
  @Field(() => Boolean, { description: 'False when the viewer may not see the note: then note is null.' })
  isAvailable!: boolean;

  @Field(() => Note, { nullable: true, description: 'The note; null when the viewer may not see it.' })
  note!: NoteRecord | null;
}

@ObjectType({ description: 'An invitation to a group on a message, rendered for the viewer: a group they may not know of is unavailable.' })
export class GroupInviteCard {
  @Field(() => Boolean, { description: 'False when the viewer may not see the group (secret, archived or gone): then group is null.' })
  isAvailable!: boolean;

  @Field(() => Group, { nullable: true, description: 'The group; null when the viewer may not see it.' })
  group!: GroupRecord | null;
}

export const MessageAttachment = createUnionType({
  name: 'MessageAttachment',
  description: 'A card on a message: a product, a note or a group invitation, each rendered with what the viewer may see.',
  types: () => [ProductCard, NoteCard, GroupInviteCard] as const,
  resolveType: (value) => {
    const card = value as unknown as CardRecord;
    return card.kind === MessageAttachmentKind.PRODUCT ? 'ProductCard' : card.kind === MessageAttachmentKind.NOTE ? 'NoteCard' : 'GroupInviteCard';
  },
});

@InputType({ description: 'A card to put on a message.' })
export class MessageAttachmentInput {
  @Field(() => MessageAttachmentKind, { description: 'What the card shows.' })
  kind!: MessageAttachmentKind;

  @Field(() => ID, { description: 'The product, note or group; the sender must be able to see it.' })
  id!: string;
}

@ObjectType({ description: 'The viewer’s messaging settings.' })
export class MessagingSettings {
  @Field(() => MessagingAudience, { description: "Whose messages reach the viewer's inbox directly; MUTUALS unless changed." })
  audience!: MessagingAudience;
}

@ObjectType({ description: 'A conversation in a list.' })
export class ConversationEdge {
  @Field(() => String, { description: 'The position of this conversation, for `after`.' })
  cursor!: string;

  @Field(() => Conversation, { description: 'The conversation.' })
  node!: ConversationRecord;
}

@ObjectType({ description: `The viewer's conversations in one folder, latest activity first; at most ${CONVERSATIONS_PAGE.max} a page.` })
export class ConversationConnection {
  @Field(() => [ConversationEdge], { description: 'The conversations of this page.' })
  edges!: ConversationEdge[];

  @Field(() => PageInfo, { description: 'Where this page is in the whole list.' })
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'How many conversations the folder holds.' })
  totalCount!: Lazy<number>;
}

@ObjectType({ description: 'A message in a conversation’s list.' })
export class MessageEdge {
  @Field(() => String, { description: 'The position of this message, for `after` and `before`.' })
  cursor!: string;

  @Field(() => Message, { description: 'The message.' })
  node!: MessageRecord;
}

@ObjectType({ description: 'Messages of a conversation, newest first.' })
export class MessageConnection {
  @Field(() => [MessageEdge], { description: 'The messages of this page, newest first.' })
  edges!: MessageEdge[];

  @Field(() => PageInfo, { description: 'Where this page is: hasNextPage means older messages follow, hasPreviousPage that newer ones come before.' })
  pageInfo!: PageInfo;
}

@ObjectType({ description: 'A held message in the moderators’ queue.' })
export class HeldMessageEdge {
  @Field(() => String, { description: 'The position of this message, for `after`.' })
  cursor!: string;

  @Field(() => Message, { description: 'The held message.' })
  node!: MessageRecord;
}

@ObjectType({ description: 'Messages held by the sensitive-word check, oldest first.' })
export class HeldMessageConnection {
  @Field(() => [HeldMessageEdge], { description: 'The messages of this page.' })
  edges!: HeldMessageEdge[];

  @Field(() => PageInfo, { description: 'Where this page is in the whole list.' })
  pageInfo!: PageInfo;
}

@ObjectType({ description: 'A change to one of the viewer’s conversations.' })
export class ConversationUpdate {
  @Field(() => Conversation, { description: 'The conversation, as the viewer sees it now (unread count, read receipts).' })
  conversation!: ConversationRecord;

  @Field(() => ConversationUpdateReason, { description: 'What changed.' })
  reason!: ConversationUpdateReason;

  @Field(() => User, { nullable: true, description: 'Who changed it (the reader, the sender, the member who left, the typist); null when they are gone.' })
  actor!: UserRecord | null;

  @Field(() => DateTimeISOResolver, { nullable: true, description: 'For TYPING: when the typing indicator lapses unless renewed; null for every other reason.' })
  expiresAt!: Date | null;
}

export { MAX_ATTACHMENTS };
