import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { DateTimeISOResolver } from 'graphql-scalars';
import { User, type UserRecord } from '../accounts/types';
import { Comment, type CommentRecord } from '../content/types';
import { Conversation, type ConversationRecord } from '../conversations/types';
import { socialLoaders } from '../social/loaders';
import type { PayloadResult } from '../common/user-errors';
import type { Scope } from '../accounts/scope';
import {
  MuteConversationInput,
  MuteConversationPayload,
  MuteInput,
  MutePayload,
  MuteWordInput,
  MuteWordPayload,
  UnmuteConversationInput,
  UnmuteConversationPayload,
  UnmuteInput,
  UnmutePayload,
  UnmuteWordInput,
  UnmuteWordPayload,
} from './payloads';
import { MUTE_LIMITS, MUTED_USERS_PAGE_MAX } from './rules';
import { MutedUserConnection, MutedWord, type MutedWordRecord } from './types';
import { MuteService } from './service';

const presentWord = (w: MutedWordRecord) => ({ word: w.word, scope: w.scope, createdAt: new Date(w.createdAt), mutedUntil: w.mutedUntil === null ? null : new Date(w.mutedUntil) });

@Resolver()
export class MuteResolver {
  constructor(readonly muteService: MuteService) {}

  @Mutation(() => MutePayload, {
    description:
      "Mutes a user for the viewer, until `until` or until unmuted: their notes leave the viewer's following and discover feeds and note search, their notifications stop (list, count and live), and their comments collapse (`Comment.isMutedByViewer`). Their profile, notes by link and messages are unchanged. They are not told and see no change. Muting again renews the mute with the new end.",
  })
  async mute(@Ctx() ctx: Scope, @Arg('input', () => MuteInput, { description: 'Whom to mute, and until when.' }) input: MuteInput): Promise<PayloadResult<MutePayload>> {
    return { user: await this.muteService.mute(ctx, input.userId, input.until) };
  }

  @Mutation(() => UnmutePayload, { description: 'Lifts a mute at once (what it hid shows again); unmuting someone not muted succeeds and changes nothing.' })
  async unmute(@Ctx() ctx: Scope, @Arg('input', () => UnmuteInput, { description: 'Whom to unmute.' }) input: UnmuteInput): Promise<PayloadResult<UnmutePayload>> {
    return { user: await this.muteService.unmute(ctx, input.userId) };
  }

  @Query(() => MutedUserConnection, { description: 'The users the viewer mutes now, most recently muted first; a mute past its end is gone.' })
  mutedUsers(
    @Ctx() ctx: Scope,
    @Arg('first', () => Int, { nullable: true, description: `How many to read after \`after\`. Default 20, at most ${MUTED_USERS_PAGE_MAX}.` }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: 'endCursor of the previous page.' }) after?: string | null,
  ) {
    return this.muteService.mutedUsers(ctx, first, after);
  }

  @Mutation(() => MuteWordPayload, {
    description: `Mutes a word or phrase for the viewer, ignoring case and width: notes and comments containing it are hidden on the surfaces of its scope (MuteScope). Muting a word again changes its scope and end. At most ${MUTE_LIMITS.wordsPerUser} words (LIMIT_REACHED).`,
  })
  async muteWord(@Ctx() ctx: Scope, @Arg('input', () => MuteWordInput, { description: 'The word, its scope and end.' }) input: MuteWordInput): Promise<PayloadResult<MuteWordPayload>> {
    return { mutedWord: presentWord(await this.muteService.muteWord(ctx, input)) };
  }

  @Mutation(() => UnmuteWordPayload, { description: 'Lifts a muted word at once; unmuting a word not muted succeeds and changes nothing.' })
  async unmuteWord(@Ctx() ctx: Scope, @Arg('input', () => UnmuteWordInput, { description: 'The word.' }) input: UnmuteWordInput): Promise<PayloadResult<UnmuteWordPayload>> {
    return { word: await this.muteService.unmuteWord(ctx, input.word) };
  }

  @Query(() => [MutedWord], { description: `The words the viewer mutes now, most recently muted first: at most ${MUTE_LIMITS.wordsPerUser}.` })
  async mutedWords(@Ctx() ctx: Scope) {
    return (await this.muteService.mutedWords(ctx)).map(presentWord);
  }

  @Mutation(() => MuteConversationPayload, {
    description:
      "Mutes a conversation for the viewer, until `until` or until unmuted: its messages still arrive (and `messageAdded` still streams them), but they push no `conversationUpdated` event and leave `unreadMessageCount` alone. The other members are not told.",
  })
  async muteConversation(@Ctx() ctx: Scope, @Arg('input', () => MuteConversationInput, { description: 'The conversation, and until when.' }) input: MuteConversationInput): Promise<PayloadResult<MuteConversationPayload>> {
    return { conversation: await this.muteService.muteConversation(ctx, input.conversationId, input.until) };
  }

  @Mutation(() => UnmuteConversationPayload, { description: 'Lifts a conversation mute at once; unmuting one not muted succeeds and changes nothing.' })
  async unmuteConversation(@Ctx() ctx: Scope, @Arg('input', () => UnmuteConversationInput, { description: 'The conversation.' }) input: UnmuteConversationInput): Promise<PayloadResult<UnmuteConversationPayload>> {
    return { conversation: await this.muteService.unmuteConversation(ctx, input.conversationId) };
  }
}

@Resolver(() => User)
export class UserMuteResolver {
  @FieldResolver(() => Boolean, { description: 'The viewer mutes this user now (see `mute`). Only the viewer learns their own mutes: no one can tell who mutes them.' })
  async isMuted(@Root() user: UserRecord, @Ctx() ctx: Scope) {
    return (await socialLoaders(ctx).relationToViewer.load(user.id)).isMuted;
  }
}

@Resolver(() => Comment)
export class CommentMuteResolver {
  constructor(readonly muteService: MuteService) {}

  @FieldResolver(() => Boolean, {
    description: 'The viewer mutes its author, or it contains a word the viewer mutes on feeds (scope FEEDS or ALL): it stays in its thread, for clients to collapse. Always false on the viewer\'s own comments and on deleted ones.',
  })
  isMutedByViewer(@Root() comment: CommentRecord, @Ctx() ctx: Scope) {
    return this.muteService.isCommentMuted(ctx, comment);
  }
}

@Resolver(() => Conversation)
export class ConversationMuteResolver {
  constructor(readonly muteService: MuteService) {}

  @FieldResolver(() => Boolean, { description: 'The viewer has muted this conversation (see `muteConversation`): no live push, not counted in unreadMessageCount.' })
  async isMuted(@Root() conversation: ConversationRecord, @Ctx() ctx: Scope) {
    return (await this.muteService.conversationMute(ctx, conversation.id)) !== null;
  }

  @FieldResolver(() => DateTimeISOResolver, { nullable: true, description: 'When the viewer\'s mute of it ends by itself; null when not muted or muted until lifted.' })
  async mutedUntil(@Root() conversation: ConversationRecord, @Ctx() ctx: Scope) {
    const mute = await this.muteService.conversationMute(ctx, conversation.id);
    return mute?.mutedUntil == null ? null : new Date(mute.mutedUntil);
  }
}
