import { Field, Float, Int, ObjectType } from 'type-graphql';
import { PageInfo, Lazy } from '../common/connection';
import { Note, NoteRecord } from '../content/types';

@ObjectType({ description: 'One note of a NoteConnection, with its cursor (and, in the discover feed, why it was chosen).' })
export class NoteEdge {
  @Field({ description: 'Pass as `after` to get the notes after this one.' })
  cursor!: string;

  @Field(() => Note, { description: 'The note.' })
  node!: NoteRecord;

  @Field(() => String, { nullable: true, description: 'Why the discover feed chose this note ("liked by 3 people you follow", "#skincare", "because you searched “toner”", "trending", "new"); null in other lists.' })
  reason!: string | null;

  @Field(() => Float, { nullable: true, description: 'The discover ranking score; null in other lists.' })
  score!: number | null;
}

@ObjectType({ description: 'A list of notes: a feed, a profile, a topic, a product page or a collection. At most 50 a page.' })
export class NoteConnection {
  @Field(() => [NoteEdge], { description: "This page's notes with their cursors, in the list's order." })
  edges!: NoteEdge[];

  @Field(() => [Note], { description: "This page's notes, the same as edges' nodes, for clients that need no cursors." })
  nodes!: NoteRecord[];

  @Field(() => PageInfo, { description: 'Whether there is a next page, and the cursors to ask for it.' })
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'Exact number of notes in the whole list that the viewer may see.' })
  totalCount!: Lazy<number>;
}
