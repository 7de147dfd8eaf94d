import { createUnionType } from 'type-graphql';
import { User } from '../accounts/types';
import { accountLoaders } from '../accounts/loaders';
import { Comment, Note } from '../content/types';
import { contentLoaders } from '../content/loaders';
import { Group } from '../groups/types';
import { ModerationAction, TargetType } from './types';
import type { ContentService } from '../content/service';
import type { GroupService } from '../groups/service';
import type { Scope } from '../accounts/scope';
import { Review } from '../reviews/types';
import { reviewLoaders } from '../reviews/loaders';
import { canSeeReview } from '../reviews/rules';

/**
 * Union members resolve by a tag kept beside each record (the records are plain objects, so their
 * GraphQL type cannot be read off them reliably): whatever resolves a subject tags it first.
 */
const KINDS = new WeakMap<object, string>();

export function tagged<T extends object>(kind: 'Note' | 'Comment' | 'User' | 'Group' | 'ModerationAction' | 'Review', record: T | null): T | null {
  if (record) KINDS.set(record, kind);
  return record;
}

const resolveType = (value: object) => {
  const kind = KINDS.get(value);
  if (!kind) throw new Error('an untagged union member');
  return kind;
};

export const ModerationTarget = createUnionType({
  name: 'ModerationTarget',
  description:
    'What a moderation case or action is about: a note, a comment, a user, a group or a product review. It resolves with the lookup rule of its kind (`note(id)`, `group(id)`...), so a target the viewer may not see (content held by pre-moderation, hidden or removed, in a group they cannot read) is null; `targetId` still names it.',
  types: () => [Note, Comment, User, Group, Review] as const,
  resolveType,
});

export const AuditLogSubject = createUnionType({
  name: 'AuditLogSubject',
  description:
    'What an audit log entry is about: the note, comment, user, group or review a moderation action was taken on, the moderation action an appeal decision was about, or the user whose role changed. Null when the viewer may not see it (by the lookup rule of its kind) or when it is none of these (the sensitive-word list, a fraud flag, a commission rate set); `subjectId` still names it.',
  types: () => [Note, Comment, User, Group, ModerationAction, Review] as const,
  resolveType,
});

export const NotificationSubject = createUnionType({
  name: 'NotificationSubject',
  description:
    'What a notification is about: the new follower (NEW_FOLLOWER), the note liked or collected, the comment or reply made, the comment or note that mentions the viewer, or the moderation action taken (MODERATION_ACTION). Null once the viewer may no longer see it (by the lookup rule of its kind: a note turned followers-only, a comment in a group the viewer left...).',
  types: () => [Note, Comment, User, ModerationAction] as const,
  resolveType,
});

/** The services that decide what a viewer may see of each kind of subject. */
export interface SubjectLookups {
  content: Pick<ContentService, 'visibleNote' | 'canSeeComment'>;
  groups: Pick<GroupService, 'group'>;
}

/** A note, comment, user, group or review by id, resolved by the rule its own lookup uses: null when missing or invisible. */
export async function visibleSubject(scope: Scope, lookups: SubjectLookups, type: TargetType, id: string): Promise<object | null> {
  switch (type) {
    case TargetType.NOTE:
      return tagged('Note', await lookups.content.visibleNote(scope, id));
    case TargetType.COMMENT:
      return tagged('Comment', await visibleComment(scope, lookups, id));
    case TargetType.USER:
      return tagged('User', await accountLoaders(scope).userById.load(id));
    case TargetType.GROUP:
      return tagged('Group', await lookups.groups.group(scope, id));
    case TargetType.REVIEW: {
      const review = await reviewLoaders(scope).reviewById.load(id);
      return tagged('Review', review && canSeeReview(await scope.viewer(), review) ? review : null);
    }
  }
}

/** A comment the viewer may see (its note visible to them, the comment neither deleted nor moderated away), else null. */
export async function visibleComment(scope: Scope, lookups: SubjectLookups, id: string) {
  const comment = await contentLoaders(scope).commentById.load(id);
  return comment && (await lookups.content.canSeeComment(scope, comment)) ? comment : null;
}

