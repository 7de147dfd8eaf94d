import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Node } from '../common/node';
import { DateTimeISOResolver } from 'graphql-scalars';
import { MaxLength } from 'class-validator';
import { User, UserRecord } from '../accounts/types';

export enum NoteFormat {
  IMAGE_TEXT = 'IMAGE_TEXT',
  VIDEO = 'VIDEO',
}
registerEnumType(NoteFormat, {
  name: 'NoteFormat',
  description: 'How a note is laid out.',
  valuesConfig: {
    IMAGE_TEXT: { description: 'Text with up to 18 images (or none).' },
    VIDEO: { description: 'A video note: its media include at least one VIDEO item.' },
  },
});

export enum NoteVisibility {
  PUBLIC = 'PUBLIC',
  FOLLOWERS = 'FOLLOWERS',
}
registerEnumType(NoteVisibility, {
  name: 'NoteVisibility',
  description: 'Who may see a note (a group note is further limited to those who may read the group).',
  valuesConfig: {
    PUBLIC: { description: 'Everyone, signed in or not.' },
    FOLLOWERS: { description: "Only the author and the author's followers." },
  },
});

export enum MediaKind {
  IMAGE = 'IMAGE',
  VIDEO = 'VIDEO',
}
registerEnumType(MediaKind, {
  name: 'MediaKind',
  description: 'What a media item is.',
  valuesConfig: {
    IMAGE: { description: 'A still image.' },
    VIDEO: { description: 'A video; durationSec gives its length.' },
  },
});

export interface MediaRecord {
  url: string;
  kind: MediaKind;
  width: number | null;
  height: number | null;
  durationSec: number | null;
}

export interface NoteRecord {
  id: string;
  title: string;
  body: string;
  format: NoteFormat;
  visibility: NoteVisibility;
  mediaJson: string;
  createdAt: number;
  editedAt: number | null;
  deletedAt: number | null;
  likeCount: number;
  collectCount: number;
  commentCount: number;
  shareCount: number;
  viewCount: number;
  /** null when visible; PENDING (pre-moderation), HIDDEN or REMOVED by a moderator. */
  modState: string | null;
  isAnnouncement: boolean | null;
  authorId: string;
  groupId: string | null;
  topics: string[];
  productIds: string[];
}

export interface CommentRecord {
  id: string;
  text: string;
  createdAt: number;
  deletedAt: number | null;
  replyCount: number;
  modState: string | null;
  authorId: string;
  noteId: string;
  replyToId: string | null;
}

export interface CollectionRecord {
  id: string;
  name: string;
  isDefault: boolean;
  createdAt: number;
  noteCount: number;
  ownerId: string;
}

@ObjectType({ description: "An image or a video of a note, as the author's client uploaded it." })
export class Media {
  @Field({ description: 'Absolute http(s) URL of the file.' })
  url!: string;

  @Field(() => MediaKind, { description: 'Image or video.' })
  kind!: MediaKind;

  @Field(() => Int, { nullable: true, description: 'Width in pixels; null when the client did not say.' })
  width!: number | null;

  @Field(() => Int, { nullable: true, description: 'Height in pixels; null when the client did not say.' })
  height!: number | null;

  @Field(() => Float, { nullable: true, description: 'Length of a video in seconds (at most 3,600); null for images.' })
  durationSec!: number | null;
}

/** A topic's Node id: `topic:` and its name (a name alone could be another object's id, such as a share code). */
export const TOPIC_ID_PREFIX = 'topic:';
export const topicOf = (name: string) => ({ id: `${TOPIC_ID_PREFIX}${name}`, name });

@ObjectType({ implements: Node, description: 'A #topic (hashtag); notes are tagged with topics.' })
export class Topic {
  @Field(() => ID, { description: "The topic's stable id, `topic:` and its lower-cased name, so the same topic has the same id everywhere (topicFeed takes the name)." })
  id!: string;

  @Field({ description: 'Lower-cased name, without the #.' })
  name!: string;
}

