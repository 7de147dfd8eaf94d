import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PageInfo, Lazy } from '../common/connection';
import { Note, NoteRecord } from '../content/types';
import { NoteEdgeReason } from './ranking';

registerEnumType(NoteEdgeReason, {
  name: 'NoteEdgeReason',
  description: 'Why the discover feed chose a note: the strongest of its ranking signals. NoteEdge.reasonText words it for display. A viewer who refused PERSONALISED_RECOMMENDATIONS gets only TRENDING, NEW and POPULAR_TOPIC, each text ending "· not personalised".',
  valuesConfig: {
    BOUGHT_BY_FOLLOWEES: { description: 'People the viewer follows bought a product the note links ("bought by 2 people you follow").' },
    LIKED_BY_FOLLOWEES: { description: 'People the viewer follows liked the note ("liked by 3 people you follow").' },
    COLLECTED_BY_FOLLOWEES: { description: 'People the viewer follows collected the note ("collected by 1 person you follow").' },
    TOPIC: { description: 'The note has a topic the viewer engages with ("#skincare").' },
    SEARCHED: { description: 'The note has a topic of something the viewer searched for ("because you searched “toner”").' },
    TRENDING: { description: 'The note is engaging many people lately; also what a new viewer, of whom nothing is known yet, gets ("trending").' },
    NEW: { description: 'The note is recent ("new").' },
    POPULAR_TOPIC: { description: 'The note has a topic many people engage with lately ("popular in #skincare"): a public signal, used when the viewer refused PERSONALISED_RECOMMENDATIONS.' },
  },
});

@ObjectType({ description: 'One note of a NoteConnection, with its cursor (and, in the discover feed, why it was chosen).' })
export class NoteEdge {
  @Field({ description: 'Pass as `after` to get the notes after this one.' })
  cursor!: string;

  @Field(() => Note, { description: 'The note.' })
  node!: NoteRecord;

  @Field(() => NoteEdgeReason, { nullable: true, description: 'Why the discover feed chose this note, as a code to switch on; null in other lists.' })
  reason!: NoteEdgeReason | null;

  @Field(() => String, {
    nullable: true,
    description: 'The reason in words, for display ("liked by 3 people you follow", "#skincare", "because you searched “toner”", "trending", "new"); null in other lists.',
  })
  reasonText!: string | null;

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
