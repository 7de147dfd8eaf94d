import { badInput } from '../common/errors';
import { requireId, requireText, requireUrl } from '../common/validate';
import type { ViewerRelation } from '../social/types';
import { CommentRecord, CreateNoteInput, UpdateNoteInput, MediaInput, MediaKind, MediaRecord, NoteFormat, NoteRecord, NoteVisibility } from './types';

export const LIMITS = {
  title: 100,
  body: 5000,
  media: 18,
  topics: 10,
  products: 10,
  comment: 1000,
  mentions: 10,
  collectionName: 50,
  idempotencyKey: 100,
};

const TOPIC = /^[\p{L}\p{N}][\p{L}\p{N}_-]{0,31}$/u;
const MENTION = /(?:^|[^\p{L}\p{N}_])@([A-Za-z0-9_]{3,30})/gu;

/** "#SkinCare" and "skincare" are one topic. */
export function normaliseTopics(values: string[], field = 'topics'): string[] {
  if (values.length > LIMITS.topics) throw badInput(field, `at most ${LIMITS.topics} topics`);
  const topics = new Set<string>();
  for (const raw of values) {
    const topic = String(raw).trim().replace(/^#/, '').toLowerCase();
    if (!TOPIC.test(topic)) throw badInput(field, `"${String(raw).slice(0, 40)}" is not a topic (letters, digits, - and _, at most 32)`);
    topics.add(topic);
  }
  return [...topics];
}

export function normaliseTopic(value: string, field = 'topic'): string {
  return normaliseTopics([value], field)[0]!;
}

function optionalDimension(value: number | null | undefined, field: string, max: number): number | null {
  if (value === null || value === undefined) return null;
  if (!Number.isInteger(value) || value < 1 || value > max) throw badInput(field, `must be an integer between 1 and ${max}`);
  return value;
}

export function normaliseMedia(items: MediaInput[], format: NoteFormat, field = 'media'): MediaRecord[] {
  if (items.length > LIMITS.media) throw badInput(field, `at most ${LIMITS.media} items`);
  const media = items.map((item, i) => {
    const at = `${field}[${i}]`;
    let durationSec: number | null = null;
    if (item.durationSec !== null && item.durationSec !== undefined) {
      if (!Number.isFinite(item.durationSec) || item.durationSec <= 0 || item.durationSec > 3600) {
        throw badInput(`${at}.durationSec`, 'must be between 0 and 3600 seconds');
      }
      durationSec = item.durationSec;
    }
    return {
      url: requireUrl(item.url, `${at}.url`),
      kind: item.kind,
      width: optionalDimension(item.width, `${at}.width`, 20000),
      height: optionalDimension(item.height, `${at}.height`, 20000),
      durationSec,
    };
  });
  if (format === NoteFormat.VIDEO && !media.some((m) => m.kind === MediaKind.VIDEO)) {
    throw badInput(field, 'a VIDEO note needs a VIDEO media item');
  }
  return media;
}

export function normaliseProductIds(ids: string[], field = 'productIds'): string[] {
  if (ids.length > LIMITS.products) throw badInput(field, `at most ${LIMITS.products} products`);
  return [...new Set(ids.map((id) => requireId(id, field)))];
}

export interface NoteDraft {
  title: string;
  body: string;
  format: NoteFormat;
  visibility: NoteVisibility;
  media: MediaRecord[];
  topics: string[];
  productIds: string[];
  groupId: string | null;
  /** A 曬單's review (src/reviews/): the author's own, checked in the transaction that posts. */
  reviewId: string | null;
  clientKey: string | null;
}

export function validateNewNote(input: CreateNoteInput): NoteDraft {
  return {
    title: requireText(input.title, 'title', { min: 1, max: LIMITS.title }),
    body: requireText(input.body, 'body', { max: LIMITS.body }),
    format: input.format,
    visibility: input.visibility,
    media: normaliseMedia(input.media ?? [], input.format),
    topics: normaliseTopics(input.topics ?? []),
    productIds: normaliseProductIds(input.productIds ?? []),
    groupId: input.groupId == null ? null : requireId(input.groupId, 'groupId'),
    reviewId: input.reviewId == null ? null : requireId(input.reviewId, 'reviewId'),
    clientKey: input.idempotencyKey == null ? null : requireText(input.idempotencyKey, 'idempotencyKey', { min: 1, max: LIMITS.idempotencyKey }),
  };
}

export interface NoteChanges {
  title: string | null;
  body: string | null;
  format: NoteFormat | null;
  visibility: NoteVisibility | null;
  media: MediaRecord[] | null;
  topics: string[] | null;
  productIds: string[] | null;
}

export function validateNoteChanges(input: UpdateNoteInput, current: NoteRecord): NoteChanges {
  const format = input.format ?? null;
  const media = input.media == null ? null : normaliseMedia(input.media, format ?? current.format);
  if (format === NoteFormat.VIDEO && media === null) {
    const currentMedia = JSON.parse(current.mediaJson) as MediaRecord[];
    if (!currentMedia.some((m) => m.kind === MediaKind.VIDEO)) throw badInput('format', 'a VIDEO note needs a VIDEO media item');
  }
  return {
    title: input.title == null ? null : requireText(input.title, 'title', { min: 1, max: LIMITS.title }),
    body: input.body == null ? null : requireText(input.body, 'body', { max: LIMITS.body }),
    format,
    visibility: input.visibility ?? null,
    media,
    topics: input.topics == null ? null : normaliseTopics(input.topics),
    productIds: input.productIds == null ? null : normaliseProductIds(input.productIds),
  };
}

/** Handles mentioned as @handle, de-duplicated, at most LIMITS.mentions. */
export function mentionedHandles(...texts: string[]): string[] {
  const handles = new Map<string, string>();
  for (const text of texts) {
    for (const match of text.matchAll(MENTION)) {
      const handle = match[1]!;
      if (!handles.has(handle.toLowerCase())) handles.set(handle.toLowerCase(), handle);
    }
  }
  return [...handles.values()].slice(0, LIMITS.mentions);
}

export type Visibility = 'visible' | 'missing' | 'blocked';

/**
 * The one visibility rule every read path applies: deleted notes are gone for everyone; notes of
 * groups the viewer may not read are gone for everyone, their author included (an author banned
 * from the group, or removed from a CLOSED/SECRET one, loses their notes in it too); moderated
 * notes are gone for all but the author; blocks either way hide a note; FOLLOWERS-only notes
 * reach the author and their followers.
 */
export function noteVisibility(note: NoteRecord, viewerId: string | null, relationToAuthor: ViewerRelation, groupAccess = true): Visibility {
  if (note.deletedAt !== null) return 'missing';
  // Group access first: the author exception below must not let a banned or removed author back in.
  if (!groupAccess) return 'missing';
  if (viewerId === note.authorId) return 'visible';
  // Held by pre-moderation, hidden or removed: only the author still sees it.
  if (note.modState) return 'missing';
  if (relationToAuthor.isBlocked || relationToAuthor.hasBlockedViewer) return 'blocked';
  if (note.visibility === NoteVisibility.FOLLOWERS && !relationToAuthor.isFollowing) return 'missing';
  return 'visible';
}

/**
 * A comment is visible only where its note is (noteVisible is noteVisibility's answer for the
 * comment's note), and then unless it is held by pre-moderation, hidden or removed (its author
 * still sees it) or its author is in a block with the viewer. A deleted comment stays visible
 * as a placeholder without text or author, so that a thread keeps its shape.
 */
export function commentVisibility(comment: CommentRecord, viewerId: string | null, noteVisible: Visibility, relationToCommenter: ViewerRelation): Visibility {
  if (noteVisible !== 'visible') return noteVisible;
  if (viewerId === comment.authorId) return 'visible';
  if (comment.modState) return 'missing';
  if (relationToCommenter.isBlocked || relationToCommenter.hasBlockedViewer) return 'blocked';
  return 'visible';
}