@ObjectType({ description: 'What the viewer may do with a note, as the server decides it now; false for anonymous viewers.' })
export class NotePermissions {
  @Field(() => Boolean, { description: "Whether updateNote would accept a change from the viewer: the note is the viewer's own." })
  edit!: boolean;

  @Field(() => Boolean, { description: "Whether deleteNote would delete it: the note is the viewer's own." })
  delete!: boolean;

  @Field(() => Boolean, { description: "Whether the viewer may comment on it: signed in and, for a group's note, a member allowed to post there (not muted)." })
  comment!: boolean;
}

@ObjectType({ description: 'What the viewer may do with a comment, as the server decides it now; false for anonymous viewers.' })
export class CommentPermissions {
  @Field(() => Boolean, { description: "Whether deleteComment would delete it: it is not deleted yet, and the viewer wrote it or wrote the note it is on." })
  delete!: boolean;

  @Field(() => Boolean, { description: 'Whether the viewer may reply to it: it is not deleted, and the viewer may comment on its note.' })
  reply!: boolean;
}

@ObjectType({ implements: Node, description: 'A user-generated note (种草): text with images or a video, tagged with topics and featuring products.' })
export class Note {
  @Field(() => ID, { description: "The note's id, for note(id) and the mutations." })
  id!: string;

  @Field({ description: 'The title, 1 to 100 characters.' })
  title!: string;

  @Field({ description: 'The text, at most 5,000 characters; @handles in it mention users, #words are plain text.' })
  body!: string;

  @Field(() => NoteFormat, { description: 'Image-and-text or video.' })
  format!: NoteFormat;

  @Field(() => NoteVisibility, { description: 'Who may see the note.' })
  visibility!: NoteVisibility;

  @Field(() => Int, { description: 'How many users like it.' })
  likeCount!: number;

  @Field(() => Int, { description: 'How many users have it in a collection (each counted once).' })
  collectCount!: number;

  @Field(() => Int, { description: 'Live comments and replies on it (deleted ones are not counted).' })
  commentCount!: number;

  @Field(() => Int, { description: 'How many share links were made for it.' })
  shareCount!: number;

  @Field(() => Int, { description: 'Views, counted at most once per viewer per hour.' })
  viewCount!: number;
}

@ObjectType({ description: 'People the viewer follows who liked a note.' })
export class FolloweeLikes {
  @Field(() => Int, { description: 'How many people the viewer follows like the note.' })
  totalCount!: number;

  @Field(() => [User], { description: "The most recent of them: at most likedByFollowees' first (default 3, at most 10)." })
  users!: UserRecord[];
}

@ObjectType({ implements: Node, description: 'A comment on a note, or a reply to one of its comments.' })
export class Comment {
  @Field(() => ID, { description: "The comment's id." })
  id!: string;

  @Field(() => String, { nullable: true, description: 'null once the comment is deleted.' })
  text!: string | null;

  @Field(() => Int, { description: 'Live replies.' })
  replyCount!: number;
}

@ObjectType({ implements: Node, description: "A user's named collection of notes (收藏夹); every user has a default one." })
export class Collection {
  @Field(() => ID, { description: "The collection's id." })
  id!: string;

  @Field({ description: "The collection's name." })
  name!: string;

  @Field({ description: "Whether this is the owner's default collection, where collect puts notes when no collection is named." })
  isDefault!: boolean;

  @Field(() => Int, { description: 'Live notes in the collection.' })
  noteCount!: number;

  @Field(() => DateTimeISOResolver, { description: 'When the collection was made.' })
  createdAt!: Date;
}

@ObjectType({ description: 'A topic with its engagement inside a trend window.' })
export class HotTopic {
  @Field(() => Topic, { description: 'The topic.' })
  topic!: Topic;

  @Field(() => Int, { description: 'Engagement inside the window: likes, collects and new notes count 1, comments 4.' })
  score!: number;

  @Field(() => Int, { description: 'Notes with engagement (or created) inside the window.' })
  noteCount!: number;
}

