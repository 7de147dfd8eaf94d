import { Field, Float, Int, ObjectType } from 'type-graphql';
import { PageInfo, Lazy } from '../common/connection';
import { Note, NoteRecord } from '../content/types';

@ObjectType()
export class NoteEdge {
  @Field()
  cursor!: string;

  @Field(() => Note)
  node!: NoteRecord;

  @Field(() => String, { nullable: true, description: 'Why the discover feed chose this note ("liked by 3 people you follow", "#skincare", "because you searched “toner”", "trending", "new"); null in other lists.' })
  reason!: string | null;

  @Field(() => Float, { nullable: true, description: 'The discover ranking score; null in other lists.' })
  score!: number | null;
}

@ObjectType({ description: 'A list of notes: a feed, a profile, a topic, a product page or a collection. At most 50 a page.' })
export class NoteConnection {
  @Field(() => [NoteEdge])
  edges!: NoteEdge[];

  @Field(() => [Note])
  nodes!: NoteRecord[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'Exact number of notes in the whole list that the viewer may see.' })
  totalCount!: Lazy<number>;
}
