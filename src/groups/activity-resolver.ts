import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Comment, Note } from '../content/types';
import type { ContentService } from '../content/service';
import { GroupBuy } from '../groupbuys/types';
import type { GroupBuyService } from '../groupbuys/service';
import { visibleComment } from '../moderation/subjects';
import type { Scope } from '../accounts/scope';
import { groupLoaders } from './loaders';
import type { GroupService } from './service';
import { Group, GroupActivity, GroupEvent } from './types';

/**
 * The objects a live group event names, each read by the rule of its own lookup for the
 * subscriber (note(id), group(id), groupBuy(id)...): what they may not see resolves to null,
 * while the id fields beside them still name it.
 */
@Resolver(() => GroupActivity)
export class GroupActivityResolver {
  constructor(
    private readonly content: ContentService,
    private readonly groups: GroupService,
    private readonly groupBuys: GroupBuyService,
  ) {}

  @FieldResolver(() => Group, { nullable: true, description: 'The group it happened in, as group(id) shows it to the subscriber.' })
  group(@Root() a: GroupActivity, @Ctx() ctx: Scope) {
    return this.groups.group(ctx, a.groupId);
  }

  @FieldResolver(() => Note, { nullable: true, description: 'The note it is about, as note(id) shows it to the subscriber; null when none, or when they may not see it.' })
  note(@Root() a: GroupActivity, @Ctx() ctx: Scope) {
    return a.noteId ? this.content.visibleNote(ctx, a.noteId) : null;
  }

  @FieldResolver(() => Comment, { nullable: true, description: 'The comment it is about; null when none, or when the subscriber may not see it (deleted, moderated, or its note hidden from them).' })
  comment(@Root() a: GroupActivity, @Ctx() ctx: Scope) {
    return a.commentId ? visibleComment(ctx, { content: this.content, groups: this.groups }, a.commentId) : null;
  }

  @FieldResolver(() => GroupEvent, { nullable: true, description: "The group event it is about; null when none, or when the subscriber may no longer read the group's content." })
  async event(@Root() a: GroupActivity, @Ctx() ctx: Scope) {
    if (!a.eventId) return null;
    const event = await groupLoaders(ctx).eventById.load(a.eventId);
    return event && (await this.groups.canReadContent(ctx, event.groupId)) ? event : null;
  }

  @FieldResolver(() => GroupBuy, { nullable: true, description: 'The group buy it is about, as groupBuy(id) shows it to the subscriber; null when none, or when they may not see it.' })
  groupBuy(@Root() a: GroupActivity, @Ctx() ctx: Scope) {
    return a.groupBuyId ? this.groupBuys.groupBuy(ctx, a.groupBuyId) : null;
  }
}