export enum TrendWindow {
  DAY = 'DAY',
  WEEK = 'WEEK',
  MONTH = 'MONTH',
}
registerEnumType(TrendWindow, {
  name: 'TrendWindow',
  description: 'How far back a trend looks.',
  valuesConfig: {
    DAY: { description: 'The last 24 hours.' },
    WEEK: { description: 'The last 7 days.' },
    MONTH: { description: 'The last 30 days.' },
  },
});

@InputType({ description: 'An image or video of a note, already uploaded.' })
export class MediaInput {
  @Field({ description: 'An absolute http(s) URL.' })
  @MaxLength(2048)
  url!: string;

  @Field(() => MediaKind, { description: 'Image or video.' })
  kind!: MediaKind;

  @Field(() => Int, { nullable: true, description: 'Width in pixels, 1 to 20,000.' })
  width?: number | null;

  @Field(() => Int, { nullable: true, description: 'Height in pixels, 1 to 20,000.' })
  height?: number | null;

  @Field(() => Float, { nullable: true, description: 'Length of a video in seconds, above 0 and at most 3,600.' })
  durationSec?: number | null;
}

@InputType({ description: 'A new note by the viewer.' })
export class CreateNoteInput {
  @Field({ description: 'At most 100 characters.' })
  @MaxLength(200)
  title!: string;

  @Field({ description: 'At most 5,000 characters. @handles mention (and notify) users.' })
  @MaxLength(10000)
  body!: string;

  @Field(() => NoteFormat, { description: 'Image-and-text or video; VIDEO needs a VIDEO media item.' })
  format!: NoteFormat;

  @Field(() => [MediaInput], { defaultValue: [], description: 'At most 18.' })
  media!: MediaInput[];

  @Field(() => [String], { defaultValue: [], description: 'At most 10 topics (#hashtags), with or without the #.' })
  topics!: string[];

  @Field(() => [ID], { defaultValue: [], description: 'Products the note features, at most 10.' })
  productIds!: string[];

  @Field(() => ID, { nullable: true, description: 'Posts the note into a group.' })
  groupId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      "A 曬單: the viewer's own shown, not anonymous review to show on the note (NOT_FOUND for anyone else's or a hidden one; INVALID for an anonymous one, which a note would name the author of). The note then carries the verified-purchase badge (isVerifiedPurchase) and the review's product among its products.",
  })
  reviewId?: string | null;

  @Field(() => NoteVisibility, { defaultValue: NoteVisibility.PUBLIC, description: 'Who may see the note.' })
  visibility!: NoteVisibility;

  @Field(() => String, { nullable: true, description: 'Retrying with the same key returns the note created the first time.' })
  @MaxLength(100)
  idempotencyKey?: string | null;
}

@InputType({ description: "Changes to one of the viewer's own notes: only the fields given change; lists given replace the current ones." })
export class UpdateNoteInput {
  @Field(() => ID, { description: "The note to change; it must be the viewer's own." })
  noteId!: string;

  @Field(() => String, { nullable: true, description: 'The new title, 1 to 100 characters.' })
  @MaxLength(200)
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'The new body, at most 5,000 characters. New @handles do not notify again.' })
  @MaxLength(10000)
  body?: string | null;

  @Field(() => NoteFormat, { nullable: true, description: 'The new format; VIDEO needs a VIDEO media item (given here or already on the note).' })
  format?: NoteFormat | null;

  @Field(() => [MediaInput], { nullable: true, description: 'Replaces the media, at most 18 items, shown in this order.' })
  media?: MediaInput[] | null;

  @Field(() => [String], { nullable: true, description: 'Replaces the topics: at most 10 #hashtags, with or without the #.' })
  topics?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'Replaces the featured products, at most 10; each must exist.' })
  productIds?: string[] | null;

  @Field(() => NoteVisibility, { nullable: true, description: 'Who may see the note from now on.' })
  visibility?: NoteVisibility | null;
}
